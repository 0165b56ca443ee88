/**
 * The images of a kubeadm cluster's own pods, which a node holds before any pull, as a kind node image holds
 * them (kubeadm's `config images pull` on a real node): the control plane's, CoreDNS, kube-proxy, the CNI's
 * and the pause image. kube-system's pods start at once; anything else is pulled.
 */
export const kubeadmImages = {
  apiServer: 'registry.k8s.io/kube-apiserver:v1.32.0',
  controllerManager: 'registry.k8s.io/kube-controller-manager:v1.32.0',
  scheduler: 'registry.k8s.io/kube-scheduler:v1.32.0',
  etcd: 'registry.k8s.io/etcd:3.5.16-0',
  coredns: 'registry.k8s.io/coredns/coredns:v1.11.3',
  kubeProxy: 'registry.k8s.io/kube-proxy:v1.32.0',
  kindnet: 'docker.io/kindest/kindnetd:v20241108-5c6d2daf',
  pause: 'registry.k8s.io/pause:3.10',
} as const;

/** The Kubernetes release those control-plane images are: what a new kubeadm-shaped lab runs. */
export const kubeadmRelease = kubeadmImages.apiServer.slice(kubeadmImages.apiServer.lastIndexOf(':') + 1);

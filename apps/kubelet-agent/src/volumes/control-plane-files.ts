/**
 * What `kubeadm init` leaves on the control-plane node's disk (1.32): the static pod manifests of etcd,
 * kube-apiserver, kube-controller-manager and kube-scheduler in /etc/kubernetes/manifests, with kubeadm's
 * commands, flags, hostPath mounts and probes, and the kubeconfig files they name. The kubelet of that node
 * runs them as static pods, so these files are where a learner reads and breaks the control plane.
 */
import { kubeadmImages } from '@kubelab/images';
import { caDays, kubeadmPkiText } from '@kubelab/shell';

/** kubeadm's control-plane node, and the component each of its static pods is: mirror pod `NAME-controlplane`. */
export const controlPlaneNodeName = 'controlplane';

/** Where kubeadm's etcd serves clients (its manifest's --listen-client-urls) on the control-plane node at `address`. */
export const etcdClientUrls = (address: string) => ['https://127.0.0.1:2379', `https://${address}:2379`];
/** The certificate etcd serves clients with (its manifest's --cert-file). */
export const etcdServerCertificate = '/etc/kubernetes/pki/etcd/server.crt';

/** A hostPath volume and its mount, as kubeadm lists them (volumes by name, mounts in the container). */
interface Mount {
  name: string;
  path: string;
  type: 'DirectoryOrCreate' | 'FileOrCreate';
  readOnly?: boolean;
}

const caCerts: Mount[] = [
  { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];
const localCaCerts: Mount[] = [
  { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];
const k8sCerts: Mount = { name: 'k8s-certs', path: '/etc/kubernetes/pki', type: 'DirectoryOrCreate', readOnly: true };

/** A probe as kubeadm writes them: HTTPS (or HTTP) GET on the node's address. */
function probe(host: string, port: number, path: string, scheme: 'HTTP' | 'HTTPS', failureThreshold: number, periodSeconds = 10): string {
  return `
      failureThreshold: ${failureThreshold}
      httpGet:
        host: ${host}
        path: ${path}
        port: ${port}
        scheme: ${scheme}
      initialDelaySeconds: 10
      periodSeconds: ${periodSeconds}
      timeoutSeconds: 15`;
}

interface StaticPod {
  name: string;
  image: string;
  command: string[];
  annotations?: Record<string, string>;
  probes: { liveness: string; readiness?: string; startup: string };
  cpu: string;
  mounts: Mount[];
}

/** A manifest in kubeadm's layout (its fields in the order `kubeadm init` writes them). */
function manifest(pod: StaticPod): string {
  const annotations = Object.entries(pod.annotations ?? {});
  const mounts = [...pod.mounts].sort((a, b) => a.name.localeCompare(b.name));
  return `apiVersion: v1
kind: Pod
metadata:
${annotations.length ? `  annotations:\n${annotations.map(([k, v]) => `    ${k}: ${v}`).join('\n')}\n` : ''}  creationTimestamp: null
  labels:
    component: ${pod.name}
    tier: control-plane
  name: ${pod.name}
  namespace: kube-system
spec:
  containers:
  - command:
${pod.command.map((word) => `    - ${word}`).join('\n')}
    image: ${pod.image}
    imagePullPolicy: IfNotPresent
    livenessProbe:${pod.probes.liveness}
    name: ${pod.name}
${pod.probes.readiness ? `    readinessProbe:${pod.probes.readiness}\n` : ''}    resources:
      requests:
        cpu: ${pod.cpu}
    startupProbe:${pod.probes.startup}
    volumeMounts:
${mounts.map((m) => `    - mountPath: ${m.path}\n      name: ${m.name}${m.readOnly ? '\n      readOnly: true' : ''}`).join('\n')}
  hostNetwork: true
  priority: 2000001000
  priorityClassName: system-node-critical
  securityContext:
    seccompProfile:
      type: RuntimeDefault
  volumes:
${mounts.map((m) => `  - hostPath:\n      path: ${m.path}\n      type: ${m.type}\n    name: ${m.name}`).join('\n')}
status: {}
`;
}

/** The four manifests kubeadm writes, by file name, for a control plane advertised at `address`. */
function controlPlaneManifests(address: string): Record<string, string> {
  const etcdData: Mount = { name: 'etcd-data', path: '/var/lib/etcd', type: 'DirectoryOrCreate' };
  const etcdCerts: Mount = { name: 'etcd-certs', path: '/etc/kubernetes/pki/etcd', type: 'DirectoryOrCreate' };
  return {
    'etcd.yaml': manifest({
      name: 'etcd', image: kubeadmImages.etcd, cpu: '100m', mounts: [etcdData, etcdCerts],
      annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${address}:2379` },
      command: [
        'etcd', `--advertise-client-urls=https://${address}:2379`, `--cert-file=${etcdServerCertificate}`, '--client-cert-auth=true',
        '--data-dir=/var/lib/etcd', '--experimental-initial-corrupt-check=true', '--experimental-watch-progress-notify-interval=5s',
        `--initial-advertise-peer-urls=https://${address}:2380`, `--initial-cluster=${controlPlaneNodeName}=https://${address}:2380`,
        '--key-file=/etc/kubernetes/pki/etcd/server.key', `--listen-client-urls=${etcdClientUrls(address).join(',')}`,
        '--listen-metrics-urls=http://127.0.0.1:2381', `--listen-peer-urls=https://${address}:2380`, `--name=${controlPlaneNodeName}`,
        '--peer-cert-file=/etc/kubernetes/pki/etcd/peer.crt', '--peer-client-cert-auth=true', '--peer-key-file=/etc/kubernetes/pki/etcd/peer.key',
        '--peer-trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt', '--snapshot-count=10000', '--trusted-ca-file=/etc/kubernetes/pki/etcd/ca.crt',
      ],
      probes: {
        liveness: probe('127.0.0.1', 2381, '/livez', 'HTTP', 8),
        readiness: probe('127.0.0.1', 2381, '/readyz', 'HTTP', 3, 1),
        startup: probe('127.0.0.1', 2381, '/readyz', 'HTTP', 24),
      },
    }),
    'kube-apiserver.yaml': manifest({
      name: 'kube-apiserver', image: kubeadmImages.apiServer, cpu: '250m', mounts: [...caCerts, k8sCerts, ...localCaCerts],
      annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${address}:6443` },
      command: [
        'kube-apiserver', `--advertise-address=${address}`, '--allow-privileged=true', '--authorization-mode=Node,RBAC',
        '--client-ca-file=/etc/kubernetes/pki/ca.crt', '--enable-admission-plugins=NodeRestriction', '--enable-bootstrap-token-auth=true',
        '--etcd-cafile=/etc/kubernetes/pki/etcd/ca.crt', '--etcd-certfile=/etc/kubernetes/pki/apiserver-etcd-client.crt',
        '--etcd-keyfile=/etc/kubernetes/pki/apiserver-etcd-client.key', '--etcd-servers=https://127.0.0.1:2379',
        '--kubelet-client-certificate=/etc/kubernetes/pki/apiserver-kubelet-client.crt', '--kubelet-client-key=/etc/kubernetes/pki/apiserver-kubelet-client.key',
        '--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname', '--proxy-client-cert-file=/etc/kubernetes/pki/front-proxy-client.crt',
        '--proxy-client-key-file=/etc/kubernetes/pki/front-proxy-client.key', '--requestheader-allowed-names=front-proxy-client',
        '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt', '--requestheader-extra-headers-prefix=X-Remote-Extra-',
        '--requestheader-group-headers=X-Remote-Group', '--requestheader-username-headers=X-Remote-User', '--secure-port=6443',
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local', '--service-account-key-file=/etc/kubernetes/pki/sa.pub',
        '--service-account-signing-key-file=/etc/kubernetes/pki/sa.key', '--service-cluster-ip-range=10.96.0.0/12',
        '--tls-cert-file=/etc/kubernetes/pki/apiserver.crt', '--tls-private-key-file=/etc/kubernetes/pki/apiserver.key',
      ],
      probes: {
        liveness: probe(address, 6443, '/livez', 'HTTPS', 8),
        readiness: probe(address, 6443, '/readyz', 'HTTPS', 3, 1),
        startup: probe(address, 6443, '/livez', 'HTTPS', 24),
      },
    }),
    'kube-controller-manager.yaml': manifest({
      name: 'kube-controller-manager', image: kubeadmImages.controllerManager, cpu: '200m',
      mounts: [
        ...caCerts, { name: 'flexvolume-dir', path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate' }, k8sCerts,
        { name: 'kubeconfig', path: '/etc/kubernetes/controller-manager.conf', type: 'FileOrCreate', readOnly: true }, ...localCaCerts,
      ],
      command: [
        'kube-controller-manager', '--allocate-node-cidrs=true', '--authentication-kubeconfig=/etc/kubernetes/controller-manager.conf',
        '--authorization-kubeconfig=/etc/kubernetes/controller-manager.conf', '--bind-address=127.0.0.1', '--client-ca-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-cidr=10.244.0.0/16', '--cluster-name=kubernetes', '--cluster-signing-cert-file=/etc/kubernetes/pki/ca.crt',
        '--cluster-signing-key-file=/etc/kubernetes/pki/ca.key', '--controllers=*,bootstrapsigner,tokencleaner',
        '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--leader-elect=true', '--requestheader-client-ca-file=/etc/kubernetes/pki/front-proxy-ca.crt',
        '--root-ca-file=/etc/kubernetes/pki/ca.crt', '--service-account-private-key-file=/etc/kubernetes/pki/sa.key', '--service-cluster-ip-range=10.96.0.0/12',
        '--use-service-account-credentials=true',
      ],
      probes: { liveness: probe('127.0.0.1', 10257, '/healthz', 'HTTPS', 8), startup: probe('127.0.0.1', 10257, '/healthz', 'HTTPS', 24) },
    }),
    'kube-scheduler.yaml': manifest({
      name: 'kube-scheduler', image: kubeadmImages.scheduler, cpu: '100m',
      mounts: [{ name: 'kubeconfig', path: '/etc/kubernetes/scheduler.conf', type: 'FileOrCreate', readOnly: true }],
      command: [
        'kube-scheduler', '--authentication-kubeconfig=/etc/kubernetes/scheduler.conf', '--authorization-kubeconfig=/etc/kubernetes/scheduler.conf',
        '--bind-address=127.0.0.1', '--kubeconfig=/etc/kubernetes/scheduler.conf', '--leader-elect=true',
      ],
      probes: { liveness: probe('127.0.0.1', 10259, '/livez', 'HTTPS', 8), startup: probe('127.0.0.1', 10259, '/livez', 'HTTPS', 24) },
    }),
  };
}

/** A kubeconfig as kubeadm writes one for a component (`file`, issued at `issued`): the cluster's CA and endpoint, and the component's user. */
function kubeconfig(file: string, address: string, ca: string | undefined, user: string, issued: Date): string {
  const caData = Buffer.from(ca ?? '').toString('base64');
  const certificate = Buffer.from(kubeadmPkiText(file, issued)).toString('base64');
  const key = Buffer.from(`kubelab keeps ${user}'s key off the node\n`).toString('base64');
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${caData}
    server: https://${address}:6443
  name: kubernetes
contexts:
- context:
    cluster: kubernetes
    user: ${user}
  name: ${user}@kubernetes
current-context: ${user}@kubernetes
kind: Config
preferences: {}
users:
- name: ${user}
  user:
    client-certificate-data: ${certificate}
    client-key-data: ${key}
`;
}

/** The certificates and keys `kubeadm init` writes under /etc/kubernetes/pki beside the cluster CA (every node's ca.crt). */
const kubeadmPkiFiles = [
  'apiserver.crt', 'apiserver.key', 'apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key',
  'ca.key', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub',
  'etcd/ca.crt', 'etcd/ca.key', 'etcd/healthcheck-client.crt', 'etcd/healthcheck-client.key', 'etcd/peer.crt', 'etcd/peer.key', 'etcd/server.crt', 'etcd/server.key',
];

/**
 * The control-plane node's files beyond every node's: the manifests, the kubeconfigs of the admin and the components,
 * and kubeadm's certificates and keys, whose paths the manifests' flags name (their contents stay off the node).
 */
export function controlPlaneFiles(address: string, ca: string | undefined, issued: Date): Record<string, string> {
  const manifests = Object.entries(controlPlaneManifests(address)).map(([file, text]) => [`/etc/kubernetes/manifests/${file}`, text]);
  // A certificate says when it was issued and until when it is valid (kubeadm's CAs ten years, the rest one); a key does not.
  const pki = kubeadmPkiFiles.map((file) => [`/etc/kubernetes/pki/${file}`, file.endsWith('.crt') ? kubeadmPkiText(file, issued, /ca\.crt$/.test(file) ? caDays : undefined) : kubeadmPkiText(file)]);
  const kubeconfigs = [['admin.conf', 'kubernetes-admin'], ['super-admin.conf', 'kubernetes-super-admin'], ['controller-manager.conf', 'system:kube-controller-manager'], ['scheduler.conf', 'system:kube-scheduler']];
  return {
    ...Object.fromEntries(manifests),
    ...Object.fromEntries(pki),
    ...Object.fromEntries(kubeconfigs.map(([file, user]) => [`/etc/kubernetes/${file}`, kubeconfig(file, address, ca, user, issued)])),
  };
}

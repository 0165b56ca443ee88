/**
 * The kubelet's files on a node kubeadm joined (1.32, the deb packages): its systemd unit and kubeadm's drop-in, the
 * flags kubeadm wrote for it, and the KubeletConfiguration kubeadm generated, with the cluster's DNS address and
 * domain. They are where a learner looks first when a node goes NotReady.
 */
import { kubeadmRelease } from '@kubelab/images';
import { kubernetesNodePackageFiles } from '@kubelab/shell';
import { nodeAddressOf } from '../node-object.js';

/** The cluster settings the kubelet's configuration names, and the cluster's CA (kube-root-ca.crt's; undefined until the agent has read it). */
export interface KubeletClusterSettings {
  clusterDns: string;
  clusterDomain: string;
  clusterCa(): string | undefined;
}

/** The control plane's endpoint as kubeadm writes it into every node's kubelet.conf: the controlplane node's address. */
export const apiServerEndpoint = `https://${nodeAddressOf(0)}:6443`;

/** Where the kubelet's client certificate and key are after its TLS bootstrap (kubelet.conf names them). */
export const kubeletClientCertificate = '/var/lib/kubelet/pki/kubelet-client-current.pem';

/** The kubelet's kubeconfig as `kubeadm join` leaves it once the TLS bootstrap is done: the cluster's CA and endpoint, the rotated client certificate. */
function kubeletKubeconfig(ca: string | undefined): string {
  return `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: ${Buffer.from(ca ?? '').toString('base64')}
    server: ${apiServerEndpoint}
  name: default-cluster
contexts:
- context:
    cluster: default-cluster
    namespace: default
    user: default-auth
  name: default-context
current-context: default-context
kind: Config
preferences: {}
users:
- name: default-auth
  user:
    client-certificate: ${kubeletClientCertificate}
    client-key: ${kubeletClientCertificate}
`;
}

const kubeletService = `[Unit]
Description=kubelet: The Kubernetes Node Agent
Documentation=https://kubernetes.io/docs/
Wants=network-online.target
After=network-online.target

[Service]
ExecStart=/usr/bin/kubelet
Restart=always
StartLimitInterval=0
RestartSec=10

[Install]
WantedBy=multi-user.target
`;

const kubeadmDropIn = `# Note: This dropin only works with kubeadm and kubelet v1.11+
[Service]
Environment="KUBELET_KUBECONFIG_ARGS=--bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf"
Environment="KUBELET_CONFIG_ARGS=--config=/var/lib/kubelet/config.yaml"
# This is a file that "kubeadm init" and "kubeadm join" generates at runtime, populating the KUBELET_KUBEADM_ARGS variable dynamically
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
# This is a file that the user can use for overrides of the kubelet args as a last resort. Preferably, the user should use
# the .NodeRegistration.KubeletExtraArgs object in the configuration files instead. KUBELET_EXTRA_ARGS should be sourced from this file.
EnvironmentFile=-/etc/default/kubelet
ExecStart=
ExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS
`;

/** kubeadm's KubeletConfiguration as `kubeadm join` writes it (zero durations are the kubelet's defaults). */
function kubeletConfig(cluster: KubeletClusterSettings): string {
  return `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: /etc/kubernetes/pki/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: systemd
clusterDNS:
- ${cluster.clusterDns}
clusterDomain: ${cluster.clusterDomain}
containerRuntimeEndpoint: ""
cpuManagerReconcilePeriod: 0s
evictionPressureTransitionPeriod: 0s
fileCheckFrequency: 0s
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
resolvConf: /run/systemd/resolve/resolv.conf
rotateCertificates: true
runtimeRequestTimeout: 0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: /etc/kubernetes/manifests
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;
}

/**
 * containerd 1.7's configuration as the kubeadm install guide leaves it: runc with the systemd cgroup driver, which the
 * kubelet's cgroupDriver must match. containerd read it when it started; the lab's containerd keeps that driver.
 */
const containerdConfig = `version = 2

[plugins]
  [plugins."io.containerd.grpc.v1.cri"]
    sandbox_image = "registry.k8s.io/pause:3.10"
    [plugins."io.containerd.grpc.v1.cri".cni]
      bin_dir = "/opt/cni/bin"
      conf_dir = "/etc/cni/net.d"
    [plugins."io.containerd.grpc.v1.cri".containerd]
      default_runtime_name = "runc"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes]
        [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
          runtime_type = "io.containerd.runc.v2"
          [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
            SystemdCgroup = true
`;

/**
 * What `kubeadm join` leaves on a node for its kubelet, by path: the cluster CA in /etc/kubernetes/pki, kubelet.conf the
 * way to the API once its TLS bootstrap is done (bootstrap-kubelet.conf is gone then), the KubeletConfiguration and the
 * flags kubeadm wrote for it.
 */
export function kubeadmJoinFiles(cluster: KubeletClusterSettings): Record<string, string> {
  const ca = cluster.clusterCa();
  return {
    ...(ca === undefined ? {} : { '/etc/kubernetes/pki/ca.crt': ca }),
    '/var/lib/kubelet/kubeadm-flags.env': 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    '/var/lib/kubelet/config.yaml': kubeletConfig(cluster),
    '/etc/kubernetes/kubelet.conf': kubeletKubeconfig(ca),
    [kubeletClientCertificate]: 'kubelab keeps the kubelet\'s client certificate and key off the node\n',
  };
}

/**
 * A kubeadm machine's files before it joins, by path: the packages the kubeadm install guide put there (dpkg's status,
 * apt's pkgs.k8s.io source), the kubelet's systemd unit and kubeadm's drop-in, containerd's configuration.
 */
export function kubeadmMachineFiles(): Record<string, string> {
  return {
    ...kubernetesNodePackageFiles(kubeadmRelease.slice(1)),
    '/usr/lib/systemd/system/kubelet.service': kubeletService,
    '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf': kubeadmDropIn,
    '/etc/containerd/config.toml': containerdConfig,
  };
}

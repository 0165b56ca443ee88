/**
 * The kubelet's files on a node kubeadm joined (1.32, the deb packages): its systemd unit and kubeadm's drop-in, the
 * flags kubeadm wrote for it, and the KubeletConfiguration kubeadm generated, with the cluster's DNS address and
 * domain. They are where a learner looks first when a node goes NotReady.
 */

/** The cluster settings the kubelet's configuration names, and the cluster's CA (kube-root-ca.crt's; undefined until the agent has read it). */
export interface KubeletClusterSettings {
  clusterDns: string;
  clusterDomain: string;
  clusterCa(): string | undefined;
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

/** The kubelet's files on the node's disk, by path: /etc/kubernetes/pki holds the cluster CA, as `kubeadm join` leaves it. */
export function kubeadmNodeFiles(cluster: KubeletClusterSettings): Record<string, string> {
  const ca = cluster.clusterCa();
  return {
    ...(ca === undefined ? {} : { '/etc/kubernetes/pki/ca.crt': ca }),
    '/usr/lib/systemd/system/kubelet.service': kubeletService,
    '/etc/systemd/system/kubelet.service.d/10-kubeadm.conf': kubeadmDropIn,
    '/var/lib/kubelet/kubeadm-flags.env': 'KUBELET_KUBEADM_ARGS="--container-runtime-endpoint=unix:///var/run/containerd/containerd.sock --pod-infra-container-image=registry.k8s.io/pause:3.10"\n',
    '/var/lib/kubelet/config.yaml': kubeletConfig(cluster),
  };
}

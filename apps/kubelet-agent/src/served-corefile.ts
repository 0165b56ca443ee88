/**
 * The Corefile the cluster's CoreDNS serves, as the agent's network answers names by it: the `Corefile` key of
 * kube-system/coredns (what kubeadm's Deployment mounts at /etc/coredns), followed through the agent's ConfigMap cache.
 * CoreDNS's reload plugin serves a valid change and keeps its configuration when the change is refused, so the newest
 * valid Corefile the ConfigMap has held is the one served; a deleted ConfigMap leaves the running CoreDNS as it was.
 * Checked as in a CoreDNS container, whose /etc/resolv.conf is the node's (dnsPolicy Default).
 */
import type { ConfigMap } from '@kubelab/api';
import type { Informer } from '@kubelab/bus';
import { reloadCorefile, type Corefile, type CorefileWorld } from '@kubelab/images';
import { nodeAddressOf } from './node-object.js';
import { nodeResolver, resolvConf } from './runtime/container-files.js';

const corefilePath = '/etc/coredns/Corefile';
const coreDnsContainer: CorefileWorld = {
  readFile: (path) => (path === '/etc/resolv.conf' ? resolvConf(nodeResolver(nodeAddressOf(0))) : undefined),
  dnsPort: '53',
};

const isCoreDnsConfig = (configMap: ConfigMap) => configMap.metadata.namespace === 'kube-system' && configMap.metadata.name === 'coredns';

/** Starts following the coredns ConfigMap in `configMaps` (already listed); returns what CoreDNS serves now, undefined until a valid Corefile was seen. */
export function followServedCorefile(configMaps: Informer<ConfigMap>): () => Corefile | undefined {
  let served: Corefile | undefined;
  const see = (configMap: ConfigMap | undefined) => {
    const text = configMap?.data?.Corefile;
    if (text !== undefined) served = reloadCorefile(served, corefilePath, text, coreDnsContainer);
  };
  see(configMaps.get('kube-system', 'coredns'));
  configMaps.onChange((type, configMap) => {
    if (type !== 'DELETED' && isCoreDnsConfig(configMap)) see(configMap);
  });
  return () => served;
}

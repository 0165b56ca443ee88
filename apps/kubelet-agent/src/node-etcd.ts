/**
 * etcd on the control-plane node as etcdctl reaches it: the member kubeadm's manifest makes (named after the node, its
 * peer and client URLs on the node's address), listening while its static pod's container runs, and the store it
 * serves, which is the api-server's (asked over the agent's own NATS connection, as only this node's agent may).
 */
import type { ApiClient } from '@kubelab/bus';
import type { EtcdKeyValue, EtcdMember, EtcdStatus, NodeCri, NodeEtcd } from '@kubelab/shell';

/** The member ID etcd derives for a one-member cluster of kubeadm's (the same for every lab, as its inputs are). */
const memberId = '8e9e05c52164694d';

export function nodeEtcd(node: string, address: string, cri: NodeCri, client: ApiClient): NodeEtcd {
  const member: EtcdMember = { id: memberId, name: node, peerUrls: [`https://${address}:2380`], clientUrls: [`https://${address}:2379`] };
  return {
    serving: () => cri.containers().some((c) => c.name === 'etcd' && c.state === 'CONTAINER_RUNNING' && c.sandbox.namespace === 'kube-system' && c.sandbox.name === `etcd-${node}`) ? member : undefined,
    status: () => client.etcd<EtcdStatus>({ op: 'status' }),
    range: (key, options) => client.etcd<{ revision: number; kvs: EtcdKeyValue[]; count: number }>({ op: 'range', key, ...options }),
  };
}

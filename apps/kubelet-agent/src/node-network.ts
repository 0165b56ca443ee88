/**
 * A node's network as `ip`, `ss` and `netstat` on it read it: the kind-like host kubeadm set up (eth0 at the node's
 * address on 172.18.0.0/16, the default route through 172.18.0.1), kindnet's routes to every other Node's pod range
 * through that Node's InternalIP (as kindnet reads them off the Node objects), a veth per pod sandbox on the pod
 * network, and the node's processes, whose listening sockets the tools derive.
 */
import type { Node, Pod } from '@kubelab/api';
import type { CriSandbox, NodeNetwork, PodInterface, ProcessInfo } from '@kubelab/shell';
import { nodeAddressOf, podCidrOf } from './node-object.js';

/** The lab network's gateway (Docker's bridge on a kind host), which every node's default route goes through. */
const gateway = '172.18.0.1';
const prefixLength = 16;

/** What the agent keeps of every Node: its name, pod range and addresses, as kindnet reads them for the routes, and its kubelet's version, which kubeadm reads. */
export function nodeRouteView(node: Node): Node {
  return {
    apiVersion: node.apiVersion, kind: node.kind,
    metadata: { name: node.metadata.name, uid: node.metadata.uid, resourceVersion: node.metadata.resourceVersion },
    spec: { podCIDR: node.spec?.podCIDR },
    status: { addresses: node.status?.addresses, nodeInfo: node.status?.nodeInfo },
  };
}

/** Each other Node with a pod range and an InternalIP: kindnet routes the range through the address. */
export function kindnetRoutes(self: string, nodes: readonly Node[]): { podCidr: string; address: string }[] {
  return nodes.flatMap((node) => {
    const podCidr = node.spec?.podCIDR;
    const address = node.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
    return node.metadata.name !== self && podCidr && address ? [{ podCidr, address }] : [];
  });
}

/** What the network reads of the node's runtime: the ready sandboxes, and the pod each belongs to as its worker has it. */
export interface NodePods {
  sandboxes(): readonly CriSandbox[];
  pod(uid: string): Pod | undefined;
}

/** The pods with a veth: each ready sandbox of a pod on the pod network that has its address. */
export function podInterfaces(runtime: NodePods): PodInterface[] {
  return runtime.sandboxes().filter((s) => s.ready).flatMap((sandbox) => {
    const pod = runtime.pod(sandbox.uid);
    const podIP = pod?.status?.podIP;
    return podIP && !pod.spec?.hostNetwork ? [{ sandboxId: sandbox.id, podIP }] : [];
  });
}

/** The network of the node `name`, the lab's node number `index`. */
export function nodeNetwork(name: string, index: number, sources: { nodes: () => readonly Node[]; pods: NodePods; processes: () => readonly ProcessInfo[] }): NodeNetwork {
  return {
    address: nodeAddressOf(index), prefixLength, gateway, podCidr: podCidrOf(index),
    peers: () => kindnetRoutes(name, sources.nodes()),
    pods: () => podInterfaces(sources.pods),
    processes: sources.processes,
  };
}

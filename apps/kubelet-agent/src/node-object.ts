/** The Node object an emulated node registers, and the status it reports. */
import type { Node } from '@kubelab/api';
import { kubeadmRelease } from '@kubelab/images';
import type { Taint } from 'kubernetes-types/core/v1';

export interface NodeIdentity {
  name: string;
  /** 1-based index in the lab: gives the node its pod CIDR and address. */
  index: number;
  cpu: string;
  memory: string;
  maxPods: number;
  /** What it registers with beyond the kubelet's own labels (--node-labels, --register-with-taints). */
  labels?: Record<string, string>;
  taints?: Taint[];
  /** The release its kubelet runs (the kubelet package's, read when the kubelet starts); none: the lab's first, kubeadmRelease. */
  kubeletVersion?: string;
}

/** 10.244.<index>.0/24, as kubeadm clusters hand out pod CIDRs. */
export function podCidrOf(index: number): string {
  return `10.244.${index % 256}.0/24`;
}

/** The node's InternalIP on the emulated host network. */
export function nodeAddressOf(index: number): string {
  return `172.18.${Math.floor(index / 250)}.${(index % 250) + 2}`;
}

function readyCondition(now: string, ready: boolean) {
  return {
    type: 'Ready', status: ready ? 'True' : 'False', lastHeartbeatTime: now, lastTransitionTime: now,
    reason: ready ? 'KubeletReady' : 'KubeletNotReady', message: ready ? 'kubelet is posting ready status' : 'kubelet is starting',
  };
}

function pressure(type: string, reason: string, message: string, now: string) {
  return { type, status: 'False', lastHeartbeatTime: now, lastTransitionTime: now, reason, message };
}

/** Status of a healthy node at `now`. */
export function nodeStatus(id: NodeIdentity, now: string) {
  const resources = { cpu: id.cpu, memory: id.memory, pods: String(id.maxPods), 'ephemeral-storage': '100Gi' };
  return {
    capacity: resources,
    allocatable: resources,
    conditions: [
      pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available', now),
      pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure', now),
      pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available', now),
      readyCondition(now, true),
    ],
    addresses: [{ type: 'InternalIP', address: nodeAddressOf(id.index) }, { type: 'Hostname', address: id.name }],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      machineID: `kubelab-${id.name}`, systemUUID: `kubelab-${id.name}`, bootID: `kubelab-${id.name}`,
      kernelVersion: '6.1.0-kubelab', osImage: 'kubelab emulated node', containerRuntimeVersion: 'kubelab://0.1.0',
      kubeletVersion: id.kubeletVersion ?? kubeadmRelease, kubeProxyVersion: id.kubeletVersion ?? kubeadmRelease, operatingSystem: 'linux', architecture: 'amd64',
    },
  };
}

/** The Node object to create when the node first registers. */
export function nodeObject(id: NodeIdentity, now: string): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels: {
        'kubernetes.io/hostname': id.name, 'kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux', 'beta.kubernetes.io/arch': 'amd64', ...id.labels,
      },
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kubelab.dev/agent': 'kubelet-agent' },
    },
    spec: { podCIDR: podCidrOf(id.index), podCIDRs: [podCidrOf(id.index)], ...(id.taints?.length ? { taints: id.taints } : {}) },
    status: nodeStatus(id, now),
  };
}

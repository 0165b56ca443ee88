/**
 * What a node uses besides its pods: the kubelet, the container runtime and the operating system. A node with nothing
 * scheduled shows it in `kubectl top nodes`, and it counts against the memory the node has left before pressure.
 */
export const systemUsage = { cpuMillicores: 25, memoryBytes: 256 * 1024 * 1024 } as const;

/**
 * @kubelab/usage — what emulated containers consume: the CPU a node shares among them (limits, then requests) and the
 * usage report each node makes of its pods every metrics resolution.
 */
export { shareCpu, type CpuClaim } from './cpu-share.js';
export { freshContainerMinSeconds, nodeUsageReport, workingSetBytes, type ContainerSample, type NodeSample, type PodSample } from './node-usage-report.js';
export { systemUsage } from './system-usage.js';

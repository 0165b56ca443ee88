/**
 * What a kubelet-agent reports of each of its nodes every metrics resolution (metrics-server's 15 s, on the lab clock):
 * the node's and each pod's running containers' CPU, averaged over the window, and memory, the working set at the
 * timestamp. It is what the kubelet's resource metrics and metrics-server's rate between two scrapes give together;
 * the api-server serves it as metrics.k8s.io NodeMetrics and PodMetrics, never storing it in the event log.
 */

/** One running container's use. */
export interface ContainerUsage {
  readonly name: string;
  readonly cpuNanoCores: number;
  readonly memoryBytes: number;
}

/** A pod whose every running container has been measured over a window (a pod with a container too young to measure is left out, as metrics-server does). */
export interface PodUsage {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  /** The window the CPU averages cover, as Go prints a duration of lab time (`15s`, `12.5s`). */
  readonly window: string;
  readonly containers: readonly ContainerUsage[];
}

/** One node's report. */
export interface NodeUsageReport {
  readonly node: string;
  /** When the usage was measured (RFC 3339, seconds, wall clock). */
  readonly timestamp: string;
  /** The window of the node's CPU average, as Go prints a duration of lab time. */
  readonly window: string;
  /** The node's use: its pods' and the system's (kubelet, container runtime, operating system). */
  readonly cpuNanoCores: number;
  readonly memoryBytes: number;
  readonly pods: readonly PodUsage[];
  /**
   * When the report goes stale (RFC 3339 with milliseconds, wall clock): past it the agent has stopped reporting, and
   * the node and its pods have no metrics, as metrics-server drops a node whose kubelet it cannot scrape.
   */
  readonly expires: string;
}

/** The latest report of each node, looked up by the node's name. */
export interface NodeUsageReports {
  get(node: string): NodeUsageReport | undefined;
}

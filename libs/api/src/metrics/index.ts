/** The resource metrics API (metrics.k8s.io): the agents' usage reports, and the NodeMetrics and PodMetrics made of them. */
export type { ContainerUsage, NodeUsageReport, NodeUsageReports, PodUsage } from './node-usage-report.js';
export { cpuQuantity, isCurrentReport, isMetricsApiService, memoryQuantity, metricsApiServiceName, metricsApiVersion, metricsListItem, nodeMetrics, podMetrics, podUsageOf } from './metrics-objects.js';
export { metricsTable } from './metrics-table.js';
export { getMetrics, listMetrics, type MetricsSelectors, type MetricsSource } from './metrics-reads.js';

/**
 * sig-scalability's SLOs (PodStartupLatency, APIResponsiveness, SchedulingThroughput) as clusterloader2 judges them:
 * from a bench's own samples, or from a running lab's pods and its api-server's request histogram; and the tables
 * `npm run bench -- density` and `kubelab status --slo` print.
 */
export * from './slo.js';
export * from './exposition.js';
export * from './histogram-quantile.js';
export * from './api-histogram.js';
export * from './pod-timelines.js';
export * from './image-pulls.js';

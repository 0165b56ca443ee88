/** @kubelab/scheduling: the pure decision logic of kube-scheduler and the descheduler. */
export { ClusterSnapshot, ZONE_LABEL } from './snapshot/cluster-snapshot.js';
export { NodeInfo, type Allocatable } from './snapshot/node-info.js';
export type { BoundPod } from './snapshot/bound-pod.js';
export { boundPodView } from './snapshot/bound-pod-view.js';
export { podRequests, nonZeroPodRequests } from './resources/pod-requests.js';
export { DEFAULT_MEMORY_REQUEST, DEFAULT_MILLI_CPU_REQUEST, type Resources } from './resources/resources.js';
export { podPriority } from './pod/priority.js';
export { controllerOwner, type ControllerOwner } from './pod/controller-owner.js';
export { schedulePod, NO_NODES_AVAILABLE, type ScheduleOptions } from './schedule/schedule-pod.js';
export type { DecisionExplanation, SchedulingDecision } from './schedule/decision.js';
export { fitErrorMessage, preFilterFitErrorMessage } from './schedule/fit-error.js';
export { numFeasibleNodesToFind } from './schedule/nodes-to-find.js';
export { findPreemption, preemptionMessage, type PreemptionOutcome, type PreemptionOptions } from './preemption/find-preemption.js';
export { SchedulingQueue, type ClusterEvent, type SchedulingQueueOptions } from './queue/scheduling-queue.js';
export { planDeschedule, type DescheduleOptions } from './deschedule/plan-deschedule.js';
export type { DeschedulePlan, DescheduleStrategy, PlannedEviction } from './deschedule/eviction.js';
export type { UtilizationThresholds } from './deschedule/low-node-utilization.js';
export { requiredNodeMatcher, type NodeFacts, type NodeMatcher } from './node/node-selector.js';
/** A PersistentVolume's required node affinity (the kubelet checks it before mounting the volume). */
export { termsMatcher, type NodeSelectorTerm } from './node/node-selector.js';
export { firstUntoleratedTaint, toleratesTaint, type Taint, type Toleration } from './node/tolerations.js';
export * from './seeded-random.js';
export { VolumeSnapshot } from './volumes/volume-snapshot.js';
export type { PodVolumes, StaticBinding } from './volumes/find-pod-volumes.js';
export { assumePodVolumes, revertAssumedPodVolumes, type ReservedVolumes } from './volumes/assume-pod-volumes.js';
export { BIND_TIMEOUT_ERROR, bindingVolumesError, checkBindings, preBindFailure, type BindingProgress, type BindingWorld } from './volumes/check-bindings.js';

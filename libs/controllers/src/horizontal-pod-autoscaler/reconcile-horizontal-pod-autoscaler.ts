/**
 * The horizontal pod autoscaler (pkg/controller/podautoscaler/horizontal.go,
 * reconcileAutoscaler) as a decision in two steps, because what it reports depends on
 * whether its write of the target's scale succeeded:
 *
 *   1. planRescale: from the HPA, the target's scale (or why it could not be read), the
 *      target's pods and their metrics: the events, the rescale to make if any, the
 *      status to write and the history to keep.
 *        - replicas 0 with minReplicas above 0: scaling disabled;
 *        - above maxReplicas or below minReplicas: straight back into range;
 *        - otherwise the metrics' proposal, stabilized and limited (without a
 *          behavior: the 5 min downscale window and 2× per sync; with one: its windows
 *          and policies).
 *   2. settleRescale: once the scale was written (or refused): SuccessfulRescale and
 *      lastScaleTime, or FailedRescale and AbleToScale False.
 *
 * No I/O and no clock reads: the lab clock comes in; Kubernetes durations (windows,
 * periods) pass timeScale times faster than wall time.
 */
import { kubeTime, matchesLabels, type HorizontalPodAutoscaler, type Pod } from '@kubelab/api';
import type {
  HorizontalPodAutoscalerBehavior, HorizontalPodAutoscalerCondition, HorizontalPodAutoscalerStatus, HPAScalingRules, MetricSpec, MetricStatus,
} from 'kubernetes-types/autoscaling/v2';
import { semanticEqual } from '../replicaset/semantic-equal.js';
import type { WorkloadClock } from '../replicaset/workload-clock.js';
import { metricProposals, rescaleDecisionAnnotation, type RescaleDecision } from './rescale-decision.js';
import { setCondition, type HpaConditionChange } from './hpa-conditions.js';
import type { HpaEvent } from './hpa-event.js';
import { emptyHpaHistory, type HpaHistory } from './hpa-history.js';
import { validateHpaSelector } from './hpa-selector.js';
import type { HpaSettings } from './hpa-settings.js';
import { metricsReplicas } from './metric-replicas.js';
import type { PodMetricsListing } from './replica-calculator.js';
import { limitWithBehavior, limitWithoutBehavior, type LimitedReplicas } from './replica-limits.js';
import { storeScaleEvent } from './scale-events.js';
import { stabilizeRecommendation, stabilizeRecommendationWithBehaviors } from './stabilization.js';

/** The target's scale subresource as read: replicas wanted and running, and the pod selector. */
export interface TargetScale {
  specReplicas: number;
  statusReplicas: number;
  selector: string;
}

export interface HpaObservation {
  /** The HPA (autoscaling/v2) as the cache holds it. */
  hpa: HorizontalPodAutoscaler;
  /** Its target's scale, or why it could not be read (the message of the FailedGetScale event). */
  scale: TargetScale | { error: string };
  /** The pods of the HPA's namespace. */
  pods: readonly Pod[];
  /** The target's PodMetrics as listed from metrics.k8s.io, when needsResourceMetrics said to list them. */
  listing?: PodMetricsListing;
  /** The last seen scale selector of each HPA, by "namespace/name" (for the ambiguous-selector check). */
  selectors: ReadonlyMap<string, string>;
  history: HpaHistory | undefined;
  settings: HpaSettings;
  clock: WorkloadClock;
}

/** What to do about the HPA now; `rescale` is written first, then settleRescale says what to report. */
export interface HpaPlan {
  events: HpaEvent[];
  /** The scale to write, why, and the decision behind it. */
  rescale?: { replicas: number; reason: string; decision: RescaleDecision };
  /** The status to write when there is no rescale (absent when it would not change). */
  status?: HorizontalPodAutoscalerStatus;
  history: HpaHistory;
  /** This HPA's scale selector, to remember for the others' ambiguity check. */
  selector?: string;
  /** What settleRescale builds the status from. */
  draft: StatusDraft;
}

interface StatusDraft {
  previous: HorizontalPodAutoscalerStatus;
  conditions: HorizontalPodAutoscalerCondition[];
  currentReplicas: number;
  currentMetrics?: MetricStatus[];
  behavior?: HorizontalPodAutoscalerBehavior;
}

const key = (hpa: HorizontalPodAutoscaler) => `${hpa.metadata.namespace ?? ''}/${hpa.metadata.name}`;
const minReplicasOf = (hpa: HorizontalPodAutoscaler): number => hpa.spec?.minReplicas ?? 1;

/** Whether the target's replica count is one the metrics decide (not zero with scaling disabled, within min and max). */
function metricsDecide(hpa: HorizontalPodAutoscaler, replicas: number): boolean {
  return !(replicas === 0 && minReplicasOf(hpa) !== 0) && replicas <= (hpa.spec?.maxReplicas ?? 0) && replicas >= minReplicasOf(hpa);
}

/** Whether planRescale will read the target's PodMetrics: its replicas are for the metrics to decide and a metric is a resource one. */
export function needsResourceMetrics(hpa: HorizontalPodAutoscaler, scale: TargetScale): boolean {
  const specs: MetricSpec[] = hpa.spec?.metrics ?? [];
  return scale.selector !== '' && metricsDecide(hpa, scale.specReplicas) && specs.some((m) => m.type === 'Resource' || m.type === 'ContainerResource');
}

/** setStatus: the status the sync leaves, `desiredReplicas` and `lastScaleTime` as given. */
function statusOf(draft: StatusDraft, desiredReplicas: number, lastScaleTime: string | undefined): HorizontalPodAutoscalerStatus {
  return {
    ...(draft.currentReplicas ? { currentReplicas: draft.currentReplicas } : {}),
    desiredReplicas,
    ...(lastScaleTime ? { lastScaleTime } : {}),
    ...(draft.currentMetrics?.length ? { currentMetrics: draft.currentMetrics } : {}),
    ...(draft.conditions.length ? { conditions: draft.conditions } : {}),
  };
}

const changed = (previous: HorizontalPodAutoscalerStatus, next: HorizontalPodAutoscalerStatus) => (semanticEqual(previous, next) ? undefined : next);

/** The scaling rules of a behavior direction with the API's defaults for what is unset (GenerateHPAScale{Up,Down}Rules). */
function rulesOf(given: HPAScalingRules | undefined, direction: 'up' | 'down', downscaleWindowSeconds: number): HPAScalingRules {
  const policies = direction === 'up'
    ? [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }]
    : [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return {
    selectPolicy: given?.selectPolicy ?? 'Max',
    stabilizationWindowSeconds: given?.stabilizationWindowSeconds ?? (direction === 'up' ? 0 : downscaleWindowSeconds),
    policies: given?.policies ?? policies,
  };
}

/** normalizeDesiredReplicas(WithBehaviors): the proposal stabilized, then limited; the conditions that say so. */
function normalize(o: HpaObservation, history: HpaHistory, current: number, desired: number): {
  limited: LimitedReplicas; stabilized?: HpaConditionChange; scalingLimited: HpaConditionChange; recommendations: HpaHistory['recommendations']; conditions: HpaConditionChange[];
} {
  const { hpa, settings, clock } = o;
  const min = minReplicasOf(hpa);
  const max = hpa.spec?.maxReplicas ?? 0;
  const behavior: HorizontalPodAutoscalerBehavior | undefined = hpa.spec?.behavior;
  const ready: HpaConditionChange = { type: 'AbleToScale', status: 'True', reason: 'ReadyForNewScale', message: 'recommended size matches current size' };
  let stabilizedTo: number;
  let stabilizedWhy: HpaConditionChange | undefined;
  let recommendations: HpaHistory['recommendations'];
  let limited: LimitedReplicas;
  if (!behavior) {
    const s = stabilizeRecommendation(history.recommendations, desired, settings.downscaleStabilizationSeconds, clock);
    stabilizedTo = s.replicas;
    recommendations = s.recommendations;
    if (s.replicas !== desired) {
      stabilizedWhy = { type: 'AbleToScale', status: 'True', reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' };
    }
    limited = limitWithoutBehavior(current, stabilizedTo, min, max);
  } else {
    const scaleUp = rulesOf(behavior.scaleUp, 'up', settings.downscaleStabilizationSeconds);
    const scaleDown = rulesOf(behavior.scaleDown, 'down', settings.downscaleStabilizationSeconds);
    const windows = { scaleUpSeconds: scaleUp.stabilizationWindowSeconds!, scaleDownSeconds: scaleDown.stabilizationWindowSeconds! };
    const s = stabilizeRecommendationWithBehaviors(history.recommendations, current, desired, windows, clock);
    stabilizedTo = s.replicas;
    recommendations = s.recommendations;
    if (s.replicas !== desired) stabilizedWhy = { type: 'AbleToScale', status: 'True', reason: s.reason, message: s.message };
    limited = limitWithBehavior(current, stabilizedTo, min, max, { scaleUp, scaleDown, scaleUpEvents: history.scaleUpEvents, scaleDownEvents: history.scaleDownEvents }, clock);
  }
  const scalingLimited: HpaConditionChange = { type: 'ScalingLimited', status: limited.replicas === stabilizedTo ? 'False' : 'True', reason: limited.reason, message: limited.message };
  return { limited, ...(stabilizedWhy ? { stabilized: stabilizedWhy } : {}), scalingLimited, recommendations, conditions: [stabilizedWhy ?? ready, scalingLimited] };
}

/** Step 1: what the sync of one HPA does, before the scale is written. */
export function planRescale(o: HpaObservation): HpaPlan {
  const { hpa, clock } = o;
  const now = clock.now;
  const previous: HorizontalPodAutoscalerStatus = hpa.status ?? { desiredReplicas: 0 };
  let conditions = [...(previous.conditions ?? [])];
  const apply = (change: HpaConditionChange) => (conditions = setCondition(conditions, change, now));
  const events: HpaEvent[] = [];
  let history = o.history ?? emptyHpaHistory();

  if ('error' in o.scale) {
    events.push({ eventType: 'Warning', reason: 'FailedGetScale', message: o.scale.error });
    apply({ type: 'AbleToScale', status: 'False', reason: 'FailedGetScale', message: `the HPA controller was unable to get the target's current scale: ${o.scale.error}` });
    const draft = { previous, conditions, currentReplicas: previous.currentReplicas ?? 0, currentMetrics: previous.currentMetrics };
    const next = { ...previous, ...(conditions.length ? { conditions } : {}) };
    return { events, ...(changed(previous, next) ? { status: next } : {}), history, draft };
  }
  apply({ type: 'AbleToScale', status: 'True', reason: 'SucceededGetScale', message: "the HPA controller was able to get the target's current scale" });
  const current = o.scale.specReplicas;
  if (history.recommendations.length === 0) history = { ...history, recommendations: [{ replicas: current, at: now.getTime() }] };
  const min = minReplicasOf(hpa);
  const max = hpa.spec?.maxReplicas ?? 0;
  const specs: MetricSpec[] = hpa.spec?.metrics ?? [];
  const target = { kind: hpa.spec?.scaleTargetRef?.kind ?? '', name: hpa.spec?.scaleTargetRef?.name ?? '' };
  const decision = (to: number, reason: string, extra: Partial<RescaleDecision> = {}): RescaleDecision =>
    ({ target, currentReplicas: current, desiredReplicas: to, reason, minReplicas: min, maxReplicas: max, metrics: [], ...extra });
  const plan = (desired: number, rescale: HpaPlan['rescale'], draft: StatusDraft, extra: Partial<HpaPlan> = {}): HpaPlan => {
    const status = rescale ? undefined : changed(previous, statusOf(draft, desired, previous.lastScaleTime));
    return { events, ...(rescale ? { rescale } : {}), ...(status ? { status } : {}), history, draft, ...extra };
  };

  if (current === 0 && min !== 0) {
    apply({ type: 'ScalingActive', status: 'False', reason: 'ScalingDisabled', message: 'scaling is disabled since the replica count of the target is zero' });
    return plan(0, undefined, { previous, conditions, currentReplicas: current });
  }
  if (current > max || current < min) {
    const [desired, reason] = current > max ? [max, 'Current number of replicas above Spec.MaxReplicas'] : [min, 'Current number of replicas below Spec.MinReplicas'];
    return plan(desired, { replicas: desired, reason, decision: decision(desired, reason) }, { previous, conditions, currentReplicas: current, behavior: hpa.spec?.behavior });
  }

  // The metrics decide; a failure to compute any proposal keeps desiredReplicas as it was.
  const failed = (error: string, currentMetrics: MetricStatus[] | undefined, selector?: string): HpaPlan => {
    events.push({ eventType: 'Warning', reason: 'FailedComputeMetricsReplicas', message: error });
    return plan(previous.desiredReplicas ?? 0, undefined, { previous, conditions, currentReplicas: current, currentMetrics }, selector === undefined ? {} : { selector });
  };
  const selector = o.scale.selector;
  const verdict = validateHpaSelector(key(hpa), selector, o.pods, new Map([...o.selectors, [key(hpa), selector]]));
  if ('error' in verdict) {
    events.push(verdict.event);
    apply(verdict.condition);
    // Only a selector that parsed is remembered (an ambiguous one included), as upstream's selector store is kept.
    return failed(verdict.error, undefined, verdict.condition.reason === 'AmbiguousSelector' ? selector : undefined);
  }
  const pods = o.pods.filter((p) => matchesLabels(verdict.requirements, p.metadata.labels ?? {}));
  const proposal = metricsReplicas({
    namespace: hpa.metadata.namespace ?? '', specReplicas: current, pods, listing: o.listing ?? { items: [] },
    question: { tolerance: o.settings.tolerance, timings: o.settings, clock },
  }, specs);
  events.push(...proposal.events);
  apply(proposal.condition);
  if (proposal.replicas === -1) return failed(proposal.error!, proposal.statuses, selector);

  const desired = Math.max(0, proposal.replicas);
  const reason = desired > current ? `${proposal.metricName} above target` : desired < current ? 'All metrics below target' : '';
  const normalized = normalize(o, history, current, desired);
  history = { ...history, recommendations: normalized.recommendations };
  for (const change of normalized.conditions) apply(change);
  const draft: StatusDraft = { previous, conditions, currentReplicas: current, currentMetrics: proposal.statuses, behavior: hpa.spec?.behavior };
  const to = normalized.limited.replicas;
  if (to === current) return plan(current, undefined, draft, { selector });
  const limited = normalized.scalingLimited.status === 'True' ? { limited: { reason: normalized.limited.reason, message: normalized.limited.message } } : {};
  const stabilized = normalized.stabilized ? { stabilized: { reason: normalized.stabilized.reason, message: normalized.stabilized.message } } : {};
  const metrics = metricProposals(specs, proposal.statuses, proposal.proposals);
  return plan(to, { replicas: to, reason, decision: decision(to, reason, { metrics, ...limited, ...stabilized }) }, draft, { selector });
}

/** What to report once the planned rescale was written (`error` when the api-server refused it). */
export interface HpaSettlement {
  events: HpaEvent[];
  /** Absent when the status would not change. */
  status?: HorizontalPodAutoscalerStatus;
  history: HpaHistory;
}

/** Step 2: the events, status and history after the rescale of `plan` succeeded or failed. */
export function settleRescale(plan: HpaPlan, outcome: { ok: true } | { error: string }, clock: WorkloadClock): HpaSettlement {
  const rescale = plan.rescale!;
  const { draft } = plan;
  const annotations = { [rescaleDecisionAnnotation]: JSON.stringify(rescale.decision) };
  if ('error' in outcome) {
    const conditions = setCondition(draft.conditions, { type: 'AbleToScale', status: 'False', reason: 'FailedUpdateScale', message: `the HPA controller was unable to update the target scale: ${outcome.error}` }, clock.now);
    const status = statusOf({ ...draft, conditions }, draft.previous.desiredReplicas ?? 0, draft.previous.lastScaleTime);
    const event: HpaEvent = { eventType: 'Warning', reason: 'FailedRescale', message: `New size: ${rescale.replicas}; reason: ${rescale.reason}; error: ${outcome.error}`, annotations };
    return { events: [...plan.events, event], ...(changed(draft.previous, status) ? { status } : {}), history: plan.history };
  }
  const conditions = setCondition(draft.conditions, { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: `the HPA controller was able to update the target scale to ${rescale.replicas}` }, clock.now);
  const status = statusOf({ ...draft, conditions }, rescale.replicas, kubeTime(clock.now));
  const event: HpaEvent = { eventType: 'Normal', reason: 'SuccessfulRescale', message: `New size: ${rescale.replicas}; reason: ${rescale.reason}`, annotations };
  const history = storeScaleEvent(plan.history, draft.behavior, draft.currentReplicas, rescale.replicas, clock);
  return { events: [...plan.events, event], status, history };
}

/**
 * The horizontal pod autoscaler's shell (kube-controller-manager's
 * HorizontalController): every HPA is synced once per --horizontal-pod-autoscaler-sync-period
 * of lab time (15 s), a change to it only bringing that sync forward to one period from
 * the change, as upstream's rate-limited queue does. A sync:
 *   1. finds the target's resource as the RESTMapper would (built-in kinds, and custom
 *      kinds from their CRDs) and reads its scale subresource;
 *   2. lists the target's PodMetrics from metrics.k8s.io when the metrics decide;
 *   3. asks planRescale, writes the scale when it says so, and settleRescale what to report;
 *   4. records the events and writes the status when it changed.
 * It acts as the ServiceAccount horizontal-pod-autoscaler; every write names as its cause
 * the HPA's spec as last changed, so `kubelab why` leads from a rescale to the HPA behind it.
 * What upstream keeps in memory (recent recommendations, rescales, selectors) is kept here.
 */
import { servedTypes, type HorizontalPodAutoscaler, type Pod, type Typed } from '@kubelab/api';
import type { ApiRequestError } from '@kubelab/bus';
import {
  needsResourceMetrics, planRescale, scaleTargetResources, settleRescale,
  type HpaEvent, type HpaHistory, type PodMetricsListing, type ScaleResource, type TargetScale,
} from '@kubelab/controllers';
import { keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import type { CustomKindInformers } from './custom-kind-informers.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

const podMetrics = { group: 'metrics.k8s.io', version: 'v1beta1', plural: 'pods' };

/** How client-go words a failed list of pods.metrics.k8s.io: a group nobody serves answers 404 without a Status, an unavailable one 503. */
function metricsListError(e: ApiRequestError): string {
  if (e.code === 404) return 'the server could not find the requested resource (get pods.metrics.k8s.io)';
  if (e.code === 503) return 'the server is currently unable to handle the request (get pods.metrics.k8s.io)';
  return e.message;
}

/** The scale subresource of the HPA's target. */
type Scale = Typed<import('kubernetes-types/autoscaling/v1').Scale>;

type ScaleRead = { scale: Scale; resource: ScaleResource } | { error: string };

export class HorizontalPodAutoscalerController extends QueueController {
  private readonly histories = new Map<string, HpaHistory>();
  /** Each HPA's scale selector as its last sync saw it, for the ambiguous-selector check. */
  private readonly selectors = new Map<string, string>();
  /** The seq of each HPA's last spec change (its generation): the cause of what the controller does about it. */
  private readonly specSeqs = new Map<string, { generation: number; seq: number | undefined }>();

  constructor(ctx: ControllerContext, private readonly customKinds: CustomKindInformers) {
    super('horizontal-pod-autoscaler', ctx);
    ctx.informers.horizontalPodAutoscalers.onChange((type, hpa) => {
      const key = keyOf(hpa);
      if (type === 'DELETED') return this.forget(key, hpa);
      const generation = hpa.metadata.generation ?? 0;
      if (this.specSeqs.get(key)?.generation !== generation) this.specSeqs.set(key, { generation, seq: seqOf(hpa) });
      this.queue.addAfter(key, this.syncPeriodMs(), seqOf(hpa));
    });
  }

  private syncPeriodMs(): number {
    return (this.ctx.config.hpa.syncPeriodSeconds * 1000) / this.ctx.config.timeScale;
  }

  private forget(key: string, hpa: HorizontalPodAutoscaler): void {
    this.histories.delete(key);
    this.selectors.delete(key);
    this.specSeqs.delete(key);
    this.events.forget(hpa.metadata.uid ?? '');
  }

  protected async sync(key: string): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const { horizontalPodAutoscalers, pods } = this.ctx.informers;
    const hpa = horizontalPodAutoscalers.get(namespace, name);
    if (!hpa) return;
    if (!this.expectations.satisfied(key, horizontalPodAutoscalers.resourceVersion)) return { requeueAfterMs: 10 };
    const cause = this.specSeqs.get(key)?.seq ?? seqOf(hpa);
    try {
      await this.reconcile(key, hpa, pods.byIndex('namespace', namespace), cause);
    } catch (e) {
      this.ctx.log.warn({ controller: this.name, key, err: (e as Error).message }, 'HPA sync failed');
    }
    return { requeueAfterMs: this.syncPeriodMs() };
  }

  private async reconcile(key: string, hpa: HorizontalPodAutoscaler, pods: Pod[], cause: number | undefined): Promise<void> {
    const clock = this.ctx.clock();
    const read = await this.readScale(hpa);
    const scale: TargetScale | { error: string } = 'error' in read
      ? read
      : { specReplicas: read.scale.spec?.replicas ?? 0, statusReplicas: read.scale.status?.replicas ?? 0, selector: read.scale.status?.selector ?? '' };
    const listing = 'error' in scale || !needsResourceMetrics(hpa, scale) ? undefined : await this.listPodMetrics(hpa.metadata.namespace!, scale.selector);
    const plan = planRescale({ hpa, scale, pods, listing, selectors: this.selectors, history: this.histories.get(key), settings: this.ctx.config.hpa, clock });
    if (plan.selector !== undefined) this.selectors.set(key, plan.selector);
    let { events, status, history } = plan;
    if (plan.rescale && !('error' in read)) {
      const written = { ...read.scale, spec: { ...read.scale.spec, replicas: plan.rescale.replicas } };
      const outcome = await this.client.updateScale(read.resource, hpa.metadata.namespace!, written, cause).then(
        () => ({ ok: true as const }),
        (e: Error) => ({ error: e.message }),
      );
      ({ events, status, history } = settleRescale(plan, outcome, clock));
    }
    this.histories.set(key, history);
    for (const event of events) this.record(hpa, event, cause);
    if (status) await this.writeHpaStatus(key, hpa, status, cause);
  }

  /** scaleForResourceMappings: the scale of the first resource that answers, else the first error. */
  private async readScale(hpa: HorizontalPodAutoscaler): Promise<ScaleRead> {
    const ref = hpa.spec?.scaleTargetRef;
    const resources = scaleTargetResources(ref?.apiVersion, ref?.kind ?? '', [...servedTypes(), ...this.customKinds.servedTypes()]);
    if ('error' in resources) return resources;
    let firstError: string | undefined;
    for (const resource of resources) {
      try {
        return { scale: (await this.client.getScale(resource, hpa.metadata.namespace!, ref?.name ?? '')) as Scale, resource };
      } catch (e) {
        firstError ??= (e as Error).message;
      }
    }
    return { error: firstError ?? 'unrecognized resource' };
  }

  private async listPodMetrics(namespace: string, selector: string): Promise<PodMetricsListing> {
    try {
      return { items: (await this.client.list(podMetrics, namespace, { labelSelector: selector })).items };
    } catch (e) {
      return { error: metricsListError(e as ApiRequestError) };
    }
  }

  private record(hpa: HorizontalPodAutoscaler, event: HpaEvent, cause: number | undefined): void {
    void this.events.record(hpa, { type: event.eventType, reason: event.reason, message: event.message, ...(event.annotations ? { annotations: event.annotations } : {}) }, undefined, cause);
  }

  /** updateStatus: a refusal is reported on the HPA as FailedUpdateStatus, and the next sync tries again. */
  private async writeHpaStatus(key: string, hpa: HorizontalPodAutoscaler, status: object, cause: number | undefined): Promise<void> {
    try {
      const written = await this.client.updateStatus(refs.horizontalPodAutoscalers, hpa.metadata.namespace!, { ...hpa, status }, cause);
      this.expectations.expect(key, seqOf(written));
    } catch (e) {
      this.record(hpa, { eventType: 'Warning', reason: 'FailedUpdateStatus', message: (e as Error).message }, cause);
    }
  }
}

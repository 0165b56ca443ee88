/**
 * The EndpointSlice controller's shell: a Service, or a pod its selector picks,
 * changes → the Service is queued; a sync plans the Service's slices with
 * `planEndpointSlices` against the ones it manages and writes only the difference.
 * `kubectl describe service` reads its Endpoints line from these slices.
 */
import type { KubeObject } from '@kubelab/api';
import { MANAGED_BY, MANAGED_BY_LABEL, planEndpointSlices, SERVICE_NAME_LABEL } from '@kubelab/controllers';
import { ignoreGone, keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class EndpointSliceController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('endpointslice-controller', ctx);
    const { services, pods, endpointSlices } = ctx.informers;
    services.onChange((_type, svc) => this.queue.add(keyOf(svc), seqOf(svc)));
    endpointSlices.onChange((_type, slice) => {
      const service = slice.metadata.labels?.[SERVICE_NAME_LABEL];
      if (service && slice.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY) this.queue.add(`${slice.metadata.namespace}/${service}`, seqOf(slice));
    });
    pods.onChange((_type, pod) => {
      for (const svc of services.list()) {
        if (svc.metadata.namespace === pod.metadata.namespace && svc.spec?.selector) this.queue.add(keyOf(svc), seqOf(pod));
      }
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    if (!this.expectations.satisfied(key, this.ctx.informers.endpointSlices.resourceVersion)) return { requeueAfterMs: 10 };
    const svc = this.ctx.informers.services.get(namespace, name);
    // A deleted Service's slices go with it through their ownerReference (the garbage collector).
    if (!svc) return;
    const owned = this.ctx.informers.endpointSlices.byIndex('namespace', namespace).filter((s: KubeObject) =>
      s.metadata.labels?.[SERVICE_NAME_LABEL] === name && s.metadata.labels?.[MANAGED_BY_LABEL] === MANAGED_BY);
    const pods = this.ctx.informers.pods.byIndex('namespace', namespace);
    const plan = planEndpointSlices(svc, pods, owned);
    if (!plan) return;
    for (const slice of plan.create) this.expectations.expect(key, seqOf(await this.client.create(refs.endpointSlices, namespace, slice, cause)));
    for (const slice of plan.update) this.expectations.expect(key, seqOf(await this.client.update(refs.endpointSlices, namespace, slice, cause)));
    for (const slice of plan.delete) await this.client.delete(refs.endpointSlices, namespace, slice.metadata.name!, undefined, cause).catch(ignoreGone);
  }
}

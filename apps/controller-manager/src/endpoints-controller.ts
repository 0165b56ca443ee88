/**
 * The Endpoints controller's shell: a Service, or a pod its selector picks, changes
 * → the Service is queued; a sync computes the desired Endpoints with
 * `desiredEndpoints` (ready pods in addresses, the others in notReadyAddresses) and
 * writes only when they differ from what is stored.
 */
import { labelSelectorFromObject, matchesLabels, type Pod, type Service } from '@kubelab/api';
import { desiredEndpoints, endpointsEqual } from '@kubelab/controllers';
import { keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class EndpointsController extends QueueController {
  constructor(ctx: ControllerContext) {
    super('endpoint-controller', ctx);
    const { services, pods } = ctx.informers;
    services.onChange((_type, svc) => this.queue.add(keyOf(svc), seqOf(svc)));
    pods.onChange((_type, pod) => {
      for (const svc of services.list()) {
        if (svc.metadata.namespace !== pod.metadata.namespace || !svc.spec?.selector) continue;
        if (selectsPod(svc, pod) || this.lists(svc, pod)) this.queue.add(keyOf(svc), seqOf(pod));
      }
    });
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const current = this.ctx.informers.endpoints.get(namespace, name);
    const svc = this.ctx.informers.services.get(namespace, name);
    if (!this.expectations.satisfied(key, this.ctx.informers.endpoints.resourceVersion)) return { requeueAfterMs: 10 };
    if (!svc) {
      if (current) await this.client.delete(refs.endpoints, namespace, name, undefined, cause).catch(() => undefined);
      return;
    }
    const pods = this.ctx.informers.pods.byIndex('namespace', namespace);
    const desired = desiredEndpoints(svc, pods);
    if (!desired) return;
    if (current && endpointsEqual(current, desired)) return;
    const written = current
      ? await this.client.update(refs.endpoints, namespace, { ...desired, metadata: { ...desired.metadata, resourceVersion: current.metadata.resourceVersion } }, cause)
      : await this.client.create(refs.endpoints, namespace, desired, cause);
    this.expectations.expect(key, seqOf(written));
  }

  /** Whether the Service's stored Endpoints still name the pod (it may have stopped matching). */
  private lists(svc: Service, pod: Pod): boolean {
    const endpoints = this.ctx.informers.endpoints.get(svc.metadata.namespace!, svc.metadata.name!);
    return (endpoints?.subsets ?? []).some((s) =>
      [...(s.addresses ?? []), ...(s.notReadyAddresses ?? [])].some((a) => a.targetRef?.uid === pod.metadata.uid),
    );
  }
}

function selectsPod(svc: Service, pod: Pod): boolean {
  const requirements = labelSelectorFromObject({ matchLabels: svc.spec?.selector });
  return matchesLabels(requirements, pod.metadata.labels ?? {});
}

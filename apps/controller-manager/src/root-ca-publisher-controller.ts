/**
 * The root-CA publisher's shell: a namespace added or updated, or a
 * `kube-root-ca.crt` ConfigMap changed or deleted → the namespace is queued; a sync
 * asks `publishRootCa` and creates or updates the ConfigMap. Runs only when the
 * controller-manager was given the cluster CA (--root-ca-file).
 */
import { publishRootCa, ROOT_CA_CONFIGMAP } from '@kubelab/controllers';
import { ignoreGone, refs, seqOf, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

export class RootCaPublisher extends QueueController {
  constructor(ctx: ControllerContext, private readonly rootCa: string) {
    super('root-ca-cert-publisher', ctx);
    ctx.informers.namespaces.onChange((_type, ns) => this.queue.add(ns.metadata.name!, seqOf(ns)));
    ctx.informers.configMaps.onChange((_type, cm) => {
      if (cm.metadata.name === ROOT_CA_CONFIGMAP) this.queue.add(cm.metadata.namespace!, seqOf(cm));
    });
  }

  protected async sync(namespace: string, cause: number | undefined): Promise<SyncResult> {
    if (!this.expectations.satisfied(namespace, this.ctx.informers.configMaps.resourceVersion)) return { requeueAfterMs: 10 };
    const action = publishRootCa(this.ctx.informers.namespaces.get('', namespace), this.ctx.informers.configMaps.get(namespace, ROOT_CA_CONFIGMAP), this.rootCa);
    if (!action) return;
    const written = action.type === 'CreateConfigMap'
      // A namespace deleted meanwhile is no reason to retry (publisher.go ignores NotFound on create).
      ? await this.client.create(refs.configMaps, namespace, action.configMap, cause).catch(ignoreGone)
      : await this.client.update(refs.configMaps, namespace, action.configMap, cause);
    if (written) this.expectations.expect(namespace, seqOf(written));
  }
}

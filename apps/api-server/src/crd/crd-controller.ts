/**
 * apiextensions-apiserver's controllers, in the api-server as in kube-apiserver: after every
 * committed change to a CRD (or to the objects of a terminating one) it serves the
 * established CRDs' types, writes each CRD's status (names accepted, established,
 * terminating) and, for a deleted CRD, deletes its objects and then lifts the cleanup
 * finalizer so the CRD goes. The decisions are @kubelab/api's; this only carries them out.
 */
import {
  crdCleanupFinalizer, crdStatus, kubeTime, resourceTypesOfCrd, resourceTypesOfCrds, serveCustomResourceTypes, storeKindOf, storedTypeOf,
  type KubeObject, type ResourceType,
} from '@kubelab/api';
import type { Logger } from 'pino';
import type { ApiService } from '../api.service.js';
import type { CommittedChange } from '../store/committed-change.js';
import type { ObjectStore } from '../store/object-store.js';

const actor = 'api-server:apiextensions';
const crdKind = 'CustomResourceDefinition';

export class CrdController {
  private readonly running = new Set<string>();
  private readonly again = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly api: ApiService,
    private readonly log: Logger,
  ) {}

  /** Serves what the loaded log holds and brings every CRD's status up to date. */
  start(): void {
    this.sync();
  }

  /** The committer's publisher: reacts to CRDs and to the objects of terminating CRDs. */
  readonly onCommitted = (changes: readonly CommittedChange[]): void => {
    if (changes.some((c) => c.kind === crdKind)) {
      this.sync();
      return;
    }
    // A terminating CRD waits for its objects to go: each deletion of one may let it finish.
    const terminating = new Set(this.crds().filter((c) => c.metadata.deletionTimestamp).flatMap((c) => resourceTypesOfCrd(c).map(storeKindOf)));
    if (terminating.size > 0 && changes.some((c) => terminating.has(c.kind))) this.sync();
  };

  private crds(): KubeObject[] {
    return this.store.list(crdKind).map((s) => s.object);
  }

  private sync(): void {
    const crds = this.crds();
    serveCustomResourceTypes(resourceTypesOfCrds(crds));
    for (const crd of crds) this.reconcileSoon(crd.metadata.name!);
  }

  /** One reconcile per CRD at a time; a change seen meanwhile runs it once more. */
  private reconcileSoon(name: string): void {
    if (this.running.has(name)) {
      this.again.add(name);
      return;
    }
    this.running.add(name);
    this.reconcile(name)
      .catch((e: Error) => this.log.warn({ crd: name, err: e.message }, 'custom resource definition reconcile failed'))
      .finally(() => {
        this.running.delete(name);
        if (this.again.delete(name)) this.reconcileSoon(name);
      });
  }

  private async reconcile(name: string): Promise<void> {
    const crdType = storedTypeOf(crdKind)!;
    const crd = this.store.get(crdKind, '', name)?.object;
    if (!crd) return;
    const status = crdStatus(crd, this.crds(), kubeTime(new Date()));
    if (JSON.stringify(status) !== JSON.stringify(crd.status)) {
      await this.api.execute({ type: 'Update', resource: crdType, namespace: '', name, body: { ...crd, status }, options: { fieldValidation: 'Ignore' }, subresource: 'status' }, actor);
      return;
    }
    if (crd.metadata.deletionTimestamp && (crd.metadata.finalizers ?? []).includes(crdCleanupFinalizer)) await this.cleanUp(crdType, crd);
  }

  /** Deletes every object of a terminating CRD; once none is left, removes the finalizer. */
  private async cleanUp(crdType: ResourceType, crd: KubeObject): Promise<void> {
    const stored = resourceTypesOfCrd(crd).find((t) => t.storage === 'log');
    const objects = stored ? this.store.list(storeKindOf(stored)).map((s) => s.object) : [];
    if (stored && objects.length > 0) {
      for (const obj of objects.filter((o) => !o.metadata.deletionTimestamp)) {
        await this.api.execute({ type: 'Delete', resource: stored, namespace: obj.metadata.namespace ?? '', name: obj.metadata.name!, options: {} }, actor);
      }
      return;
    }
    const finalizers = (crd.metadata.finalizers ?? []).filter((f) => f !== crdCleanupFinalizer);
    await this.api.execute({
      type: 'Update', resource: crdType, namespace: '', name: crd.metadata.name!,
      body: { ...crd, metadata: { ...crd.metadata, finalizers } }, options: { fieldValidation: 'Ignore' },
    }, actor);
  }
}

/**
 * The custom kinds' caches, learnt from the API as kube-controller-manager learns them
 * through discovery: a watch on CustomResourceDefinitions, and an informer per established
 * CRD on its storage version, started when the CRD is established and stopped when it goes.
 * `planCustomInformers` says which; this starts and stops them, one change at a time, and
 * tells the listeners (the garbage collector) about each.
 */
import { groupVersionOf, storeKindOf, type ResourceType } from '@kubelab/api';
import { Informer, stripManagedFields, type ApiClient } from '@kubelab/bus';
import { customInformersOf, planCustomInformers, type CustomInformer } from '@kubelab/controllers';
import type { Logger } from 'pino';

const crdRef = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions', kind: 'CustomResourceDefinition' };

/** Who wants to hear about custom kinds coming and going. */
export interface CustomKindListener {
  /** A custom kind's informer, before it lists: the time to add handlers to it. */
  starting(informer: Informer): void;
  /** Its cache holds the listed state; `served` are the versions its CRD serves. */
  synced(storage: ResourceType, served: readonly ResourceType[]): void;
  /** Its CRD is gone (or stores another version): the informer is stopped. */
  stopped(informer: Informer): void;
}

interface Running {
  informer: Informer;
  synced: boolean;
}

export class CustomKindInformers {
  private readonly crds: Informer;
  private readonly running = new Map<string, Running>();
  private readonly listeners: CustomKindListener[] = [];
  private changes: Promise<void> = Promise.resolve();

  constructor(private readonly client: ApiClient, private readonly log: Logger) {
    this.crds = new Informer(client, crdRef);
    this.crds.onChange(() => this.reconcileSoon());
  }

  listen(listener: CustomKindListener): void {
    this.listeners.push(listener);
  }

  /** Watches CRDs and resolves once the custom kinds established now are cached. */
  async start(): Promise<void> {
    await this.crds.start();
    this.reconcileSoon();
    await this.changes;
  }

  stop(): void {
    this.crds.stop();
    for (const { informer } of this.running.values()) informer.stop();
    this.running.clear();
  }

  /** The served type of a custom kind whose cache is synced, for an object's or owner reference's apiVersion and kind. */
  typeFor(apiVersion: string, kind: string): ResourceType | undefined {
    const cached = customInformersOf(this.crds.list()).filter((custom) => this.running.get(custom.key)?.synced);
    return cached.flatMap((custom) => custom.served).find((t) => t.kind === kind && groupVersionOf(t) === apiVersion);
  }

  /** Every version each established CRD serves, whether or not its cache is synced yet (what discovery lists). */
  servedTypes(): ResourceType[] {
    return customInformersOf(this.crds.list()).flatMap((custom) => custom.served);
  }

  private reconcileSoon(): void {
    this.changes = this.changes.then(() => this.reconcile()).catch((e: Error) => this.log.warn({ err: e.message }, 'custom kind informers: reconcile failed'));
  }

  private async reconcile(): Promise<void> {
    const plan = planCustomInformers(this.crds.list(), new Set(this.running.keys()));
    for (const key of plan.stop) {
      const { informer } = this.running.get(key)!;
      this.running.delete(key);
      informer.stop();
      for (const l of this.listeners) l.stopped(informer);
    }
    for (const custom of plan.start) await this.startInformer(custom);
  }

  private async startInformer(custom: CustomInformer): Promise<void> {
    const informer = new Informer(this.client, { ...custom.storage, kind: storeKindOf(custom.storage) }, { transform: stripManagedFields });
    const running: Running = { informer, synced: false };
    this.running.set(custom.key, running);
    for (const l of this.listeners) l.starting(informer);
    try {
      await informer.start();
    } catch (e) {
      // Forgotten, so that the next change to any CRD tries again.
      this.running.delete(custom.key);
      informer.stop();
      for (const l of this.listeners) l.stopped(informer);
      throw e;
    }
    running.synced = true;
    this.log.info({ kind: storeKindOf(custom.storage), version: custom.storage.version }, 'custom kind informer synced');
    for (const l of this.listeners) l.synced(custom.storage, custom.served);
  }
}

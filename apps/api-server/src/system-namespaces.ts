/**
 * kube-apiserver's system namespaces controller (pkg/controlplane/controller/systemnamespaces):
 * every minute it creates default, kube-system, kube-public and kube-node-lease when one is
 * missing, so `kubectl delete namespace kube-node-lease` (or `--all`) empties and removes it, and
 * it comes back, empty, for the kubelets to renew their Leases in. The lab also looks as soon as
 * the log says one of them was deleted: the api-server does not run on the lab's scaled clock, and
 * at --time-scale 20 kube-apiserver's minute would be twenty of the lab's.
 */
import { ApiError, missingSystemNamespaces, resourceTypes, systemNamespaces, type ResourceType } from '@kubelab/api';
import type { Logger } from 'pino';
import type { ApiService } from './api.service.js';
import type { CommittedChange } from './store/committed-change.js';

/** kube-apiserver's interval between passes. */
const intervalMs = 60_000;
const namespaceType: ResourceType = resourceTypes.find((t) => t.kind === 'Namespace' && t.group === '')!;

export class SystemNamespacesController {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly api: ApiService, private readonly exists: (name: string) => boolean, private readonly log: Logger) {}

  start(): void {
    this.timer = setInterval(() => void this.ensure(null), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A committed NamespaceDeleted entry of a system namespace: recreate it, naming that entry as the cause. */
  readonly onCommitted = (changes: readonly CommittedChange[]): void => {
    const gone = changes.find((c) => c.kind === 'Namespace' && c.watchType === 'DELETED' && systemNamespaces.includes(c.name));
    if (gone) setImmediate(() => void this.ensure(gone.seq));
  };

  /** One pass: creates each missing system namespace; another api-server of a shared log may have made it first. */
  private async ensure(cause: number | null): Promise<void> {
    for (const name of missingSystemNamespaces(this.exists)) {
      const body = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
      await this.api.execute({ type: 'Create', resource: namespaceType, namespace: '', body, options: { fieldValidation: 'Strict', fieldManager: 'kube-apiserver' } }, 'api-server', cause).catch((e: unknown) => {
        if (!(e instanceof ApiError && e.status.reason === 'AlreadyExists')) this.log.warn({ err: e instanceof Error ? e.message : String(e), namespace: name }, 'system namespace not recreated');
      });
    }
  }
}

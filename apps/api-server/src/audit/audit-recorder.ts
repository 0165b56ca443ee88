/**
 * Writes the api-server's audit entries: every request refused with 401, 403 or 422
 * (over HTTPS or NATS) becomes a Refused entry about its target, every connection
 * an agent reports NetworkPolicy dropped a ConnectionDropped entry about the source pod,
 * and every exec, attach or port-forward session a SessionStarted and a SessionEnded entry
 * about its pod. None carries an object's body nor changes one. A burst of identical refusals
 * within a second is one entry plus one with its count (see @kubelab/api's bursts);
 * agents coalesce their drops before they report them.
 */
import { refusalKey, refusalTarget, type ConnectionDrop, type ContainerSession, type Occurrences, type Refusal } from '@kubelab/api';
import { BurstRecorder } from '@kubelab/bus';
import type { Logger } from 'pino';
import type { AuditRecord } from '../store/committer.js';

/** Appends one audit entry through the committer (numbered and published like every entry). */
export type AppendAudit = (entry: AuditRecord) => Promise<number>;

/** kube-apiserver has no such window (its audit log writes every request); one second bounds a client retrying in a tight loop. */
export const refusalWindowMs = 1000;

export class AuditRecorder {
  private readonly refusals: BurstRecorder<{ refusal: Refusal; actor: string }>;

  constructor(private readonly append: AppendAudit, private readonly log: Logger, windowMs = refusalWindowMs) {
    this.refusals = new BurstRecorder(windowMs, ({ refusal, actor }, occurrences) => void this.write({
      type: 'Refused', ...refusalTarget(refusal), uid: '', actor, data: { ...refusal, ...occurrences },
    }));
  }

  /** A request was refused; `actor` names the client as other entries do. Never throws: a lost audit entry is logged, not answered. */
  refused(refusal: Refusal, actor: string): void {
    this.refusals.note(refusalKey(refusal), { refusal, actor });
  }

  /** An agent reports a connection NetworkPolicy dropped (already coalesced there); resolves with the entry's seq. */
  dropped(drop: ConnectionDrop & Occurrences, actor: string): Promise<number> {
    const { source } = drop;
    return this.append({ type: 'ConnectionDropped', kind: 'Pod', namespace: source.namespace ?? '', name: source.name ?? '', uid: source.uid ?? '', actor, data: { ...drop } });
  }

  /** A session with a container of `pod` started, or ended (`cause`: its start); resolves with the entry's seq. */
  session(type: 'SessionStarted' | 'SessionEnded', pod: { namespace: string; name: string; uid: string }, session: ContainerSession, cause?: number): Promise<number> {
    return this.append({ type, kind: 'Pod', ...pod, actor: session.user, data: { ...session }, ...(cause !== undefined ? { cause } : {}) });
  }

  /** Writes what open bursts still owe (at shutdown, before the committer drains). */
  flush(): void {
    this.refusals.flush();
  }

  private async write(entry: AuditRecord): Promise<void> {
    try {
      await this.append(entry);
    } catch (e) {
      this.log.warn({ err: e instanceof Error ? e.message : String(e), type: entry.type, kind: entry.kind, name: entry.name }, 'audit entry not recorded');
    }
  }
}

/**
 * Writes the api-server's audit entries: every request refused with 401, 403 or 422
 * (over HTTPS or NATS) becomes a Refused entry about its target, every connection
 * an agent reports NetworkPolicy dropped a ConnectionDropped entry about the source pod,
 * and every exec, attach or port-forward session a SessionStarted and a SessionEnded entry
 * about its pod. None carries an object's body nor changes one. A burst of identical refusals
 * within a second is one entry plus one with its count (see @kubelab/api's bursts);
 * agents coalesce their drops before they report them.
 *
 * The log is written only for callers who are someone: a refusal of an unauthenticated
 * request (a 401, or system:anonymous refused) is never appended — it is counted and kept
 * in a bounded list in memory — and each user's refusals, like each agent's dropped
 * connections, are appended at most at a fixed rate (a token bucket per caller); what is over
 * it is counted, kept in the same list, and said once per episode in the api-server's log.
 */
import {
  isUnauthenticatedRefusal, refusalKey, refusalTarget, UnrecordedRefusals, unrecordedRefusalsKept,
  type ConnectionDrop, type ContainerSession, type Episode, type Occurrences, type Refusal, type ThrottleLimit, type UnrecordedCause, type UnrecordedRefusal,
} from '@kubelab/api';
import { BurstRecorder } from '@kubelab/bus';
import type { Logger } from 'pino';
import { Counter } from '../metrics/prometheus-counter.js';
import type { AuditRecord } from '../store/committer.js';
import { CallerThrottle } from './caller-throttle.js';

/** Appends one audit entry through the committer (numbered and published like every entry). */
export type AppendAudit = (entry: AuditRecord) => Promise<number>;

/** kube-apiserver has no such window (its audit log writes every request); one second bounds a client retrying in a tight loop. */
export const refusalWindowMs = 1000;

/** The audit entries one caller may append: 10 a second after a burst of 20 (the api-server's --audit-throttle-qps and --audit-throttle-burst). */
export const defaultAuditThrottle: ThrottleLimit = { qps: 10, burst: 20 };

/** How the recorder bounds what callers write, and its clock (epoch ms) for tests. */
export interface AuditLimits {
  throttle: ThrottleLimit;
  /** Unrecorded refusals kept in memory. */
  unrecordedKept: number;
  windowMs: number;
  now: () => number;
}

interface NotedRefusal {
  refusal: Refusal;
  actor: string;
  remoteAddress?: string;
}

export class AuditRecorder {
  private readonly refusals: BurstRecorder<NotedRefusal>;
  private readonly users: CallerThrottle;
  private readonly agents: CallerThrottle;
  private readonly unrecorded: UnrecordedRefusals;
  private readonly now: () => number;
  private readonly refusalsNotRecorded = new Counter(
    'kubelab_audit_refusals_not_recorded_total',
    'Refused requests not appended to the event log, by the code and reason of their Status and why not (Unauthenticated, RateLimited).',
    ['code', 'reason', 'cause'],
  );
  private readonly dropsNotRecorded = new Counter(
    'kubelab_audit_connection_drops_not_recorded_total',
    'Dropped connections agents reported that were not appended to the event log because their agent was over its rate.',
  );

  constructor(private readonly append: AppendAudit, private readonly log: Logger, limits: Partial<AuditLimits> = {}) {
    const throttle = limits.throttle ?? defaultAuditThrottle;
    this.now = limits.now ?? Date.now;
    this.unrecorded = new UnrecordedRefusals(limits.unrecordedKept ?? unrecordedRefusalsKept);
    this.users = new CallerThrottle(throttle, (user, episode) => this.say('refusals', { user }, episode, throttle), this.now);
    this.agents = new CallerThrottle(throttle, (agent, episode) => this.say('dropped connections', { agent }, episode, throttle), this.now);
    this.refusals = new BurstRecorder(limits.windowMs ?? refusalWindowMs, (noted, occurrences) => this.writeRefusal(noted, occurrences), this.now);
  }

  /**
   * A request was refused; `actor` names the client as other entries do, `remoteAddress` where it came from (when known).
   * Never throws: a lost audit entry is logged, not answered.
   */
  refused(refusal: Refusal, actor: string, remoteAddress?: string): void {
    const noted = { refusal, actor, ...(remoteAddress ? { remoteAddress } : {}) };
    if (isUnauthenticatedRefusal(refusal)) this.notRecorded(noted, 'Unauthenticated', 1);
    else this.refusals.note(refusalKey(refusal), noted);
  }

  /**
   * An agent reports a connection NetworkPolicy dropped (already coalesced there); `agent` is who reports it, proved by its NATS
   * identity. Resolves with the entry's seq, or undefined when the agent was over its rate and the drop was only counted.
   */
  async dropped(drop: ConnectionDrop & Occurrences, agent: string, actor: string): Promise<number | undefined> {
    if (!this.agents.admit(agent, drop.count)) {
      this.dropsNotRecorded.inc({}, drop.count);
      return undefined;
    }
    const { source } = drop;
    return this.append({ type: 'ConnectionDropped', kind: 'Pod', namespace: source.namespace ?? '', name: source.name ?? '', uid: source.uid ?? '', actor, data: { ...drop } });
  }

  /** A session with a container of `pod` started, or ended (`cause`: its start); resolves with the entry's seq. */
  session(type: 'SessionStarted' | 'SessionEnded', pod: { namespace: string; name: string; uid: string }, session: ContainerSession, cause?: number): Promise<number> {
    return this.append({ type, kind: 'Pod', ...pod, actor: session.user, data: { ...session }, ...(cause !== undefined ? { cause } : {}) });
  }

  /** The refusals not in the log, newest last, and how many there were since the api-server started (GET /kubelab/v1/refusals). */
  unrecordedRefusals(): { total: number; items: UnrecordedRefusal[] } {
    return this.unrecorded.list();
  }

  /** The recorder's counters in Prometheus' text format (part of GET /metrics). */
  metricsText(): string {
    return this.refusalsNotRecorded.text() + this.dropsNotRecorded.text();
  }

  /** Writes what open bursts still owe and says the open episodes (at shutdown, before the committer drains). */
  flush(): void {
    this.refusals.flush();
    this.users.close();
    this.agents.close();
  }

  private writeRefusal({ refusal, actor, remoteAddress }: NotedRefusal, occurrences: Occurrences): void {
    if (!this.users.admit(refusal.user?.username ?? '', occurrences.count)) {
      this.notRecorded({ refusal, actor, ...(remoteAddress ? { remoteAddress } : {}) }, 'RateLimited', occurrences.count);
      return;
    }
    void this.write({ type: 'Refused', ...refusalTarget(refusal), uid: '', actor, data: { ...refusal, ...occurrences } });
  }

  private notRecorded({ refusal, remoteAddress }: NotedRefusal, cause: UnrecordedCause, count: number): void {
    this.refusalsNotRecorded.inc({ code: String(refusal.code), reason: refusal.reason, cause }, count);
    this.unrecorded.note({ ...refusal, time: new Date(this.now()).toISOString(), cause, count, ...(remoteAddress ? { remoteAddress } : {}) });
  }

  /** One warning per episode: how many of a caller's entries the log did not take, and when. */
  private say(what: string, caller: { user: string } | { agent: string }, episode: Episode, throttle: ThrottleLimit): void {
    this.log.warn({
      ...caller, count: episode.count, firstTime: new Date(episode.firstAt).toISOString(), lastTime: new Date(episode.lastAt).toISOString(), qps: throttle.qps, burst: throttle.burst,
    }, `${what} over the audit rate were not recorded in the event log`);
  }

  private async write(entry: AuditRecord): Promise<void> {
    try {
      await this.append(entry);
    } catch (e) {
      this.log.warn({ err: e instanceof Error ? e.message : String(e), type: entry.type, kind: entry.kind, name: entry.name }, 'audit entry not recorded');
    }
  }
}

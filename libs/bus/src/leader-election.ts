/**
 * Leader election through a lease, as client-go's leaderelection does it, kept in a
 * NATS KV bucket (heartbeats stay out of the event log). The record is replaced only
 * with compare-and-set on its revision, so two candidates never both win; a
 * candidate takes over a record that has not changed for a whole lease duration by
 * its own clock (no trust in the other host's clock); a leader that cannot renew
 * within the renew deadline stops leading before anyone else may start.
 */
import type { KV, NatsConnection } from 'nats';
import { labBucket } from './nats-servers.js';

export const leaderLeaseBucket = 'kubelab-leader-leases';

/** What the bucket holds under the lease's name. */
export interface LeaderRecord {
  holderIdentity: string;
  leaseDurationSeconds: number;
  acquireTime: string;
  renewTime: string;
  leaseTransitions: number;
}

export interface LeaderElectionConfig {
  /** The lease's name: one per component (kube-scheduler, kube-controller-manager). */
  lease: string;
  /** This process: unique among the candidates. */
  identity: string;
  leaseDurationSeconds: number;
  renewDeadlineSeconds: number;
  retryPeriodSeconds: number;
  /** Kubernetes seconds per real second: the timings are Kubernetes time, as every other duration in the lab. */
  timeScale?: number;
  /** Copies of the lease bucket when this candidate makes it (bucketReplicas); one by default. */
  replicas?: number;
  onStartedLeading: () => void;
  onStoppedLeading: () => void;
}

/** Default timings of kube-scheduler and kube-controller-manager (wall-clock seconds). */
export const defaultLeaderElectionTimings = { leaseDurationSeconds: 15, renewDeadlineSeconds: 10, retryPeriodSeconds: 2 };

/**
 * Floors of the real-time timings: a lab at --time-scale 20 hands over a dead leader's
 * lease in seconds rather than 15 real ones (300 of its own), but a busy laptop's pauses
 * must not make a live leader miss its renew deadline.
 */
const realFloorMs = { leaseDuration: 3000, renewDeadline: 2000, retryPeriod: 250 };

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class LeaderElector {
  private leading = false;
  private lastRenewal = 0;
  private observed: { revision: number; at: number } | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  /** The timings in real milliseconds. */
  private readonly ms: { leaseDuration: number; renewDeadline: number; retryPeriod: number };

  private constructor(private readonly kv: KV, private readonly config: LeaderElectionConfig) {
    const real = (seconds: number, floor: number) => Math.max((seconds * 1000) / (config.timeScale ?? 1), Math.min(floor, seconds * 1000));
    this.ms = {
      leaseDuration: real(config.leaseDurationSeconds, realFloorMs.leaseDuration),
      renewDeadline: real(config.renewDeadlineSeconds, realFloorMs.renewDeadline),
      retryPeriod: real(config.retryPeriodSeconds, realFloorMs.retryPeriod),
    };
  }

  /** Joins the election; callbacks fire as leadership comes and goes. */
  static async start(nc: NatsConnection, config: LeaderElectionConfig): Promise<LeaderElector> {
    const kv = await labBucket(nc, leaderLeaseBucket, config.replicas ?? 1);
    const elector = new LeaderElector(kv, config);
    await elector.tick();
    return elector;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Leaves the election; a leader releases the lease so a standby takes over at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    if (!this.leading) return;
    this.setLeading(false);
    const entry = await this.kv.get(this.config.lease).catch(() => null);
    if (entry && entry.operation === 'PUT' && this.read(entry.value)?.holderIdentity === this.config.identity) {
      await this.kv.delete(this.config.lease, { previousSeq: entry.revision }).catch(() => undefined);
    }
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => void this.tick(), this.ms.retryPeriod);
  }

  private async tick(): Promise<void> {
    try {
      await this.tryAcquireOrRenew();
    } catch {
      // NATS unreachable or a lost race: the renew deadline below decides what that means.
    }
    if (this.leading && Date.now() - this.lastRenewal > this.ms.renewDeadline) this.setLeading(false);
    this.schedule();
  }

  private async tryAcquireOrRenew(): Promise<void> {
    const now = Date.now();
    const entry = await this.kv.get(this.config.lease);
    const current = entry && entry.operation === 'PUT' ? this.read(entry.value) : undefined;
    if (!entry || !current) {
      await this.kv.create(this.config.lease, this.encode(this.record(undefined, now)));
      return this.renewed(now);
    }
    if (current.holderIdentity === this.config.identity) {
      await this.kv.update(this.config.lease, this.encode(this.record(current, now)), entry.revision);
      return this.renewed(now);
    }
    if (this.leading) this.setLeading(false);
    if (this.observed?.revision !== entry.revision) this.observed = { revision: entry.revision, at: now };
    if (now - this.observed.at < (current.leaseDurationSeconds * this.ms.leaseDuration) / this.config.leaseDurationSeconds) return;
    await this.kv.update(this.config.lease, this.encode(this.record(current, now)), entry.revision);
    this.renewed(now);
  }

  private record(previous: LeaderRecord | undefined, now: number): LeaderRecord {
    const at = new Date(now).toISOString();
    const same = previous?.holderIdentity === this.config.identity;
    return {
      holderIdentity: this.config.identity,
      leaseDurationSeconds: this.config.leaseDurationSeconds,
      acquireTime: same ? previous!.acquireTime : at,
      renewTime: at,
      leaseTransitions: previous ? previous.leaseTransitions + (same ? 0 : 1) : 0,
    };
  }

  private renewed(now: number): void {
    this.lastRenewal = now;
    if (!this.leading) this.setLeading(true);
  }

  private setLeading(leading: boolean): void {
    this.leading = leading;
    if (leading) this.config.onStartedLeading();
    else this.config.onStoppedLeading();
  }

  private read(value: Uint8Array): LeaderRecord | undefined {
    try {
      return JSON.parse(decoder.decode(value)) as LeaderRecord;
    } catch {
      return undefined;
    }
  }

  private encode(record: LeaderRecord): Uint8Array {
    return encoder.encode(JSON.stringify(record));
  }
}

/** The current holder of a lease, for status displays and tests. */
export async function readLeader(nc: NatsConnection, lease: string, replicas = 1): Promise<LeaderRecord | undefined> {
  const kv = await labBucket(nc, leaderLeaseBucket, replicas);
  const entry = await kv.get(lease);
  if (!entry || entry.operation !== 'PUT') return undefined;
  return JSON.parse(decoder.decode(entry.value)) as LeaderRecord;
}

/** A component's part in an election, or a stand-alone leader when election is off. */
export interface Leadership {
  readonly isLeader: boolean;
  stop(): Promise<void>;
}

/**
 * Runs `onStartedLeading`/`onStoppedLeading` as this process wins or loses `lease`;
 * with election off (a single replica) it leads at once.
 */
export async function campaign(
  nc: NatsConnection,
  options: { enabled: boolean; lease: string; identity: string; leaseDurationSeconds: number; renewDeadlineSeconds: number; retryPeriodSeconds: number; timeScale?: number; replicas?: number },
  callbacks: { onStartedLeading: () => void; onStoppedLeading: () => void },
): Promise<Leadership> {
  if (!options.enabled) {
    callbacks.onStartedLeading();
    return { isLeader: true, stop: async () => callbacks.onStoppedLeading() };
  }
  const { enabled: _enabled, ...config } = options;
  return LeaderElector.start(nc, { ...config, ...callbacks });
}

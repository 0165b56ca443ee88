/**
 * Samples the lab's processes from /proc while a bench runs: the peak resident set
 * (VmRSS) of each kind of process, summed over the processes of that kind at one
 * sampling instant, and the CPU time (user + system) each kind used between start
 * and stop.
 */
import { readFileSync } from 'node:fs';

const clockTicksPerSecond = 100;

function rssKiB(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / clockTicksPerSecond;
  } catch {
    return 0;
  }
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

export interface ProcessReport {
  /** Peak MiB per kind (all its processes at one instant), per process of the kind that peaked highest, and of the whole lab. */
  rssMiB: Record<string, number>;
  cpuSeconds: Record<string, number>;
}

export class ProcessSampler {
  private readonly pids = new Map<number, string>();
  private readonly cpuAtStart = new Map<number, number>();
  private readonly peakKindKiB = new Map<string, number>();
  private readonly peakProcessKiB = new Map<string, number>();
  private peakTotalKiB = 0;
  /** The lab's RSS at the last sample, MiB. */
  lastTotalMiB = 0;
  private timer?: NodeJS.Timeout;

  add(kind: string, pid: number): void {
    this.pids.set(pid, kind);
  }

  /** Each process sampled, with its kind. */
  kinds(): [number, string][] {
    return [...this.pids];
  }

  /** Samples every `intervalMs` from now; CPU is counted from now. */
  start(intervalMs = 500): void {
    for (const pid of this.pids.keys()) this.cpuAtStart.set(pid, cpuSeconds(pid));
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Stops sampling and reports, sampling once more first. */
  stop(): ProcessReport {
    clearInterval(this.timer);
    this.sample();
    const rssMiB: Record<string, number> = {};
    for (const [kind, kib] of this.peakKindKiB) rssMiB[kind] = round(kib / 1024);
    for (const [kind, kib] of this.peakProcessKiB) if (kib !== this.peakKindKiB.get(kind)) rssMiB[`${kind} (largest process)`] = round(kib / 1024);
    rssMiB.total = round(this.peakTotalKiB / 1024);
    const cpu: Record<string, number> = {};
    for (const [pid, kind] of this.pids) cpu[kind] = round((cpu[kind] ?? 0) + cpuSeconds(pid) - (this.cpuAtStart.get(pid) ?? 0));
    return { rssMiB, cpuSeconds: cpu };
  }

  private sample(): void {
    const byKind = new Map<string, number>();
    let total = 0;
    for (const [pid, kind] of this.pids) {
      const kib = rssKiB(pid);
      byKind.set(kind, (byKind.get(kind) ?? 0) + kib);
      this.peakProcessKiB.set(kind, Math.max(this.peakProcessKiB.get(kind) ?? 0, kib));
      total += kib;
    }
    for (const [kind, kib] of byKind) this.peakKindKiB.set(kind, Math.max(this.peakKindKiB.get(kind) ?? 0, kib));
    this.peakTotalKiB = Math.max(this.peakTotalKiB, total);
    this.lastTotalMiB = round(total / 1024);
  }
}

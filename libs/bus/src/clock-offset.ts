/**
 * The machines' clock: the host's time moved on by an offset, so that what lasts a year on a cluster (kubeadm's
 * certificates) can be seen to end. The offset is the ConfigMap kube-system/kubelab-clock (`kubelab clock forward
 * 400d` writes it, `kubelab clock reset` deletes it), so moving the clock is in the event log, and every process that
 * follows ConfigMaps reads the same time (not the time scale's Kubernetes seconds, which only shorten waits): a node's `date`, kubeadm's `certs check-expiration`, whether a control-plane
 * program's certificates are still valid when it starts. Objects' timestamps stay the host's.
 */
import type { ConfigMap } from '@kubelab/api';

/** Where the offset is kept. */
export const labClockConfigMap = { namespace: 'kube-system', name: 'kubelab-clock' } as const;

const unitMs: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 };

/** Milliseconds of a duration as `400d`, `8760h` or `1d12h30m` (days, hours, minutes, seconds); an error's words for anything else. */
export function parseClockDuration(text: string): number | { error: string } {
  const trimmed = text.trim();
  if (!/^(\d+[dhms])+$/.test(trimmed)) return { error: `invalid duration "${text}": write it as a number of days, hours, minutes or seconds, such as 400d, 8760h or 1d12h` };
  let ms = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([dhms])/g)) ms += Number(amount) * unitMs[unit];
  return ms;
}

/** An offset as the ConfigMap keeps it and `kubelab clock` says it: `400d`, `1d12h`, `0s`. */
export function formatClockDuration(ms: number): string {
  let left = Math.round(ms / 1000) * 1000;
  const parts: string[] = [];
  for (const [unit, size] of Object.entries(unitMs)) {
    const amount = Math.floor(left / size);
    if (amount > 0) parts.push(`${amount}${unit}`);
    left -= amount * size;
  }
  return parts.join('') || '0s';
}

/** The ConfigMap that moves the lab's clock `ms` ahead of the host's. */
export function labClockObject(ms: number): ConfigMap & { metadata: { name: string; namespace: string } } {
  return {
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { ...labClockConfigMap },
    data: { offset: formatClockDuration(ms) },
  };
}

/** How far ahead of the host's clock the ConfigMap puts the lab's: 0 without one, or when its offset is not a duration. */
export function labClockOffsetOf(configMap: ConfigMap | undefined): number {
  const parsed = parseClockDuration(configMap?.data?.offset ?? '0s');
  return typeof parsed === 'number' ? parsed : 0;
}

/** The machines' time in a process: the host's plus the offset its ConfigMap informer last saw. */
export class ClockOffset {
  private offset = 0;

  /** The ConfigMap kube-system/kubelab-clock changed (undefined: deleted); true when the offset moved. */
  observe(configMap: ConfigMap | undefined): boolean {
    const offset = labClockOffsetOf(configMap);
    if (offset === this.offset) return false;
    this.offset = offset;
    return true;
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }
}

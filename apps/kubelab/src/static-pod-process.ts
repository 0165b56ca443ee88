/**
 * The lab's process of a control-plane program, held to what its static pod manifest says, as the control-plane
 * node's kubelet holds the real program's container: it runs while the manifest runs a program that starts; a changed
 * manifest is a new static pod, so the process starts anew; a manifest gone, broken, or naming what the program
 * refuses takes it down until the manifest is fixed. Pure: the supervisor carries the action out.
 */
import type { StaticPodStart } from '@kubelab/bus';

/** What the supervisor knows of the program's manifest: the hash it last ran from, and whether the manifest holds it down. */
export interface ManifestHold {
  hash?: string;
  down: boolean;
  /** Why the manifest holds it down, while it does. */
  reason?: string;
}

export type StaticProcessAction =
  | { action: 'none' }
  | { action: 'start' | 'restart' }
  /** `until`: what brings it back, when not a fixed manifest. */
  | { action: 'stop'; reason: string; until?: string };

/** The action for the program's process, and the hold after it, given what the kubelet says of its manifest now. */
export function decideStaticProcess(hold: ManifestHold, start: StaticPodStart | undefined): { next: ManifestHold; act: StaticProcessAction } {
  if (!start || !start.starts) {
    const reason = start?.reason ?? 'no manifest in the static pod path runs it (moved or removed, or not readable as a pod: journalctl -u kubelet says why)';
    const until = start?.until === undefined ? {} : { until: start.until };
    return { next: { hash: start?.hash, down: true, reason }, act: hold.down ? { action: 'none' } : { action: 'stop', reason, ...until } };
  }
  const next = { hash: start.hash, down: false };
  if (hold.down) return { next, act: { action: 'start' } };
  // The first word since the supervisor started: the process it started is the manifest's.
  if (hold.hash === undefined || hold.hash === start.hash) return { next, act: { action: 'none' } };
  return { next, act: { action: 'restart' } };
}

/** The reason of the Event on a control-plane mirror pod that says what its manifest did to the program's process. */
export const manifestChangedReason = 'ManifestChanged';

/** That Event's message: what the manifest now does to `program`, and why (a Warning while it keeps the program down). */
export function manifestChangedMessage(program: string, act: Exclude<StaticProcessAction, { action: 'none' }>): { type: 'Warning' | 'Normal'; message: string } {
  switch (act.action) {
    case 'stop':
      if (act.until) return { type: 'Warning', message: `${program} does no work: ${act.reason}; it stays down until ${act.until}` };
      return { type: 'Warning', message: `${program} does not start from its static pod manifest: ${act.reason}; it stays down until /etc/kubernetes/manifests/${program}.yaml is fixed` };
    case 'start':
      return { type: 'Normal', message: `${program} starts again from its static pod manifest` };
    case 'restart':
      return { type: 'Normal', message: `${program}'s static pod manifest changed: ${program} starts anew from it` };
    default: {
      const unknown: never = act;
      throw new Error(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

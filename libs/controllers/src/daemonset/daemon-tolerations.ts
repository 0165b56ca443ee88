/**
 * util.AddOrUpdateDaemonPodTolerations: a daemon pod stays on a node that is not
 * ready, unreachable, under pressure or cordoned, so the controller adds these
 * tolerations (NoExecute ones without tolerationSeconds: never evicted).
 */
import { semanticEqual } from '../replicaset/semantic-equal.js';

interface Toleration {
  key?: string;
  operator?: string;
  value?: string;
  effect?: string;
  tolerationSeconds?: number;
}

const exists = (key: string, effect: string): Toleration => ({ key, operator: 'Exists', effect });

/** The tolerations every daemon pod gets; hostNetwork pods also tolerate network-unavailable. */
export function defaultDaemonTolerations(hostNetwork: boolean): Toleration[] {
  const tolerations = [
    exists('node.kubernetes.io/not-ready', 'NoExecute'),
    exists('node.kubernetes.io/unreachable', 'NoExecute'),
    exists('node.kubernetes.io/disk-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/memory-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/pid-pressure', 'NoSchedule'),
    exists('node.kubernetes.io/unschedulable', 'NoSchedule'),
  ];
  return hostNetwork ? [...tolerations, exists('node.kubernetes.io/network-unavailable', 'NoSchedule')] : tolerations;
}

/** Toleration.MatchToleration: same key, operator, value and effect. */
function sameToleration(a: Toleration, b: Toleration): boolean {
  return (a.key ?? '') === (b.key ?? '') && (a.operator ?? '') === (b.operator ?? '') &&
    (a.value ?? '') === (b.value ?? '') && (a.effect ?? '') === (b.effect ?? '');
}

/** AddOrUpdateTolerationInPodSpec for each default: replaces a matching toleration, else appends. */
export function withDaemonTolerations(tolerations: readonly Toleration[] | undefined, hostNetwork: boolean): Toleration[] {
  let result = [...(tolerations ?? [])];
  for (const wanted of defaultDaemonTolerations(hostNetwork)) {
    const replaced = result.some((t) => sameToleration(t, wanted));
    result = replaced ? result.map((t) => (sameToleration(t, wanted) && !semanticEqual(t, wanted) ? wanted : t)) : [...result, wanted];
  }
  return result;
}

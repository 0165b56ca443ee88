/**
 * The DefaultTolerationSeconds admission plugin: every pod tolerates the not-ready and
 * unreachable NoExecute taints for a while (300s by default) unless it already says how.
 */
import type { PodSpec, Toleration } from 'kubernetes-types/core/v1';
import type { DefaultingOptions } from './defaulting-options.js';

const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';

function tolerates(tolerations: Toleration[], taintKey: string): boolean {
  return tolerations.some((t) => (t?.key === taintKey || !t?.key) && (t?.effect === 'NoExecute' || !t?.effect));
}

/** Appends the two default NoExecute tolerations the pod spec lacks. */
export function addDefaultTolerations(spec: PodSpec, options: DefaultingOptions): void {
  const tolerations = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const additions = [
    { key: NOT_READY, seconds: options.defaultNotReadyTolerationSeconds },
    { key: UNREACHABLE, seconds: options.defaultUnreachableTolerationSeconds },
  ].filter(({ key }) => !tolerates(tolerations, key));
  if (additions.length === 0) return;
  spec.tolerations = [...tolerations, ...additions.map(({ key, seconds }) => ({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds }))];
}

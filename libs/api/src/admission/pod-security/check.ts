/** The shape of one Pod Security check, as pod-security-admission's policy/checks.go defines it. */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from '../../object.js';

/** Why a check forbids a pod: the reason always shows, the detail in parentheses after it. */
export interface Violation {
  reason: string;
  detail: string;
}

/** A check of one pod (metadata and spec): a violation, or undefined when the pod passes. */
export type CheckPod = (metadata: ObjectMeta, spec: PodSpec | undefined) => Violation | undefined;

/** A violation with upstream's reason and detail. */
export function forbid(reason: string, detail: string): Violation {
  return { reason, detail };
}

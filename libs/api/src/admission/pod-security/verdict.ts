/**
 * pod-security-admission's EvaluatePod: a pod (or a pod template) against a namespace's policy.
 * Enforce refuses; warn, when nothing refuses, warns. Audit only annotates audit events, which
 * kubelab does not record.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from '../../object.js';
import { evaluatePod, forbiddenDetail } from './evaluate.js';
import { levelVersionString, type Policy } from './policy.js';

/** What PodSecurity says of a write: a refusal (the text after `is forbidden: `) or warnings. */
export interface PodSecurityVerdict {
  refusal?: string;
  warnings: string[];
}

/** Checks the pod against enforce (when `enforce`, as for Pods, not for workloads) and warn. */
export function judgePod(policy: Policy, metadata: ObjectMeta, spec: PodSpec | undefined, enforce: boolean): PodSecurityVerdict {
  if (enforce) {
    const violations = evaluatePod(policy.enforce, metadata, spec);
    if (violations.length > 0) return { refusal: `violates PodSecurity "${levelVersionString(policy.enforce)}": ${forbiddenDetail(violations)}`, warnings: [] };
  }
  const warned = evaluatePod(policy.warn, metadata, spec);
  if (warned.length === 0) return { warnings: [] };
  return { warnings: [`would violate PodSecurity "${levelVersionString(policy.warn)}": ${forbiddenDetail(warned)}`] };
}

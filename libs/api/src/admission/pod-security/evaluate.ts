/**
 * A pod against a level and version, aggregated as pod-security-admission's policy/checks.go
 * aggregates check results, and the two ways messages word the result.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { ObjectMeta } from '../../object.js';
import type { Violation } from './check.js';
import type { LevelVersion } from './policy.js';
import { checksFor } from './registry.js';

/** Every violation of the policy by the pod (metadata and spec), in the registry's order; none when it passes. */
export function evaluatePod(lv: LevelVersion, metadata: ObjectMeta, spec: PodSpec | undefined): Violation[] {
  return checksFor(lv).flatMap((check) => {
    const violation = check(metadata, spec);
    return violation ? [{ reason: violation.reason || 'unknown forbidden reason', detail: violation.detail }] : [];
  });
}

/** AggregateCheckResult.ForbiddenDetail: `reason (detail), reason`, for refusals and warnings about one pod. */
export function forbiddenDetail(violations: readonly Violation[]): string {
  return violations.map((v) => (v.detail ? `${v.reason} (${v.detail})` : v.reason)).join(', ');
}

/** AggregateCheckResult.ForbiddenReason: the reasons alone, for warnings about many pods at once. */
export function forbiddenReason(violations: readonly Violation[]): string {
  return violations.map((v) => v.reason).join(', ');
}

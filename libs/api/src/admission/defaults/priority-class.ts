/**
 * PriorityClass defaults (SetDefaults_PriorityClass): PreemptLowerPriority unless the
 * class says Never; `value` is a plain int32 in Go, so a class without one holds 0.
 */
import type { PriorityClass } from '../../typed-objects.js';

/** Fills a PriorityClass's defaults in place. */
export function defaultPriorityClass(priorityClass: PriorityClass): void {
  priorityClass.value ??= 0;
  priorityClass.preemptionPolicy ??= 'PreemptLowerPriority';
}

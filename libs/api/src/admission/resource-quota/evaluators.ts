/**
 * The quota registry: the evaluator for a group/resource (pods, services and claims have
 * their own; everything else is counted), and, for the quota controller, which
 * group/resource feeds a quota's resource name.
 */
import { claimEvaluator } from './claim-evaluator.js';
import type { QuotaEvaluator } from './evaluator.js';
import { legacyCountedResource, objectCountEvaluator } from './object-count-evaluator.js';
import { podEvaluator } from './pod-evaluator.js';
import { serviceEvaluator } from './service-evaluator.js';

const SPECIFIC: QuotaEvaluator[] = [podEvaluator, serviceEvaluator, claimEvaluator];

/** The group/resource pair quota code keys by. */
export interface GroupResource {
  group: string;
  resource: string;
}

/** The evaluator for objects of a group/resource. */
export function evaluatorFor(group: string, resource: string): QuotaEvaluator {
  return SPECIFIC.find((e) => e.group === group && e.resource === resource) ?? objectCountEvaluator(group, resource);
}

/** The group/resource whose objects a quota resource name counts (`count/jobs.batch` → batch/jobs), if any. */
export function groupResourceOfQuotaName(name: string): GroupResource | undefined {
  if (name.startsWith('count/')) {
    const qualified = name.slice('count/'.length);
    const dot = qualified.indexOf('.');
    return dot < 0 ? { group: '', resource: qualified } : { group: qualified.slice(dot + 1), resource: qualified.slice(0, dot) };
  }
  const specific = SPECIFIC.find((e) => e.matchingResources([name]).length > 0);
  if (specific) return { group: specific.group, resource: specific.resource };
  const legacy = legacyCountedResource(name);
  return legacy ? { group: '', resource: legacy } : undefined;
}

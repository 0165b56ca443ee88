/**
 * The object count evaluator (pkg/quota/v1/generic): any other kind consumes
 * `count/<resource>.<group>` (`count/<resource>` in the core group) per stored object,
 * plus the legacy names configmaps, secrets, replicationcontrollers and resourcequotas.
 * kube-apiserver makes one on demand for every resource it serves; so do we.
 */
import { toQuantity } from '../quantity.js';
import type { QuotaEvaluator } from './evaluator.js';

const LEGACY_NAMES: Record<string, string> = {
  configmaps: 'configmaps',
  secrets: 'secrets',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

/** ObjectCountQuotaResourceNameFor: `count/deployments.apps`, `count/pods`. */
function objectCountName(group: string, resource: string): string {
  return group === '' ? `count/${resource}` : `count/${resource}.${group}`;
}

/** An evaluator counting the objects of one group/resource. */
export function objectCountEvaluator(group: string, resource: string): QuotaEvaluator {
  const names = [objectCountName(group, resource), ...(group === '' && LEGACY_NAMES[resource] ? [LEGACY_NAMES[resource]] : [])];
  return {
    group,
    resource,
    chargesUpdates: false,
    matchingResources: (input) => input.filter((name) => names.includes(name)),
    usage: () => new Map(names.map((name) => [name, toQuantity(1)])),
    matchesScope: () => false,
    constraints: () => undefined,
  };
}

/** The group/resource a legacy name (`configmaps`…) counts, if it is one. */
export function legacyCountedResource(name: string): string | undefined {
  return Object.keys(LEGACY_NAMES).find((resource) => LEGACY_NAMES[resource] === name);
}

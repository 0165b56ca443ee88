/**
 * The ResourceQuota admission plugin's decision (CheckRequest in
 * k8s.io/apiserver/pkg/admission/plugin/resourcequota/controller.go): a write is refused
 * with 403 when an object lacks what a matching quota needs it to declare, or when what it
 * adds would take a quota's usage past its hard limit. Usage is counted from the
 * namespace's stored objects, so a refused write charges nothing.
 */
import type { KubeObject } from '../../object.js';
import { isPlainObject } from '../../object.js';
import type { ResourceQuota } from '../../typed-objects.js';
import type { ResourceList } from '../pod-resources.js';
import { formatQuantity, toQuantity } from '../quantity.js';
import { hardResourceNames, quotaMatches, type QuotaEvaluator } from './evaluator.js';
import { evaluatorFor } from './evaluators.js';
import { usageUnderQuota } from './quota-usage.js';

/** One write as the plugin sees it. */
export interface QuotaRequest {
  group: string;
  /** The plural resource name: pods, services, deployments… */
  resource: string;
  object: KubeObject;
  /** The stored object, on an update. */
  previous?: KubeObject;
  /** The namespace's ResourceQuotas. */
  quotas: readonly KubeObject[];
  /** The namespace's stored objects of the same resource (the previous version included). */
  stored: readonly KubeObject[];
  now: Date;
}

/** Resources the plugin never charges (DefaultIgnoredResources). */
const IGNORED = new Set(['/events']);

/** prettyPrint: `name=quantity` in name order, comma-separated. */
function prettyPrint(list: ResourceList): string {
  return [...list.keys()].sort().map((name) => `${name}=${formatQuantity(list.get(name)!)}`).join(',');
}

const mask = (list: ResourceList, names: Iterable<string>): ResourceList => {
  const wanted = new Set(names);
  return new Map([...list].filter(([name]) => wanted.has(name)));
};

/** SubtractWithNonNegativeResult, then RemoveZeros: what an update adds. */
function growth(next: ResourceList, previous: ResourceList): ResourceList {
  const grown: ResourceList = new Map();
  for (const [name, quantity] of next) {
    const delta = quantity.nanos - (previous.get(name)?.nanos ?? 0n);
    if (delta > 0n) grown.set(name, { nanos: delta, format: quantity.format });
  }
  return grown;
}

const removeZeros = (list: ResourceList): ResourceList => new Map([...list].filter(([, quantity]) => quantity.nanos !== 0n));

function parseHard(quota: KubeObject): ResourceList {
  const hard: ResourceList = new Map();
  const given = (quota as ResourceQuota).spec?.hard;
  for (const [name, value] of Object.entries(isPlainObject(given) ? given : {})) hard.set(name, toQuantity(value));
  return hard;
}

/** The exceeded-quota refusal for one quota, or undefined when `requested` fits. */
function exceeded(evaluator: QuotaEvaluator, quota: KubeObject, requested: ResourceList, request: QuotaRequest): string | undefined {
  const hard = parseHard(quota);
  const charged = mask(requested, hard.keys());
  if (charged.size === 0) return undefined;
  const used = usageUnderQuota(evaluator, quota, request.stored, request.now);
  const over = [...charged].filter(([name, quantity]) => (used.get(name)?.nanos ?? 0n) + quantity.nanos > hard.get(name)!.nanos).map(([name]) => name);
  if (over.length === 0) return undefined;
  const usedOver = new Map(over.map((name) => [name, used.get(name) ?? toQuantity(0)]));
  return `exceeded quota: ${quota.metadata.name}, requested: ${prettyPrint(mask(charged, over))}, used: ${prettyPrint(usedOver)}, limited: ${prettyPrint(mask(hard, over))}`;
}

/**
 * Why the quotas refuse the write (the text after `<resource> "<name>" is forbidden: `), or
 * undefined when it may proceed. Quotas are checked in name order; the first refusal wins.
 */
export function checkResourceQuotas(request: QuotaRequest): string | undefined {
  if (IGNORED.has(`${request.group}/${request.resource}`)) return undefined;
  const evaluator = evaluatorFor(request.group, request.resource);
  if (request.previous && !evaluator.chargesUpdates) return undefined;
  const quotas = [...request.quotas].sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1)).filter((q) => quotaMatches(evaluator, q, request.object));
  for (const quota of quotas) {
    const unmet = evaluator.constraints(evaluator.matchingResources(hardResourceNames(quota)), request.object);
    if (unmet) return `failed quota: ${quota.metadata.name}: ${unmet}`;
  }
  const usage = evaluator.usage(request.object, request.now);
  const negative = [...usage].filter(([, quantity]) => quantity.nanos < 0n).map(([name]) => name).sort();
  if (negative.length > 0) return `quota usage is negative for resource(s): ${negative.join(',')}`;
  const previousUsage = request.previous && evaluator.usage(request.previous, request.now);
  for (const quota of quotas) {
    const charged = previousUsage && quotaMatches(evaluator, quota, request.previous!) ? growth(usage, previousUsage) : removeZeros(usage);
    const refusal = exceeded(evaluator, quota, charged, request);
    if (refusal) return refusal;
  }
  return undefined;
}


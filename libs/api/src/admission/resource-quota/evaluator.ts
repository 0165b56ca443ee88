/**
 * What the quota system knows about one kind of object (quota.Evaluator in
 * k8s.io/apiserver/pkg/quota/v1): which quota resources it feeds, what one object
 * consumes, which scopes it falls in, and what a quota obliges it to declare.
 */
import type { KubeObject } from '../../object.js';
import { isPlainObject } from '../../object.js';
import type { ResourceQuota } from '../../typed-objects.js';
import type { ResourceList } from '../pod-resources.js';

/** One ScopedResourceSelectorRequirement; spec.scopes become `Exists` requirements. */
export interface ScopeRequirement {
  scopeName: string;
  operator: string;
  values: string[];
}

/**
 * The quota logic for one group/resource (pods, services, persistentvolumeclaims or a plain object count),
 * over objects of that resource's kind `T` (methods, so a `QuotaEvaluator<Pod>` serves where any evaluator may).
 */
export interface QuotaEvaluator<T extends KubeObject = KubeObject> {
  readonly group: string;
  readonly resource: string;
  /** Pods and object counts are charged on create only; services and claims also on update. */
  readonly chargesUpdates: boolean;
  /** The quota resource names among `names` that this kind consumes. */
  matchingResources(names: readonly string[]): string[];
  /** What one object consumes (`now` decides whether a pod past its grace period still counts). */
  usage(object: T, now: Date): ResourceList;
  /** Whether the object falls within one scope requirement of a quota. */
  matchesScope(requirement: ScopeRequirement, object: T): boolean;
  /** What the object fails to declare that quota on `required` needs, worded as upstream, or undefined. */
  constraints(required: readonly string[], object: T): string | undefined;
}

/** getScopeSelectorsFromQuota: spec.scopes as `Exists` requirements, then spec.scopeSelector's expressions. */
export function quotaScopeRequirements(quota: KubeObject): ScopeRequirement[] {
  const spec = (quota as ResourceQuota).spec;
  const scopes = Array.isArray(spec?.scopes) ? spec.scopes : [];
  const expressions = Array.isArray(spec?.scopeSelector?.matchExpressions) ? spec.scopeSelector.matchExpressions : [];
  return [
    ...scopes.map((scopeName) => ({ scopeName, operator: 'Exists', values: [] })),
    ...expressions.map((e) => ({ scopeName: String(e?.scopeName ?? ''), operator: String(e?.operator ?? ''), values: Array.isArray(e?.values) ? e.values : [] })),
  ];
}

/** The resource names a quota limits (spec.hard; the admission plugin reads the same once status catches up). */
export function hardResourceNames(quota: KubeObject): string[] {
  const hard = (quota as ResourceQuota).spec?.hard;
  return Object.keys(isPlainObject(hard) ? hard : {});
}

/** generic.Matches: the quota limits something this kind consumes, and the object is in every one of its scopes. */
export function quotaMatches(evaluator: QuotaEvaluator, quota: KubeObject, object: KubeObject): boolean {
  if (evaluator.matchingResources(hardResourceNames(quota)).length === 0) return false;
  return quotaScopeRequirements(quota).every((requirement) => evaluator.matchesScope(requirement, object));
}

/**
 * The rules a ClusterRole's aggregationRule yields, as the clusterrole-aggregation
 * controller computes them: for each selector in order, the matching ClusterRoles sorted
 * by name (the role itself skipped), their rules appended unless already present. A
 * selected role that aggregates too contributes what it aggregates, so the answer is the
 * one the controller converges to, and the authorizer can use it before any write.
 */
import type { KubeObject } from '../object.js';
import type { ClusterRole } from '../typed-objects.js';
import { labelSelectorFromObject, matchesLabels } from '../selectors/index.js';
import { sameRule } from './rule-equality.js';
import type { PolicyRule } from './types.js';

/** The aggregated rules, or undefined when the role has no aggregationRule or a selector is invalid. */
export function aggregatedRules(clusterRole: KubeObject, all: readonly KubeObject[]): PolicyRule[] | undefined {
  return aggregate(clusterRole, all, new Set([clusterRole.metadata.name!]));
}

/** The rules a ClusterRole grants: aggregated when it aggregates, else its own. */
export function effectiveClusterRoleRules(clusterRole: KubeObject, all: readonly KubeObject[]): PolicyRule[] {
  return aggregatedRules(clusterRole, all) ?? ownRules(clusterRole);
}

/** The rules a role or ClusterRole lists itself. */
const ownRules = (role: KubeObject): PolicyRule[] => (role as ClusterRole).rules ?? [];

function aggregate(clusterRole: KubeObject, all: readonly KubeObject[], visiting: ReadonlySet<string>): PolicyRule[] | undefined {
  const { aggregationRule } = clusterRole as ClusterRole;
  const selectors: unknown[] | undefined = aggregationRule?.clusterRoleSelectors;
  if (!aggregationRule) return undefined;
  const rules: PolicyRule[] = [];
  for (const selector of selectors ?? []) {
    const requirements = requirementsOf(selector);
    if (!requirements) return undefined;
    const selected = all
      .filter((role) => role.metadata.name !== clusterRole.metadata.name && matchesLabels(requirements, role.metadata.labels))
      .sort((a, b) => compareNames(a.metadata.name!, b.metadata.name!));
    for (const role of selected) {
      for (const rule of rulesOf(role, all, visiting)) {
        if (!rules.some((existing) => sameRule(existing, rule))) rules.push(rule);
      }
    }
  }
  return rules;
}

function rulesOf(role: KubeObject, all: readonly KubeObject[], visiting: ReadonlySet<string>): PolicyRule[] {
  const name = role.metadata.name!;
  if (visiting.has(name)) return ownRules(role);
  return aggregate(role, all, new Set([...visiting, name])) ?? ownRules(role);
}

function requirementsOf(selector: unknown): ReturnType<typeof labelSelectorFromObject> | undefined {
  try {
    return labelSelectorFromObject((selector ?? {}) as Parameters<typeof labelSelectorFromObject>[0]);
  } catch {
    return undefined;
  }
}

function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

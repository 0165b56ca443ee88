/**
 * Whether the rules a user holds cover the rules it tries to grant (rbac/validation
 * policy_comparator.go Covers): each granted rule is broken down to one verb on one
 * resource of one group (and one name), and each piece must fit in one owned rule. The
 * pieces that fit nowhere are what an escalation refusal lists.
 */
import type { PolicyRule } from './types.js';

const ALL = '*';

/** The granted rules' pieces that no owned rule covers; empty when the owner holds them all. */
export function uncoveredRules(ownerRules: readonly PolicyRule[], servantRules: readonly PolicyRule[]): PolicyRule[] {
  return servantRules.flatMap(breakdownRule).filter((piece) => !ownerRules.some((owner) => ruleCovers(owner, piece)));
}

/** BreakdownRule: one rule per group × resource × verb (× name), then one per URL × verb. */
function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const pieces: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        const names = rule.resourceNames ?? [];
        if (names.length > 0) for (const name of names) pieces.push({ apiGroups: [group], resources: [resource], verbs: [verb], resourceNames: [name] });
        else pieces.push({ apiGroups: [group], resources: [resource], verbs: [verb] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) {
    for (const verb of rule.verbs ?? []) pieces.push({ nonResourceURLs: [url], verbs: [verb] });
  }
  return pieces;
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const ownerNames = owner.resourceNames ?? [];
  const subNames = sub.resourceNames ?? [];
  const namesMatch = subNames.length === 0 ? ownerNames.length === 0 : ownerNames.length === 0 || hasAll(ownerNames, subNames);
  return (has(owner.verbs, ALL) || hasAll(owner.verbs, sub.verbs))
    && (has(owner.apiGroups, ALL) || hasAll(owner.apiGroups, sub.apiGroups))
    && resourceCoversAll(owner.resources ?? [], sub.resources ?? [])
    && nonResourceURLsCoverAll(owner.nonResourceURLs ?? [], sub.nonResourceURLs ?? [])
    && namesMatch;
}

function has(set: readonly string[] | undefined, value: string): boolean {
  return (set ?? []).includes(value);
}

function hasAll(set: readonly string[] | undefined, values: readonly string[] | undefined): boolean {
  return (values ?? []).every((value) => has(set, value));
}

function resourceCoversAll(owned: readonly string[], wanted: readonly string[]): boolean {
  if (owned.includes(ALL) || hasAll(owned, wanted)) return true;
  return wanted.every((path) => {
    if (owned.includes(path)) return true;
    const slash = path.indexOf('/');
    return slash >= 0 && owned.includes(`*/${path.slice(slash + 1)}`);
  });
}

function nonResourceURLsCoverAll(owned: readonly string[], wanted: readonly string[]): boolean {
  return wanted.every((path) => owned.some((ownerPath) => ownerPath === path
    || (ownerPath.endsWith('*') && path.startsWith(ownerPath.replace(/\*+$/, '')))));
}

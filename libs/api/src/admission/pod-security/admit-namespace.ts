/**
 * PodSecurity on Namespace writes (pod-security-admission's ValidateNamespace): the labels must
 * be valid when they are set or changed, and a stricter enforce level is tried on the pods already
 * there, which earns warnings (never a refusal) naming the pods that would now be refused.
 */
import type { Namespace, Pod } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { evaluatePod, forbiddenReason } from './evaluate.js';
import { compareLevels, levelVersionString, policyFromLabels, sameVersion, type LevelVersion } from './policy.js';

/** namespaceMaxPodsToCheck: at most this many existing pods are tried. */
const maxPodsToCheck = 3000;

/** What PodSecurity says of a Namespace write: label errors refuse it (422), warnings do not. */
export interface NamespaceVerdict {
  errors: FieldError[];
  warnings: string[];
}

const messages = (errors: readonly FieldError[]) => errors.map((e) => `${e.field}: ${e.message}`).join(', ');

/** A Namespace create (no `previous`) or update; `pods` are the pods in it now. */
export function admitNamespaceSecurity(next: Namespace, previous: Namespace | undefined, pods: readonly Pod[]): NamespaceVerdict {
  const { policy, errors } = policyFromLabels(next.metadata.labels);
  if (!previous) return { errors, warnings: [] };
  const old = policyFromLabels(previous.metadata.labels);
  if (errors.length > 0 && (old.errors.length === 0 || messages(errors) !== messages(old.errors))) return { errors, warnings: [] };
  const { enforce } = policy;
  // Existing pods are not tried when enforce is unchanged, privileged, or relaxed at the same version.
  const sameEnforceVersion = sameVersion(enforce.version, old.policy.enforce.version);
  if (enforce.level === 'privileged' || (sameEnforceVersion && compareLevels(enforce.level, old.policy.enforce.level) < 1)) return { errors: [], warnings: [] };
  return { errors: [], warnings: existingPodWarnings(next.metadata.name ?? '', enforce, pods) };
}

/**
 * EvaluatePodsInNamespace: one warning that existing pods violate the new level, then one per
 * distinct set of reasons, led by the first pod name in order and how many others share it.
 */
function existingPodWarnings(namespace: string, enforce: LevelVersion, pods: readonly Pod[]): string[] {
  const checked = pods.slice(0, maxPodsToCheck);
  const byReasons = new Map<string, { first: string; count: number }>();
  for (const pod of checked) {
    const violations = evaluatePod(enforce, pod.metadata, pod.spec);
    if (violations.length === 0) continue;
    const reasons = forbiddenReason(violations);
    const name = pod.metadata.name ?? '';
    const seen = byReasons.get(reasons);
    byReasons.set(reasons, seen ? { first: name < seen.first ? name : seen.first, count: seen.count + 1 } : { first: name, count: 1 });
  }
  const warnings = checked.length < pods.length ? [`new PodSecurity enforce level only checked against the first ${checked.length} of ${pods.length} existing pods`] : [];
  if (byReasons.size > 0) warnings.push(`existing pods in namespace "${namespace}" violate the new PodSecurity enforce level "${levelVersionString(enforce)}"`);
  const perPod = [...byReasons].map(([reasons, { first, count }]) => {
    const others = count === 1 ? '' : count === 2 ? ' (and 1 other pod)' : ` (and ${count - 1} other pods)`;
    return `${first}${others}: ${reasons}`;
  });
  return [...warnings, ...perPod.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))];
}

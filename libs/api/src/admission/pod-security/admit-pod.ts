/**
 * PodSecurity on the writes that carry a pod: Pods are judged against enforce and warn (a
 * refusal is a 403), workloads with a pod template against warn only (pod-security-admission's
 * ValidatePod and ValidatePodController). No namespace or user is exempt, as in a default
 * kube-apiserver.
 */
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { podTemplateOf } from './pod-template.js';
import { policyFromLabels } from './policy.js';
import { isSignificantPodUpdate } from './significant-update.js';
import { judgePod, type PodSecurityVerdict } from './verdict.js';

const allowed: PodSecurityVerdict = { warnings: [] };

/** A Pod create (no `previous`) or update, in a namespace with these labels. */
export function admitPodSecurity(namespaceLabels: Readonly<Record<string, string>> | undefined, pod: Pod, previous?: Pod): PodSecurityVerdict {
  const { policy, errors } = policyFromLabels(namespaceLabels);
  if (errors.length === 0 && [policy.enforce, policy.warn, policy.audit].every((lv) => lv.level === 'privileged')) return allowed;
  if (previous && !isSignificantPodUpdate(pod, previous)) return allowed;
  return judgePod(policy, pod.metadata, pod.spec, true);
}

/** A write of a workload with a pod template: the warnings its template earns. */
export function podTemplateWarnings(namespaceLabels: Readonly<Record<string, string>> | undefined, workload: KubeObject): string[] {
  const { policy, errors } = policyFromLabels(namespaceLabels);
  if (errors.length === 0 && policy.warn.level === 'privileged' && policy.audit.level === 'privileged') return [];
  const template = podTemplateOf(workload);
  return template ? judgePod(policy, template.metadata, template.spec, false).warnings : [];
}

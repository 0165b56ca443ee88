/**
 * The admission plugins that judge a pod, in kube-apiserver's order: on create the mutating
 * LimitRanger, ServiceAccount (the `default` account, its token volume), Priority (403 on
 * refusal) and DefaultTolerationSeconds, then after validation LimitRanger's limits (403); on
 * update Priority keeps what a replacement body left out; PodSecurity on both.
 */
import type { PodSpec } from 'kubernetes-types/core/v1';
import { addDefaultTolerations } from '../../admission/defaults/default-tolerations.js';
import { applyLimitRanges } from '../../admission/limit-ranger/apply-limit-ranges.js';
import { checkLimitRanges } from '../../admission/limit-ranger/check-limit-ranges.js';
import { admitPodSecurity } from '../../admission/pod-security/admit-pod.js';
import { admitPodPriority } from '../../admission/priority/pod-priority.js';
import { assignServiceAccount, mountServiceAccountToken } from '../../admission/service-account/mount-token.js';
import type { KubeObject } from '../../object.js';
import { forbidden } from '../../status.js';
import type { Pod } from '../../typed-objects.js';
import type { KindWrite } from '../strategy.js';

const name = (o: KubeObject) => o.metadata.name ?? o.metadata.generateName ?? '';

/**
 * The ServiceAccount plugin's check: a pod runs as a ServiceAccount that exists, which it returns.
 * `default` always passes: kube-apiserver waits for the controller to create it in a new namespace.
 */
function checkServiceAccount(pod: Pod, w: KindWrite): KubeObject | undefined {
  const account = pod.spec?.serviceAccountName;
  if (!account || pod.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined) return undefined;
  const namespace = pod.metadata.namespace ?? '';
  const found = w.view.get('ServiceAccount', namespace, account);
  if (found || account === 'default') return found;
  throw forbidden(w.resource, name(pod), `error looking up service account ${namespace}/${account}: serviceaccount "${account}" not found`);
}

/** The mutating plugins on a pod create. */
export function mutatePodOnCreate(pod: KubeObject, w: KindWrite): KubeObject {
  const withLimits = applyLimitRanges(pod, w.view.list('LimitRange', pod.metadata.namespace));
  const withAccount = assignServiceAccount(withLimits);
  const withToken = mountServiceAccountToken(withAccount, checkServiceAccount(withAccount as Pod, w), w.ctx.randomSuffix());
  const priority = admitPodPriority(withToken, w.view.list('PriorityClass'));
  if ('refusal' in priority) throw forbidden(w.resource, name(pod), priority.refusal);
  const spec = { ...(priority.pod as Pod).spec } as PodSpec;
  addDefaultTolerations(spec, w.ctx.options);
  return { ...priority.pod, spec };
}

/** LimitRanger's validating half, after validation (422 first, then its 403, as kube-apiserver). */
export function checkPodLimits(pod: KubeObject, w: KindWrite): void {
  const refusals = checkLimitRanges(pod, w.view.list('LimitRange', pod.metadata.namespace));
  if (refusals.length > 0) throw forbidden(w.resource, name(pod), refusals.length === 1 ? refusals[0] : `[${refusals.join(', ')}]`);
}

/** PodSecurity on a pod: a refusal is a 403 named as the request named the pod (`generateName` when the server makes the name up). */
export function podSecurityOfPod(pod: KubeObject, current: KubeObject | undefined, w: KindWrite, requestedName: string): string[] {
  const verdict = admitPodSecurity(w.view.get('Namespace', '', pod.metadata.namespace ?? '')?.metadata.labels, pod as Pod, current as Pod | undefined);
  if (verdict.refusal) throw forbidden(w.resource, requestedName, verdict.refusal);
  return verdict.warnings;
}

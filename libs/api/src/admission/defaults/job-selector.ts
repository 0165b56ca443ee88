/**
 * The Job strategy's generated selector (generateSelector, run on create): unless the
 * user asked for a manual selector, the pods get the job's uid and name as labels and
 * the Job selects them by uid.
 */
import { cloneJson, isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';
import { copyTemplateLabels } from './job.js';

const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];

/**
 * Returns the job with its generated selector `{"batch.kubernetes.io/controller-uid": uid}` and the four
 * uid/name template labels (labels the user already set are kept, for validation to judge).
 */
export function applyJobSelector(job: KubeObject, uid: string): KubeObject {
  const result = cloneJson(job);
  const spec = isPlainObject(result.spec) ? result.spec : (result.spec = {});
  if (spec.manualSelector === true) return result;
  if (!isPlainObject(spec.template)) spec.template = {};
  if (!isPlainObject(spec.template.metadata)) spec.template.metadata = {};
  const labels = isPlainObject(spec.template.metadata.labels) ? spec.template.metadata.labels : (spec.template.metadata.labels = {});
  for (const label of NAME_LABELS) labels[label] ??= result.metadata.name ?? '';
  for (const label of UID_LABELS) labels[label] ??= uid;
  if (!isPlainObject(spec.selector)) spec.selector = {};
  if (!isPlainObject(spec.selector.matchLabels)) spec.selector.matchLabels = {};
  spec.selector.matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
  copyTemplateLabels(result);
  return result;
}

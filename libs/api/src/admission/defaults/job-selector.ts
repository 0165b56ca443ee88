/**
 * The Job strategy's generated selector (generateSelector, run on create): unless the
 * user asked for a manual selector, the pods get the job's uid and name as labels and
 * the Job selects them by uid.
 */
import { cloneJson } from '../../object.js';
import type { KubeObject } from '../../object.js';
import type { Job } from '../../typed-objects.js';
import { copyTemplateLabels } from './job.js';
import { objectField } from './object-field.js';

const UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'];
const NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'];

/**
 * Returns the job with its generated selector `{"batch.kubernetes.io/controller-uid": uid}` and the four
 * uid/name template labels (labels the user already set are kept, for validation to judge).
 */
export function applyJobSelector(job: KubeObject, uid: string): Job {
  const result = cloneJson(job) as Job;
  const spec = objectField(result, 'spec');
  if (spec.manualSelector === true) return result;
  const metadata = objectField(objectField(spec, 'template'), 'metadata');
  const labels = objectField(metadata, 'labels');
  for (const label of NAME_LABELS) labels[label] ??= result.metadata.name ?? '';
  for (const label of UID_LABELS) labels[label] ??= uid;
  const matchLabels = objectField(objectField(spec, 'selector'), 'matchLabels');
  matchLabels['batch.kubernetes.io/controller-uid'] ??= uid;
  copyTemplateLabels(result);
  return result;
}

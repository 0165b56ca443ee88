/**
 * The Job a CronJob starts for one schedule time (Kubernetes' getJobFromTemplate2),
 * and the reference status.active keeps to it. The name is derived from the
 * schedule time, so one time can never yield two Jobs.
 */
import { cloneJson, type CronJob, type Job } from '@kubelab/api';
import type { JobSpec } from 'kubernetes-types/batch/v1';
import type { ObjectReference } from 'kubernetes-types/core/v1';
import { controllerRefTo } from '../replicaset/owner-refs.js';
import { rfc3339InZone } from './zoned-time.js';

/** The annotation recording the time a Job was scheduled for, in the CronJob's timeZone. */
export const CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION = 'batch.kubernetes.io/cronjob-scheduled-timestamp';

/** `<cronjob>-<minutes since the Unix epoch>`. */
export function jobName(cronJob: CronJob, scheduledTime: Date): string {
  return `${cronJob.metadata.name}-${Math.floor(scheduledTime.getTime() / 60_000)}`;
}

/** The Job for `scheduledTime`: the template's labels, annotations and spec, owned by the CronJob. */
export function jobFromTemplate(cronJob: CronJob, scheduledTime: Date): Job {
  const spec = cronJob.spec!;
  const template = spec.jobTemplate;
  const labels = { ...template.metadata?.labels };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cronJob, scheduledTime),
      namespace: cronJob.metadata.namespace,
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      annotations: { ...template.metadata?.annotations, [CRONJOB_SCHEDULED_TIMESTAMP_ANNOTATION]: rfc3339InZone(scheduledTime, spec.timeZone) },
      ownerReferences: [controllerRefTo(cronJob)],
    },
    // A template without a spec (validation refuses it) gives an empty one, for the api-server to refuse.
    spec: cloneJson(template.spec ?? ({} as JobSpec)),
  };
}

/** The reference to a Job in status.active, as Kubernetes' ref.GetReference writes it. */
export function jobReference(job: Job): ObjectReference {
  return {
    kind: 'Job',
    namespace: job.metadata.namespace,
    name: job.metadata.name,
    uid: job.metadata.uid,
    apiVersion: 'batch/v1',
    resourceVersion: job.metadata.resourceVersion,
  };
}

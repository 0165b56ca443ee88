/** `kubectl get jobs`: NAME STATUS COMPLETIONS DURATION AGE, wide CONTAINERS IMAGES SELECTOR. */
import type { Job } from 'kubernetes-types/batch/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import { ageSince, humanDuration, parseTimestamp } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { selectorCell } from './selector-cells.js';

/** A Job's selector, as the wide column of Jobs and of CronJobs (their template's) describes it. */
export const jobSelectorColumn = wideColumn(
  'Selector',
  'A label query over pods that should match the pod count. Normally, the system sets this field for you. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
);

const columns = [
  nameColumn,
  column('Status', 'Status of the job.'),
  column(
    'Completions',
    'The number of pods which reached phase Succeeded. The value increases monotonically for a given spec. However, it may decrease in reaction to scale down of elastic indexed jobs.',
  ),
  column('Duration', 'Time required to complete the job.'),
  ageColumn,
  wideColumn('Containers', containersDescription),
  wideColumn('Images', imagesDescription),
  jobSelectorColumn,
];

/** Whether the first condition of this type is True. */
function hasCondition(job: Job, type: string): boolean {
  return job.status?.conditions?.find((c) => c.type === type)?.status === 'True';
}

/** `Complete`, `Failed`, `Terminating`, `Suspended`, `FailureTarget` or `Running`, in that precedence. */
export function jobStatus(job: Job): string {
  if (hasCondition(job, 'Complete')) return 'Complete';
  if (hasCondition(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(job, 'Suspended')) return 'Suspended';
  if (hasCondition(job, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

/** `2/3`, or for a job without completions `1/1` (`0/1 of 4` when it runs pods in parallel). */
export function jobCompletions(job: Job): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** Start to completion, or start to now while running; "" before the job starts. */
export function jobDuration(job: Job, now: Date): string {
  const start = parseTimestamp(job.status?.startTime);
  if (start === undefined) return '';
  const end = parseTimestamp(job.status?.completionTime) ?? now.getTime();
  return humanDuration(end - start);
}

/** Prints jobs. */
export const jobPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const job = obj as Job;
    const [names, images] = containerCells(job.spec?.template?.spec?.containers);
    return {
      cells: [
        job.metadata?.name ?? '',
        jobStatus(job),
        jobCompletions(job),
        jobDuration(job, now),
        ageSince(job.metadata?.creationTimestamp, now),
        names,
        images,
        selectorCell(job.spec?.selector),
      ],
    };
  },
};

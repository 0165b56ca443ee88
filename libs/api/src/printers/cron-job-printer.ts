/**
 * `kubectl get cronjobs`: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE, wide
 * CONTAINERS IMAGES SELECTOR (the Job template's, `<none>` until one is set).
 */
import type { CronJob } from 'kubernetes-types/batch/v1';
import { ageColumn, column, containersDescription, imagesDescription, nameColumn, wideColumn } from './columns.js';
import { containerCells } from './container-cells.js';
import { ageSince } from './human-duration.js';
import { jobSelectorColumn } from './job-printer.js';
import type { KindPrinter } from './kind-printer.js';
import { selectorCell } from './selector-cells.js';

const columns = [
  nameColumn,
  column('Schedule', 'The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.'),
  column(
    'Timezone',
    'The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones. If not specified, this will default to the time zone of the kube-controller-manager process. The set of valid time zone names and the time zone offset is loaded from the system-wide time zone database by the API server during CronJob validation and the controller manager during execution. If no system-wide time zone database can be found a bundled version of the database is used instead. If the time zone name becomes invalid during the lifetime of a CronJob or due to a change in host configuration, the controller will stop creating new new Jobs and will create a system event with the reason UnknownTimeZone. More information can be found in https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/#time-zones',
  ),
  column('Suspend', 'This flag tells the controller to suspend subsequent executions, it does not apply to already started executions.  Defaults to false.', { type: 'boolean' }),
  column('Active', 'A list of pointers to currently running jobs.', { type: 'integer' }),
  column('Last Schedule', 'Information when was the last time the job was successfully scheduled.'),
  ageColumn,
  wideColumn('Containers', containersDescription),
  wideColumn('Images', imagesDescription),
  jobSelectorColumn,
];

/** printBoolPtr: `True`, `False`, or `<unset>`. */
function boolCell(value: boolean | undefined): string {
  if (value === undefined || value === null) return '<unset>';
  return value ? 'True' : 'False';
}

/** Prints cron jobs; LAST SCHEDULE is the age of the last scheduled run, `<none>` before the first. */
export const cronJobPrinter: KindPrinter = {
  columns,
  print(obj, now) {
    const cronJob = obj as CronJob;
    const jobSpec = cronJob.spec?.jobTemplate?.spec;
    const [names, images] = containerCells(jobSpec?.template?.spec?.containers);
    const lastSchedule = cronJob.status?.lastScheduleTime;
    return {
      cells: [
        cronJob.metadata?.name ?? '',
        cronJob.spec?.schedule ?? '',
        cronJob.spec?.timeZone ?? '<none>',
        boolCell(cronJob.spec?.suspend),
        cronJob.status?.active?.length ?? 0,
        lastSchedule ? ageSince(lastSchedule, now) : '<none>',
        ageSince(cronJob.metadata?.creationTimestamp, now),
        names,
        images,
        selectorCell(jobSpec?.selector),
      ],
    };
  },
};

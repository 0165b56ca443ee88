import { describe, expect, it } from 'vitest';
import { cronJobPrinter } from './cron-job-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const metadata = { name: 'hello', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' };
const jobTemplate = { spec: { template: { spec: { containers: [{ name: 'hello', image: 'busybox' }], restartPolicy: 'OnFailure' } } } };

describe('cronJobPrinter', () => {
  it('declares NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE and wide CONTAINERS IMAGES SELECTOR', () => {
    expect(cronJobPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0', 'Schedule:0', 'Timezone:0', 'Suspend:0', 'Active:0', 'Last Schedule:0', 'Age:0', 'Containers:1', 'Images:1', 'Selector:1',
    ]);
  });

  it.each<[string, Record<string, unknown>, Record<string, unknown> | undefined, unknown[]]>([
    [
      'a cron job that never ran',
      { schedule: '*/1 * * * *', suspend: false, jobTemplate },
      {},
      ['hello', '*/1 * * * *', '<none>', 'False', 0, '<none>', '60m', 'hello', 'busybox', '<none>'],
    ],
    [
      'one with a time zone, a run under way and a last schedule',
      { schedule: '0 9 * * 1-5', timeZone: 'Europe/Paris', suspend: true, jobTemplate },
      { active: [{ kind: 'Job', name: 'hello-28576020' }], lastScheduleTime: '2024-05-01T11:59:00Z' },
      ['hello', '0 9 * * 1-5', 'Europe/Paris', 'True', 1, '60s', '60m', 'hello', 'busybox', '<none>'],
    ],
    ['one whose suspend was never defaulted', { schedule: '@hourly', jobTemplate }, undefined, ['hello', '@hourly', '<none>', '<unset>', 0, '<none>', '60m', 'hello', 'busybox', '<none>']],
  ])('prints %s', (_name, spec, status, cells) => {
    expect(cronJobPrinter.print({ apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec, status }, now).cells).toEqual(cells);
  });
});

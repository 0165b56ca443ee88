import { describe, expect, it } from 'vitest';
import type { ProcessInfo } from '../process/process-host.js';
import { procpsLayout, procpsTable } from './procps.js';

const now = new Date('2026-11-25T10:00:00Z');
const processes: ProcessInfo[] = [
  { pid: 1, ppid: 0, user: 'root', command: '/sbin/init', startedAt: new Date('2026-11-24T08:00:00Z'), stat: 'Ss', vszKiB: 22060, rssKiB: 13056 },
  { pid: 4107, ppid: 4106, user: 'root', command: '-bash', startedAt: new Date('2026-11-25T09:58:00Z'), tty: 'pts/0', stat: 'Ss', vszKiB: 7236, rssKiB: 4096 },
];
const own: ProcessInfo[] = [processes[1], { pid: 4108, user: 'root', command: 'ps', startedAt: now, tty: 'pts/0', stat: 'R+' }];

describe('procps ps on a node', () => {
  it.each([
    [['aux'], 'bsd-user'], [['-aux'], 'bsd-user'], [['-ef'], 'full'], [['-e', '-f'], 'full'], [['-e'], 'every'], [['-A'], 'every'], [['ax'], 'every'], [[], 'own'],
  ])('reads %j as its %s layout', (args, layout) => expect(procpsLayout(args)).toBe(layout));

  it('prints ps aux with START as the time of day, or the month and day for a process started before today', () => {
    expect(procpsTable(['aux'], processes, own, now)).toBe([
      'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND',
      'root           1  0.0  0.0  22060 13056 ?        Ss   Nov24   0:00 /sbin/init',
      'root        4107  0.0  0.0   7236  4096 pts/0    Ss   09:58   0:00 -bash',
      '',
    ].join('\n'));
  });

  it('prints ps -ef, and plain ps as the terminal\'s own processes', () => {
    expect(procpsTable(['-ef'], processes, own, now)).toBe([
      'UID          PID    PPID  C STIME TTY          TIME CMD',
      'root           1       0  0 Nov24 ?        00:00:00 /sbin/init',
      'root        4107    4106  0 09:58 pts/0    00:00:00 -bash',
      '',
    ].join('\n'));
    expect(procpsTable([], processes, own, now)).toBe('    PID TTY          TIME CMD\n   4107 pts/0    00:00:00 -bash\n   4108 pts/0    00:00:00 ps\n');
  });
});

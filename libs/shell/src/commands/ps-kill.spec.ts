import { describe, expect, it } from 'vitest';
import type { ProcessInfo, ProcessTable } from '../process/process-host.js';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';

function table(): ProcessTable & { signals: [number, string][] } {
  const processes: ProcessInfo[] = [
    { pid: 7, user: 'root', command: 'sh', startedAt: new Date(0) },
    { pid: 1, user: 'root', command: 'sleep 3600', startedAt: new Date(0) },
    { pid: 12, user: 'verylongusername', command: 'sh -c echo 한', startedAt: new Date(0) },
  ];
  const signals: [number, string][] = [];
  return {
    signals,
    list: () => processes,
    signal: (pid, signal) => {
      if (!processes.some((process) => process.pid === pid)) return false;
      signals.push([pid, signal]);
      return true;
    },
  };
}

async function sh(script: string, processes?: ProcessTable, pid?: number) {
  const lab = virtualHost({ processes, pid });
  const status = await runProcess(['sh', '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr() };
}

describe('ps', () => {
  it('lists the process table by PID in busybox format, whatever the options', async () => {
    const expected = 'PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    7 root      0:00 sh\n   12 verylong  0:00 sh -c echo 한\n';
    for (const command of ['ps', 'ps aux', 'ps -ef']) expect(await sh(command, table())).toMatchObject({ status: 0, stdout: expected });
  });

  it('without a process table shows only this process', async () => {
    expect((await sh('ps', undefined, 9)).stdout).toBe("PID   USER     TIME  COMMAND\n    9 root      0:00 sh -c ps\n");
  });

  it('pipes into a reader like any command', async () => {
    expect((await sh('ps | while read pid user time command; do [ "$command" = "sleep 3600" ] && echo found $pid; done', table())).stdout).toBe('found 1\n');
  });
});

describe('kill', () => {
  it.each([
    ['kill 1', [[1, 'SIGTERM']]],
    ['kill -9 1', [[1, 'SIGKILL']]],
    ['kill -TERM 1 7', [[1, 'SIGTERM'], [7, 'SIGTERM']]],
    ['kill -s KILL 12', [[12, 'SIGKILL']]],
    ['kill -SIGINT 1', [[1, 'SIGINT']]],
    ['kill -hup -- 1', [[1, 'SIGHUP']]],
    ['kill -0 1', []],
  ])('%s', async (command, signals) => {
    const processes = table();
    expect(await sh(command, processes)).toMatchObject({ status: 0, stderr: '' });
    expect(processes.signals).toEqual(signals);
  });

  it.each([
    ['kill 42', "kill: can't kill pid 42: No such process\n"],
    ['kill -0 42', "kill: can't kill pid 42: No such process\n"],
    ['kill -FOO 1', "kill: bad signal name 'FOO'\n"],
    ['kill abc', "kill: invalid number 'abc'\n"],
    ['kill', 'Usage: kill [-l] [-SIG] PID...\n'],
  ])('%s fails with status 1', async (command, stderr) => {
    expect(await sh(command, table())).toMatchObject({ status: 1, stderr });
  });

  it('kill -l lists signals and translates names and numbers', async () => {
    const { stdout } = await sh('kill -l');
    expect(stdout.split('\n').slice(0, 3)).toEqual([' 1) HUP', ' 2) INT', ' 3) QUIT']);
    expect(stdout).toContain(' 9) KILL\n10) USR1\n');
    expect(stdout).toContain('15) TERM\n');
    expect((await sh('kill -l 9 TERM 137')).stdout).toBe('KILL\n15\nKILL\n');
  });

  it('without a process table, kill $$ ends this process with 128 + the signal', async () => {
    expect((await sh('echo before; kill -9 $$; echo after')).status).toBe(137);
    expect(await sh('kill $$; echo after', undefined, 5)).toMatchObject({ status: 143, stdout: '' });
    expect(await sh('kill 2')).toMatchObject({ status: 1, stderr: "kill: can't kill pid 2: No such process\n" });
  });
});

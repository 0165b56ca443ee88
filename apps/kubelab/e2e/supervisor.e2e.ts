import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { kubectlFor, labCredentials, tempDir, waitFor } from '@kubelab/testing';
import { afterEach, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));
const kubelab = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 90_000 });

interface LabJson {
  supervisorPid: number;
  processes: { name: string; pid: number; cmdline: string[]; state: string; restarts: number }[];
}
const labJson = (dataDir: string) => JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as LabJson;

/**
 * True while the pid runs. A zombie does not: the children of a dead supervisor are
 * reaped by init, which in a container may take seconds after they exited.
 */
function running(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Waits until none of the pids runs: kubelab stops its processes in three waves, each forced after 5 s, and a loaded machine may take each wave to the end. */
const allGone = (pids: number[]) => waitFor(() => pids.every((pid) => !running(pid)), `pids ${pids.join(', ')} to be gone`, 30_000, 50);

/** Processes a test started itself, killed after it whatever happened. */
const strays: ChildProcess[] = [];
afterEach(() => {
  for (const child of strays.splice(0)) child.kill('SIGKILL');
});

/** `kubelab up` in the foreground with its output piped, as `kubelab up | tee log` runs it; resolves once it printed `until`. */
async function upInForeground(dataDir = tempDir('lab'), until = 'kubelab is up.') {
  const child = spawn(process.execPath, [
    bin, 'up', '--data-dir', dataDir, '--api-port', '0', '--dashboard-port', '0',
    '--nodes', '1', '--time-scale', '20',
  ], { stdio: ['ignore', 'pipe', 'pipe'] });
  strays.push(child);
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  await waitFor(() => output.includes(until) || child.exitCode !== null, `"${until}"`, 60_000);
  expect(output).toContain(until);
  return { child, dataDir, exited, output: () => output };
}

/** A process that runs until killed, with a command line of its own. */
function idle(tag: string): ChildProcess {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)', tag], { stdio: 'ignore' });
  strays.push(child);
  return child;
}

/** The pid of a process that has exited: no process has it. */
const deadPid = () => spawnSync('true').pid;

describe('kubelab up leaves no process behind (1 node, time scale 20)', () => {
  it('restarts what was killed behind its back, with back-off, shown in status and the event log; a closed terminal (SIGHUP) then stops every process', async () => {
    const lab = await upInForeground();
    const processes = () => labJson(lab.dataDir).processes;
    const before = processes().find((p) => p.name === 'scheduler')!;
    // The scheduler is a thread of the thread host: its pid is the host's, and a kill -9 of it takes every thread of the host with it.
    expect(processes().find((p) => p.name === 'thread-host')!.pid).toBe(before.pid);
    process.kill(before.pid, 'SIGKILL');
    const threads = ['scheduler', 'controller-manager', 'dashboard', 'kubelet-agent/node-1'];
    for (const name of threads) {
      await waitFor(() => lab.output().includes(`kubelab: ${name} exited on SIGKILL; restarting in 1 s (restart 1)`), `${name}'s restart to be announced`, 30_000);
    }
    // Running again in a new host, not yet leading: the killed leader's lease has 15 s to expire. The stop below cuts that wait short.
    const after = await waitFor(() => {
      const p = processes().find((x) => x.name === 'scheduler')!;
      return p.pid !== before.pid && p.state === 'running' && p;
    }, 'the scheduler to run again', 30_000);
    expect(after.restarts).toBe(1);
    expect(running(after.pid)).toBe(true);
    await waitFor(() => threads.every((name) => processes().some((p) => p.name === name && p.pid === after.pid && p.state === 'running')), 'every thread running again in the new host', 30_000);
    const status = kubelab(['status', '--data-dir', lab.dataDir]);
    expect(status.stdout).toMatch(/^COMPONENT\s+PID\s+STATUS\s+RESTARTS\s+RSS$/m);
    expect(status.stdout).toMatch(new RegExp(`^scheduler\\s+${after.pid}\\s+running\\s+1\\s+-$`, 'm'));
    expect(status.stdout).toMatch(new RegExp(`^thread-host\\s+${after.pid}\\s+running\\s+0\\s+\\d+ MiB$`, 'm'));
    expect(status.stdout).toMatch(/\nmemory: \d+ MiB RSS, \d+ MiB PSS \(each shared page counted once\) for the whole lab\n/);
    expect(status.stdout).toMatch(/^api-server\s+\d+\s+ready\s+0\s+\d+ MiB$/m);

    const state = JSON.parse(readFileSync(join(lab.dataDir, 'lab.json'), 'utf8')) as { apiUrl: string };
    const kubectl = kubectlFor(state.apiUrl, labCredentials(lab.dataDir));
    const events = await waitFor(async () => {
      const list = JSON.parse((await kubectl(['get', 'events', '-n', 'kube-system', '--field-selector', 'reason=ComponentRestarted,involvedObject.name=scheduler', '-o', 'json'])).stdout);
      return list.items.length > 0 && list.items;
    }, 'the ComponentRestarted event', 30_000);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      involvedObject: { kind: 'Component', name: 'scheduler' }, source: { component: 'kubelab' },
      message: 'kubelab: restarted scheduler after it exited on SIGKILL (restart 1)',
    });

    // A crash loop doubles the wait; `chaos start` during the wait starts the process at once and drops the restart that waited.
    const apiServer = () => processes().find((p) => p.name === 'api-server')!;
    // The fifth restart waits 16 s: long enough for `chaos start` to come first on a loaded machine (after it, start would refuse: already running).
    for (const [restart, wait] of [[1, 1], [2, 2], [3, 4], [4, 8], [5, 16]]) {
      const { pid } = apiServer();
      process.kill(pid, 'SIGKILL');
      await waitFor(() => lab.output().includes(`kubelab: api-server exited on SIGKILL; restarting in ${wait} s (restart ${restart})`), `restart ${restart} to be announced`, 30_000);
      if (restart < 5) await waitFor(() => apiServer().pid !== pid && apiServer().state === 'running', `restart ${restart}`, 30_000);
    }
    const due = Date.now() + 16_000;
    const started = kubelab(['chaos', 'start', 'api-server', '--data-dir', lab.dataDir]);
    expect(started.stderr).toBe('');
    const { pid: startedPid } = apiServer();
    expect(started.stdout).toContain(`start api-server (pid ${startedPid})`);
    await waitFor(() => Date.now() > due + 500, 'the moment the dropped restart was due', 20_000, 100);
    // On a failure the lab's own account (a manifest's word, a restart) says what else moved the api-server.
    expect(apiServer(), lab.output()).toMatchObject({ pid: startedPid, state: 'running', restarts: 4 });

    const pids = labJson(lab.dataDir).processes.map((p) => p.pid);
    lab.child.kill('SIGHUP');
    await allGone(pids);
    expect(await lab.exited).toBe(0);
    expect(existsSync(join(lab.dataDir, 'lab.json'))).toBe(false);
  }, 240_000);

  it('stops quietly and completely when its output pipe is gone (Ctrl-C on kubelab up | tee log)', async () => {
    const lab = await upInForeground();
    const pids = labJson(lab.dataDir).processes.map((p) => p.pid);
    lab.child.stdout!.destroy();
    lab.child.kill('SIGINT');
    await allGone(pids);
    // It did not die of the EPIPE (exit 1, lab.json left): it stopped the lab to the end.
    expect(await lab.exited).toBe(0);
    expect(lab.output()).not.toContain('EPIPE');
    expect(existsSync(join(lab.dataDir, 'lab.json'))).toBe(false);
  });

  it('a supervisor killed outright (SIGKILL) takes every process with it; kubelab up then clears what a dead one left, by command line, and starts', async () => {
    const lab = await upInForeground();
    // A drill's signal reaches the process group: killing nats kills the nats-server its guardian runs too.
    const guardian = labJson(lab.dataDir).processes.find((p) => p.name === 'nats')!.pid;
    const children = readFileSync(`/proc/${guardian}/task/${guardian}/children`, 'utf8').trim().split(' ').map(Number);
    const natsServer = children.find((pid) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('nats-server\0'));
    expect(natsServer).toBeDefined();
    expect(kubelab(['chaos', 'kill', 'nats', '--data-dir', lab.dataDir]).status).toBe(0);
    await allGone([guardian, ...children]);
    expect(kubelab(['chaos', 'start', 'nats', '--data-dir', lab.dataDir]).status).toBe(0);

    const pids = labJson(lab.dataDir).processes.map((p) => p.pid);
    lab.child.kill('SIGKILL');
    await allGone(pids);

    // As if its processes had lived on: one leftover, and a pid that another program got since.
    const leftover = idle('leftover');
    const other = idle('another program');
    const stale = labJson(lab.dataDir);
    writeFileSync(join(lab.dataDir, 'lab.json'), JSON.stringify({
      ...stale,
      processes: [
        { ...stale.processes[1], pid: leftover.pid, cmdline: [process.execPath, '-e', 'setInterval(() => {}, 1000)', 'leftover'] },
        { ...stale.processes[2], pid: other.pid },
      ],
    }));
    // Up to its api-server: the scheduler of the killed lab, cut off by the nats drill, could not release its lease, which takes 15 s to expire.
    const again = await upInForeground(lab.dataDir, '✓ api-server');
    expect(again.output()).toContain(`kubelab: the lab in ${lab.dataDir} was not stopped cleanly (supervisor pid ${stale.supervisorPid} is gone); `
      + `stopping its leftover processes: ${stale.processes[1].name} (pid ${leftover.pid})\n`);
    expect(running(leftover.pid!)).toBe(false);
    expect(running(other.pid!)).toBe(true);
    const pidsAgain = labJson(lab.dataDir).processes.map((p) => p.pid);
    again.child.kill('SIGINT');
    expect(await again.exited).toBe(0);
    expect(pidsAgain.filter(running)).toEqual([]);
  });

  it('status and down on a data dir whose supervisor is gone name its leftovers and stop only those', () => {
    const dataDir = tempDir('stale');
    const leftover = idle('leftover');
    const other = idle('another program');
    const supervisorPid = deadPid();
    writeFileSync(join(dataDir, 'lab.json'), JSON.stringify({
      supervisorPid, apiUrl: 'https://127.0.0.1:1', natsUrl: 'nats://127.0.0.1:1', controlUrl: 'http://127.0.0.1:1', timeScale: 1,
      kubeconfig: join(dataDir, 'kubeconfig'), ready: true,
      processes: [
        { name: 'api-server', pid: leftover.pid, cmdline: [process.execPath, '-e', 'setInterval(() => {}, 1000)', 'leftover'], log: '', state: 'running', restarts: 2 },
        { name: 'scheduler', pid: other.pid, cmdline: [process.execPath, '/lab/scheduler.mjs'], log: '', state: 'running', restarts: 0 },
      ],
    }));
    const status = kubelab(['status', '--data-dir', dataDir]);
    expect(status.status).toBe(3);
    expect(status.stdout).toContain(`its supervisor (pid ${supervisorPid}) is gone`);
    expect(status.stdout).toMatch(new RegExp(`^api-server\\s+${leftover.pid}\\s+leftover\\s+2$`, 'm'));
    expect(status.stdout).not.toContain('scheduler');
    expect(status.stdout).toContain(`stop them with: kubelab down --data-dir ${dataDir}`);

    const down = kubelab(['down', '--data-dir', dataDir]);
    expect(down.status).toBe(0);
    expect(down.stdout).toContain(`stopping its leftover processes: api-server (pid ${leftover.pid})`);
    expect(running(leftover.pid!)).toBe(false);
    expect(running(other.pid!)).toBe(true);
    expect(existsSync(join(dataDir, 'lab.json'))).toBe(false);
  });
});

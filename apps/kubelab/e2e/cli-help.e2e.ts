import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { waitFor } from '@kubelab/testing';
import { describe, expect, it, vi } from 'vitest';
import { commandPaths } from '../src/cli/command-tree.js';
import { kubelabProgram, runKubelab, type Commands } from '../src/cli/program.js';

const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));
const kubelab = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 90_000 });

/** The tree only: nothing runs, so no command needs its work. */
const idle = new Proxy({}, { get: () => async () => 0 }) as Commands;
const paths = commandPaths(kubelabProgram(idle));

/** The command line run by this process's CLI (help and refusals need no command's work), its output captured. */
async function inProcess(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const captured = { stdout: '', stderr: '' };
  const capture = (stream: 'stdout' | 'stderr') => vi.spyOn(process[stream], 'write').mockImplementation(((chunk: string | Uint8Array) => {
    captured[stream] += String(chunk);
    return true;
  }) as typeof process.stdout.write);
  const spies = [capture('stdout'), capture('stderr')];
  try {
    return { status: await runKubelab(args, idle), ...captured };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** One `kubelab: <message>` line on stderr, exit 2, no stack trace. */
function refused(args: string[]): string {
  const run = kubelab(args);
  expect(run.status).toBe(2);
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^kubelab: [^\n]+\n$/);
  return run.stderr;
}

describe('kubelab --help', () => {
  it('the tree holds every command, the drills with and without "chaos"', () => {
    for (const path of ['up', 'down', 'status', 'kubeconfig', 'deschedule', 'events', 'why', 'replay', 'verify', 'check', 'export', 'import',
      'chaos', 'chaos kill-agent', 'chaos random', 'chaos oom', 'start-agent', 'image', 'image add', 'image list', 'user', 'user add', 'clock', 'clock forward', 'clock reset', 'completion', 'help']) {
      expect(paths).toContain(path);
    }
    expect(paths).not.toContain('kill');
  });

  // Every path in this process (the CLI's own parser, no work done), a few through the bin as a user types them.
  it.each(paths)('kubelab %s --help and -h print its usage and exit 0', async (path) => {
    for (const flag of ['--help', '-h']) {
      const run = await inProcess([...path.split(' '), flag]);
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout.split('\n')).toContainEqual(expect.stringMatching(new RegExp(`^Usage: kubelab ${path} `)));
    }
  });

  it.each(['up', 'chaos kill-agent', 'learn start'])('the bin: kubelab %s --help prints what the parser prints', async (path) => {
    const run = kubelab([...path.split(' '), '--help']);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout).toBe((await inProcess([...path.split(' '), '--help'])).stdout);
  });

  it('kubelab status --help and the overview list --slo', async () => {
    const usage = (await inProcess(['status', '--help'])).stdout;
    expect(usage).toMatch(/^ {2}--slo +then sig-scalability's SLOs of the lab as it ran/m);
    expect(kubelab(['help']).stdout).toContain('kubelab status [--slo] [--data-dir DIR]');
  });

  it('kubelab help COMMAND is the same usage', () => {
    expect(kubelab(['help', 'chaos', 'partition']).stdout).toBe(kubelab(['chaos', 'partition', '--help']).stdout);
  });

  it('kubelab --help, -h and help print the overview and exit 0; kubelab alone prints it and exits 2', () => {
    const overview = kubelab(['help']);
    expect(overview.status).toBe(0);
    expect(overview.stdout).toMatch(/^kubelab — a Kubernetes cluster emulator/);
    expect(overview.stdout).toContain('kubelab chaos kill-agent NODE [--signal KILL|TERM]');
    for (const flag of ['--help', '-h']) expect(kubelab([flag])).toMatchObject({ status: 0, stdout: overview.stdout });
    expect(kubelab([])).toMatchObject({ status: 2, stdout: overview.stdout });
  });
});

describe('kubelab refusing a command line', () => {
  it('suggests the command meant', () => {
    expect(refused(['chaoss'])).toBe("kubelab: unknown command 'chaoss' (Did you mean chaos?); kubelab --help shows the usage\n");
    expect(refused(['chaos', 'kil-agent', 'node-1'])).toBe("kubelab: unknown command 'kil-agent' (Did you mean kill-agent?); kubelab chaos --help shows the usage\n");
    expect(refused(['help', 'chaoss'])).toBe('kubelab: no command "chaoss"; kubelab help lists them\n');
  });

  it('names an unknown option, a missing argument or option value, and extra arguments, with the command\'s help', () => {
    expect(refused(['up', '--detatch'])).toBe("kubelab: unknown option '--detatch' (Did you mean --detach?); kubelab up --help shows the usage\n");
    expect(refused(['chaos', 'kill-agent'])).toBe("kubelab: missing required argument 'NODE'; kubelab chaos kill-agent --help shows the usage\n");
    expect(refused(['partition', 'node-1', '--for'])).toBe("kubelab: option '--for <DURATION>' argument missing; kubelab partition --help shows the usage\n");
    expect(refused(['status', 'extra'])).toBe("kubelab: too many arguments for 'status'. Expected 0 arguments but got 1; kubelab status --help shows the usage\n");
    expect(refused(['chaos', 'heal', 'node-1', '--signal', 'TERM'])).toContain("unknown option '--signal'");
  });

  it('lists what a group of commands holds when given none', () => {
    expect(refused(['image'])).toBe('kubelab: image needs a command: add, list; kubelab image --help shows the usage\n');
    expect(refused(['chaos'])).toContain('kubelab: chaos needs a command: kill-agent, pause-agent, resume-agent, start-agent, partition, heal, kill, start, crash, unhealthy, oom, random;');
  });

  it('keeps the commands\' own messages', () => {
    expect(refused(['why', 'pod'])).toBe('kubelab: why takes one KIND/NAME, e.g. kubelab why pod/web-5d8f9-x7k2p\n');
    expect(refused(['replay', '--data-dir', '/nonexistent'])).toBe('kubelab: replay needs --at SEQ|DURATION|TIME: the point of the log to rebuild the cluster at\n');
    expect(refused(['events', '-o', 'xml', '--data-dir', '/nonexistent'])).toBe('kubelab: -o must be one of table, json, yaml, got "xml"\n');
  });
});

describe('kubelab completion', () => {
  it('bash: completes the commands, the subcommands and the options of the command typed', () => {
    const script = kubelab(['completion', 'bash']);
    expect(script.status).toBe(0);
    const complete = (words: string[]) => {
      const run = spawnSync('bash', ['-c', `${script.stdout}\nCOMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _kubelab; printf '%s\\n' "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      return run.stdout.trim().split('\n');
    };
    expect(complete(['kubelab', ''])).toEqual(['up', 'down', 'status', 'kubeconfig', 'deschedule', 'image', 'user', 'node', 'join-command', 'join', 'ssh', 'chaos', 'clock', 'events', 'why', 'replay', 'learn', 'exam', 'verify', 'check', 'export', 'import', 'completion', 'help']);
    expect(complete(['kubelab', 'learn', 's'])).toEqual(['start', 'status', 'solve']);
    expect(complete(['kubelab', 'ch'])).toEqual(['chaos', 'check']);
    expect(complete(['kubelab', 'chaos', 'kill'])).toEqual(['kill-agent', 'kill']);
    expect(complete(['kubelab', 'up', '--d'])).toEqual(['--detach', '--data-dir', '--dashboard-port', '--database']);
    expect(complete(['kubelab', 'chaos', 'partition', 'node-1', '--f'])).toEqual(['--for']);
    expect(complete(['kubelab', 'image', ''])).toEqual(['add', 'list']);
  });

  it('zsh: a real interactive zsh completes the commands with their summaries, the subcommands and the options', async () => {
    const script = kubelab(['completion', 'zsh']);
    expect(script.status).toBe(0);
    expect(script.stdout.split('\n')[0]).toBe('#compdef kubelab');
    const home = mkdtempSync(join(tmpdir(), 'kubelab-zsh-'));
    writeFileSync(join(home, 'kubelab.zsh'), script.stdout);
    // A terminal of its own (tmux on a private socket), so zsh's line editor runs its completion widgets as for a user.
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', `kubelab-zsh-${process.pid}`, ...args], { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-p', '-t', 'zsh').stdout;
    expect(tmux('new-session', '-d', '-s', 'zsh', '-x', '200', '-y', '50', `env -i HOME=${home} TERM=xterm PATH=/usr/bin:/bin zsh -f`).status).toBe(0);
    try {
      tmux('send-keys', '-t', 'zsh', `autoload -U compinit && compinit -u -d ${home}/.zcompdump && source ${home}/kubelab.zsh && clear`, 'Enter');
      const completes = async (typed: string, shown: RegExp[]) => {
        tmux('send-keys', '-t', 'zsh', typed, 'Tab');
        const seen = await waitFor(() => shown.every((r) => r.test(screen())) && screen(), `zsh to complete "${typed}"`, 10_000, 100);
        tmux('send-keys', '-t', 'zsh', 'C-u', 'clear', 'Enter');
        await waitFor(() => !screen().includes(typed), 'the screen to clear', 10_000, 100);
        return seen;
      };
      await completes('kubelab learn s', [/^solve +-- apply the reference solution/m, /^start +-- start a scenario/m, /^status +-- /m]);
      await completes('kubelab up --d', [/--dashboard-port +--data-dir +--database +--detach/]);
      await completes('kubelab chaos kill-ag', [/kubelab chaos kill-agent *$/m]);
      expect(await completes('kubelab ima', [/kubelab image *$/m])).not.toContain('command not found');
    } finally {
      tmux('kill-server');
      rmSync(home, { recursive: true, force: true });
    }
  });

  it('ends quietly with exit 0 when its reader stops early, as any command piped to head does', async () => {
    const child = spawn(process.execPath, [bin, 'completion', 'bash'], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    expect(await new Promise((exited) => child.on('close', exited))).toBe(0);
    expect(stderr).toBe('');
  });

  it('refuses another shell or none', () => {
    expect(refused(['completion', 'fish'])).toBe('kubelab: completion takes bash or zsh, got "fish"\n');
    expect(refused(['completion'])).toBe("kubelab: missing required argument 'SHELL'; kubelab completion --help shows the usage\n");
  });
});

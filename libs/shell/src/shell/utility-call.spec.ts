import { describe, expect, it } from 'vitest';
import type { CommandContext, Utility } from '../commands/command-context.js';
import { Pipe } from '../io/pipe.js';
import { runProcess } from '../process/launch.js';
import { Runtime } from '../process/runtime.js';
import { virtualHost } from '../testing/virtual-host.js';
import { callUtility, type ContextBase } from './utility-call.js';

function setup(stdin: Pipe) {
  const lab = virtualHost();
  const runtime = new Runtime(lab.host, {}, 'sh', runProcess);
  let out = '';
  const base: ContextBase = { name: 'u', args: [], env: {}, cwd: '/', fs: lab.fs, runtime, resolve: (path) => path, exec: async () => 0, execRooted: async () => 0, isCommand: () => true };
  const call = (utility: Utility) => callUtility(utility, base, { stdin, stdout: (bytes) => (out += bytes), stderr: (bytes) => (out += bytes) }, runtime);
  return { call, output: () => out, lab };
}

describe('callUtility', () => {
  it('a utility that reads `input` runs once the input has ended, and what it printed first is not repeated', async () => {
    const stdin = new Pipe();
    const { call, output } = setup(stdin);
    let runs = 0;
    const count: Utility = (context: CommandContext) => {
      runs++;
      context.stdout('header\n');
      context.stdout(`${context.input.length}\n`);
      return 0;
    };
    const status = call(count);
    stdin.write('abc');
    await new Promise((resolve) => setImmediate(resolve));
    expect(output()).toBe('');
    stdin.write('def');
    stdin.close();
    expect(await status).toBe(0);
    expect(output()).toBe('header\n6\n');
    expect(runs).toBe(2);
  });

  it('a utility that never reads input does not wait for its end', async () => {
    const stdin = new Pipe();
    const { call, output } = setup(stdin);
    expect(await call((context) => (context.stdout('now\n'), 0))).toBe(0);
    expect(output()).toBe('now\n');
  });

  it('input already complete is read at once, and only by the utility that asks', async () => {
    const stdin = Pipe.of('one\ntwo\n');
    const { call, output } = setup(stdin);
    await call((context) => (context.stdout('skip\n'), 0));
    await call((context) => (context.stdout(context.input), 0));
    expect(output()).toBe('skip\none\ntwo\n');
  });

  it('a streaming utility reads chunks as they arrive', async () => {
    const stdin = new Pipe();
    const { call, output } = setup(stdin);
    const done = call(async (context) => {
      for (let line = await context.stdin!.readLine(); line !== undefined; line = await context.stdin!.readLine()) context.stdout(`> ${line}`);
      return 0;
    });
    stdin.write('a\n');
    await new Promise((resolve) => setImmediate(resolve));
    expect(output()).toBe('> a\n');
    stdin.write('b\n');
    stdin.close();
    await done;
    expect(output()).toBe('> a\n> b\n');
  });

  it('a wait on stdin ends when the process is killed', async () => {
    const stdin = new Pipe();
    const { call, lab } = setup(stdin);
    const done = call((context) => context.input.length);
    lab.kill('SIGKILL');
    await expect(done).rejects.toMatchObject({ exitCode: 137 });
  });
});

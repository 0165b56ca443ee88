/**
 * The thread host as the supervisor drives it: the real host process (bundled, as the lab runs it), whose threads run small
 * components as the lab's do: a ticker through libs/bus runComponent, as a node's agent or the scheduler, and a web server
 * that tells its supervisor the port it bound, as the dashboard. Each ticker ticks into its log, so a frozen one is seen to stop.
 */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { tempDir, waitFor } from '@kubelab/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { ThreadHost, describeChild, type LabThread } from './lab-threads.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const dir = tempDir('lab-threads');
const component = join(dir, 'ticker.ts');
writeFileSync(component, `import { runComponent } from ${JSON.stringify(join(root, 'libs/bus/src/run-component.ts'))};
void runComponent('ticker', () => ({ logLevel: 'info' }), async (_config, log) => {
  log.info('started');
  const timer = setInterval(() => log.info('tick'), 20);
  return { stop: async () => { clearInterval(timer); log.info('stopped in order'); } };
});
`);
const webComponent = join(dir, 'web.ts');
writeFileSync(webComponent, `import { createServer } from 'node:http';
import { exitSaying, watchSupervisor } from ${JSON.stringify(join(root, 'libs/bus/src/hosted-thread.ts'))};
if (process.argv.includes('--bad')) exitSaying('web: --bad is not a flag of web', 2);
const parent = watchSupervisor();
const server = createServer((_req, res) => res.end('hello from a thread'));
server.listen(0, '127.0.0.1', () => parent.listening(server.address().port));
parent.stopWith(() => server.close(() => process.exit(0)));
`);
// A thread runs JavaScript, as the lab's run their bundles: each component bundled whole, so it starts at once.
const bundled = (source: string, name: string) => {
  const outfile = join(dir, name);
  buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile, logLevel: 'silent', nodePaths: [join(root, 'node_modules')] });
  return outfile;
};
const entry = bundled(component, 'ticker.cjs');
const webEntry = bundled(webComponent, 'web.cjs');
// The host bundled too, as the lab runs it: under tsx each of this spec's hosts took seconds to start on a busy machine.
const hostBundle = join(dir, 'thread-host.mjs');
buildSync({
  entryPoints: [join(root, 'apps/kubelab/src/thread-host.ts')], bundle: true, platform: 'node', format: 'esm', target: 'node20', outfile: hostBundle,
  logLevel: 'silent', nodePaths: [join(root, 'node_modules')], tsconfig: join(root, 'tsconfig.json'),
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
});

const hosts: ThreadHost[] = [];
afterEach(async () => Promise.all(hosts.splice(0).map((h) => h.stop())));

function host(): ThreadHost {
  const made = new ThreadHost(() => spawn(process.execPath, [hostBundle], { cwd: root, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
  hosts.push(made);
  return made;
}

const logOf = (node: string) => join(dir, `${node}.log`);
const ticks = (node: string) => readFileSync(logOf(node), 'utf8').split('\n').filter((l) => l.includes('"tick"')).length;
const exit = (thread: LabThread) => new Promise<[number | null, string | null]>((resolve) => thread.once('exit', (code, signal) => resolve([code, signal])));

// Real processes and threads: on a machine busy with the e2e lane a start takes seconds, not the unit default's share of 20.
describe('the thread host', { timeout: 60_000 }, () => {
  it('runs each node as a thread of one process, logging to its own file; SIGKILL ends one thread, the others run on', async () => {
    const h = host();
    const [a, b] = [await h.start('node-a', entry, [], logOf('node-a')), await h.start('node-b', entry, [], logOf('node-b'))];
    expect(a.pid).toBe(h.process!.pid);
    expect(b.pid).toBe(a.pid);
    await waitFor(() => ticks('node-a') > 2 && ticks('node-b') > 2, 'both threads ticking');
    expect(describeChild(a)).toMatch(/^thread \d+ of pid \d+$/);

    const killed = exit(a);
    a.signal('SIGKILL');
    expect(await killed).toEqual([null, 'SIGKILL']);
    const after = ticks('node-b');
    await waitFor(() => ticks('node-b') > after + 2, 'node-b ticking on');
    expect(h.process).toBeDefined();
  });

  it('SIGSTOP freezes a thread until SIGCONT; SIGTERM stops it in order, with code 0', async () => {
    const h = host();
    const t = await h.start('node-c', entry, [], logOf('node-c'));
    await waitFor(() => ticks('node-c') > 2, 'the thread ticking');
    t.signal('SIGSTOP');
    // A frozen thread writes nothing: its count holds still while time passes (a tick is due every 20 ms).
    const frozen = await waitFor(async () => {
      const before = ticks('node-c');
      await new Promise((r) => setTimeout(r, 200));
      return ticks('node-c') === before && before;
    }, 'the thread to freeze');
    t.signal('SIGCONT');
    await waitFor(() => ticks('node-c') > frozen, 'the thread ticking again');

    const stopped = exit(t);
    t.signal('SIGTERM');
    expect(await stopped).toEqual([0, null]);
    expect(readFileSync(logOf('node-c'), 'utf8')).toContain('stopped in order');
  });

  it('a host that dies takes its threads with it; the next start spawns another', async () => {
    const h = host();
    const t = await h.start('node-d', entry, [], logOf('node-d'));
    const pid = h.process!.pid!;
    const gone = exit(t);
    process.kill(pid, 'SIGKILL');
    expect(await gone).toEqual([null, 'SIGKILL']);
    const again = await h.start('node-d', entry, [], logOf('node-d'));
    expect(again.pid).not.toBe(pid);
    await waitFor(() => ticks('node-d') > 0, 'the new thread ticking');
  });

  it('tells the supervisor the port a thread bound, as a process does; a thread that refuses its flags says why in its log and exits 2', async () => {
    const h = host();
    const web = await h.start('web', webEntry, [], logOf('web'));
    const port = await new Promise<number>((resolve) => web.on('message', (m) => typeof m.listening === 'number' && resolve(m.listening)));
    expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe('hello from a thread');

    const bad = await h.start('bad-web', webEntry, ['--bad'], logOf('bad-web'));
    expect(await exit(bad)).toEqual([2, null]);
    expect(readFileSync(logOf('bad-web'), 'utf8')).toBe('web: --bad is not a flag of web\n');
    const stopped = exit(web);
    web.signal('SIGTERM');
    expect(await stopped).toEqual([0, null]);
  });
});

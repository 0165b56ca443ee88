/**
 * A component process asked to stop by a signal, as docker compose, a bench or a user's Ctrl-C asks one started by hand: it
 * stops in order, and exits for sure after its grace or at a second signal, even when its stop waits for a NATS that is gone.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tempDir, waitFor } from '@kubelab/testing';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const script = join(tempDir('hosted-thread'), 'component.ts');
writeFileSync(script, `import { watchSupervisor } from ${JSON.stringify(join(root, 'libs/bus/src/hosted-thread.ts'))};
const [grace, stop] = process.argv.slice(2);
const parent = watchSupervisor(Number(grace));
setInterval(() => undefined, 1000);
parent.stopWith(() => {
  process.stdout.write('stopping\\n');
  return stop === 'stuck' ? new Promise(() => undefined) : process.exit(0);
});
process.stdout.write('ready\\n');
`);

interface Component {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

const started: ChildProcess[] = [];
afterEach(() => started.splice(0).forEach((c) => c.kill('SIGKILL')));

async function component(graceMs: number, stop: 'stuck' | 'in order'): Promise<Component> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, String(graceMs), stop], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  started.push(child);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await waitFor(() => output.includes('ready'), 'the component started', 30_000);
  return { child, output: () => output, exited };
}

describe('a component process stopped by a signal', { timeout: 60_000 }, () => {
  it('exits 0 once its stop in order has run', async () => {
    const c = await component(600_000, 'in order');
    c.child.kill('SIGTERM');
    expect(await c.exited).toBe(0);
    expect(c.output()).toContain('stopping');
  });

  it('exits 1 after its grace when its stop never ends', async () => {
    const c = await component(200, 'stuck');
    c.child.kill('SIGTERM');
    expect(await c.exited).toBe(1);
    expect(c.output()).toContain('stopping');
  });

  it('exits 1 at a second signal, without waiting out its grace', async () => {
    const c = await component(600_000, 'stuck');
    c.child.kill('SIGINT');
    await waitFor(() => c.output().includes('stopping'), 'the stop in order begun');
    c.child.kill('SIGINT');
    expect(await c.exited).toBe(1);
    expect(c.output().match(/stopping/g)).toHaveLength(1);
  });
});

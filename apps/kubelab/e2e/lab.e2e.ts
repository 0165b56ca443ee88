import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchTrusting, freePort, kubectlFor, labCredentials, tempDir, waitFor } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));
const kubelab = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 90_000 });
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('kubelab up / status / down', () => {
  it('starts nats and the api-server as processes, serves kubectl, refuses a busy port, and stops cleanly', async () => {
    const dataDir = tempDir('lab');
    const port = await freePort();
    const up = kubelab(['up', '--detach', '--data-dir', dataDir, '--api-port', String(port), '--components', 'nats,api-server']);
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    expect(up.stdout).toContain(`export KUBECONFIG=${join(dataDir, 'kubeconfig')}`);
    expect(up.stdout).toContain(`API server:  https://127.0.0.1:${port}`);
    const state = JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as { processes: { name: string; pid: number }[] };
    expect(state.processes.map((p) => p.name)).toEqual(['nats', 'api-server']);

    const status = kubelab(['status', '--data-dir', dataDir]);
    expect(status.stdout).toMatch(/api-server\s+\d+\s+ready/);

    const kubectl = kubectlFor(`https://127.0.0.1:${port}`, labCredentials(dataDir));
    expect((await kubectl(['get', 'namespaces'])).stdout).toMatch(/default\s+Active/);
    expect((await fetchTrusting(labCredentials(dataDir))(`https://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const busy = kubelab(['up', '--data-dir', tempDir('lab2'), '--api-port', String(port)]);
    expect(busy.status).toBe(2);
    expect(busy.stderr).toContain(`port ${port} on 127.0.0.1 is already in use`);

    const down = kubelab(['down', '--data-dir', dataDir]);
    expect(down.status).toBe(0);
    expect(state.processes.filter((p) => alive(p.pid))).toEqual([]);
  });

  it('serves plain HTTP with --insecure-http, for debugging', async () => {
    const dataDir = tempDir('lab');
    const port = await freePort();
    const up = kubelab(['up', '--detach', '--insecure-http', '--data-dir', dataDir, '--api-port', String(port), '--components', 'nats,api-server']);
    try {
      expect(up.stderr).toBe('');
      expect(up.stdout).toContain(`API server:  http://127.0.0.1:${port}`);
      expect(existsSync(join(dataDir, 'pki'))).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect((await kubectlFor(`http://127.0.0.1:${port}`)(['get', 'namespaces'])).stdout).toMatch(/default\s+Active/);
    } finally {
      kubelab(['down', '--data-dir', dataDir]);
    }
  });

  it('runs in the foreground until Ctrl-C, then stops every process', async () => {
    const dataDir = tempDir('lab');
    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'up', '--data-dir', dataDir, '--api-port', String(port), '--dashboard-port', String(await freePort())], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => output.includes('kubelab is up.'), 'the lab to come up', 60_000);
    expect(output).toMatch(/✓ nats\s+ready in/);
    expect(output).toMatch(/✓ api-server\s+ready in/);
    const pids = (JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as { processes: { pid: number }[] }).processes.map((p) => p.pid);
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output).toContain('kubelab: stopped');
    expect(pids.filter(alive)).toEqual([]);
  });

  it('says what to fix for a bad flag', () => {
    const r = kubelab(['up', '--components', 'nats,etcd']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('unknown component(s): etcd; known: nats, api-server, scheduler, controller-manager, dashboard, kubelet-agent');
    const strategy = kubelab(['deschedule', '--strategies', 'Shuffle']);
    expect(strategy.status).toBe(2);
    expect(strategy.stderr).toContain('unknown strategy(ies): Shuffle; known: RemoveDuplicates, LowNodeUtilization');
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchTrusting, kubectlFor, labCredentials, tempDir, waitFor } from '@kubelab/testing';
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
  it('starts nats and the api-server as processes on a port the api-server binds itself, serves kubectl, refuses a busy port, and stops cleanly', async () => {
    const dataDir = tempDir('lab');
    const up = kubelab(['up', '--detach', '--data-dir', dataDir, '--api-port', '0', '--components', 'nats,api-server']);
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    expect(up.stdout).toContain(`export KUBECONFIG=${join(dataDir, 'kubeconfig')}`);
    const state = JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as { apiUrl: string; processes: { name: string; pid: number }[] };
    const port = Number(new URL(state.apiUrl).port);
    expect(port).toBeGreaterThan(0);
    expect(up.stdout).toContain(`API server:  https://127.0.0.1:${port}`);
    expect(readFileSync(join(dataDir, 'kubeconfig'), 'utf8')).toContain(`server: https://127.0.0.1:${port}`);
    expect(state.processes.map((p) => p.name)).toEqual(['nats', 'api-server']);

    const status = kubelab(['status', '--data-dir', dataDir]);
    expect(status.stdout).toMatch(/api-server\s+\d+\s+ready/);

    const kubectl = kubectlFor(`https://127.0.0.1:${port}`, labCredentials(dataDir));
    expect((await kubectl(['get', 'namespaces'])).stdout).toMatch(/default\s+Active/);
    expect((await fetchTrusting(labCredentials(dataDir))(`https://127.0.0.1:${port}/readyz`)).status).toBe(200);

    const busy = kubelab(['up', '--data-dir', tempDir('lab2'), '--api-port', String(port)]);
    expect(busy.status).toBe(2);
    const apiServerPid = state.processes.find((p) => p.name === 'api-server')!.pid;
    expect(busy.stderr).toBe(`kubelab: --api-port ${port} is in use (by pid ${apiServerPid}): choose another or stop it\n`);

    const down = kubelab(['down', '--data-dir', dataDir]);
    expect(down.status).toBe(0);
    expect(state.processes.filter((p) => alive(p.pid))).toEqual([]);
  });

  it('serves plain HTTP with --insecure-http, for debugging', async () => {
    const dataDir = tempDir('lab');
    const up = kubelab(['up', '--detach', '--insecure-http', '--data-dir', dataDir, '--api-port', '0', '--components', 'nats,api-server']);
    try {
      expect(up.stderr).toBe('');
      const port = new URL((JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as { apiUrl: string }).apiUrl).port;
      expect(up.stdout).toContain(`API server:  http://127.0.0.1:${port}`);
      expect(existsSync(join(dataDir, 'pki'))).toBe(false);
      expect((await fetch(`http://127.0.0.1:${port}/readyz`)).status).toBe(200);
      expect((await kubectlFor(`http://127.0.0.1:${port}`)(['get', 'namespaces'])).stdout).toMatch(/default\s+Active/);
    } finally {
      kubelab(['down', '--data-dir', dataDir]);
    }
  });

  it('refuses a dashboard port somebody holds, saying who, and starts nothing', async () => {
    const holder = createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
    const held = (holder.address() as AddressInfo).port;
    const dataDir = tempDir('lab');
    try {
      const r = kubelab(['up', '--data-dir', dataDir, '--api-port', '0', '--dashboard-port', String(held)]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`kubelab: --dashboard-port ${held} is in use (by pid ${process.pid}): choose another or stop it\n`);
      expect(existsSync(join(dataDir, 'lab.json'))).toBe(false);
    } finally {
      holder.close();
    }
  });

  it('runs in the foreground until Ctrl-C, then stops every process', async () => {
    const dataDir = tempDir('lab');
    const child = spawn(process.execPath, [bin, 'up', '--data-dir', dataDir, '--api-port', '0', '--dashboard-port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
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

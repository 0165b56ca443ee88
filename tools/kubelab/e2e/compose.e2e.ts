import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeDrift, composeSettings, expectedServices, type ComposeConfig } from '../src/compose-drift.js';
import { componentNames, labProcesses } from '../src/components.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));

/** `docker-compose config` (Debian's), without the shell's KUBELAB_* settings, so the file's defaults show. */
function composeConfig(): ComposeConfig & { services: Record<string, { ports?: string[] }> } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KUBELAB_')));
  const run = spawnSync('docker-compose', ['-f', 'deploy/docker-compose.yml', 'config'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return parse(run.stdout);
}

describe('deploy/docker-compose.yml', () => {
  it('is valid and runs the services of `kubelab up` with the same commands and environment', () => {
    const compose = composeConfig();
    const processes = labProcesses(composeSettings, componentNames).map((c) => ({ name: c.name, ...c.command(composeSettings) }));
    const { services, drift } = expectedServices(processes, process.execPath);
    expect(drift).toEqual([]);
    expect(composeDrift(compose, services)).toEqual([]);
    expect(services.map((s) => s.service)).toContain('kubelet-agent-node-3');
  });

  it('publishes the API and the dashboard on 127.0.0.1 only', () => {
    const { services } = composeConfig();
    expect(services['api-server'].ports).toEqual(['127.0.0.1:6443:6443/tcp']);
    expect(services.dashboard.ports).toEqual(['127.0.0.1:6480:6480/tcp']);
    const published = Object.entries(services).filter(([, s]) => s.ports).map(([name]) => name);
    expect(published.sort()).toEqual(['api-server', 'dashboard']);
  });
});

describe('kubelab kubeconfig', () => {
  it('prints a kubeconfig for the given server', () => {
    const run = spawnSync(process.execPath, [bin, 'kubeconfig', '--server', 'http://127.0.0.1:7443', '--data-dir', '/nonexistent'], { encoding: 'utf8', timeout: 90_000 });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const config = parse(run.stdout) as { clusters: { cluster: { server: string } }[]; 'current-context': string };
    expect(config.clusters[0].cluster.server).toBe('http://127.0.0.1:7443');
    expect(config['current-context']).toBe('kubelab');
  });

  it('defaults to the published port of the compose lab when no lab runs', () => {
    const run = spawnSync(process.execPath, [bin, 'kubeconfig', '--data-dir', '/nonexistent'], { encoding: 'utf8', timeout: 90_000 });
    expect(run.status).toBe(0);
    expect((parse(run.stdout) as { clusters: { cluster: { server: string } }[] }).clusters[0].cluster.server).toBe('http://127.0.0.1:6443');
  });
});

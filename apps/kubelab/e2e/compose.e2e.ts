import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCa, issueAdminCertificate } from '@kubelab/pki';
import { tempDir } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { composeDrift, composePostgresUrl, composeSettings, expectedServices, type ComposeConfig } from '../src/compose-drift.js';
import { bundleName, componentNames, labNodeNames, labProcesses } from '../src/components.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));

/** `docker-compose config` (Debian's), without the shell's KUBELAB_* settings, so the file's defaults show. */
function composeConfig(overrides: string[] = []): ComposeConfig & { services: Record<string, { ports?: string[] }> } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('KUBELAB_')));
  const run = spawnSync('docker-compose', ['-f', 'deploy/docker-compose.yml', ...overrides.flatMap((f) => ['-f', f]), 'config'], { cwd: root, env, encoding: 'utf8', timeout: 60_000 });
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
    expect(services.map((s) => s.service)).toEqual(expect.arrayContaining(['kubelet-agent-controlplane', 'kubelet-agent-node-3']));
  });

  it('makes a NATS user for the agent of every node, and marks the controlplane node as `kubelab up` does', () => {
    const { services } = composeConfig();
    const kubelab = `/app/dist/${bundleName('apps/kubelab/src/main.ts')}`;
    expect(services['nats-users'].command).toEqual(['node', kubelab, 'node', 'add', ...labNodeNames(composeSettings), '--data-dir', '/data']);
    expect(services['mark-control-plane'].command).toEqual([expect.stringContaining(`node ${kubelab} node mark-control-plane --kubeconfig /tmp/kubeconfig`)]);
  });

  it('with docker-compose.postgres.yml, runs the api-server as `kubelab up --database` does, after a healthy PostgreSQL', () => {
    const compose = composeConfig(['deploy/docker-compose.postgres.yml']);
    const settings = { ...composeSettings, database: composePostgresUrl };
    const processes = labProcesses(settings, componentNames).map((c) => ({ name: c.name, ...c.command(settings), env: c.env?.(settings) }));
    const { services } = expectedServices(processes, process.execPath);
    expect(composeDrift(compose, services)).toEqual([]);
    const { services: all } = compose as unknown as { services: Record<string, { depends_on?: Record<string, { condition: string }>; healthcheck?: unknown }> };
    expect(all['api-server'].depends_on?.postgres).toEqual({ condition: 'service_healthy' });
    expect(all.postgres.healthcheck).toBeDefined();
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

  it('defaults to the published port of the compose lab when no lab runs, and says when it has no CA to embed', () => {
    const run = spawnSync(process.execPath, [bin, 'kubeconfig', '--data-dir', '/nonexistent'], { encoding: 'utf8', timeout: 90_000 });
    expect(run.status).toBe(0);
    expect((parse(run.stdout) as { clusters: { cluster: { server: string } }[] }).clusters[0].cluster.server).toBe('https://127.0.0.1:6443');
    expect(run.stderr).toContain('kubelab: no lab CA in /nonexistent/pki');
  });

  it("embeds the lab CA and the admin's client certificate from --cert-dir", async () => {
    const dir = tempDir('pki');
    const now = new Date();
    const ca = await createCa(now);
    const admin = await issueAdminCertificate(ca, now);
    writeFileSync(join(dir, 'ca.crt'), ca.cert);
    writeFileSync(join(dir, 'admin.crt'), admin.cert);
    writeFileSync(join(dir, 'admin.key'), admin.key);
    const run = spawnSync(process.execPath, [bin, 'kubeconfig', '--server', 'https://127.0.0.1:6443', '--cert-dir', dir], { encoding: 'utf8', timeout: 90_000 });
    expect(run.stderr).toBe('');
    const config = parse(run.stdout) as { clusters: { cluster: Record<string, string> }[]; users: { user: Record<string, string> }[] };
    const pem = (data: string) => Buffer.from(data, 'base64').toString();
    expect(pem(config.clusters[0].cluster['certificate-authority-data'])).toBe(ca.cert);
    expect(pem(config.users[0].user['client-certificate-data'])).toBe(admin.cert);
    expect(pem(config.users[0].user['client-key-data'])).toBe(admin.key);
  });

  it('refuses a --cert-dir without the certificates', () => {
    const run = spawnSync(process.execPath, [bin, 'kubeconfig', '--cert-dir', tempDir('empty')], { encoding: 'utf8', timeout: 90_000 });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('lacks ca.crt, admin.crt or admin.key');
  });
});

describe('kubelab with the compose lab, refusing what it cannot do', () => {
  const cli = (args: string[]) => spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 90_000 });

  it('names the engines --engine takes', () => {
    const run = cli(['chaos', 'kill-agent', 'node-1', '--engine', 'kubernetes']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--engine must be one of up, compose, docker, podman, got "kubernetes"');
  });

  it('says which kubeconfig is missing, for a drill and for the log commands', () => {
    const drill = cli(['chaos', 'kill-agent', 'node-1', '--engine', 'compose', '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(drill.status).not.toBe(0);
    expect(drill.stderr).toMatch(/--kubeconfig: \/nonexistent\/kubeconfig does not exist|no container engine answers/);
    const verify = cli(['verify', '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(verify.status).toBe(2);
    expect(verify.stderr).toBe('kubelab: --kubeconfig: /nonexistent/kubeconfig does not exist\n');
  });

  it('points a log command with no lab at the compose kubeconfig', () => {
    const run = cli(['events', '--data-dir', '/nonexistent']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('start one with: kubelab up (for the compose lab, add --kubeconfig /nonexistent/compose-kubeconfig)');
  });

  it('leaves random schedules to kubelab up', () => {
    const run = cli(['chaos', 'random', '--duration', '60s', '--seed', '1', '--engine', 'compose', '--kubeconfig', '/nonexistent/kubeconfig']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('chaos random needs the supervisor of kubelab up; in the compose lab, run drills one at a time');
  });
});

import { writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readScenario } from '@kubelab/learn';
import { tempDir } from '@kubelab/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardServer, type DashboardOptions } from './server.js';

describe('dashboardServer without a supervisor (docker compose)', () => {
  const server = dashboardServer({ apiUrl: 'http://127.0.0.1:1', publicDir: '/nonexistent', bundleDir: '/nonexistent' });
  afterEach(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it.each([
    ['POST', '/chaos/kill-agent'],
    ['POST', '/chaos/crash'],
    ['GET', '/status'],
  ])('%s %s answers 503 with a Status that gives the drill command for the compose lab', async (method, path) => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`, { method });
    expect(res.status).toBe(503);
    const status = await res.json() as { message: string };
    expect(status).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', code: 503 });
    expect(status.message).toContain('kubelab up');
    expect(status.message).toContain(path === '/chaos/crash' ? 'crash goes to the pod\'s agent over NATS, which the compose lab does not publish to the host: pod drills need kubelab up'
      : `npx kubelab chaos ${path === '/status' ? 'kill-agent' : path.slice('/chaos/'.length)} … --engine compose`);
  });
});

describe('dashboardServer: the scenario in progress', () => {
  const scenariosDir = fileURLToPath(new URL('../../../libs/learn/scenarios', import.meta.url));
  const dataDir = tempDir('data');
  writeFileSync(join(dataDir, 'learn.json'), JSON.stringify({ current: 'first-pod', scenarios: { 'first-pod': { state: 'in-progress', startSeq: 1, startedAt: '2026-11-23T10:00:00Z', uids: [], objects: [], hints: 0 } } }));
  const servers: Server[] = [];
  afterEach(() => Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve())))));
  const get = async (learn: DashboardOptions['learn'], path: string) => {
    const server = dashboardServer({ apiUrl: 'http://127.0.0.1:1', publicDir: '/nonexistent', bundleDir: '/nonexistent', learn });
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}${path}`);
    return { code: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  const learn = { dataDir, scenariosDir, timeScale: 1 };

  it('is none without a data dir (docker compose), and its hints say why', async () => {
    expect(await get(undefined, '/learn/status')).toEqual({ code: 200, body: { scenario: null } });
    expect(await get(undefined, '/learn/hint?n=1')).toMatchObject({ code: 404, body: { reason: 'NotFound', message: expect.stringContaining('kubelab learn on a lab of kubelab up') } });
  });

  it('gives the current scenario\'s hints by number and language', async () => {
    expect((await get(learn, '/learn/hint?n=1&lang=ko')).body).toEqual({ hint: readScenario(scenariosDir, 'first-pod').hints[0].ko });
    expect(await get(learn, '/learn/hint?n=9')).toMatchObject({ code: 404, body: { message: 'no hint 9: no scenario is in progress, or it has fewer hints' } });
  });

  it('answers a bad query with 400 and an api-server it cannot reach with 502, as Statuses', async () => {
    expect(await get(learn, '/learn/status?lang=fr')).toMatchObject({ code: 400, body: { kind: 'Status', reason: 'BadRequest', message: 'lang must be one of en, ko, got "fr"' } });
    const unreachable = await get(learn, '/learn/status');
    expect(unreachable).toMatchObject({ code: 502, body: { kind: 'Status', reason: 'ServiceUnavailable' } });
    expect(unreachable.body.message).toContain('the dashboard could not check the scenario against http://127.0.0.1:1: ');
  });
});

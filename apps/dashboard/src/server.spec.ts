import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { dashboardServer } from './server.js';

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

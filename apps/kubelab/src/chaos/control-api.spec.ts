import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { DrilledLab } from './carry-out.js';
import { serveControlApi } from './control-api.js';

/** A lab whose only process is a running scheduler; a drill that reaches it would find it and signal it. */
function fakeLab(signalled: string[]): DrilledLab {
  const scheduler = { component: { name: 'scheduler' }, state: 'running' };
  const lab = {
    state: { processes: [{ name: 'scheduler', pid: 42, state: 'running' }] },
    find: (name: string) => (name === 'scheduler' ? scheduler : undefined),
    names: () => ['scheduler'],
    signal: (name: string) => signalled.push(name),
  };
  return lab as unknown as DrilledLab;
}

describe('the control API', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it.each([
    ['no Authorization', {}, 'no lab secret'],
    ['a wrong secret', { Authorization: 'Bearer guess' }, 'a wrong lab secret'],
    ['the secret in another scheme', { Authorization: 'Basic the-secret' }, 'no lab secret'],
  ])('refuses %s with 401, on /status and on a drill, and signals nothing', async (_name, headers, message) => {
    const signalled: string[] = [];
    server = await serveControlApi(fakeLab(signalled), 0, 'the-secret');
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const status = await fetch(`${url}/status`, { headers });
    expect(status.status).toBe(401);
    expect(await status.json()).toEqual({ ok: false, message: expect.stringContaining(`${message}: the control API carries out drills only for callers that show the lab's secret`) });
    const kill = await fetch(`${url}/chaos/kill`, { method: 'POST', headers: { ...headers, 'Content-Type': 'text/plain' }, body: '{"service":"scheduler"}' });
    expect(kill.status).toBe(401);
    expect(signalled).toEqual([]);
  });

  it('listens on loopback only and answers a caller with the secret', async () => {
    server = await serveControlApi(fakeLab([]), 0, 'the-secret');
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    const status = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/status`, { headers: { Authorization: 'Bearer the-secret' } });
    expect(status.status).toBe(200);
    expect(await status.json()).toEqual({ processes: [{ name: 'scheduler', pid: 42, state: 'running' }], nodes: [], hostReach: [] });
  });

  it('refuses a body larger than a drill\'s with 413', async () => {
    server = await serveControlApi(fakeLab([]), 0, 'the-secret');
    const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/chaos/kill`, {
      method: 'POST', headers: { Authorization: 'Bearer the-secret' }, body: JSON.stringify({ service: 'x'.repeat(70_000) }),
    });
    expect(res.status).toBe(413);
  });
});

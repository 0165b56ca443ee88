import type { Refusal } from '@kubelab/api';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditRecord } from '../store/committer.js';
import { AuditRecorder } from './audit-recorder.js';

const anonymous = { username: 'system:anonymous', groups: ['system:unauthenticated'] };
const alice = { username: 'alice', groups: ['system:authenticated'] };
const deleteOf = (name: string, user?: Refusal['user']): Refusal => ({
  ...(user ? { user } : {}), verb: 'delete', group: '', version: 'v1', resource: 'configmaps', namespace: 'default', name,
  code: user ? 403 : 401, reason: user ? 'Forbidden' : 'Unauthorized', message: 'no', dryRun: false, via: 'https',
});
const drop = (name: string) => ({
  source: { namespace: 'default', name }, destination: { namespace: 'default', name: 'web', port: 80, protocol: 'TCP' }, explanation: 'isolated',
  count: 1, firstTime: '', lastTime: '',
}) as unknown as Parameters<AuditRecorder['dropped']>[0];

describe('AuditRecorder (on a virtual clock)', () => {
  let appended: AuditRecord[];
  let warnings: { count: number; user?: string; agent?: string }[];
  let recorder: AuditRecorder;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    appended = [];
    warnings = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => warnings.push(JSON.parse(line)) });
    recorder = new AuditRecorder(async (entry) => appended.push(entry), log, { throttle: { qps: 10, burst: 5 }, unrecordedKept: 50 });
  });
  afterEach(() => {
    recorder.flush();
    vi.useRealTimers();
  });

  it('appends nothing for callers who are nobody, counts them and keeps the newest in memory', () => {
    for (let i = 0; i < 300; i++) recorder.refused(deleteOf(`cm-${i}`, i % 2 ? anonymous : undefined), 'user:curl', '127.0.0.1');
    vi.advanceTimersByTime(5000);
    expect(appended).toEqual([]);
    const { total, items } = recorder.unrecordedRefusals();
    expect([total, items.length, items.at(-1)?.name]).toEqual([300, 50, 'cm-299']);
    expect(items[0]).toMatchObject({ cause: 'Unauthenticated', remoteAddress: '127.0.0.1', time: new Date(1_000_000).toISOString(), count: 1 });
    expect(recorder.metricsText()).toContain('kubelab_audit_refusals_not_recorded_total{code="401",reason="Unauthorized",cause="Unauthenticated"} 150');
    expect(recorder.metricsText()).toContain('kubelab_audit_refusals_not_recorded_total{code="403",reason="Forbidden",cause="Unauthenticated"} 150');
  });

  it('appends a user\'s distinct refusals at most at the rate, and says once how many it did not', () => {
    // 100 distinct refusals a second for three seconds.
    for (let i = 0; i < 300; i++) {
      recorder.refused(deleteOf(`cm-${i}`, alice), 'user:kubectl delete');
      vi.advanceTimersByTime(10);
    }
    expect(appended.length).toBeLessThanOrEqual(5 + 10 * 3);
    expect(appended.length).toBeGreaterThanOrEqual(30);
    expect(warnings).toEqual([]);
    vi.advanceTimersByTime(2000);
    expect(warnings).toEqual([expect.objectContaining({ user: 'alice', count: 300 - appended.length, msg: 'refusals over the audit rate were not recorded in the event log' })]);
    expect(recorder.unrecordedRefusals().items.every((r) => r.cause === 'RateLimited' && r.user?.username === 'alice')).toBe(true);
    expect(recorder.metricsText()).toContain(`{code="403",reason="Forbidden",cause="RateLimited"} ${300 - appended.length}`);
  });

  it('keeps each user\'s own budget: a runaway client does not silence another user', () => {
    for (let i = 0; i < 100; i++) recorder.refused(deleteOf(`cm-${i}`, alice), 'user:kubectl delete');
    recorder.refused(deleteOf('mine', { username: 'bob', groups: ['system:authenticated'] }), 'user:kubectl delete');
    expect(appended.map((e) => e.name)).toEqual(['cm-0', 'cm-1', 'cm-2', 'cm-3', 'cm-4', 'mine']);
  });

  it('bounds an agent\'s dropped connections the same way, per agent', async () => {
    const seqs = [];
    for (let i = 0; i < 40; i++) seqs.push(await recorder.dropped(drop(`client-${i}`), 'system:node:node-1', 'kubelet/node-1'));
    expect(await recorder.dropped(drop('other'), 'system:node:node-2', 'kubelet/node-2')).toBe(6);
    expect(seqs.filter((s) => s === undefined)).toHaveLength(35);
    expect(recorder.metricsText()).toContain('kubelab_audit_connection_drops_not_recorded_total 35');
    vi.advanceTimersByTime(1000);
    expect(warnings).toEqual([expect.objectContaining({ agent: 'system:node:node-1', count: 35, msg: 'dropped connections over the audit rate were not recorded in the event log' })]);
  });
});

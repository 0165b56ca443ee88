import type { LogEntry } from '@kubelab/event-log';
import { describe, expect, it } from 'vitest';
import { field, restarts, runChecks, type Observed } from './checks.js';
import type { Check } from './scenario.js';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const at = (s: number) => new Date(t0 + s * 1000).toISOString();
const words = { en: 'holds', ko: '성립' };
const failing = { en: 'not yet', ko: '아직' };

const pod = (name: string, uid: string, status: Record<string, any>, spec: Record<string, any> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, uid, namespace: 'learn-x', labels: { app: 'web' }, creationTimestamp: at(0) }, spec, status,
});

let seq = 0;
const entry = (time: number, object: Record<string, any>, type = 'PodStatusReported'): LogEntry =>
  ({ seq: ++seq, time: at(time), type, kind: object.kind, namespace: 'learn-x', name: object.metadata?.name ?? object.involvedObject?.name, uid: object.metadata?.uid ?? `e${seq}`, actor: 'kubelet', cause: null, object }) as LogEntry;

const observed = (o: Partial<Observed>): Observed => ({ objects: [], log: [], started: { uids: [], objects: [] }, now: t0 + 10_000, timeScale: 20, ...o });

const one = (check: Check, o: Observed) => runChecks([check], o, 'en')[0];

describe('objects checks', () => {
  const running = pod('app', 'u1', { phase: 'Running' });
  const check: Check = { id: 'c', text: words, failing, type: 'objects', select: { kind: 'Pod', name: 'app' }, where: [{ path: 'status.phase', equals: 'Running' }] };

  it('hold when every selected object meets the conditions, and say what is missing when none is there', () => {
    expect(one(check, observed({ objects: [running] }))).toEqual({ id: 'c', ok: true, message: 'holds' });
    expect(one(check, observed({ objects: [] }))).toEqual({ id: 'c', ok: false, message: 'not yet' });
  });

  it('with contains, hold when a list has an item with at least the given fields, whatever else it and its neighbours say', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'shop', uid: 'r1', namespace: 'learn-x', labels: {} },
      spec: { rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/' } }], backendRefs: [{ group: '', kind: 'Service', name: 'web', port: 80, weight: 1 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/api' } }, { path: { type: 'Exact', value: '/v2' } }], backendRefs: [{ group: '', kind: 'Service', name: 'api', port: 80, weight: 1 }] },
      ] },
    };
    const routes = (contains: unknown): Check => ({ id: 'c', text: words, failing, type: 'objects', select: { kind: 'HTTPRoute', name: 'shop' }, where: [{ path: 'spec.rules', contains }] });
    const wanted = { matches: [{ path: { value: '/api' } }], backendRefs: [{ name: 'api', port: 80 }] };
    expect(one(routes(wanted), observed({ objects: [route] })).ok).toBe(true);
    expect(one(routes({ ...wanted, backendRefs: [{ name: 'web', port: 80 }] }), observed({ objects: [route] })).ok).toBe(false);
    expect(one(routes({ matches: [{ path: { value: '/api' } }, { path: { value: '/' } }] }), observed({ objects: [route] })).ok).toBe(false);
    expect(one(routes({ matches: { path: '/api' } }), observed({ objects: [route] })).ok).toBe(false);
  });

  it('with sameAs, hold only while a field equals another of the same object (a Deployment whose controller saw its latest spec)', () => {
    const deployment = (generation: number, observedGeneration: number) => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', uid: 'd1', namespace: 'learn-x', labels: {}, generation }, status: { observedGeneration } });
    const seen: Check = { id: 'c', text: words, failing, type: 'objects', select: { kind: 'Deployment', name: 'web' }, where: [{ path: 'status.observedGeneration', sameAs: 'metadata.generation' }] };
    expect(one(seen, observed({ objects: [deployment(2, 2)] })).ok).toBe(true);
    expect(one(seen, observed({ objects: [deployment(2, 1)] })).ok).toBe(false);
  });

  it('with stableFor, count how long the log shows the conditions held, in lab time', () => {
    const stable: Check = { ...check, stableFor: 60 };
    const log = [entry(0, pod('app', 'u1', { phase: 'Pending' })), entry(8, running)];
    // Running since +8 s of wall time; at +10 s that is 2 s x 20 = 40 lab seconds.
    expect(one(stable, observed({ objects: [running], log }))).toMatchObject({ ok: false, message: 'not yet (held for 40s of the 60s needed)' });
    expect(one(stable, observed({ objects: [running], log, now: t0 + 11_000 }))).toMatchObject({ ok: true });
  });

  it('with stableFor, read past an exec session\'s record about the object, which is not the object', () => {
    const stable: Check = { ...check, stableFor: 60 };
    const session = { ...entry(9, { kind: 'Pod', metadata: { name: 'app' } }, 'SessionEnded'), uid: 'u1', object: { stream: 'exec', command: ['sh', '-c', 'kill 1'] } } as LogEntry;
    expect(one(stable, observed({ objects: [running], log: [entry(0, running), session], now: t0 + 10_000 })).ok).toBe(true);
  });

  it('with stableFor, count from now when the live object holds but its last entry read does not (read a moment apart)', () => {
    const stable: Check = { ...check, stableFor: 60 };
    const log = [entry(0, running), entry(8, pod('app', 'u1', { phase: 'Pending' }))];
    expect(one(stable, observed({ objects: [running], log, now: t0 + 60_000 }))).toMatchObject({ ok: false, message: 'not yet (held for 0s of the 60s needed)' });
    expect(one(stable, observed({ objects: [running], log: [], now: t0 + 60_000 })).ok).toBe(true);
  });

  it('compare a field with the object of that name at the start (changed), and count some or exactly', () => {
    const before = pod('app', 'u1', {}, { containers: [{ command: ['exit', '1'] }] });
    const after = pod('app', 'u2', { phase: 'Running' }, { containers: [{ command: ['sleep', '3600'] }] });
    const changed: Check = { ...check, where: [{ path: 'spec.containers.0.command', changed: true }] };
    const sameUid: Check = { ...check, where: [{ path: 'metadata.uid', changed: false }] };
    const started = { uids: ['u1'], objects: [before] };
    expect(one(changed, observed({ objects: [after], started })).ok).toBe(true);
    expect(one(changed, observed({ objects: [before], started })).ok).toBe(false);
    expect(one(sameUid, observed({ objects: [after], started })).ok).toBe(false);
    const some: Check = { ...check, select: { kind: 'Pod', labels: { app: 'web' } }, some: 1 };
    const count: Check = { ...some, some: undefined, count: 2 };
    const pending = pod('b', 'u3', { phase: 'Pending' });
    expect(one(some, observed({ objects: [running, pending] })).ok).toBe(true);
    expect(one(count, observed({ objects: [running, pending] }))).toMatchObject({ ok: false, message: 'not yet (1/2)' });
  });
});

describe('events, replaced and absent checks', () => {
  const event = (reason: string, name = 'my-pod') => entry(1, { kind: 'Event', metadata: { name: `${name}.${reason}` }, reason, involvedObject: { kind: 'Pod', name } }, 'EventCreated');

  it('count Events by reason about an object, after another reason', () => {
    const check: Check = { id: 'e', text: words, failing, type: 'events', reason: 'BackOff', about: { kind: 'Pod', name: 'my-pod' }, after: 'Failed', atLeast: 1 };
    expect(one(check, observed({ log: [event('Failed'), event('BackOff')] })).ok).toBe(true);
    expect(one(check, observed({ log: [event('BackOff'), event('Failed')] }))).toMatchObject({ ok: false, message: 'not yet (BackOff: 0/1)' });
    expect(one(check, observed({ log: [event('Failed'), event('BackOff', 'other')] })).ok).toBe(false);
    // An aggregated Event seen again is updated, not created: that counts as well.
    const failed = event('Failed');
    const again = { ...event('BackOff'), type: 'EventUpdated' } as LogEntry;
    expect(one(check, observed({ log: [failed, again] })).ok).toBe(true);
  });

  it('see new UIDs as replacements and nothing as absent', () => {
    const replaced: Check = { id: 'r', text: words, failing, type: 'replaced', select: { kind: 'Pod', labels: { app: 'web' } }, atLeast: 1 };
    expect(one(replaced, observed({ objects: [pod('a', 'u1', {})], started: { uids: ['u1'], objects: [] } })).ok).toBe(false);
    expect(one(replaced, observed({ objects: [pod('a', 'u1', {}), pod('b', 'u9', {})], started: { uids: ['u1'], objects: [] } })).ok).toBe(true);
    const absent: Check = { id: 'a', text: words, failing, type: 'absent', select: { kind: 'Pod', name: 'a' } };
    expect(one(absent, observed({ objects: [pod('a', 'u1', {})] })).ok).toBe(false);
    expect(one(absent, observed({})).ok).toBe(true);
  });
});

describe('back-off checks', () => {
  const status = (restartCount: number, waiting?: string) => ({
    phase: 'Running', containerStatuses: [{ name: 'app', restartCount, state: waiting ? { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${waiting} restarting failed container=app pod=app_learn-x(u1)` } } : { running: {} } }],
  });
  // Wall seconds at time scale 20: 10 s of back-off is 0.5 s.
  const log = () => [
    entry(0.0, pod('app', 'u1', status(0))), entry(0.1, pod('app', 'u1', status(1))), entry(0.15, pod('app', 'u1', status(1, '10s'))),
    entry(0.65, pod('app', 'u1', status(2))), entry(0.7, pod('app', 'u1', status(2, '20s'))), entry(1.7, pod('app', 'u1', status(3))),
    entry(1.75, pod('app', 'u1', status(3, '40s'))), entry(3.75, pod('app', 'u1', status(4))),
  ];
  const check: Check = { id: 'b', text: words, failing, type: 'backoffs', pod: 'app', intervals: [10, 20, 40] };

  it('read the back-offs the kubelet announced and the restarts it recorded', () => {
    expect(restarts(log(), 'app').map((r) => r.backoff)).toEqual([undefined, 10, 20, 40]);
  });

  it('hold once the container restarted after 10, 20 and 40 s, and say which back-offs the log has so far', () => {
    expect(one(check, observed({ log: log() })).ok).toBe(true);
    expect(one(check, observed({ log: log().slice(0, 6) }))).toMatchObject({ ok: false, message: 'not yet (back-offs in the log: 10s, 20s)' });
  });

  it('do not hold when the restarts came sooner than the back-offs said (not a real wait)', () => {
    const hurried = log().map((e, i) => ({ ...e, time: at(i * 0.01) }));
    expect(one(check, observed({ log: hurried })).ok).toBe(false);
  });

  it('hold when one restart\'s report reached the log late, making its wait look short and the one before it long', () => {
    // The second restart's report came 0.6 s (12 lab seconds) late: the 20 s wait after it looks like 8 s.
    const late = log().map((e, i) => (i === 3 || i === 4 ? { ...e, time: at(Date.parse(e.time) / 1000 - t0 / 1000 + 0.6) } : e));
    expect(one(check, observed({ log: late })).ok).toBe(true);
  });
});

describe('terminating checks', () => {
  const check: Check = { id: 't', text: words, failing, type: 'terminating', pod: 'graceful', atLeast: 15 };
  const p = pod('graceful', 'g1', {});
  const deleted = (asked: number, gone: number) => [entry(asked, p, 'PodDeletionRequested'), entry(gone, p, 'PodDeleted')];

  it('measure how long the pod stayed Terminating, in lab time', () => {
    expect(one(check, observed({ log: deleted(1, 2) })).ok).toBe(true);
    expect(one(check, observed({ log: deleted(1, 1.25) }))).toMatchObject({ ok: false, message: 'not yet (Terminating for 5s)' });
    expect(one(check, observed({ log: [entry(1, p, 'PodDeleted')] })).ok).toBe(false);
  });
});

describe('field', () => {
  it('reads dotted paths, list indexes, and the item of a list by one of its fields', () => {
    const node = { status: { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'True' }] } };
    expect(field(node, 'status.conditions[type=Ready].status')).toBe('True');
    expect(field(node, 'status.conditions.0.type')).toBe('MemoryPressure');
    expect(field(node, 'status.conditions[type=DiskPressure].status')).toBeUndefined();
    expect(field(node, ['metadata', 'annotations', 'a.b/c'])).toBeUndefined();
    expect(field({ metadata: { annotations: { 'a.b/c': 'x' } } }, ['metadata', 'annotations', 'a.b/c'])).toBe('x');
  });
});

describe('recreated and spread checks', () => {
  it('recreated: the object was deleted and is there again under a new UID', () => {
    const check: Check = { id: 'c', text: words, failing, type: 'recreated', select: { kind: 'Pod', name: 'static-web-node-1' }, atLeast: 1 };
    const first = pod('static-web-node-1', 'm1', { phase: 'Running' });
    const second = pod('static-web-node-1', 'm2', { phase: 'Running' });
    const deleted = entry(2, first, 'PodDeleted');
    expect(one(check, observed({ objects: [first], log: [entry(1, first, 'PodCreated')] }))).toMatchObject({ ok: false, message: 'not yet (deleted 0 times, there again)' });
    expect(one(check, observed({ objects: [], log: [deleted] }))).toMatchObject({ ok: false, message: 'not yet (deleted 1 times, not there now)' });
    expect(one(check, observed({ objects: [second], log: [deleted] })).ok).toBe(true);
    const otherPod = entry(2, pod('other', 'o1', {}), 'PodDeleted');
    expect(one(check, observed({ objects: [second], log: [otherPod] })).ok).toBe(false);
  });

  it('spread: exactly count Running pods, at most maxPerNode on any node; says how they sit', () => {
    const check: Check = { id: 'c', text: words, failing, type: 'spread', select: { kind: 'Pod', labels: { app: 'web' } }, count: 2, maxPerNode: 1 };
    const on = (name: string, node: string, phase = 'Running') => pod(name, name, { phase }, { nodeName: node });
    expect(one(check, observed({ objects: [on('a', 'node-1'), on('b', 'node-1')] }))).toMatchObject({ ok: false, message: 'not yet (Running per node: node-1: 2)' });
    expect(one(check, observed({ objects: [on('a', 'node-1'), on('b', 'node-2')] })).ok).toBe(true);
    expect(one(check, observed({ objects: [on('a', 'node-1'), on('b', 'node-2', 'Pending')] })).ok).toBe(false);
    const terminating = { ...on('c', 'node-1'), metadata: { ...on('c', 'node-1').metadata, deletionTimestamp: at(1) } };
    expect(one(check, observed({ objects: [on('a', 'node-1'), on('b', 'node-2'), terminating] })).ok).toBe(true);
    expect(runChecks([check], observed({ objects: [on('a', 'node-1'), on('b', 'node-1')] }), 'ko')[0].message).toBe('아직 (노드별 Running: node-1: 2)');
  });
});

describe('restored checks', () => {
  const cm = (name: string, uid: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, uid, namespace: 'learn-x' } });
  const byEtcd = (e: LogEntry): LogEntry => ({ ...e, actor: 'etcd' });
  const back: Check = { id: 'back', text: words, failing, type: 'restored', select: { kind: 'ConfigMap', name: 'precious' }, back: true };
  const gone: Check = { id: 'gone', text: words, failing, type: 'restored', select: { kind: 'ConfigMap', name: 'mistake' }, back: false };

  it('holds for what etcd\'s restore brought back and is there, and for what it took away and is gone', () => {
    const log = [entry(1, cm('precious', 'p1'), 'ConfigMapDeleted'), entry(2, cm('mistake', 'm1'), 'ConfigMapCreated'),
      byEtcd(entry(3, cm('precious', 'p1'), 'ConfigMapCreated')), byEtcd(entry(3, cm('mistake', 'm1'), 'ConfigMapDeleted'))];
    expect(runChecks([back, gone], observed({ objects: [cm('precious', 'p1')], log }), 'en').map((r) => r.ok)).toEqual([true, true]);
  });

  it('does not hold for the same state made by hand: precious made again with kubectl, mistake deleted with kubectl', () => {
    const log = [entry(1, cm('precious', 'p1'), 'ConfigMapDeleted'), entry(2, cm('precious', 'p2'), 'ConfigMapCreated'), entry(3, cm('mistake', 'm1'), 'ConfigMapDeleted')];
    expect(one(back, observed({ objects: [cm('precious', 'p2')], log }))).toEqual({ id: 'back', ok: false, message: 'not yet (no restore by etcd in the log, there now)' });
    expect(one(gone, observed({ objects: [], log })).ok).toBe(false);
  });
});

import type { KubeObject, Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import type { LogEntry } from '@kubelab/event-log';
import { healthyHistory, type History } from './history.testing.js';
import { InvariantChecker, type AcknowledgedWrite, type InvariantReport } from './invariant-checker.js';

const ids = ['single-binding', 'statefulset-identity', 'exactly-once', 'resource-versions', 'deployments-converge', 'job-completions'];

function check(entries: readonly LogEntry[], acknowledged: AcknowledgedWrite[] = []): InvariantReport {
  const checker = new InvariantChecker({ acknowledged });
  for (const e of entries) checker.add(e);
  return checker.report();
}

/** The failing invariants, each with the seqs of its failures. */
const failing = (report: InvariantReport) => Object.fromEntries(report.results.filter((r) => !r.pass).map((r) => [r.id, r.failures.map((f) => f.seqs)]));

/** Every object as the log leaves it at `horizon`: what a compaction snapshot holds. */
function snapshot(entries: readonly LogEntry[], horizon: number): KubeObject[] {
  const objects = new Map<string, KubeObject>();
  for (const e of entries.filter((x) => x.seq <= horizon)) {
    const key = `${e.kind}/${e.namespace}/${e.name}`;
    if (e.type.endsWith('Deleted')) objects.delete(key);
    else objects.set(key, e.object as KubeObject);
  }
  return [...objects.values()];
}

const acks = (h: History, ...seqs: number[]): AcknowledgedWrite[] =>
  seqs.map((seq) => {
    const e = h.entries.find((x) => x.seq === seq)!;
    return { seq, kind: e.kind, namespace: e.namespace, name: e.name };
  });

describe('InvariantChecker on a healthy history', () => {
  it('passes every invariant, and checks something for each', () => {
    const h = healthyHistory();
    const report = check(h.entries, acks(h, 1, 5, h.last.seq));
    expect(report.results.map((r) => r.id)).toEqual(ids);
    expect(failing(report)).toEqual({});
    expect(report.seqsChecked).toBe(h.entries.length);
    expect(report.lastSeq).toBe(h.last.seq);
    const checked = Object.fromEntries(report.results.map((r) => [r.id, r.checked]));
    // 2 app pods, 4 web pods (two replaced), 2 pi pods; 1 Deployment window of 90 s; 1 Job.
    expect(checked).toEqual({
      'single-binding': 8, 'statefulset-identity': 4, 'exactly-once': h.entries.length + 3, 'resource-versions': h.entries.length, 'deployments-converge': 1, 'job-completions': 1,
    });
  });

  it('counts audit entries in the seq order only: a refused create, then the real one, breaks nothing', () => {
    const h = healthyHistory();
    h.audit('Refused', 'Pod', 'default', 'late', { verb: 'create', code: 403 });
    h.audit('ConnectionDropped', 'Pod', 'default', 'app-5d8f9-x7k2p', { explanation: 'ingress isolated' });
    h.pod('late', { kind: 'ReplicaSet', name: 'app-5d8f9' }, 'replicaset-controller');
    const report = check(h.entries);
    expect(failing(report)).toEqual({});
    expect(report.seqsChecked).toBe(h.entries.length);
  });

  it('gives the same report fed piece by piece, with acknowledgements before and after their entries', () => {
    const h = healthyHistory();
    const checker = new InvariantChecker();
    checker.acknowledge(acks(h, 40)[0]);
    for (const [i, e] of h.entries.entries()) {
      checker.add(e);
      if (i % 7 === 0) checker.report();
    }
    checker.acknowledge(acks(h, 3)[0]);
    expect(checker.report()).toEqual(check(h.entries, acks(h, 40, 3)));
  });

  it('starts from a compaction snapshot without false failures, and still knows what the snapshot holds', () => {
    const h = healthyHistory();
    const horizon = h.entries.find((e) => e.type === 'PodBound' && e.name === 'web-1')!.seq;
    // A write acknowledged before the horizon cannot be checked any more, and is not lost.
    const checker = new InvariantChecker({ acknowledged: acks(h, 3, horizon + 2) });
    checker.startFrom(horizon, snapshot(h.entries, horizon));
    const rest = h.entries.filter((e) => e.seq > horizon);
    for (const e of rest) checker.add(e);
    const clean = checker.report();
    expect(failing(clean)).toEqual({});
    expect(clean.seqsChecked).toBe(rest.length);

    // The snapshot does not say when the pod was bound: its last write before the horizon stands for the bind.
    const firstBind = h.entries.filter((e) => e.seq <= horizon && e.name === 'app-5d8f9-x7k2p').at(-1)!.seq;
    const again = h.bind('app-5d8f9-x7k2p', 'node-2');
    checker.add(h.last);
    expect(failing(checker.report())).toEqual({ 'single-binding': [[firstBind, again]] });
  });
});

describe('InvariantChecker on broken histories: exactly the right invariant fails, naming the seqs', () => {
  const firstSeq = (h: History, type: string, name: string) => h.entries.find((e) => e.type === type && e.name === name)!.seq;

  it('a pod bound a second time', () => {
    const h = healthyHistory();
    const first = firstSeq(h, 'PodBound', 'app-5d8f9-x7k2p');
    const second = h.bind('app-5d8f9-x7k2p', 'node-2');
    expect(failing(check(h.entries))).toEqual({ 'single-binding': [[first, second]] });
  });

  it('a bound pod moved to another node by a write', () => {
    const h = healthyHistory();
    const bound = firstSeq(h, 'PodBound', 'app-5d8f9-q4m8z');
    const moved = h.update('Pod', 'default', 'app-5d8f9-q4m8z', 'PodUpdated', 'user:kubectl replace', (p) => {
      p.spec!.nodeName = 'node-1';
    });
    const report = check(h.entries);
    expect(failing(report)).toEqual({ 'single-binding': [[bound, moved]] });
    expect(report.results[0].failures[0].message).toBe(`Pod default/app-5d8f9-q4m8z (uid ${h.uid('Pod', 'default', 'app-5d8f9-q4m8z')}) moved from node-2 (bound at seq ${bound}) to node-1 at seq ${moved} (PodUpdated by user:kubectl replace)`);
  });

  it('two web-0 running at once: another pod of the identity runs while the first was never removed', () => {
    const h = healthyHistory();
    const running = h.entries.filter((e) => e.name === 'web-0' && e.type === 'PodStatusReported').at(-1)!.seq;
    const other = h.update('Pod', 'default', 'web-0', 'PodStatusReported', 'kubelet/node-1', (p) => {
      p.metadata.uid = 'a-second-web-0';
    });
    expect(failing(check(h.entries))).toEqual({ 'statefulset-identity': [[running, other]] });
  });

  it('a second web-0 created while the first runs breaks statefulset-identity and exactly-once together', () => {
    const h = healthyHistory();
    const running = h.entries.filter((e) => e.name === 'web-0' && e.type === 'PodStatusReported').at(-1)!.seq;
    const node = h.object('Pod', 'default', 'web-0').spec!.nodeName;
    const created = h.pod('web-0', { kind: 'StatefulSet', name: 'web' }, 'statefulset-controller');
    h.update('Pod', 'default', 'web-0', 'PodUpdated', 'user:kubectl replace', (p) => {
      p.spec!.nodeName = node;
    });
    const reported = h.report('web-0', 'Running');
    expect(failing(check(h.entries))).toEqual({ 'statefulset-identity': [[running, reported]], 'exactly-once': [[created]] });
  });

  it('a force-deleted web-1 replaced at once is excused, even though its kubelet never confirmed', () => {
    const h = healthyHistory();
    const forced = h.entries.find((e) => e.type === 'PodDeleted' && e.name === 'web-1')!;
    const pod = forced.object as Pod;
    expect(forced.actor).not.toBe(`kubelet/${pod.spec!.nodeName}`);
    expect(pod.status!.phase).toBe('Running');
    expect(failing(check(h.entries))).toEqual({});
  });

  it('an object created while it exists', () => {
    const h = healthyHistory();
    h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '1' } }, 'user:kubectl apply');
    const again = h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' }, data: { a: '2' } }, 'user:kubectl apply');
    const report = check(h.entries);
    expect(failing(report)).toEqual({ 'exactly-once': [[again]] });
    expect(report.results[2].failures[0].message).toBe(`ConfigMap default/settings was created at seq ${again} while it existed`);
  });

  it('a uid created twice', () => {
    const h = healthyHistory();
    h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default' } }, 'user:kubectl apply');
    const uid = h.uid('ConfigMap', 'default', 'settings');
    h.remove('ConfigMap', 'default', 'settings', 'user:kubectl delete');
    const again = h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'default', uid } }, 'user:kubectl apply');
    expect(failing(check(h.entries))).toEqual({ 'exactly-once': [[again]] });
  });

  it('a gap in the seqs', () => {
    const h = healthyHistory();
    const before = h.last.seq;
    const after = h.skip(2).tick(1).report('web-1', 'Running');
    const report = check(h.entries);
    expect(failing(report)).toEqual({ 'exactly-once': [[before, after]] });
    expect(report.results[2].failures[0].message).toBe(`the log jumps from seq ${before} to ${after}: seqs ${before + 1}–${after - 1} are missing`);
  });

  it('an entry out of order', () => {
    const h = healthyHistory();
    const entries = [...h.entries];
    expect(entries.slice(1, 3).map((e) => `${e.type} ${e.name}`)).toEqual(['NodeCreated node-1', 'NodeCreated node-2']);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(failing(check(entries))).toEqual({ 'exactly-once': [[1, 3], [3, 2]] });
  });

  it('a lost acknowledged write: past the log end, at a seq holding another object, or at a seq the log lacks', () => {
    const h = healthyHistory();
    const end = h.last.seq;
    h.skip(1).tick(1).report('web-1', 'Running');
    const lost = [
      { seq: end + 1, kind: 'ConfigMap', namespace: 'default', name: 'settings' },
      { seq: 4, kind: 'ConfigMap', namespace: 'default', name: 'settings' },
      { seq: h.last.seq + 3, kind: 'Pod', namespace: 'default', name: 'web-1' },
    ];
    const report = check(h.entries, [...acks(h, 2, 3), ...lost]);
    expect(failing(report)).toEqual({ 'exactly-once': [[4], [end, end + 2], [end + 1], [h.last.seq + 3]] });
    expect(report.results[2].failures.map((f) => f.message)).toEqual([
      'the acknowledged write of ConfigMap default/settings at seq 4 is lost: seq 4 holds another object',
      `the log jumps from seq ${end} to ${end + 2}: seq ${end + 1} is missing`,
      `the acknowledged write of ConfigMap default/settings at seq ${end + 1} is lost: the log has no seq ${end + 1}`,
      `the acknowledged write of Pod default/web-1 at seq ${h.last.seq + 3} is lost: the log ends at seq ${h.last.seq}`,
    ]);
  });

  it('a resourceVersion going backwards', () => {
    const h = healthyHistory();
    const previous = h.entries.filter((e) => e.name === 'web-1').at(-1)!.seq;
    const object = { ...h.object('Pod', 'default', 'web-1') };
    object.metadata = { ...object.metadata, resourceVersion: String(previous - 3) };
    const stale = h.log('PodStatusReported', object, 'kubelet/node-1', { keepVersion: true });
    const report = check(h.entries);
    expect(failing(report)).toEqual({ 'resource-versions': [[stale], [previous, stale]] });
    expect(report.results[3].failures[1].message).toBe(`Pod default/web-1's resourceVersion went from ${previous} (seq ${previous}) to ${previous - 3} (seq ${stale}): it must increase`);
  });

  it('a Deployment that never converges in a 90 s stable window', () => {
    const h = healthyHistory();
    const scaled = h.scale('app', 3);
    const status = h.tick(1).deploymentStatus('app', 2);
    h.tick(90).report('web-0', 'Running');
    const report = check(h.entries);
    expect(failing(report)).toEqual({ 'deployments-converge': [[scaled, status]] });
    expect(report.results[4].failures[0].message).toBe(`Deployment default/app (generation 2, set at seq ${scaled}) was stable for 91s of lab time but never reached its replicas (last status at seq ${status})`);
  });

  it('a Deployment judged at its next spec change, and one not judged before settleSeconds', () => {
    const h = healthyHistory();
    const scaled = h.scale('app', 3);
    const status = h.tick(1).deploymentStatus('app', 2);
    h.tick(30);
    expect(failing(check(h.entries))).toEqual({});
    h.tick(40).scale('app', 2);
    expect(failing(check(h.entries))).toEqual({ 'deployments-converge': [[scaled, status]] });
  });

  it('measures the stable window in lab time: the time scale multiplies the entries\' wall-clock times', () => {
    const h = healthyHistory();
    const scaled = h.scale('app', 3);
    const status = h.tick(1).deploymentStatus('app', 2);
    h.tick(4).report('web-0', 'Running');
    const checker = new InvariantChecker({ timeScale: 20 });
    for (const e of h.entries) checker.add(e);
    expect(failing(checker.report())).toEqual({ 'deployments-converge': [[scaled, status]] });
    expect(failing(check(h.entries))).toEqual({});
  });

  it('a paused Deployment is not expected to converge', () => {
    const h = healthyHistory();
    h.update('Deployment', 'default', 'app', 'DeploymentUpdated', 'user:kubectl rollout pause', (d) => {
      d.spec!.paused = true;
      d.spec!.replicas = 5;
      d.metadata.generation = (d.metadata.generation ?? 0) + 1;
    });
    h.tick(120).report('web-0', 'Running');
    expect(failing(check(h.entries))).toEqual({});
  });

  it('a Job with more succeeded than completions', () => {
    const h = healthyHistory();
    const over = h.jobSucceeded('pi', 3);
    h.jobSucceeded('pi', 4);
    const report = check(h.entries);
    expect(failing(report)).toEqual({ 'job-completions': [[over]] });
    expect(report.results[5].failures[0].message).toBe(`Job default/pi has status.succeeded 3 at seq ${over}, more than its 2 completions`);
  });
});

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appendEvents, compactLog, migrateToLatest, openSqlite, type EventRecord } from '@kubelab/event-store';
import { startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthyHistory, type History } from '../src/invariants/history.testing.js';

const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));
const kubelabIn = (dataDir: string, args: string[]) => spawnSync(process.execPath, [bin, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 60_000 });

const workloads = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 2
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec: {terminationGracePeriodSeconds: 2, containers: [{name: nginx, image: nginx}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: web
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {terminationGracePeriodSeconds: 2, containers: [{name: nginx, image: nginx}]}
---
apiVersion: batch/v1
kind: Job
metadata: {name: pi}
spec:
  completions: 2
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: busybox, command: [sh, -c, echo hi]}]
`;

/** A stopped lab's data dir whose events.sqlite holds `history`, optionally compacted up to `horizon`. */
async function dataDirWith(history: History, horizon?: number): Promise<string> {
  const dir = tempDir('check');
  const db = openSqlite(join(dir, 'events.sqlite'));
  await migrateToLatest(db);
  const records: EventRecord[] = history.entries.map(({ object, ...meta }) => ({ ...meta, data: JSON.stringify(object) }));
  await appendEvents(db, records);
  if (horizon !== undefined) await compactLog(db, horizon, new Date());
  await db.destroy();
  return dir;
}

describe('kubelab check on a running lab (2 nodes, time scale 20)', () => {
  let lab: TestLab;

  const running = async (selector: string, count: number) => {
    const pods = JSON.parse((await lab.kubectl(['get', 'pods', '-l', selector, '-o', 'json'])).stdout).items as any[];
    const ready = pods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && p.status.containerStatuses?.every((c: any) => c.ready));
    return ready.length === count ? ready : undefined;
  };

  beforeAll(async () => {
    // A lab of its own: kubelab check judges the whole event log, which on the shared lab holds other suites' deliberate failures.
    lab = await startLab({ nodes: 2, timeScale: 20 });
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: workloads })).stderr).toBe('');
    await waitFor(() => running('app=app', 2), 'the Deployment\'s 2 pods Running', 30_000);
    const web = await waitFor(() => running('app=web', 2), 'web-0 and web-1 Running', 30_000);
    await waitFor(async () => ((await lab.kubectl(['get', 'job', 'pi', '-o', 'jsonpath={.status.succeeded}'])).stdout === '2' ? true : undefined), 'the Job complete', 30_000);
    // One StatefulSet pod deleted gracefully (its kubelet confirms), one force-deleted (no confirmation).
    await lab.kubectl(['delete', 'pod', 'web-0', '--wait=false']);
    await lab.kubectl(['delete', 'pod', 'web-1', '--grace-period=0', '--force']);
    await waitFor(async () => {
      const now = await running('app=web', 2);
      return now && now.every((p) => !web.some((old) => old.metadata.uid === p.metadata.uid)) ? now : undefined;
    }, 'web-0 and web-1 replaced and Running', 45_000);
  }, 150_000);
  afterAll(() => lab?.stop());

  it('passes every invariant, replay = live, and watch order when the api-server records it', () => {
    // 1 s of lab time is 50 ms at time scale 20: the Deployment's window closes well before the StatefulSet's pods are replaced.
    const r = lab.kubelab(['check', '--settle', '1s']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    for (const id of ['single-binding', 'statefulset-identity', 'exactly-once', 'resource-versions', 'deployments-converge', 'job-completions', 'replay-equals-live']) {
      expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^PASS  ${id}  .*: [1-9]\\d* checked$`)));
    }
    expect(lines).toContainEqual(expect.stringMatching(/^(PASS {2}watch-order {2}.*: \d+ checked|SKIP {2}watch-order {2}.*: start the api-server with --record-watch-deliveries)$/));
    expect(lines.at(-1)).toMatch(/^PASS: \d+ entries checked up to seq \d+; \d passed, 0 failed, [01] skipped$/);
  });
});

describe('kubelab check on a stopped lab\'s events.sqlite', () => {
  it('exits 1 naming the broken invariant and its seqs', async () => {
    const h = healthyHistory();
    const first = h.entries.find((e) => e.type === 'PodBound' && e.name === 'app-5d8f9-x7k2p')!.seq;
    const second = h.bind('app-5d8f9-x7k2p', 'node-2');
    const r = kubelabIn(await dataDirWith(h), ['check']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toContain('FAIL  single-binding  no pod was bound twice or moved to another node: 8 checked');
    expect(lines).toContainEqual(`      seqs ${first}, ${second}: Pod default/app-5d8f9-x7k2p (uid ${h.uid('Pod', 'default', 'app-5d8f9-x7k2p')}) was bound twice: to node-1 at seq ${first}, then to node-2 at seq ${second}`);
    expect(lines.filter((l) => l.startsWith('FAIL  '))).toHaveLength(1);
    expect(lines).toContainEqual(expect.stringMatching(/^SKIP {2}replay-equals-live {2}.*: no lab is running/));
    expect(lines.at(-1)).toBe(`FAIL: ${h.entries.length} entries checked up to seq ${second}; 6 passed, 1 failed, 2 skipped`);
  });

  it('starts from the snapshot of a compacted log without false failures', async () => {
    const h = healthyHistory();
    const horizon = h.entries.find((e) => e.type === 'PodBound' && e.name === 'web-1')!.seq;
    const r = kubelabIn(await dataDirWith(h, horizon), ['check']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout.trim().split('\n').at(-1)).toBe(`PASS: ${h.last.seq - horizon} entries checked up to seq ${h.last.seq}; 7 passed, 0 failed, 2 skipped`);
  });
});

import { execFile, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { sharedLab, sharedLabOptions, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));
const kubelabIn = (dataDir: string, args: string[]) => spawnSync(process.execPath, [bin, ...args, '--data-dir', dataDir], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });

const deployment = JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
  spec: {
    replicas: 2, selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { terminationGracePeriodSeconds: 2, containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } },
  },
});

describe('the event log for people: events, why, replay, verify, export and import (time scale 20)', () => {
  let lab: TestLab;
  let victim: string;
  let replacement: string;
  let beforeDelete: number;

  const runningPods = async () => {
    const pods = JSON.parse((await lab.kubectl(['get', 'pods', '-l', 'app=web', '-o', 'json'])).stdout).items as any[];
    return pods.filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp && p.status.containerStatuses?.every((c: any) => c.ready));
  };
  const ok = (args: string[]) => {
    const r = lab.kubelab(args);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    return r.stdout;
  };

  beforeAll(async () => {
    lab = await sharedLab('event-log');
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: deployment })).stderr).toBe('');
    const first = await waitFor(async () => ((await runningPods()).length === 2 ? runningPods() : undefined), '2 web pods Running', 30_000);
    victim = first[0].metadata.name;
    beforeDelete = Number(((await lab.fetch(`${lab.apiUrl}/api/v1/pods`).then((r) => r.json())) as any).metadata.resourceVersion);
    await lab.kubectl(['delete', 'pod', victim, '--wait=false']);
    const after = await waitFor(async () => {
      const now = await runningPods();
      return now.length === 2 && !now.some((p) => p.metadata.name === victim) ? now : undefined;
    }, 'a replacement Running and ready', 30_000);
    replacement = after.find((p) => !first.some((o) => o.metadata.name === p.metadata.name)).metadata.name;
  }, 120_000);
  afterAll(() => lab?.stop());

  it('lists pod events with a readable summary, plain when stdout is not a terminal', () => {
    const ns = lab.namespace;
    const out = ok(['events', '--kind', 'pod', '--namespace', ns]);
    expect(out.split('\n')[0]).toMatch(/^SEQ\s+TIME\s+ACTOR\s+TYPE\s+OBJECT\s+SUMMARY$/);
    expect(out).toMatch(new RegExp(`PodDeletionRequested\\s+Pod ${ns}/${victim}\\s+deletion requested`));
    expect(out).toMatch(new RegExp(`default-scheduler\\s+PodBound\\s+Pod ${ns}/${replacement}\\s+bound to node-\\d`));
    expect(out).not.toContain('\u001b[');
    const json = ok(['events', '--since', String(beforeDelete), '--type', 'PodBound', '--namespace', ns, '-o', 'json']).trim().split('\n').map((l) => JSON.parse(l));
    expect(json.map((e) => e.name)).toEqual([replacement]);
    expect(ok(['events', '--since', '1h', '--actor', 'user', '--kind', 'Pod', '--namespace', ns])).toContain(victim);
  });

  it('explains the replacement: the user\'s delete → the ReplicaSet created it → the scheduler bound it (with reasons) → started', () => {
    const ns = lab.namespace;
    const lines = ok(['why', `pod/${replacement}`, '-n', ns]).split('\n');
    const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
    const deleted = at(new RegExp(`user:kubectl delete\\s+PodDeletionRequested\\s+Pod ${ns}/${victim}`));
    const created = at(new RegExp(`replicaset-controller\\s+PodCreated\\s+Pod ${ns}/${replacement}`));
    const bound = at(new RegExp(`default-scheduler\\s+PodBound\\s+Pod ${ns}/${replacement}\\s+bound to node-\\d`));
    const scheduled = at(/Scheduled: Successfully assigned/);
    const started = at(/Started: Started container nginx/);
    expect(deleted).toBeGreaterThan(0);
    expect(created).toBeGreaterThan(deleted);
    expect(bound).toBeGreaterThan(created);
    expect(started).toBeGreaterThan(bound);
    const nodes = sharedLabOptions.nodes;
    // The controlplane node is evaluated too, and filtered out by its taint.
    expect(lines[scheduled + 1]).toMatch(`scheduler: ${nodes + 1} nodes evaluated, ${nodes} feasible`);
    expect(lines[scheduled + 2]).toMatch(/filtered controlplane: node\(s\) had untolerated taint/);
    expect(lines[scheduled + 3]).toMatch(/score node-\d \d+ \(.*NodeResourcesFit \d+/);
  });

  it('explains a deleted pod, and refuses what the log never saw', () => {
    expect(ok(['why', `po/${victim}`, '-n', lab.namespace])).toContain(`Pod ${lab.namespace}/${victim} was deleted at seq`);
    const unknown = lab.kubelab(['why', 'pod/nope']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toBe('kubelab: the event log has no Pod default/nope\n');
    const bad = lab.kubelab(['why', 'gizmo/x']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown kind "gizmo"');
  });

  it('replays the cluster as it was before the delete', () => {
    const out = ok(['replay', '--at', String(beforeDelete)]);
    expect(out).toContain(`the cluster at seq ${beforeDelete}`);
    expect(out).toMatch(/node-1\s+Ready/);
    expect(out).toMatch(new RegExp(`${lab.namespace}\\s+${victim}\\s+1/1\\s+Running`));
    expect(out).not.toContain(replacement);
    const past = lab.kubelab(['replay', '--at', '99999999']);
    expect(past.status).toBe(1);
    expect(past.stderr).toMatch(/at 99999999 is past the end of the event log/);
  });

  it('verifies that the whole log replays to the live state', () => {
    expect(ok(['verify'])).toMatch(/^the event log and the live state agree: \d+ objects at seqs? \d+( to \d+)?\n$/);
  });

  it('verifies while writes keep landing: what the log wrote while the kinds were listed is checked against its versions', async () => {
    const ns = lab.namespace;
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const res = await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/${ns}/configmaps`, {
          method: 'POST', headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `busy-${written}` }, data: { n: String(written) } }),
        });
        expect(res.status).toBe(201);
        written++;
      }
    })();
    const verified = await promisify(execFile)(process.execPath, [bin, 'verify', '--data-dir', lab.dataDir], { encoding: 'utf8' }).finally(() => (writing = false));
    await writer;
    expect(written).toBeGreaterThan(0);
    expect(verified.stdout).toMatch(/^the event log and the live state agree: \d+ objects at seqs? \d+( to \d+)?\n$/);
  });

  it('exports the log, imports it into a new data dir, and a lab started there has that history', async () => {
    const exported = ok(['export']);
    const file = join(tempDir('export'), 'drill.ndjson');
    writeFileSync(file, exported);
    const dataDir = tempDir('imported');
    const imported = spawnSync(process.execPath, [bin, 'import', file, '--data-dir', dataDir], { encoding: 'utf8' });
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain(`kubelab: imported ${exported.trim().split('\n').length} events`);
    const up = kubelabIn(dataDir, ['up', '--detach', '--api-port', '0', '--components', 'nats,api-server']);
    expect(up.status).toBe(0);
    try {
      const replayed = kubelabIn(dataDir, ['export']).stdout;
      expect(replayed.startsWith(readFileSync(file, 'utf8'))).toBe(true);
      expect(kubelabIn(dataDir, ['why', `pod/${replacement}`, '-n', lab.namespace]).stdout).toMatch(new RegExp(`PodBound\\s+Pod ${lab.namespace}/\\S+\\s+bound to node-\\d`));
      expect(kubelabIn(dataDir, ['verify']).stdout).toContain('the event log and the live state agree');
    } finally {
      kubelabIn(dataDir, ['down']);
    }
  });

  it('verifies custom resources too', async () => {
    // A group of the suite's own: the CRD is cluster-scoped on the shared lab, where other suites define a CronTab too.
    const group = 'event-log.example.com';
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `crontabs.${group}` },
      spec: {
        group, scope: 'Namespaced', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(crd) })).stderr).toBe('');
    const crontab = JSON.stringify({ apiVersion: `${group}/v1`, kind: 'CronTab', metadata: { name: 'nightly' }, spec: { cronSpec: '0 3 * * *' } });
    await waitFor(async () => (await lab.kubectl(['create', '-f', '-'], { stdin: crontab })).code === 0, 'a CronTab once its CRD is served');
    expect(ok(['verify'])).toMatch(/^the event log and the live state agree: \d+ objects at seqs? \d+( to \d+)?\n$/);
  });
});

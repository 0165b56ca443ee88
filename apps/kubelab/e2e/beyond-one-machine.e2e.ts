/**
 * A lab beyond one machine: its event log on PostgreSQL, two api-servers on it, a three-member
 * NATS cluster, and two nodes that join from "another host" (a fresh folder, HOME and TMPDIR).
 * Writes through one api-server are watched through the other at the same resourceVersion; one
 * api-server and one NATS member are killed during a scale-up, which completes; kubelab verify
 * agrees with the log.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newEventLogDatabase, startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chaosDrill, readyWebPods, webDeployment } from './lab-drills.js';

const kubelabBin = fileURLToPath(new URL('../bin/kubelab.mjs', import.meta.url));

describe('a lab on PostgreSQL with two api-servers, a three-member NATS cluster and nodes that join from elsewhere', () => {
  let lab: TestLab;
  let secondApi: string;
  let joined: ChildProcess | undefined;

  const chaos = (args: string[]) => chaosDrill(lab, args);
  const readyPods = () => readyWebPods(lab);

  beforeAll(async () => {
    const database = await newEventLogDatabase('postgres');
    lab = await startLab({
      nodes: 2, timeScale: 20, components: ['nats', 'api-server', 'scheduler', 'controller-manager', 'kubelet-agent'],
      upArgs: ['--database', database, '--api-servers', '2', '--nats-cluster', '3', '--nats-listen', '0.0.0.0'],
    });
    const state = JSON.parse(readFileSync(join(lab.dataDir, 'lab.json'), 'utf8')) as { apiUrls: string[] };
    expect(state.apiUrls).toHaveLength(2);
    expect(state.apiUrls[0]).toBe(lab.apiUrl);
    secondApi = state.apiUrls[1];
  }, 300_000);
  afterAll(() => {
    if (joined?.exitCode === null) joined.kill('SIGKILL');
    lab?.stop();
  });

  it('runs api-server and api-server-2 on the PostgreSQL log and nats-1 … nats-3', () => {
    const status = lab.kubelab(['status']).stdout;
    for (const name of ['api-server', 'api-server-2']) expect(status).toMatch(new RegExp(`^${name}\\s+\\d+\\s+ready`, 'm'));
    for (const name of ['nats-1', 'nats-2', 'nats-3']) expect(status).toMatch(new RegExp(`^${name}\\s+\\d+\\s+running`, 'm'));
    expect(status).toMatch(/^event log postgres:\/\/postgres@127\.0\.0\.1:\d+\/\w+$/m);
  });

  it('shows a write made through the first api-server to a watch through the second, at the same resourceVersion', async () => {
    const listed = JSON.parse((await lab.kubectl(['--server', secondApi, 'get', 'configmaps', '-o', 'json'])).stdout).metadata.resourceVersion as string;
    const created = await lab.kubectl(['create', 'configmap', 'through-first', '--from-literal=k=v', '-o', 'jsonpath={.metadata.resourceVersion}']);
    expect(created.code).toBe(0);
    const watched = await lab.kubectl(['--server', secondApi, 'get', '--raw', `/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=${listed}&timeoutSeconds=2`]);
    const events = watched.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; object: { metadata: { name: string; resourceVersion: string } } });
    expect(events.find((e) => e.object.metadata.name === 'through-first')).toMatchObject({ type: 'ADDED', object: { metadata: { resourceVersion: created.stdout } } });
    // And a read through the second right after the write sees it.
    expect((await lab.kubectl(['--server', secondApi, 'get', 'configmap', 'through-first', '-o', 'jsonpath={.metadata.resourceVersion}'])).stdout).toBe(created.stdout);
  });

  it('completes a scale-up while api-server-2 and nats-1 are killed, and kubelab verify agrees with the log', async () => {
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: webDeployment(2) })).code).toBe(0);
    await waitFor(async () => (await readyPods()).length === 2, '2 ready pods', 30_000);
    expect((await lab.kubectl(['scale', 'deployment/web', '--replicas', '8'])).code).toBe(0);
    expect(chaos(['kill', 'api-server-2'])).toMatch(/^chaos: kill -KILL api-server-2 \(pid \d+\)/);
    expect(chaos(['kill', 'nats-1'])).toMatch(/^chaos: kill -KILL nats-1 \(pid \d+\)/);
    await waitFor(async () => (await readyPods()).length === 8, '8 ready pods with api-server-2 and nats-1 killed', 90_000);
    chaos(['start', 'nats-1']);
    chaos(['start', 'api-server-2']);
    expect(lab.kubelab(['status']).stdout).toMatch(/^api-server-2\s+\d+\s+ready/m);
    // The restarted api-server loaded the log and serves what the other wrote while it was down.
    const pods = JSON.parse((await lab.kubectl(['--server', secondApi, 'get', 'pods', '-l', 'app=web', '-o', 'json'])).stdout).items as any[];
    expect(pods.filter((p) => !p.metadata.deletionTimestamp)).toHaveLength(8);
    const verify = lab.kubelab(['verify']);
    expect(verify.stdout).toMatch(/the event log and the live state agree/);
    expect(verify.status).toBe(0);
  });

  it('brings two Ready nodes with nothing but the join command, run from another folder and HOME', async () => {
    const printed = lab.kubelab(['join-command', '--nodes', '2']);
    expect(printed.status, printed.stderr).toBe(0);
    const line = printed.stdout.trim();
    expect(line).toMatch(/^npx kubelab join --nats-url nats:\/\/\S+ --token [A-Za-z0-9_-]+$/);
    // Every member of the cluster is named, so the agent carries on when one is lost.
    expect(line.split(' ')[4].split(',')).toHaveLength(3);
    const elsewhere = tempDir('elsewhere');
    joined = spawn(process.execPath, [kubelabBin, ...line.split(' ').slice(2)], {
      cwd: elsewhere, env: { ...process.env, HOME: elsewhere, TMPDIR: elsewhere }, stdio: ['ignore', 'ignore', 'ignore'],
    });
    const names = await waitFor(async () => {
      const run = await lab.kubectl(['get', 'nodes', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.status.conditions[?(@.type=="Ready")].status}{"\\n"}{end}']);
      const ready = run.stdout.trim().split('\n').filter((l) => /^worker-[a-z0-9]{5}-\d=True$/.test(l));
      return ready.length === 2 && ready;
    }, 'both joined nodes Ready', 60_000, 250);
    expect(names).toHaveLength(2);
  });
});

import { kubectlFor, waitFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: ${image}
`;

const boundPod = `apiVersion: v1
kind: Pod
metadata:
  name: bound
spec:
  nodeName: node-1
  containers:
  - name: nginx
    image: nginx:1.27
`;

const node = `apiVersion: v1
kind: Node
metadata:
  name: node-1
`;

/** kubectl drain --force warns (on stderr) about the bare pod it evicts, dry run or not. */
const drainWarning = 'Warning: deleting Pods that declare no controller: default/bound\n';

/** Collects a stream of newline-delimited JSON (a watch, or the followed event log) until stopped. */
function follow(url: string) {
  const lines: any[] = [];
  const controller = new AbortController();
  void fetch(url, { signal: controller.signal }).then(async (res) => {
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      for (let nl = buffer.indexOf('\n'); nl >= 0; nl = buffer.indexOf('\n')) {
        lines.push(JSON.parse(buffer.slice(0, nl)));
        buffer = buffer.slice(nl + 1);
      }
    }
  }).catch(() => undefined);
  return { lines, stop: () => controller.abort() };
}

describe('server-side dry run with the real kubectl', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;
  /** The newest seq in the event log, as a list's resourceVersion tells it. */
  const lastSeq = async () => Number(((await fetch(`${server.url}/api/v1/namespaces`).then((r) => r.json())) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
  const json = async (...args: string[]) => (await kubectl(['get', ...args, '-o', 'json'])).stdout;

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
    for (const manifest of [deployment('nginx:1.26'), node, boundPod]) {
      expect((await kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');
    }
    expect((await kubectl(['run', 'solo', '--image=nginx'])).stdout).toBe('pod/solo created\n');
  });
  afterAll(() => server?.close());

  /** Runs a dry run, checks what kubectl printed, and that nothing was written: same last seq, same objects. */
  async function dryRun(args: string[], printed: string | RegExp, stdin?: string): Promise<string> {
    const seq = await lastSeq();
    const before = await Promise.all([json('deployment', 'web'), json('pods'), json('node', 'node-1')]);
    const r = await kubectl(args, { stdin });
    expect([r.code, r.stderr.replace(drainWarning, '')], args.join(' ')).toEqual([0, '']);
    if (typeof printed === 'string') expect(r.stdout, args.join(' ')).toBe(printed);
    else expect(r.stdout, args.join(' ')).toMatch(printed);
    expect(await lastSeq(), args.join(' ')).toBe(seq);
    expect(await Promise.all([json('deployment', 'web'), json('pods'), json('node', 'node-1')]), args.join(' ')).toEqual(before);
    return r.stdout;
  }

  it('kubectl diff shows a change and exits 1, and exits 0 with no change, writing nothing', async () => {
    const seq = await lastSeq();
    const same = await kubectl(['diff', '-f', '-'], { stdin: deployment('nginx:1.26') });
    expect(same).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const changed = await kubectl(['diff', '-f', '-'], { stdin: deployment('nginx:1.27') });
    expect(changed.code).toBe(1);
    expect(changed.stdout).toMatch(/\n-\s+- image: nginx:1\.26\n\+\s+- image: nginx:1\.27\n/);
    const added = await kubectl(['diff', '-f', '-'], { stdin: deployment('nginx:1.27').replace('name: web', 'name: fresh') });
    expect(added.code).toBe(1);
    expect(added.stdout).toMatch(/\n\+\s+name: fresh\n/);
    expect(await lastSeq()).toBe(seq);
    expect((await kubectl(['get', 'deployment', 'fresh'])).stderr).toContain('NotFound');
  });

  it('decides each kubectl --dry-run=server write in full and writes nothing; a watch opened before sees nothing of them', async () => {
    const pods = follow(`${server.url}/api/v1/namespaces/default/pods?watch=true&resourceVersion=${await lastSeq()}`);
    const log = follow(`${server.url}/kubelab/v1/events?follow=true&since=${await lastSeq()}`);
    const dry = '--dry-run=server';

    await dryRun(['apply', dry, '-f', '-'], 'deployment.apps/web configured (server dry run)\n', deployment('nginx:1.27'));
    await dryRun(['apply', dry, '-f', '-'], 'pod/other created (server dry run)\n', boundPod.replace('name: bound', 'name: other'));
    const yaml = await dryRun(['create', 'deployment', 'made', '--image=nginx', dry, '-o', 'yaml'], /progressDeadlineSeconds: 600/);
    for (const line of ['revisionHistoryLimit: 10', 'type: RollingUpdate', 'maxSurge: 25%', 'imagePullPolicy: Always', 'terminationGracePeriodSeconds: 30', 'uid: ', 'creationTimestamp: "']) {
      expect(yaml).toContain(line);
    }
    expect(yaml).not.toContain('resourceVersion');
    expect((await kubectl(['get', 'deployment', 'made'])).stderr).toContain('deployments.apps "made" not found');
    await dryRun(['run', 'dry', '--image=nginx', dry], 'pod/dry created (server dry run)\n');
    await dryRun(['label', 'pod', 'solo', 'tier=web', dry], 'pod/solo labeled (server dry run)\n');
    await dryRun(['annotate', 'pod', 'solo', 'note=hi', dry], 'pod/solo annotated (server dry run)\n');
    // kubectl patch and taint set their operation after adding the dry-run suffix: against a real cluster they print none either.
    await dryRun(['patch', 'deployment', 'web', '-p', '{"spec":{"replicas":5}}', dry], 'deployment.apps/web patched\n');
    await dryRun(['scale', 'deployment', 'web', '--replicas=4', dry], 'deployment.apps/web scaled (server dry run)\n');
    await dryRun(['set', 'image', 'deployment/web', 'nginx=nginx:1.28', dry], 'deployment.apps/web image updated (server dry run)\n');
    await dryRun(['taint', 'nodes', 'node-1', 'dedicated=lab:NoSchedule', dry], 'node/node-1 tainted\n');
    await dryRun(['cordon', 'node-1', dry], 'node/node-1 cordoned (server dry run)\n');
    await dryRun(['drain', 'node-1', '--force', dry], 'node/node-1 cordoned (server dry run)\nevicting pod default/bound (server dry run)\nnode/node-1 drained (server dry run)\n');
    await dryRun(['apply', '--server-side', dry, '-f', '-'], 'configmap/settings serverside-applied (server dry run)\n', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: lab\n');
    await dryRun(['delete', 'pod', 'bound', dry], 'pod "bound" deleted (server dry run)\n');
    await dryRun(['delete', 'pod', 'solo', dry], 'pod "solo" deleted (server dry run)\n');
    const live = (await kubectl(['get', 'deployment', 'web', '-o', 'yaml'])).stdout;
    await dryRun(['replace', dry, '-f', '-'], 'deployment.apps/web replaced (server dry run)\n', live.replace('replicas: 2', 'replicas: 3'));

    expect((await kubectl(['get', 'pod', 'bound', '-o', 'jsonpath={.metadata.deletionTimestamp}'])).stdout).toBe('');
    const missing = await kubectl(['delete', 'pod', 'missing', dry]);
    expect(missing.stderr).toContain('Error from server (NotFound): pods "missing" not found');

    expect((await kubectl(['label', 'pod', 'solo', 'after=real'])).stdout).toBe('pod/solo labeled\n');
    await waitFor(() => pods.lines.length > 0 && log.lines.length > 0, 'the real label in the watch and the event log');
    pods.stop();
    log.stop();
    expect(pods.lines.map((e) => [e.type, e.object.metadata.name, e.object.metadata.labels])).toEqual([['MODIFIED', 'solo', { run: 'solo', after: 'real' }]]);
    expect(log.lines.map((e) => [e.type, e.name])).toEqual([['PodUpdated', 'solo']]);
  });

  it('gives a generateName a name, and a Service a ClusterIP that the next real Service still gets', async () => {
    const seq = await lastSeq();
    const generated = await kubectl(['create', '--dry-run=server', '-f', '-', '-o', 'name'], { stdin: boundPod.replace('name: bound', 'generateName: gen-') });
    expect(generated.stdout).toMatch(/^pod\/gen-[a-z0-9]{5}\n$/);
    const ip = await kubectl(['create', 'service', 'clusterip', 'preview', '--tcp=80', '--dry-run=server', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(ip.stdout).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(await lastSeq()).toBe(seq);
    const real = await kubectl(['create', 'service', 'clusterip', 'real', '--tcp=80', '-o', 'jsonpath={.spec.clusterIP}']);
    expect(real.stdout).toBe(ip.stdout);
  });

  it('refuses a dryRun value other than All with kube-apiserver\'s 422', async () => {
    const r = await fetch(`${server.url}/api/v1/namespaces/default/pods?dryRun=Server`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'refused' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }) });
    expect(r.status).toBe(422);
    expect(((await r.json()) as { message: string }).message).toBe('CreateOptions.meta.k8s.io "" is invalid: dryRun: Unsupported value: []string{"Server"}: supported values: "All"');
  });
});

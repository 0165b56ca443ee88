import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { appMain, fetchTrusting, kubectlFor, labCredentials, tempDir, waitFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const kubelab = join(root, 'apps/kubelab/bin/kubelab.mjs');
const timeScale = 20;

const pod = (name: string, node: string, container: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: node, containers: [{ name: 'c', ...container }], ...extra } });

describe('kubelet-agents with the real kubectl (time scale 20)', () => {
  let dataDir: string;
  let kubectl: Kubectl;
  let apiUrl: string;
  let labFetch: ReturnType<typeof fetchTrusting>;
  const status = async (name: string) => (await kubectl(['get', 'pod', name, '--no-headers'])).stdout.trim().split(/\s+/).slice(1, 4).join(' ');
  const jsonpath = async (name: string, path: string) => (await kubectl(['get', 'pod', name, '-o', `jsonpath=${path}`])).stdout;
  const apply = async (manifest: string) => {
    const r = await kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(r.stderr).toBe('');
  };
  /** Polls the pod's STATUS column and returns every value seen until `last` shows. */
  const statusesUntil = async (name: string, last: string, timeoutMs = 20_000) => {
    const seen: string[] = [];
    await waitFor(async () => {
      const s = (await status(name)).split(' ')[1];
      if (seen.at(-1) !== s) seen.push(s);
      return s === last;
    }, `pod ${name} to show ${last}`, timeoutMs, 50);
    return seen;
  };

  beforeAll(async () => {
    dataDir = tempDir('agents');
    const up = spawnSync(process.execPath, [kubelab, 'up', '--detach', '--data-dir', dataDir, '--api-port', '0', '--dashboard-port', '0', '--nodes', '3', '--time-scale', String(timeScale)], { encoding: 'utf8', timeout: 90_000 });
    expect(up.status, up.stderr).toBe(0);
    apiUrl = (JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as { apiUrl: string }).apiUrl;
    kubectl = kubectlFor(apiUrl, labCredentials(dataDir));
    labFetch = fetchTrusting(labCredentials(dataDir));
  });
  afterAll(() => {
    spawnSync(process.execPath, [kubelab, 'down', '--data-dir', dataDir], { timeout: 30_000 });
  });

  it('registers three Ready nodes', async () => {
    // On a loaded machine a node may still show NotReady for a moment after kubelab up returns, as a kind node does.
    await waitFor(async () => (await kubectl(['get', 'nodes', '--no-headers'])).stdout.match(/^node-\d\s+Ready\s/gm)?.length === 3, 'three Ready nodes', 60_000, 250);
  });

  it('runs nginx to Running 1/1, and a missing tag goes ErrImagePull then ImagePullBackOff', async () => {
    const watch = kubectl.spawn(['get', 'pods', '-w', '--field-selector', 'metadata.name=my-pod']);
    try {
      await apply(pod('nginx', 'node-1', { image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }));
      await apply(pod('my-pod', 'node-2', { image: 'my-app:1.0.0-xyz', ports: [{ containerPort: 3000 }] }));
      await waitFor(async () => (await status('nginx')) === '1/1 Running 0', 'nginx Running');
      await waitFor(() => /ErrImagePull[\s\S]*ImagePullBackOff/.test(watch.output()), 'ErrImagePull, then ImagePullBackOff, in kubectl get -w');
    } finally {
      watch.stop();
    }
    expect((await kubectl(['describe', 'pod', 'my-pod'])).stdout).toContain('Back-off pulling image "my-app:1.0.0-xyz"');
  });

  it('stays quiet once a pod is Running: no status writes while nothing changes', async () => {
    const reports = async () => (await labFetch(`${apiUrl}/kubelab/v1/events?kind=Pod&namespace=default&name=nginx`).then((r) => r.text())).split('\n').filter((l) => l.includes('"PodStatusReported"')).length;
    await waitFor(async () => (await status('nginx')) === '1/1 Running 0', 'nginx Running');
    const before = await reports();
    // A window of 40 s of lab time (2 s at scale 20) in which nothing about the pod changes.
    await new Promise((r) => setTimeout(r, 2000));
    expect(await reports()).toBe(before);
  });

  it('passes init containers in order; the nslookup init container waits for its Service', async () => {
    await apply(JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'init-container' },
      spec: { nodeName: 'node-3', containers: [{ name: 'nginx', image: 'nginx' }], initContainers: [{ name: 'wait', image: 'busybox', command: ['sh', '-c', 'until nslookup myservice; do echo waiting..; sleep 1; done;'] }] },
    }));
    await waitFor(async () => (await status('init-container')) === '0/1 Init:0/1 0', 'Init:0/1');
    await waitFor(async () => (await kubectl(['logs', 'init-container', '-c', 'wait'])).stdout.includes('waiting..'), 'the init container to log');
    await apply(JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'myservice' }, spec: { selector: { app: 'my' }, ports: [{ port: 80 }] } }));
    await waitFor(async () => (await status('init-container')) === '1/1 Running 0', 'Running once the Service exists');
  });

  it('lets a pod on one node reach a Service whose pod runs on another node', async () => {
    await apply(JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } }));
    await apply(JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }));
    await waitFor(async () => (await status('web')) === '1/1 Running 0', 'web Running');
    await apply(pod('client', 'node-2', { image: 'busybox:1.28', command: ['sh', '-c', 'until wget -q -O - http://web.default.svc.cluster.local/; do sleep 1; done; sleep 3600'] }));
    await waitFor(async () => (await kubectl(['logs', 'client'])).stdout.includes('Welcome to nginx!'), 'the nginx page through the Service');
  });

  it('prints the Job template\'s line in kubectl logs', async () => {
    await apply(pod('hello', 'node-1', { image: 'busybox:1.28', command: ['sh', '-c', 'echo "Hello, Kubernetes!" && sleep 3600'] }, { restartPolicy: 'OnFailure' }));
    await waitFor(async () => (await kubectl(['logs', 'hello'])).stdout === 'Hello, Kubernetes!\n', 'the line in the log');
  });

  it('streams kubectl logs -f until the container ends, and keeps --previous', async () => {
    await apply(pod('counter', 'node-2', { image: 'busybox', command: ['sh', '-c', 'sleep 5; for i in 1 2 3; do echo line $i; sleep 10; done'] }, { restartPolicy: 'OnFailure' }));
    await waitFor(async () => (await status('counter')) === '1/1 Running 0', 'Running');
    const followed = await kubectl(['logs', '-f', 'counter'], { timeoutMs: 15_000 });
    expect(followed.code).toBe(0);
    expect(followed.stdout).toBe('line 1\nline 2\nline 3\n');
    await apply(pod('twice', 'node-2', { image: 'busybox', command: ['sh', '-c', 'echo run; exit 1'] }));
    await waitFor(async () => Number(await jsonpath('twice', '{.status.containerStatuses[0].restartCount}')) >= 1, 'a restart');
    expect((await kubectl(['logs', 'twice', '--previous'])).stdout).toBe('run\n');
  });

  it('adds an ephemeral container with kubectl debug; it runs and its logs can be read', async () => {
    await waitFor(async () => (await status('nginx')) === '1/1 Running 0', 'nginx Running');
    const debug = await kubectl(['debug', 'nginx', '--profile=general', '--image=busybox:1.28', '--container=dbg', '--', 'sh', '-c', 'echo debugging; sleep 1']);
    expect(debug.code, debug.stderr).toBe(0);
    await waitFor(async () => (await kubectl(['logs', 'nginx', '-c', 'dbg'])).stdout === 'debugging\n', 'the debug container to log');
    await waitFor(async () => (await jsonpath('nginx', '{.status.ephemeralContainerStatuses[0].state.terminated.reason}')) === 'Completed', 'it to finish');
    expect((await kubectl(['describe', 'pod', 'nginx'])).stdout).toContain('Ephemeral Containers:');
  });

  it('runs a static pod from the node\'s manifest folder; a deleted mirror pod comes back and its container runs on; a removed manifest stops it', async () => {
    const manifest = join(dataDir, 'manifests', 'node-3', 'static-web.yaml');
    expect(existsSync(dirname(manifest))).toBe(true);
    writeFileSync(manifest, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\nspec:\n  containers:\n  - name: web\n    image: nginx:1.14.2\n');
    await waitFor(async () => (await status('static-web-node-3')) === '1/1 Running 0', 'the mirror pod Running', 20_000);
    const uid = await jsonpath('static-web-node-3', '{.metadata.uid}');
    const startedAt = await jsonpath('static-web-node-3', '{.status.containerStatuses[0].state.running.startedAt}');
    expect((await kubectl(['delete', 'pod', 'static-web-node-3', '--wait=false'])).code).toBe(0);
    await waitFor(async () => {
      const now = await jsonpath('static-web-node-3', '{.metadata.uid}');
      return now !== '' && now !== uid && (await status('static-web-node-3')) === '1/1 Running 0';
    }, 'the mirror pod to come back', 20_000);
    // As the kubelet: the mirror pod is only the API's view; the static pod's container was neither stopped nor restarted.
    expect(await jsonpath('static-web-node-3', '{.status.containerStatuses[0].state.running.startedAt}')).toBe(startedAt);
    const killed = await kubectl(['get', 'events', '--field-selector', 'involvedObject.name=static-web-node-3,reason=Killing', '-o', 'name']);
    expect(killed.stdout).toBe('');
    rmSync(manifest);
    await waitFor(async () => (await kubectl(['get', 'pod', 'static-web-node-3'])).stderr.includes('NotFound'), 'the static pod to go with its manifest', 20_000);
  });

  it('follows restartPolicy: CrashLoopBackOff under Always, Completed under OnFailure, Error under Never', async () => {
    await apply(pod('crash', 'node-2', { image: 'busybox', command: ['sh', '-c', 'exit 1'] }));
    await apply(pod('done', 'node-2', { image: 'busybox', command: ['sh', '-c', 'exit 0'] }, { restartPolicy: 'OnFailure' }));
    await apply(pod('fail', 'node-3', { image: 'busybox', command: ['sh', '-c', 'exit 1'] }, { restartPolicy: 'Never' }));
    await statusesUntil('crash', 'CrashLoopBackOff');
    await waitFor(async () => (await status('done')) === '0/1 Completed 0', 'Completed without restart');
    await waitFor(async () => (await status('fail')) === '0/1 Error 0', 'Error');
    expect(await jsonpath('fail', '{.status.phase}')).toBe('Failed');
    expect(await jsonpath('done', '{.status.phase}')).toBe('Succeeded');
    await waitFor(async () => Number(await jsonpath('crash', '{.status.containerStatuses[0].restartCount}')) >= 3, 'restarts to count up');
  });

  it('restarts on a failing exec liveness probe and keeps a failing readiness probe at 0/1', async () => {
    await apply(pod('liveness', 'node-1', {
      image: 'busybox', command: ['sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
      livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
    }));
    await apply(pod('unready', 'node-2', { image: 'nginx', readinessProbe: { httpGet: { path: '/nope', port: 80 }, periodSeconds: 2 } }));
    await waitFor(async () => Number(await jsonpath('liveness', '{.status.containerStatuses[0].restartCount}')) >= 1, 'a liveness restart', 30_000);
    expect((await kubectl(['describe', 'pod', 'liveness'])).stdout).toContain('Liveness probe failed');
    await waitFor(async () => (await status('unready')) === '0/1 Running 0', 'not ready, not restarted');
  });

  it('keeps a deleted pod Terminating through its grace period; --force --grace-period=0 removes it at once', async () => {
    // sleep as PID 1 ignores SIGTERM: it stays for its grace period, 120 lab seconds (6 s here), long enough for kubectl to see it on a loaded machine.
    await apply(pod('sleeper', 'node-3', { image: 'busybox', command: ['sleep', '3600'] }, { terminationGracePeriodSeconds: 120 }));
    await apply(pod('forced', 'node-3', { image: 'busybox', command: ['sleep', '3600'] }));
    await waitFor(async () => (await status('sleeper')) === '1/1 Running 0' && (await status('forced')) === '1/1 Running 0', 'both Running');
    expect((await kubectl(['delete', 'pod', 'sleeper', '--wait=false'])).code).toBe(0);
    expect((await status('sleeper')).split(' ')[1]).toBe('Terminating');
    await waitFor(async () => (await kubectl(['get', 'pod', 'sleeper'])).code !== 0, 'the pod to go after 120 s of grace (scaled)', 30_000);
    const forced = await kubectl(['delete', 'pod', 'forced', '--force', '--grace-period=0']);
    expect(forced.stdout).toContain('force deleted');
    expect((await kubectl(['get', 'pod', 'forced'])).code).not.toBe(0);
  });

  it('runs postStart before the container counts as started, and preStop within the grace period', async () => {
    await apply(pod('poststart-hook', 'node-1', {
      image: 'nginx', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'touch /myfile'] } } },
      readinessProbe: { exec: { command: ['cat', '/myfile'] }, periodSeconds: 2 },
    }));
    await waitFor(async () => (await status('poststart-hook')) === '1/1 Running 0', 'ready once the hook made the file');
    await apply(pod('bad-hook', 'node-1', { image: 'nginx', lifecycle: { postStart: { exec: { command: ['sh', '-c', 'exit 1'] } } } }));
    await waitFor(async () => (await kubectl(['describe', 'pod', 'bad-hook'])).stdout.includes('FailedPostStartHook'), 'the FailedPostStartHook event');
    // A hook of 100 lab seconds (5 s here) within a grace period of 120: long enough that kubectl sees Terminating on a loaded machine.
    await apply(pod('prestop', 'node-2', { image: 'nginx', lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 100'] } } } }, { terminationGracePeriodSeconds: 120 }));
    await waitFor(async () => (await status('prestop')) === '1/1 Running 0', 'Running');
    const began = Date.now();
    await kubectl(['delete', 'pod', 'prestop', '--wait=false']);
    expect((await status('prestop')).split(' ')[1]).toBe('Terminating');
    await waitFor(async () => (await kubectl(['get', 'pod', 'prestop'])).code !== 0, 'the pod to go after its preStop hook', 30_000);
    expect(Date.now() - began).toBeGreaterThanOrEqual((100 / timeScale) * 1000 - 100);
  });

  it('OOM-kills a container past its memory limit, and evicts under node memory pressure', async () => {
    await apply(pod('oom', 'node-3', { image: 'kubelab/oom:1.0', resources: { limits: { memory: '50Mi' } } }, { restartPolicy: 'Never' }));
    await waitFor(async () => (await status('oom')) === '0/1 OOMKilled 0', 'OOMKilled');
    expect(await jsonpath('oom', '{.status.containerStatuses[0].state.terminated.exitCode}')).toBe('137');
    const state = JSON.parse(readFileSync(join(dataDir, 'lab.json'), 'utf8')) as { natsUrl: string };
    // A node from elsewhere joins as `kubelab node add` lets it: with a NATS user of its own.
    const joined = spawnSync(process.execPath, [kubelab, 'node', 'add', 'tiny', '--data-dir', dataDir], { encoding: 'utf8', timeout: 30_000 });
    expect(joined.status, joined.stderr).toBe(0);
    const nkey = join(dataDir, 'nats/users/kubelet-tiny.nk');
    const tiny = spawn(process.execPath, [
      appMain('kubelet-agent'), '--node-name', 'tiny', '--node-index', '9', '--memory', '256Mi', '--nats-url', state.natsUrl, '--nats-nkey', nkey,
      '--time-scale', String(timeScale), '--catalog', join(root, 'deploy/images.yaml'),
    ], { cwd: root, stdio: 'ignore' });
    try {
      // A process of its own, started cold: give it the time a loaded machine needs to start and register it.
      await waitFor(async () => (await kubectl(['get', 'node', 'tiny', '--no-headers'])).stdout.includes(' Ready '), 'the small node', 90_000, 200);
      await apply(pod('hog', 'tiny', { image: 'kubelab/oom:1.0' }));
      await waitFor(async () => (await jsonpath('hog', '{.status.phase} {.status.reason}')) === 'Failed Evicted', 'the eviction', 20_000);
      expect(await status('hog')).toBe('0/1 Error 0');
      expect(await jsonpath('hog', '{.status.message}')).toContain('The node was low on resource: memory.');
    } finally {
      tiny.kill('SIGKILL');
    }
  });

  it('after kill -9 of an agent and a restart, its pods run again with one more restart; deleted ones stay gone', async () => {
    await apply(pod('survivor', 'node-1', { image: 'nginx:1.14.2' }));
    await apply(pod('doomed', 'node-1', { image: 'nginx:1.14.2' }));
    await waitFor(async () => (await status('survivor')) === '1/1 Running 0' && (await status('doomed')) === '1/1 Running 0', 'both Running', 45_000);
    const drill = (action: string) => spawnSync(process.execPath, [kubelab, 'chaos', action, 'node-1', '--data-dir', dataDir], { encoding: 'utf8', timeout: 30_000 });
    // Chaos drills: the supervisor would restart an agent killed behind its back.
    const killed = drill('kill-agent');
    expect(killed.status, killed.stderr).toBe(0);
    await kubectl(['delete', 'pod', 'doomed', '--wait=false']);
    const started = drill('start-agent');
    expect(started.status, started.stderr).toBe(0);
    await waitFor(async () => (await status('survivor')).startsWith('1/1 Running 1'), 'the survivor Running with one more restart', 45_000);
    await waitFor(async () => (await kubectl(['get', 'pod', 'doomed'])).code !== 0, 'the deleted pod to be gone', 45_000);
  }, 240_000);
});

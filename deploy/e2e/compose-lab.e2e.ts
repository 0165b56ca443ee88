/**
 * deploy/docker-compose.yml under a real container engine: the project image built
 * without pulling anything (tools/scripts/offline-base-images.sh, under podman), the
 * whole lab up, driven by the real kubectl from the host, kube-system as `kubelab up`
 * makes it (a marked controlplane node, its mirror pods, CoreDNS answering a pod's
 * lookup), a chaos drill through the engine, the log kept across `down` / `up` and gone with `down -v`. Docker Engine with
 * `docker compose` is used where one answers, else podman with podman-compose.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, tempDir, waitFor } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const kubelab = join(root, 'apps/kubelab/bin/kubelab.mjs');
const works = (command: string, args: string[]) => spawnSync(command, args, { stdio: 'ignore', timeout: 20_000 }).status === 0;

const docker = works('docker', ['info']) && works('docker', ['compose', 'version']);
const podman = !docker && works('podman', ['--version']) && works('podman-compose', ['version']) && works('mmdebstrap', ['--version']);
const engine = docker ? 'docker' : 'podman';
const missing = 'no container engine runs here: needs Docker Engine with compose v2, or podman, podman-compose, catatonit and mmdebstrap (apt-get install)';
const timeScale = 20;
const project = `kubelab-e2e-${process.pid}`;
const out = tempDir('compose-lab');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

let env: NodeJS.ProcessEnv = {};
let apiPort = 0;
let dashboardPort = 0;

function run(command: string, args: string[], timeoutMs = 120_000): Promise<Run> {
  return new Promise((resolve) => {
    execFile(command, args, { cwd: root, env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

const compose = (args: string[], timeoutMs?: number) =>
  docker ? run('docker', ['compose', '-f', 'deploy/docker-compose.yml', '-p', project, ...args], timeoutMs)
    : run('podman-compose', ['-f', 'deploy/docker-compose.yml', '-p', project, ...args], timeoutMs);
const kubeconfig = join(out, 'compose-kubeconfig');
const kubectl = (args: string[]) => run('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(out, 'cache'), ...args], 20_000);
const lab = (args: string[]) => run(process.execPath, [kubelab, ...args], 120_000);

async function ok(result: Promise<Run>, what: string): Promise<string> {
  const r = await result;
  expect(r.code, `${what}: ${r.stderr.slice(-2000)}`).toBe(0);
  return r.stdout;
}

/** kubeadm's controlplane node and the three workers. */
const nodeCount = 4;
const readyNodes = async () => (await kubectl(['get', 'nodes', '--no-headers'])).stdout.split('\n').filter((l) => / Ready /.test(l)).length;
const apiAnswers = async () => (await kubectl(['get', '--raw', '/readyz'])).stdout === 'ok';

/** The web pods as NAME NODE PHASE lines. */
async function webPods(): Promise<string[][]> {
  const r = await kubectl(['get', 'pods', '-l', 'app=web', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,PHASE:.status.phase,DELETING:.metadata.deletionTimestamp']);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/));
}

async function up(): Promise<number> {
  const began = Date.now();
  await ok(compose(['up', '-d'], 600_000), 'compose up');
  await waitFor(apiAnswers, 'the API on the published port', 90_000, 250);
  return Date.now() - began;
}

describe.skipIf(!docker && !podman)(`the compose lab under ${engine} (time scale ${timeScale})${docker || podman ? '' : `: ${missing}`}`, () => {
  beforeAll(async () => {
    apiPort = await freePort();
    dashboardPort = await freePort();
    env = {
      ...process.env, KUBELAB_TIME_SCALE: String(timeScale), KUBELAB_API_PORT: String(apiPort), KUBELAB_DASHBOARD_PORT: String(dashboardPort),
      KUBELAB_OUT_DIR: out, COMPOSE_PROJECT_NAME: project,
    };
    if (podman) {
      // This sandbox may not raise rlimits, so podman must not set its default ones.
      const conf = join(out, 'containers.conf');
      writeFileSync(conf, '[containers]\ndefault_ulimits = []\n');
      env = {
        ...env, CONTAINERS_CONF: conf,
        KUBELAB_BASE_IMAGE: 'localhost/kubelab-base:node20', KUBELAB_BUILD_IMAGE: 'localhost/kubelab-build:node20', KUBELAB_NATS_IMAGE: 'localhost/kubelab-nats:bookworm',
      };
      // 41 s for an image on an idle machine; under a CI run's load on a slow one, three took more than 15 minutes.
      await ok(run('bash', [join(root, 'tools/scripts/offline-base-images.sh'), '--engine', 'podman'], 1_800_000), 'the offline base images');
    }
    const began = Date.now();
    await ok(compose(['build', 'api-server'], 1_200_000), 'compose build');
    const size = (await run(engine, ['image', 'inspect', '--format', '{{.Size}}', 'kubelab:local'])).stdout.trim();
    process.stdout.write(`compose lab: image kubelab:local built in ${((Date.now() - began) / 1000).toFixed(0)} s, ${(Number(size) / 1e6).toFixed(0)} MB\n`);
  }, 3_000_000);

  afterAll(async () => {
    if (!docker && !podman) return;
    await compose(['down', '-v'], 300_000);
    // podman-compose 1.0's down leaves the project's network behind, and the volumes a `run` made.
    if (podman) {
      await run('podman', ['network', 'rm', '-f', `${project}_default`]);
      const volumes = (await run('podman', ['volume', 'ls', '-q', '--filter', `label=io.podman.compose.project=${project}`])).stdout.split('\n').filter(Boolean);
      if (volumes.length) await run('podman', ['volume', 'rm', '-f', ...volumes]);
    }
  }, 300_000);

  it('comes up and answers the real kubectl: nodes Ready, a Deployment Running, logs, describe, the dashboard behind its login link', async () => {
    const ms = await up();
    process.stdout.write(`compose lab: up -> API ready in ${(ms / 1000).toFixed(1)} s\n`);
    await waitFor(() => existsSync(kubeconfig), 'the kubeconfig service to write its kubeconfig', 60_000, 250);
    await waitFor(async () => (await readyNodes()) === nodeCount, 'every node Ready', 60_000, 250);
    await ok(kubectl(['create', 'deployment', 'web', '--image=nginx', '--replicas=3']), 'create deployment');
    await waitFor(async () => {
      const pods = await webPods();
      return pods.length === 3 && pods.every((p) => p[2] === 'Running');
    }, 'three web pods Running', 60_000, 250);
    const [pod] = (await webPods())[0];
    expect(await ok(kubectl(['logs', pod]), 'logs')).toContain('start worker processes');
    const described = await ok(kubectl(['describe', 'pod', pod]), 'describe');
    expect(described).toMatch(/Status:\s+Running/);
    expect(described).toContain('Successfully assigned default/');
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    expect((await fetch(`${dashboardUrl}/`)).status).toBe(403);
    const login = await waitFor(async () => {
      const logs = await compose(['logs', 'kubeconfig']);
      return new RegExp(`dashboard: (${dashboardUrl}/login\\?token=[0-9a-f]{64})`).exec(`${logs.stdout}${logs.stderr}`)?.[1];
    }, 'the kubeconfig service to print the dashboard\'s login link', 60_000, 250);
    const signIn = await fetch(login, { redirect: 'manual' });
    expect(signIn.status).toBe(303);
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const dashboard = await fetch(`${dashboardUrl}/`, { headers: { cookie } });
    expect(dashboard.status).toBe(200);
    expect(await dashboard.text()).toContain('<title>');
    const crossSite = await fetch(`${dashboardUrl}/chaos/pause-agent`, { method: 'POST', headers: { cookie, origin: 'http://evil.example' }, body: '{"node":"node-1"}' });
    expect(crossSite.status).toBe(403);
    const button = await fetch(`${dashboardUrl}/chaos/pause-agent`, {
      method: 'POST', headers: { cookie, origin: dashboardUrl, 'content-type': 'application/json' }, body: '{"node":"node-1"}',
    });
    expect(button.status).toBe(503);
    expect(((await button.json()) as { message: string }).message).toContain('npx kubelab chaos pause-agent … --engine compose');
  }, 900_000); // compose up may take minutes beside the other projects' suites (a CI run saw 144 s to the API)

  it('runs kube-system as kubeadm makes it: the controlplane marked, its mirror pods, CoreDNS, kube-proxy and kindnet Running, names answered', async () => {
    await waitFor(async () => /^controlplane +Ready +control-plane /.test((await kubectl(['get', 'node', 'controlplane', '--no-headers'])).stdout), 'the controlplane node Ready and marked', 60_000, 250);
    const expected = [
      /^coredns-\w+-\w{5}$/, /^coredns-\w+-\w{5}$/, /^etcd-controlplane$/, ...Array.from({ length: nodeCount }, () => /^kindnet-\w{5}$/),
      /^kube-apiserver-controlplane$/, /^kube-controller-manager-controlplane$/, ...Array.from({ length: nodeCount }, () => /^kube-proxy-\w{5}$/),
      /^kube-scheduler-controlplane$/,
    ];
    const systemPods = async () => (await kubectl(['get', 'pods', '-n', 'kube-system', '--no-headers', '-o', 'custom-columns=NAME:.metadata.name,PHASE:.status.phase'])).stdout
      .trim().split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/));
    const pods = await waitFor(async () => {
      const all = await systemPods();
      return all.length === expected.length && all.every((p) => p[1] === 'Running') && all;
    }, 'every kube-system pod Running', 120_000, 500);
    expect(pods.map((p) => p[0]).sort()).toEqual(expected.map((name) => expect.stringMatching(name)));
    process.stdout.write(`compose lab: kubectl get pods -A\n${(await kubectl(['get', 'pods', '-A'])).stdout}`);

    const dnsutils = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dnsutils' }, spec: { containers: [{ name: 'busybox', image: 'busybox:1.36', command: ['sleep', '3600'] }] } };
    const podFile = join(out, 'dnsutils.json');
    writeFileSync(podFile, JSON.stringify(dnsutils));
    await ok(kubectl(['apply', '-f', podFile]), 'apply dnsutils');
    const ready = async () => (await kubectl(['get', 'pod', 'dnsutils', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).stdout === 'True';
    await waitFor(ready, 'the dnsutils pod Ready', 60_000, 250);
    const lookup = await ok(kubectl(['exec', 'dnsutils', '--', 'nslookup', 'kubernetes.default']), 'nslookup kubernetes.default');
    expect(lookup).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default\nAddress: 10.96.0.1\n\n');
    await ok(kubectl(['delete', 'pod', 'dnsutils', '--wait=false']), 'delete dnsutils');
  }, 300_000);

  it('kills an agent container with the chaos drill: the node goes NotReady, its pods move, the drill comes first in the log', async () => {
    const pods = await webPods();
    const node = pods[0][1];
    const drill = await ok(lab(['chaos', 'kill-agent', node, '--engine', 'compose', '--kubeconfig', kubeconfig]), 'kill-agent');
    process.stdout.write(`compose lab drill: ${drill}`);
    expect(drill).toMatch(new RegExp(`^chaos: kill -KILL kubelet-agent/${node} \\(container \\S+\\)`));
    await waitFor(async () => (await kubectl(['get', 'node', node, '--no-headers'])).stdout.includes('NotReady'), `${node} NotReady`, 30_000, 250);
    await waitFor(async () => {
      const now = await webPods();
      const live = now.filter((p) => p[3] === '<none>');
      return live.length === 3 && live.every((p) => p[1] !== node && p[2] === 'Running');
    }, `the web pods Running off ${node}`, 60_000, 250);
    const log = await ok(lab(['events', '--kubeconfig', kubeconfig, '--kind', 'Event', '-o', 'json']), 'kubelab events');
    const entries = log.trim().split('\n').map((l) => JSON.parse(l) as { seq: number; object?: { reason?: string; involvedObject?: { name?: string } } });
    const drillSeq = entries.find((e) => e.object?.reason === 'ChaosKillAgent' && e.object.involvedObject?.name === node)?.seq;
    const notReady = entries.find((e) => e.object?.reason === 'NodeNotReady' && e.object.involvedObject?.name === node)?.seq;
    expect(drillSeq).toBeDefined();
    expect(notReady).toBeGreaterThan(drillSeq!);
    await ok(lab(['chaos', 'start-agent', node, '--engine', 'compose', '--kubeconfig', kubeconfig]), 'start-agent');
    await waitFor(async () => (await readyNodes()) === nodeCount, `${node} Ready again`, 60_000, 250);
    const refused = await lab(['chaos', 'start-agent', node, '--engine', 'compose', '--kubeconfig', kubeconfig]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('it is already running');
  });

  it('partitions an agent by taking its container off the network, and heals it: the node comes back Ready', async () => {
    const drill = (action: string) => ok(lab(['chaos', action, 'node-3', '--engine', 'compose', '--kubeconfig', kubeconfig]), action);
    expect(await drill('partition')).toMatch(/^chaos: disconnect kubelet-agent\/node-3 \(container \S+\) from network \S+_default; its process and containers keep running/);
    await waitFor(async () => (await kubectl(['get', 'node', 'node-3', '--no-headers'])).stdout.includes('NotReady'), 'node-3 NotReady', 30_000, 250);
    expect(await drill('heal')).toMatch(/^chaos: connect kubelet-agent\/node-3 \(container \S+\) to network \S+_default again/);
    // Its NATS connection died without a word; pings find that out within seconds.
    await waitFor(async () => (await readyNodes()) === nodeCount, 'node-3 Ready again', 60_000, 250);
  });

  it('keeps the log across down and up, verify passes; down -v deletes the volumes', async () => {
    const before = await ok(lab(['events', '--kubeconfig', kubeconfig, '--actor', 'chaos']), 'events before');
    await ok(compose(['down'], 300_000), 'compose down');
    try {
      await up();
      await waitFor(async () => (await readyNodes()) === nodeCount, 'every node Ready after up', 60_000, 250);
      expect(await ok(lab(['events', '--kubeconfig', kubeconfig, '--actor', 'chaos']), 'events after')).toContain(before.trim().split('\n').slice(-1)[0]);
      // The agents start the pods again after up: the Deployment is whole once they are Ready, not the moment the nodes are.
      await waitFor(async () => /^web\s+3\/3/.test((await kubectl(['get', 'deployment', 'web', '--no-headers'])).stdout), 'the deployment 3/3 after up', 60_000, 250);
      expect(await ok(lab(['verify', '--kubeconfig', kubeconfig]), 'verify')).toContain('the event log and the live state agree');
    } finally {
      // Down even when an expectation failed: the next tests start the project's services afresh.
      await ok(compose(['down', '-v'], 300_000), 'compose down -v');
    }
    const volumes = await ok(run(engine, ['volume', 'ls', '--format', '{{.Name}}']), 'volume ls');
    expect(volumes.split('\n').filter((v) => v.startsWith(`${project}_`))).toEqual([]);
  }, 900_000); // compose down and up may each take minutes beside the other projects' suites

  it('refuses bad settings before anything starts, saying which and why', async () => {
    const saved = env;
    env = { ...env, KUBELAB_TIME_SCALE: 'fast', KUBELAB_LOG_LEVEL: 'loud' };
    try {
      // The check alone (`run` would make podman-compose 1.0 start every service).
      await compose(['up', '-d', 'settings'], 300_000);
      const status = () => run(engine, ['ps', '-a', '--format', '{{.Status}}', '--filter', `label=com.docker.compose.project=${project}`, '--filter', 'label=com.docker.compose.service=settings']);
      await waitFor(async () => /^Exited \(1\)/.test((await status()).stdout.trim()), 'the settings check to exit 1', 60_000, 250);
      const logs = await compose(['logs', 'settings']);
      expect(`${logs.stdout}${logs.stderr}`).toContain('kubelab: KUBELAB_TIME_SCALE must be a positive number (1: real time; 20: twenty times faster), got "fast"');
      expect(`${logs.stdout}${logs.stderr}`).toContain('kubelab: KUBELAB_LOG_LEVEL must be one of trace, debug, info, warn, error, fatal, silent, got "loud"');
    } finally {
      env = saved;
      await compose(['down', '-v'], 300_000);
    }
  }, 900_000); // compose down and up may each take minutes beside the other projects' suites

  it('refuses a port in use at start, with the engine saying which', async () => {
    const taken = createServer().listen(apiPort, '127.0.0.1');
    await new Promise((r) => taken.once('listening', r));
    try {
      const r = await compose(['up', '-d', 'api-server'], 300_000);
      expect(`${r.stdout}${r.stderr}`).toMatch(/address already in use|port is already allocated/);
    } finally {
      taken.close();
      await compose(['down', '-v'], 300_000);
    }
  }, 900_000); // compose down and up may each take minutes beside the other projects' suites
});

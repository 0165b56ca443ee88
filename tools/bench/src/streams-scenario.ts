/**
 * Scenario `streams`: exec and port-forward through the api-server, NATS and an
 * agent, as kubectl 1.32 speaks them (WebSocket v5.channel.k8s.io for exec;
 * port-forward measured with kubectl itself). Reports exec round-trip p50/p99,
 * the memory of the api-server and agent around 1,000 sequential execs, and the
 * throughput of a 50 MB body fetched through `kubectl port-forward`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '@kubelab/testing';
import WebSocket from 'ws';
import { quantile } from './http-load.js';
import { startAgent, startApiServer, startNats, type Started } from './lab-processes.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const execs = 1000;
const bodyBytes = 50 * 1024 * 1024;

function rssKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

/** One `exec` over WebSocket v5: resolves with the stdout and the final Status. */
export function execOnce(apiUrl: string, pod: string, command: string[]): Promise<{ stdout: string; status: Record<string, unknown> }> {
  const query = new URLSearchParams([...command.map((c): [string, string] => ['command', c]), ['stdout', 'true'], ['stderr', 'true']]);
  const ws = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/api/v1/namespaces/default/pods/${pod}/exec?${query}`, ['v5.channel.k8s.io']);
  return new Promise((resolve, reject) => {
    let stdout = '';
    let status: Record<string, unknown> | undefined;
    ws.on('message', (data: Buffer) => {
      if (data[0] === 1) stdout += data.subarray(1).toString();
      if (data[0] === 3) status = JSON.parse(data.subarray(1).toString()) as Record<string, unknown>;
    });
    ws.on('close', () => (status ? resolve({ stdout, status }) : reject(new Error(`exec ended without a status (stdout: ${stdout})`))));
    ws.on('error', reject);
  });
}

async function waitRunning(apiUrl: string, pod: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const p = (await fetch(`${apiUrl}/api/v1/namespaces/default/pods/${pod}`).then((r) => r.json())) as { status?: { phase?: string } };
    if (p.status?.phase === 'Running') return;
    if (Date.now() > deadline) throw new Error(`pod ${pod} not Running after 60 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function measureExec(api: Started, agent: Started): Promise<void> {
  say('[2/3] exec round trips (echo), then 1,000 sequential execs');
  for (let i = 0; i < 50; i++) await execOnce(api.url, 'box', ['echo', 'warm']);
  const rss = { api: rssKiB(api.pid), agent: rssKiB(agent.pid) };
  const times: number[] = [];
  for (let i = 0; i < execs; i++) {
    const began = performance.now();
    const { stdout } = await execOnce(api.url, 'box', ['echo', String(i)]);
    times.push(performance.now() - began);
    if (stdout !== `${i}\n`) throw new Error(`exec ${i} printed ${JSON.stringify(stdout)}`);
    if ((i + 1) % 250 === 0) say(`      ${i + 1}/${execs}`);
  }
  global.gc?.();
  const after = { api: rssKiB(api.pid), agent: rssKiB(agent.pid) };
  say(`      exec round trip: p50 ${quantile(times, 0.5).toFixed(1)} ms, p99 ${quantile(times, 0.99).toFixed(1)} ms (target p50 ≤ 20 ms)`);
  say(`      RSS before/after ${execs} execs: api-server ${(rss.api / 1024).toFixed(0)} → ${(after.api / 1024).toFixed(0)} MiB, agent ${(rss.agent / 1024).toFixed(0)} → ${(after.agent / 1024).toFixed(0)} MiB`);
}

/** kubectl port-forward to the pod, then a GET of the 50 MB file nginx serves. */
async function measurePortForward(api: Started, dir: string): Promise<void> {
  say('[3/3] port-forward: a 50 MB body through kubectl port-forward');
  const kubeconfig = join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', clusters: [{ name: 'b', cluster: { server: api.url } }], users: [{ name: 'b', user: {} }],
    contexts: [{ name: 'b', context: { cluster: 'b', user: 'b' } }], 'current-context': 'b',
  }));
  const put = await execOnce(api.url, 'web', ['sh', '-c', `yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ | head -c ${bodyBytes} > /usr/share/nginx/html/big.bin`]);
  if (put.status.status !== 'Success') throw new Error(`could not write the 50 MB file: ${JSON.stringify(put.status)}`);
  const port = await freePort();
  const forward = spawn('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), 'port-forward', 'pod/web', `${port}:80`], { stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    await new Promise<void>((resolve, reject) => {
      forward.stdout.on('data', (d: Buffer) => d.toString().includes('Forwarding from') && resolve());
      forward.once('exit', () => reject(new Error('kubectl port-forward exited')));
    });
    const began = performance.now();
    const body = await fetch(`http://127.0.0.1:${port}/big.bin`).then((r) => r.arrayBuffer());
    const seconds = (performance.now() - began) / 1000;
    if (body.byteLength !== bodyBytes) throw new Error(`got ${body.byteLength} bytes, expected ${bodyBytes}`);
    say(`      ${(bodyBytes / 1024 / 1024).toFixed(0)} MB in ${seconds.toFixed(2)} s: ${(bodyBytes / 1024 / 1024 / seconds).toFixed(1)} MB/s (target ≥ 20 MB/s)`);
  } finally {
    forward.kill('SIGTERM');
  }
}

export async function runStreamsBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-streams-'));
  const started: Started[] = [];
  try {
    say('[1/3] nats-server, api-server, one agent node; a busybox and an nginx pod');
    const nats = await startNats(dir);
    started.push(nats);
    const api = await startApiServer(dir, nats.url);
    started.push(api);
    const agent = await startAgent(api.url, nats.url, 1);
    started.push(agent);
    for (const [name, container] of [['box', { name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }], ['web', { name: 'nginx', image: 'nginx:1.27' }]] as const) {
      await fetch(`${api.url}/api/v1/namespaces/default/pods`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'sim-1', containers: [container] } }),
      });
      await waitRunning(api.url, name);
    }
    await measureExec(api, agent);
    await measurePortForward(api, dir);
  } finally {
    for (const s of started.reverse()) s.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

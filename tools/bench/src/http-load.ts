/** A closed-loop HTTP load: N clients, each sending its next request when the last returns. */
import { Agent, request } from 'node:http';
import { Agent as TlsAgent, request as requestTls } from 'node:https';

export interface LoadResult {
  requests: number;
  errors: number;
  seconds: number;
  latenciesMs: number[];
}

/** For an https:// URL: the CA to trust and the client certificate to show. */
export interface ClientTls {
  ca: string;
  cert: string;
  key: string;
}

function post(agent: Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? requestTls : request;
    const req = send(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends `total` POSTs of `bodyOf(i)` with `clients` in flight at once. */
export async function closedLoopPosts(url: string, clients: number, total: number, bodyOf: (i: number) => string, onProgress: (done: number) => void, tls?: ClientTls): Promise<LoadResult> {
  const agent = tls ? new TlsAgent({ keepAlive: true, maxSockets: clients, ...tls }) : new Agent({ keepAlive: true, maxSockets: clients });
  const target = new URL(url);
  const latenciesMs: number[] = [];
  let next = 0;
  let errors = 0;
  const began = process.hrtime.bigint();
  const worker = async () => {
    while (next < total) {
      const i = next++;
      const t0 = process.hrtime.bigint();
      const code = await post(agent, target, bodyOf(i)).catch(() => 0);
      latenciesMs.push(Number(process.hrtime.bigint() - t0) / 1e6);
      if (code !== 201) errors++;
      if (latenciesMs.length % 2000 === 0) onProgress(latenciesMs.length);
    }
  };
  await Promise.all(Array.from({ length: clients }, worker));
  agent.destroy();
  return { requests: total, errors, seconds: Number(process.hrtime.bigint() - began) / 1e9, latenciesMs };
}

/** The q-quantile (0..1) of a sample. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Posts `total` objects at `perSecond`, paced in 10 ms slices, up to 32 at once. */
export async function pacedPosts(url: string, total: number, perSecond: number, bodyOf: (i: number) => string): Promise<void> {
  const began = Date.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor(((Date.now() - began) / 1000) * perSecond) + 1);
    if (due > sent) {
      const from = sent;
      sent = due;
      await closedLoopPosts(url, Math.min(32, due - from), due - from, (i) => bodyOf(from + i), () => undefined);
    } else {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}

/**
 * The addresses on the host's loopback that the lab gives its load balancers and Gateways, as cloud-provider-kind gives
 * them on kind's network: 127.240.0.1, .2 … (Linux routes all of 127.0.0.0/8 to loopback), or 127.0.0.1 on a host whose
 * loopback has no other address, as macOS. An address is free at some ports when nothing on the host listens there.
 */
import { createServer } from 'node:http';

/** 127.240.0.1 … 127.240.0.254. */
const pool = Array.from({ length: 254 }, (_, i) => `127.240.0.${i + 1}`);

/** Why the host refuses the lab an address and port, in words for the learner. */
export function refusal(code: string | undefined): string {
  if (code === 'EADDRINUSE') return 'is in use by another program';
  if (code === 'EACCES') return 'needs root on this host (ports below 1024)';
  return `cannot be listened on (${code ?? 'unknown error'})`;
}

/** What listening at `host:port` meets: nothing (it can), or the host's error code. */
function probe(host: string, port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'EINVAL'));
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}

/**
 * The first address of the pool, not `taken` by the lab, where the host lets the lab listen at `ports` (another lab or
 * program may hold one); 127.0.0.1 where the host has no such address; undefined when every one is held. A port below
 * 1024 that the host keeps for root does not count against an address: it is said when listened on.
 */
export async function freeHostAddress(ports: readonly number[], taken: ReadonlySet<string>): Promise<string | undefined> {
  for (const candidate of pool.filter((ip) => !taken.has(ip))) {
    const codes = await Promise.all(ports.map((port) => probe(candidate, port)));
    if (codes.includes('EADDRNOTAVAIL')) return '127.0.0.1';
    if (!codes.includes('EADDRINUSE')) return candidate;
  }
  return undefined;
}

/** Whether `ip` is one the lab gives out (so a Gateway's address read back after a restart is its own). */
export const isHostPoolAddress = (ip: string) => pool.includes(ip) || ip === '127.0.0.1';

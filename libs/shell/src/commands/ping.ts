/**
 * busybox `ping [-c N] [-i SECS] [-w SECS] [-q] HOST` on the lab clock. The
 * emulated network carries no ICMP, so every resolvable address answers
 * with a small, steady round-trip time; without -c it pings until killed.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { resolveHost } from './resolve-host.js';

const SYNOPSIS = '[OPTIONS] HOST';
const DATA_BYTES = 56;
const TTL = 64;

/** Pings HOST; status 0 when replies came, 1 for a bad address or option. */
export async function ping(context: CommandContext): Promise<number> {
  const parsed = parseOrUsage(context, { flags: 'qnA46', values: 'ciwWstI' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const [host] = parsed.operands;
  if (host === undefined || parsed.operands.length > 1) {
    context.stderr(`Usage: ping ${SYNOPSIS}\n`);
    return 1;
  }
  const numbers = new Map<string, number>();
  for (const option of ['c', 'i', 'w', 'W', 's']) {
    const text = parsed.values.get(option);
    if (text === undefined) continue;
    const value = Number(text);
    if (!/^\d+(?:\.\d+)?$/.test(text) || (option === 'c' && value < 1)) return complain(context, `invalid number '${text}'`);
    numbers.set(option, value);
  }
  const address = await resolveHost(context, host);
  if (address === undefined) return complain(context, `bad address '${host}'`);
  const size = numbers.get('s') ?? DATA_BYTES;
  const count = numbers.get('c') ?? Infinity;
  const interval = numbers.get('i') ?? 1;
  const deadline = numbers.get('w') ?? Infinity;
  const quiet = parsed.flags.has('q');
  context.stdout(`PING ${host} (${address}): ${size} data bytes\n`);
  const times: number[] = [];
  for (let seq = 0; seq < count && seq * interval < deadline; seq++) {
    if (seq > 0) await context.runtime.sleep(interval);
    const time = roundTrip(address, seq);
    times.push(time);
    if (!quiet) context.stdout(`${size + 8} bytes from ${address}: seq=${seq} ttl=${TTL} time=${time.toFixed(3)} ms\n`);
  }
  const average = times.reduce((sum, time) => sum + time, 0) / times.length;
  context.stdout(
    `\n--- ${host} ping statistics ---\n${times.length} packets transmitted, ${times.length} packets received, 0% packet loss\n` +
      `round-trip min/avg/max = ${Math.min(...times).toFixed(3)}/${average.toFixed(3)}/${Math.max(...times).toFixed(3)} ms\n`,
  );
  return 0;
}

/** A believable in-cluster round trip (tens of microseconds), steady per address and sequence number. */
export function roundTrip(address: string, seq: number): number {
  let hash = seq * 31;
  for (const char of address) hash = (hash * 33 + char.charCodeAt(0)) % 997;
  return 0.04 + (hash % 60) / 1000;
}

/** busybox `traceroute HOST`: the lab network is flat, so the route is one hop, the destination itself. */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { roundTrip } from './ping.js';
import { resolveHost } from './resolve-host.js';

const SYNOPSIS = '[-46FIlnrv] [-f 1ST_TTL] [-m MAXTTL] [-q PROBES] [-p PORT]\n\t[-t TOS] [-w WAIT_SEC] [-s SRC_IP] [-i IFACE]\n\t[-z PAUSE_MSEC] HOST [BYTES]';

/** Prints the header and the single hop with three probe times. */
export async function traceroute(context: CommandContext): Promise<number> {
  const parsed = parseOrUsage(context, { flags: '46FIlnrv', values: 'fmqptwsiz' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  const [host, bytes] = parsed.operands;
  if (host === undefined || parsed.operands.length > 2) {
    context.stderr(`Usage: traceroute ${SYNOPSIS}\n`);
    return 1;
  }
  const maxHops = Number(parsed.values.get('m') ?? '30');
  const probes = Number(parsed.values.get('q') ?? '3');
  const address = await resolveHost(context, host);
  if (address === undefined) return complain(context, `bad address '${host}'`);
  context.stdout(`traceroute to ${host} (${address}), ${maxHops} hops max, ${bytes ?? 46} byte packets\n`);
  const name = parsed.flags.has('n') ? address : `${address} (${address})`;
  const times = Array.from({ length: probes }, (_, probe) => `  ${roundTrip(address, probe).toFixed(3)} ms`).join('');
  context.stdout(` 1  ${name}${times}\n`);
  return 0;
}

/**
 * busybox `nc [-zv] [-w SECS] HOST PORT`. The lab network speaks HTTP, so a
 * connection is an HTTP exchange: `-z` only tests that something listens
 * (the host's http() answering at all); otherwise an HTTP request read from
 * standard input is sent and the raw response printed. A connection that is
 * never answered (a NetworkPolicy drop) ends at `-w SECS` or the kernel's limit.
 */
import { complain, type CommandContext } from './command-context.js';
import { connectAndGet } from './connect.js';
import { parseOrUsage } from './applet.js';
import { statusLine } from './http-status.js';
import { resolveHost } from './resolve-host.js';

const SYNOPSIS = '[-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]';
const REQUEST_LINE = /^(GET|HEAD|POST|PUT|DELETE|OPTIONS|PATCH) (\S+) HTTP\/1\.[01]\r?$/m;

/** Connects to HOST:PORT; status 0 when it connected, 1 when refused or unresolvable. */
export async function nc(context: CommandContext): Promise<number> {
  const parsed = parseOrUsage(context, { flags: 'zvnul', values: 'wip' }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  if (parsed.flags.has('l')) return complain(context, 'listening is not supported in this container');
  const [host, port] = parsed.operands;
  if (host === undefined || port === undefined || parsed.operands.length > 2) {
    context.stderr(`Usage: nc ${SYNOPSIS}\n`);
    return 1;
  }
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535) return complain(context, `invalid port '${port}'`);
  const request = REQUEST_LINE.exec(parsed.flags.has('z') ? '' : context.input);
  const verbosity = context.args.filter((arg) => /^-[a-z]*v/.test(arg)).reduce((count, arg) => count + (arg.match(/v/g)?.length ?? 0), 0);
  const address = await resolveHost(context, host);
  if (address === undefined) return complain(context, `bad address '${host}'`);
  const dotted = `${address}:${Number(port)}`;
  const path = request && request[2].startsWith('/') ? request[2] : '/';
  const url = requestUrl(host, Number(port), path);
  if (url === undefined) return complain(context, `bad address '${host}'`);
  const wait = parsed.values.get('w');
  const response = await connectAndGet(context, url, wait !== undefined && Number(wait) > 0 ? Number(wait) : undefined);
  // busybox nc's alarm for -w dies with "timed out"; without it the kernel's connect() fails.
  if (response === 'client timeout') return complain(context, 'timed out');
  if (response === 'connect timed out') return complain(context, `can't connect to remote host (${address}): Connection timed out`);
  if (!response) {
    if (verbosity > 1) complain(context, `${host} (${dotted}): Connection refused`);
    return 1;
  }
  if (verbosity > 0) context.stderr(`${host} (${dotted}) open\n`);
  if (parsed.flags.has('z') || !request) return 0;
  const body = request[1] === 'HEAD' ? '' : response.body;
  context.stdout(`HTTP/1.1 ${statusLine(response.status)}\r\nContent-Length: ${response.body.length}\r\nConnection: close\r\n\r\n${body}`);
  return 0;
}

/** The URL the lab network routes (`http://nginx/` for port 80), or undefined for a host no URL can name. */
function requestUrl(host: string, port: number, path: string): string | undefined {
  try {
    return new URL(`http://${host}:${port}${path}`).href;
  } catch {
    return undefined;
  }
}

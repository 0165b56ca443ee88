/**
 * The forward plugin's stanzas (plugin/forward/setup.go and plugin/pkg/parse/host.go, CoreDNS 1.11.3): `forward FROM
 * TO…` where each TO is an address or a resolv.conf-like file read from the container (kubeadm's `/etc/resolv.conf`,
 * the node's resolver), and its block's properties, checked in its words. What it keeps is which names it sends
 * upstream: those under FROM, less the `except` zones.
 */
import { formatGoDuration } from '../go-duration.js';
import { CorefileError } from './caddyfile.js';
import type { Controller } from './controller.js';
import { goSplitHostPort, isGoIp } from './go-net.js';
import { goAtoi, goParseDuration, goParseUint32 } from './go-parse.js';
import { normalizeHost, transportOf, transportPorts } from './zone-names.js';

/** Names under `from`, except those under `except`, go to the upstream resolvers. */
export interface ForwardRule {
  from: string;
  except: string[];
}

const maxUpstreams = 15;

const stripZone = (host: string) => (host.includes('%') ? host.slice(0, host.lastIndexOf('%')) : host);

/** The nameservers of a resolv.conf-like file, each with port 53; undefined when the file cannot be read. */
function nameserversOf(c: Controller, path: string): string[] | undefined {
  const text = c.readFile(path);
  if (text === undefined) return undefined;
  return text.split('\n').flatMap((line) => /^\s*nameserver\s+(\S+)/.exec(line)?.[1] ?? []).map((server) => `${stripZone(server)}:53`);
}

/** parse.HostPortOrFile: the upstreams the TO arguments name. */
function upstreams(c: Controller, to: readonly string[]): string[] {
  const servers: string[] = [];
  for (const text of to) {
    const { transport, rest: host } = transportOf(text);
    if (host === '') throw new CorefileError(`invalid address: ${JSON.stringify(text)}`);
    if (transport === 'unix') {
      servers.push(`unix://${host}`);
      continue;
    }
    const split = goSplitHostPort(host);
    const address = 'error' in split ? host : split.host;
    if (!isGoIp(stripZone(address))) {
      const fromFile = nameserversOf(c, host);
      if (!fromFile) throw new CorefileError(`not an IP address or file: ${JSON.stringify(host)}`);
      servers.push(...fromFile);
      continue;
    }
    if ('error' in split) servers.push(transport === 'dns' ? `${host}:53` : `${transport}://${host}:${transportPorts[transport]}`);
    else servers.push(text);
  }
  if (servers.length === 0) throw new CorefileError('no nameservers found');
  const unsupported = servers.find((server) => !['dns', 'tls'].includes(transportOf(server).transport));
  if (unsupported) throw new CorefileError(`'${transportOf(unsupported).transport}' is not supported as a destination protocol in forward: ${unsupported}`);
  return servers;
}

function nonNegative(parsed: { value: number } | { error: string }, what: string, shown: (value: number) => string): void {
  if ('error' in parsed) throw new CorefileError(parsed.error);
  if (parsed.value < 0) throw new CorefileError(`${what} can't be negative: ${shown(parsed.value)}`);
}

function argument(c: Controller): string {
  if (!c.nextArg()) throw c.argErr();
  return c.val();
}

function parseProperty(c: Controller, rule: ForwardRule): void {
  switch (c.val()) {
    case 'except': {
      const zones = c.remainingArgs();
      if (zones.length === 0) throw c.argErr();
      rule.except.push(...zones.flatMap((zone) => normalizeHost(zone) ?? []));
      break;
    }
    case 'max_fails': {
      const fails = goParseUint32(argument(c));
      if ('error' in fails) throw new CorefileError(fails.error);
      break;
    }
    case 'health_check':
      nonNegative(goParseDuration(argument(c)), 'health_check', (seconds) => String(Math.round(seconds * 1e9)));
      while (c.nextArg()) {
        if (c.val() === 'no_rec') continue;
        if (c.val() !== 'domain') throw new CorefileError(`health_check: unknown option ${c.val()}`);
        argument(c);
      }
      break;
    case 'force_tcp':
    case 'prefer_udp':
      if (c.nextArg()) throw c.argErr();
      break;
    case 'tls':
      if (c.remainingArgs().length > 3) throw c.argErr();
      break;
    case 'tls_servername':
      argument(c);
      break;
    case 'expire':
      nonNegative(goParseDuration(argument(c)), 'expire', (seconds) => `-${formatGoDuration(-seconds)}`);
      break;
    case 'policy': {
      const policy = argument(c);
      if (!['random', 'round_robin', 'sequential'].includes(policy)) throw c.err(`unknown policy '${policy}'`);
      break;
    }
    case 'max_concurrent':
      nonNegative(goAtoi(argument(c)), 'max_concurrent', String);
      break;
    default:
      throw c.err(`unknown property '${c.val()}'`);
  }
}

function parseStanza(c: Controller): { rule: ForwardRule; upstreamCount: number } {
  const from = argument(c);
  const zone = normalizeHost(from);
  if (zone === undefined) throw new CorefileError(`unable to normalize '${from}'`);
  const to = c.remainingArgs();
  if (to.length === 0) throw c.argErr();
  const rule: ForwardRule = { from: zone, except: [] };
  const upstreamCount = upstreams(c, to).length;
  while (c.nextBlock()) parseProperty(c, rule);
  return { rule, upstreamCount };
}

/** Every `forward FROM TO… { properties }` of the block, in order: which names each sends upstream. */
export function setupForward(c: Controller): ForwardRule[] {
  const stanzas: { rule: ForwardRule; upstreamCount: number }[] = [];
  while (c.next()) stanzas.push(parseStanza(c));
  const crowded = stanzas.find((s) => s.upstreamCount > maxUpstreams);
  if (crowded) throw new CorefileError(`more than ${maxUpstreams} TOs configured: ${crowded.upstreamCount}`);
  return stanzas.map((s) => s.rule);
}

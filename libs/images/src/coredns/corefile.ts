/**
 * A Corefile as CoreDNS 1.11.3 loads it, at start and at each reload (caddy.ValidateAndExecuteDirectives, then
 * dnsserver's MakeServers): parsed against the directives it knows, its server block keys read as zones and ports,
 * each plugin's stanza set up in plugin.cfg order, and no zone served twice on a port. The first failure is CoreDNS's
 * one error line; a Corefile that passes keeps what the lab's DNS needs (the zones, the kubernetes plugin's zones,
 * forward's) and the lines CoreDNS prints as its servers start. Pure: the container's files come in as `readFile`.
 */
import { CorefileError, parseCaddyfile, type ReadFile, type ServerBlock } from './caddyfile.js';
import { setupCache } from './cache-setup.js';
import { Controller } from './controller.js';
import { coreDnsDirectives } from './directives.js';
import { setupForward, type ForwardRule } from './forward-setup.js';
import { setupKubernetes, type KubernetesZones } from './kubernetes-setup.js';
import { configurationSha512 } from './reload-checksum.js';
import { setupErrors, setupHealth, setupHosts, setupLoadBalance, setupLog, setupLoop, setupPrometheus, setupReady, setupReload } from './server-plugin-setups.js';
import { fqdn, splitZonePort, transportOf, transportPorts, type Transport } from './zone-names.js';

/** One zone a server block serves, on a port, over a transport (`dns://.:53`). */
export interface ZoneAddress {
  transport: Transport;
  zone: string;
  port: string;
}

/** A server block as the lab's DNS follows it: its zones, and the plugins of its chain that answer names. */
export interface CorefileServerBlock {
  zones: ZoneAddress[];
  kubernetes?: KubernetesZones;
  forward: ForwardRule[];
}

/** A Corefile CoreDNS accepts: what its servers answer, and what it prints as they start. */
export interface Corefile {
  blocks: CorefileServerBlock[];
  /** What CoreDNS prints as its servers start: setup warnings, each server's zones (`.:53`), the reload plugin's checksum. */
  startLines: string[];
}

/** The container CoreDNS starts in: its files, and the port of keys without one (the -dns.port flag, 53). */
export interface CorefileWorld {
  readFile: ReadFile;
  dnsPort: string;
}

/** A Corefile CoreDNS serves, or its one error line (after any warnings it logged on the way). */
export type CorefileRead = { ok: true; corefile: Corefile } | { ok: false; error: string; warnings: string[] };

type Setup = (c: Controller, block: CorefileServerBlock) => void;

const setups: Record<string, Setup> = {
  reload: setupReload,
  ready: setupReady,
  health: setupHealth,
  prometheus: setupPrometheus,
  errors: setupErrors,
  log: setupLog,
  loadbalance: setupLoadBalance,
  cache: setupCache,
  hosts: setupHosts,
  kubernetes: (c, block) => {
    block.kubernetes = setupKubernetes(c);
  },
  loop: setupLoop,
  forward: (c, block) => {
    block.forward = setupForward(c);
  },
};

const zoneKey = (z: ZoneAddress) => `${z.transport}://${z.zone}:${z.port}`;

/** dnsserver's InspectServerBlocks: each key's transport, zone (fully qualified) and port. */
function zoneAddresses(keys: readonly string[], dnsPort: string): ZoneAddress[] {
  const inspecting = (error: string) => new CorefileError(`error inspecting server blocks: ${error}`);
  return keys.map((key) => {
    const { transport, rest } = transportOf(key);
    const split = splitZonePort(rest);
    if ('error' in split) throw inspecting(split.error);
    const qualified = splitZonePort(fqdn(split.zone));
    if ('error' in qualified) throw inspecting(qualified.error);
    const defaultPort = transport === 'dns' ? dnsPort : transport === 'unix' ? '' : transportPorts[transport];
    return { transport, zone: fqdn(split.zone), port: split.port || defaultPort };
  });
}

/** Runs each directive's setup, block by block, in plugin.cfg order; a failure is `plugin/<name>: …`. */
function setUp(filename: string, blocks: readonly ServerBlock[], served: CorefileServerBlock[], readFile: ReadFile, warnings: string[]): void {
  for (const directive of coreDnsDirectives) {
    const setup = setups[directive];
    for (const [i, block] of blocks.entries()) {
      const tokens = block.tokens.get(directive);
      if (!setup || !tokens) continue;
      try {
        setup(new Controller(filename, tokens, served[i].zones.map(zoneKey), readFile, directive, warnings), served[i]);
      } catch (error) {
        if (error instanceof CorefileError) throw new CorefileError(`plugin/${directive}: ${error.message}`);
        throw error;
      }
    }
  }
}

/** validateZonesAndListeningAddresses: a zone on a port belongs to one server block. */
function checkOverlap(served: readonly CorefileServerBlock[]): void {
  const seen = new Set<string>();
  for (const key of served.flatMap((block) => block.zones.map(zoneKey))) {
    if (seen.has(key)) throw new CorefileError(`cannot serve ${key} - it is already defined`);
    seen.add(key);
  }
}

const followsRfc1035 = (zone: string) => zone === '.' || /(in-addr|ip6)\.arpa\.$/.test(zone) || /^(([A-Za-z]([A-Za-z0-9-]*[A-Za-z0-9])?)\.)+$/.test(zone);

/** startUpZones: per listener, its zones sorted, each `zone:port` (a transport other than dns prefixed). */
function zoneLines(served: readonly CorefileServerBlock[]): string[] {
  const listeners = new Map<string, ZoneAddress[]>();
  for (const z of served.flatMap((block) => block.zones)) {
    const listener = `${z.transport}://:${z.port}`;
    listeners.set(listener, [...(listeners.get(listener) ?? []), z]);
  }
  return [...listeners.values()].flatMap((zones) => zones.sort((a, b) => (a.zone < b.zone ? -1 : 1)).flatMap((z) => [
    ...(followsRfc1035(z.zone) ? [] : [`Warning: Domain ${JSON.stringify(z.zone)} does not follow RFC1035 preferred syntax`]),
    `${z.transport === 'dns' ? '' : `${z.transport}://`}${z.zone}:${z.port}`,
  ]));
}

/** Reads `text`, the Corefile at `path`, as CoreDNS does; an empty one serves `.:53 { whoami log }`, CoreDNS's default. */
export function readCorefile(path: string, text: string, world: CorefileWorld): CorefileRead {
  const warnings: string[] = [];
  try {
    const parsed = parseCaddyfile(path, text, coreDnsDirectives, world.readFile);
    warnings.push(...parsed.warnings);
    const [filename, blocks] = parsed.blocks.length > 0
      ? [path, parsed.blocks]
      : ['Corefile', parseCaddyfile('Corefile', `.:${world.dnsPort} {\nwhoami\nlog\n}\n`, coreDnsDirectives, world.readFile).blocks];
    const checksum = configurationSha512(blocks);
    const served = blocks.map((block): CorefileServerBlock => ({ zones: zoneAddresses(block.keys, world.dnsPort), forward: [] }));
    setUp(filename, blocks, served, world.readFile, warnings);
    checkOverlap(served);
    const reloads = blocks.some((block) => block.tokens.has('reload'));
    const startLines = [...warnings, ...zoneLines(served), ...(reloads ? [`[INFO] plugin/reload: Running configuration SHA512 = ${checksum}`] : [])];
    return { ok: true, corefile: { blocks: served, startLines } };
  } catch (error) {
    if (error instanceof CorefileError) return { ok: false, error: error.message, warnings };
    throw error;
  }
}

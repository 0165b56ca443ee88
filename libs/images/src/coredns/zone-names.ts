/**
 * Zone names as CoreDNS reads them from server block keys and plugin arguments (plugin/normalize.go,
 * plugin/pkg/parse/transport.go): a transport prefix (`dns://`), a port after the last colon, a name fully qualified and
 * lower-cased, and the subdomain test that picks the zone a query belongs to. Reverse CIDR keys (`10.0.0.0/8`) are
 * read as names, not expanded to in-addr.arpa zones.
 */

/** The transports a server block key may name (`tls://.:853`). */
export type Transport = 'dns' | 'tls' | 'quic' | 'grpc' | 'https' | 'unix';

const transports: readonly Transport[] = ['tls', 'dns', 'quic', 'grpc', 'https', 'unix'];

/** The port each transport serves on when a key names none (dns's is the -dns.port flag's). */
export const transportPorts: Record<Exclude<Transport, 'dns' | 'unix'>, string> = { tls: '853', quic: '853', grpc: '443', https: '443' };

/** The transport a key or address names (`tls://…`), dns when none, and the rest. */
export function transportOf(text: string): { transport: Transport; rest: string } {
  const transport = transports.find((t) => text.startsWith(`${t}://`));
  return transport ? { transport, rest: text.slice(transport.length + 3) } : { transport: 'dns', rest: text };
}

/** dns.Fqdn: the name with its final dot. */
export const fqdn = (name: string) => (name.endsWith('.') ? name : `${name}.`);

/** plugin.Name.Normalize: lower case, fully qualified. */
export const normalizeName = (name: string) => fqdn(name).toLowerCase();

/** miekg/dns IsDomainName: no two dots in a row, labels under 64 octets, 256 octets in all. */
function isDomainName(name: string): boolean {
  if (name === '') return false;
  const text = fqdn(name);
  let [octets, begin, wasDot] = [0, 0, false];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '.') {
      wasDot = false;
      continue;
    }
    if (wasDot || i - begin >= 64) return false;
    wasDot = true;
    octets += 1 + i - begin;
    if (octets > 256) return false;
    begin = i + 1;
  }
  return true;
}

/** plugin.SplitHostPort: the zone and the port of a key without its transport, or CoreDNS's error text. */
export function splitZonePort(text: string): { zone: string; port: string } | { error: string } {
  let host = text;
  let port = '';
  const colon = text.lastIndexOf(':');
  if (colon === text.length - 1) return { error: `expecting data after last colon: ${JSON.stringify(text)}` };
  if (colon !== -1 && /^[+-]?\d+$/.test(text.slice(colon + 1))) {
    port = String(Number(text.slice(colon + 1)));
    host = text.slice(0, colon);
  }
  if (host.length > 255) return { error: `specified zone is too long: ${host.length} > 255` };
  if (!isDomainName(host)) return { error: `zone is not a valid domain name: ${host}` };
  return { zone: host, port };
}

/** plugin.Host.NormalizeExact: the zone of a key or argument, normalized; undefined when it is not one. */
export function normalizeHost(text: string): string | undefined {
  const split = splitZonePort(transportOf(text).rest);
  return 'zone' in split ? normalizeName(split.zone) : undefined;
}

/** plugin.OriginsFromArgsOrServerBlock: the zones a plugin's arguments name, else its server block's. */
export function originsFromArgsOrServerBlock(args: readonly string[], keys: readonly string[]): string[] {
  const from = args.length > 0 ? args : keys;
  return from.flatMap((text) => normalizeHost(text) ?? []);
}

/** dns.IsSubDomain: `child` is `parent` or below it. */
export function isSubDomain(parent: string, child: string): boolean {
  const [p, c] = [normalizeName(parent), normalizeName(child)];
  return p === '.' || c === p || c.endsWith(`.${p}`);
}

/** plugin.Zones.Matches: the longest of `zones` that `name` is in; undefined when none. */
export function matchingZone(zones: readonly string[], name: string): string | undefined {
  return zones.filter((zone) => isSubDomain(zone, name)).sort((a, b) => b.length - a.length)[0];
}

/**
 * How a pod's name lookup fares when CoreDNS answers it as its Corefile says. The pod's resolver asks each name its
 * resolv.conf's search list makes (ndots:5) until one has an address. CoreDNS serves a query on port 53 from the
 * server block of the longest zone the name is in (dnsserver.ServeDNS), through that block's plugins in plugin.cfg
 * order: kubernetes answers the names in its zones from the cluster (a name the cluster lacks is NXDOMAIN unless
 * fallthrough covers it), forward sends the names under its FROM (less `except`) upstream, and a name nobody takes
 * fails. So `kubernetes cluster.locall` leaves every Service name unanswered, and a Corefile without forward leaves
 * the internet's names unanswered.
 */
import type { Corefile, CorefileServerBlock } from './corefile.js';
import { isSubDomain, matchingZone, normalizeName } from './zone-names.js';

/** Where the answers come from. */
export interface DnsRecords {
  /** The cluster's address for a name relative to the kubernetes plugin's zone (`web.default.svc`); undefined when there is no such object. */
  cluster(relativeName: string): string | undefined;
  /** What the upstream resolvers forward sends to answer for a fully qualified name. */
  upstream(name: string): string | undefined;
}

/** The block serving `name` on DNS port 53: the longest zone it is in, `.` as the last resort. */
function servingBlock(corefile: Corefile, name: string): CorefileServerBlock | undefined {
  const served = corefile.blocks.flatMap((block) => block.zones.filter((z) => z.transport === 'dns' && z.port === '53').map((z) => ({ zone: z.zone.toLowerCase(), block })));
  const zone = matchingZone(served.map((s) => s.zone), name);
  return served.find((s) => s.zone === zone)?.block;
}

/** CoreDNS's answer to a query for the fully qualified `name`: an address, or undefined (NXDOMAIN, SERVFAIL, REFUSED). */
function answerQuery(corefile: Corefile, name: string, records: DnsRecords): string | undefined {
  const block = servingBlock(corefile, name);
  if (!block) return undefined;
  const kubernetes = block.kubernetes;
  const zone = kubernetes && matchingZone(kubernetes.zones, name);
  if (kubernetes && zone) {
    const qualified = normalizeName(name);
    const address = records.cluster(zone === '.' ? qualified.slice(0, -1) : qualified.slice(0, -zone.length - 1));
    if (address !== undefined) return address;
    if (!kubernetes.fallthrough || !matchingZone(kubernetes.fallthrough, name)) return undefined;
  }
  const forward = block.forward.find((rule) => isSubDomain(rule.from, name) && !rule.except.some((zone) => isSubDomain(zone, name)));
  return forward ? records.upstream(normalizeName(name)) : undefined;
}

/** The names a resolver with this search list and ndots:5 asks for `name`, in order. */
export function resolverQueries(name: string, search: readonly string[]): string[] {
  if (name.endsWith('.')) return [name];
  const own = `${name}.`;
  const searched = search.map((domain) => `${name}.${domain}.`);
  return name.split('.').length - 1 >= 5 ? [own, ...searched] : [...searched, own];
}

/** What a pod's lookup of `name` ends with: the first of its queries CoreDNS answers with an address. */
export function resolveThroughCorefile(corefile: Corefile, name: string, search: readonly string[], records: DnsRecords): string | undefined {
  for (const query of resolverQueries(name, search)) {
    const address = answerQuery(corefile, query, records);
    if (address !== undefined) return address;
  }
  return undefined;
}

/**
 * The lines `ip` prints for links, addresses and routes, in iproute2 6.1's words (a Debian 12 node) or BusyBox's (a
 * busybox pod), which differ in the link line (no `mode` or `group`; a veth's peer, unknown in the pod's namespace, is
 * `M-DOWN`), the link/ether line (no peer namespace) and the route line (no `proto`; ` src` after two spaces).
 * Both leave the trailing spaces their printf formats leave.
 */
import type { NetAddress, NetLink, NetRoute } from './net-links.js';

/** Whose `ip` prints: the node's iproute2, or a busybox image's applet. */
export type IpDialect = 'iproute2' | 'busybox';

/** Which addresses are listed: every family, IPv4 or IPv6 only (`-4`, `-6`), or none (`-0`, `ip link`). */
export type IpFamily = 'any' | 'inet' | 'inet6' | 'link';

function flags(link: NetLink, dialect: IpDialect): string {
  const names = link.loopback ? ['LOOPBACK', 'UP', 'LOWER_UP'] : ['BROADCAST', 'MULTICAST', 'UP', 'LOWER_UP'];
  const peerDown = dialect === 'busybox' && link.peerIndex !== undefined;
  return `<${names.join(',')}${peerDown ? ',M-DOWN' : ''}> `;
}

function nameAndPeer(link: NetLink): string {
  return link.peerIndex === undefined ? link.name : `${link.name}@if${link.peerIndex}`;
}

/** `2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default `; `mode DEFAULT` for `ip link`. */
function linkLine(link: NetLink, dialect: IpDialect, linkMode: boolean): string {
  const head = `${link.index}: ${nameAndPeer(link)}: ${flags(link, dialect)}mtu ${link.mtu} qdisc noqueue state ${link.state} `;
  const group = dialect === 'iproute2' ? `${linkMode ? 'mode DEFAULT ' : ''}group default ` : '';
  return `${head}${group}${link.qlen ? `qlen ${link.qlen}` : ''}`;
}

function hardwareLine(link: NetLink, dialect: IpDialect): string {
  const kind = link.loopback ? 'loopback' : 'ether';
  const broadcast = link.loopback ? '00:00:00:00:00:00' : 'ff:ff:ff:ff:ff:ff';
  const namespace = dialect === 'iproute2' && link.peerNamespace ? ` ${link.peerNamespace}` : '';
  return `    link/${kind} ${link.mac} brd ${broadcast}${namespace}`;
}

function addressLines(address: NetAddress): string[] {
  const broadcast = address.broadcast ? `brd ${address.broadcast} ` : '';
  return [
    `    ${address.family} ${address.address}/${address.prefixLength} ${broadcast}scope ${address.scope} ${address.label ?? ''}`,
    '       valid_lft forever preferred_lft forever',
  ];
}

const listed = (address: NetAddress, family: IpFamily) => family === 'any' || family === address.family;

/** `ip addr` (and `ip link`, with family `link`): each link, its hardware line unless one family is asked for, its addresses. */
export function addressListing(links: readonly NetLink[], family: IpFamily, dialect: IpDialect, linkMode = false): string[] {
  // A link without an address of the family asked for is left out; `ip addr` shows every link.
  const shown = family === 'inet' || family === 'inet6' ? links.filter((l) => l.addresses.some((a) => listed(a, family))) : links;
  return shown.flatMap((link) => [
    linkLine(link, dialect, linkMode),
    ...(family === 'any' || family === 'link' ? [hardwareLine(link, dialect)] : []),
    ...(family === 'link' ? [] : link.addresses.filter((a) => listed(a, family)).flatMap(addressLines)),
  ]);
}

/** `ip -br addr` and `ip -br link`: a name column of 16, a state column of 14, then the addresses (or the MAC and flags). */
export function briefListing(links: readonly NetLink[], family: IpFamily): string[] {
  const shown = family === 'inet' || family === 'inet6' ? links.filter((l) => l.addresses.some((a) => listed(a, family))) : links;
  return shown.map((link) => {
    const head = `${nameAndPeer(link).padEnd(16)} ${link.state.padEnd(14)} `;
    if (family === 'link') return `${head}${link.mac} ${flags(link, 'iproute2')}`;
    return head + link.addresses.filter((a) => listed(a, family)).map((a) => `${a.address}/${a.prefixLength} `).join('');
  });
}

/** One route as `ip route` prints it; iproute2 leaves out the link when the listing was asked for by it (`ip route show dev eth0`). */
export function routeLine(route: NetRoute, dialect: IpDialect, byDevice = false): string {
  const dev = dialect === 'iproute2' && byDevice ? [] : ['dev', route.dev];
  const words = [route.destination, ...(route.via ? ['via', route.via] : []), ...dev];
  if (dialect === 'iproute2' && route.proto) words.push('proto', route.proto);
  if (route.scope) words.push('scope', route.scope);
  const line = `${words.join(' ')} `;
  if (!route.src) return line;
  return dialect === 'iproute2' ? `${line}src ${route.src} ` : `${line} src ${route.src} `;
}

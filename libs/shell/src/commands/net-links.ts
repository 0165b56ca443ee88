/**
 * The links, addresses and routes a network namespace holds, as the kernel would report them to `ip`: a kind-like
 * node's (lo; eth0 on the lab's network, the peer of a veth on the host; a veth per pod, kindnet's ptp plugin's, with
 * the pod range's gateway address and a host route to the pod) and a pod's (lo; eth0, the other end of that veth).
 * Names, MACs and interface indexes are derived from the sandbox and the addresses, so they stay put while a pod runs.
 */
import type { NodeNetwork } from '../process/process-host.js';

/** An address on a link, as RTM_NEWADDR reports it. */
export interface NetAddress {
  readonly family: 'inet' | 'inet6';
  readonly address: string;
  readonly prefixLength: number;
  readonly broadcast?: string;
  readonly scope: 'host' | 'link' | 'global';
  /** IPv4 addresses carry their link's name as a label; IPv6 ones none. */
  readonly label?: string;
}

/** A link with its addresses, as RTM_NEWLINK reports it. */
export interface NetLink {
  readonly index: number;
  readonly name: string;
  /** A veth's peer, by its index in the other namespace: `eth0@if5`. */
  readonly peerIndex?: number;
  /** The peer's namespace as iproute2 names it after the link line (`link-netnsid 0`, `link-netns cni-…`). */
  readonly peerNamespace?: string;
  readonly loopback: boolean;
  readonly mtu: number;
  readonly state: 'UNKNOWN' | 'UP';
  /** The transmit queue length; 0 (a veth) is not shown. */
  readonly qlen: number;
  readonly mac: string;
  readonly addresses: readonly NetAddress[];
}

/** A route of the main table, as RTM_NEWROUTE reports it. */
export interface NetRoute {
  /** `default`, a host (`10.244.1.2`) or a prefix (`10.244.2.0/24`). */
  readonly destination: string;
  readonly via?: string;
  readonly dev: string;
  readonly proto?: 'kernel';
  readonly scope?: 'link' | 'host';
  readonly src?: string;
}

/** What `ip` lists in one network namespace. */
export interface NetView {
  readonly links: readonly NetLink[];
  readonly routes: readonly NetRoute[];
}

const ETHER_MTU = 1500;
const LOOPBACK_MTU = 65536;
const LOOPBACK_QLEN = 1000;
/** A pod's eth0 is the second link of its namespace, after lo: the host's veths name it `@if2`. */
const POD_ETH0_INDEX = 2;

/** A dotted IPv4 address as a 32-bit number, for ordering and masking. */
export function ipv4ToNumber(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

/** A 32-bit number as a dotted IPv4 address. */
export function numberToIpv4(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

function hostPart(prefixLength: number): number {
  return 2 ** (32 - prefixLength) - 1;
}

/** The network address of `address/prefixLength`. */
function networkOf(address: string, prefixLength: number): string {
  const n = ipv4ToNumber(address);
  return numberToIpv4(n - (n % (hostPart(prefixLength) + 1)));
}

function broadcastOf(address: string, prefixLength: number): string {
  return numberToIpv4(ipv4ToNumber(networkOf(address, prefixLength)) + hostPart(prefixLength));
}

/** An IPv6 address from its eight groups, the longest run of two or more zero groups written `::`, as inet_ntop does. */
function ipv6Text(groups: readonly number[]): string {
  let best = { at: -1, length: 0 };
  for (let i = 0; i < groups.length; ) {
    let j = i;
    while (j < groups.length && groups[j] === 0) j++;
    if (j - i > best.length) best = { at: i, length: j - i };
    i = j === i ? i + 1 : j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.length).join(':')}`;
}

/** The link-local address the kernel derives from a MAC (modified EUI-64). */
function linkLocal(mac: string): NetAddress {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const groups = [0xfe80, 0, 0, 0, ((b[0] ^ 2) << 8) | b[1], (b[2] << 8) | 0xff, 0xfe00 | b[3], (b[4] << 8) | b[5]];
  return { family: 'inet6', address: ipv6Text(groups), prefixLength: 64, scope: 'link' };
}

const hexByte = (n: number) => n.toString(16).padStart(2, '0');

/** A locally administered unicast MAC from 12 hex digits. */
function macFromHex(hex: string): string {
  const bytes = hex.match(/../g)!.map((x) => parseInt(x, 16));
  bytes[0] = (bytes[0] & 0xfc) | 0x02;
  return bytes.map(hexByte).join(':');
}

/** `02:42` and the IPv4 address's bytes, as Docker gives a container's eth0 (a kind node). */
function dockerMac(address: string): string {
  return ['02', '42', ...address.split('.').map((o) => hexByte(Number(o)))].join(':');
}

/** `0a:58` and the IPv4 address's bytes, as the CNI plugins derive a pod's MAC from its address. */
function podMac(address: string): string {
  return ['0a', '58', ...address.split('.').map((o) => hexByte(Number(o)))].join(':');
}

const loopback: NetLink = {
  index: 1, name: 'lo', loopback: true, mtu: LOOPBACK_MTU, state: 'UNKNOWN', qlen: LOOPBACK_QLEN, mac: '00:00:00:00:00:00',
  addresses: [
    { family: 'inet', address: '127.0.0.1', prefixLength: 8, scope: 'host', label: 'lo' },
    { family: 'inet6', address: '::1', prefixLength: 128, scope: 'host' },
  ],
};

/** The host end of a pod's veth has the index after its pod's address: pods get .2 upwards, so veths start at 3. */
function vethIndex(podIP: string): number {
  return Number(podIP.split('.')[3]) + 1;
}

function vethName(sandboxId: string): string {
  return `veth${sandboxId.slice(0, 8)}`;
}

/** The CNI's name for the pod's network namespace under /var/run/netns: `cni-` and a UUID. */
function netnsName(sandboxId: string): string {
  const hex = sandboxId.slice(32, 64);
  return `cni-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Routes in the order the kernel's FIB dumps them: by destination address, the shorter prefix first. */
function sortRoutes(routes: NetRoute[]): NetRoute[] {
  const key = (r: NetRoute): [number, number] => {
    if (r.destination === 'default') return [-1, 0];
    const [address, length = '32'] = r.destination.split('/');
    return [ipv4ToNumber(address), Number(length)];
  };
  return routes.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
}

/** The node's namespace: lo, eth0, a veth per pod; the default route, kindnet's routes to the other nodes, a host route per pod. */
export function nodeView(network: NodeNetwork | undefined): NetView {
  if (!network) return { links: [loopback], routes: [] };
  const { address, prefixLength, gateway } = network;
  const ethMac = dockerMac(address);
  const eth0: NetLink = {
    index: 2, name: 'eth0', peerIndex: 2 * Number(address.split('.')[3]) + 1, peerNamespace: 'link-netnsid 0', loopback: false, mtu: ETHER_MTU,
    state: 'UP', qlen: 0, mac: ethMac,
    addresses: [
      { family: 'inet', address, prefixLength, broadcast: broadcastOf(address, prefixLength), scope: 'global', label: 'eth0' },
      linkLocal(ethMac),
    ],
  };
  const podGateway = numberToIpv4(ipv4ToNumber(network.podCidr.split('/')[0]) + 1);
  const pods = [...network.pods()].sort((a, b) => vethIndex(a.podIP) - vethIndex(b.podIP));
  const veths = pods.map(({ sandboxId, podIP }): NetLink => {
    const name = vethName(sandboxId);
    const mac = macFromHex(sandboxId.slice(8, 20));
    return {
      index: vethIndex(podIP), name, peerIndex: POD_ETH0_INDEX, peerNamespace: `link-netns ${netnsName(sandboxId)}`, loopback: false,
      mtu: ETHER_MTU, state: 'UP', qlen: 0, mac,
      addresses: [{ family: 'inet', address: podGateway, prefixLength: 32, scope: 'global', label: name }, linkLocal(mac)],
    };
  });
  const routes: NetRoute[] = [
    { destination: 'default', via: gateway, dev: 'eth0' },
    ...pods.map(({ sandboxId, podIP }): NetRoute => ({ destination: podIP, dev: vethName(sandboxId), scope: 'host' })),
    ...network.peers().map((peer): NetRoute => ({ destination: peer.podCidr, via: peer.address, dev: 'eth0' })),
    { destination: `${networkOf(address, prefixLength)}/${prefixLength}`, dev: 'eth0', proto: 'kernel', scope: 'link', src: address },
  ];
  return { links: [loopback, eth0, ...veths], routes: sortRoutes(routes) };
}

/** A pod's namespace: lo and eth0 with the pod's address in its node's /24, routed through the range's gateway (ptp). */
export function podView(podIP: string | undefined): NetView {
  if (!podIP) return { links: [loopback], routes: [] };
  const gateway = numberToIpv4(ipv4ToNumber(networkOf(podIP, 24)) + 1);
  const mac = podMac(podIP);
  const eth0: NetLink = {
    index: POD_ETH0_INDEX, name: 'eth0', peerIndex: vethIndex(podIP), loopback: false, mtu: ETHER_MTU, state: 'UP', qlen: 0, mac,
    addresses: [{ family: 'inet', address: podIP, prefixLength: 24, broadcast: broadcastOf(podIP, 24), scope: 'global', label: 'eth0' }, linkLocal(mac)],
  };
  return {
    links: [loopback, eth0],
    routes: [
      { destination: 'default', via: gateway, dev: 'eth0' },
      { destination: `${networkOf(podIP, 24)}/24`, via: gateway, dev: 'eth0', src: podIP },
      { destination: gateway, dev: 'eth0', scope: 'link', src: podIP },
    ],
  };
}

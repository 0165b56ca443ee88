/**
 * `ip [-4|-6|-0|-brief|-family F] address|link|route [show|list] [dev NAME | NAME]`: the links, addresses and routes of
 * the namespace the command runs in. On a node (or under `chroot /host` in a node debugging pod) it is iproute2 6.1's
 * view of the node's network; in a busybox pod, BusyBox's view of the pod's lo and eth0, with the address the kubelet
 * wrote for the pod in /etc/hosts. Objects and subcommands are matched by prefix, as iproute2 does (`ip a`, `ip r s`).
 * The network is the lab's to change: a change (`ip addr add`, `ip route del`) is refused as netlink refuses it.
 */
import { complain, type CommandContext } from './command-context.js';
import { addressListing, briefListing, routeLine, type IpDialect, type IpFamily } from './ip-format.js';
import { nodeView, podView, type NetView } from './net-links.js';
import { hostsFileAddress } from './resolve-host.js';

/** iproute2's exits: usage and unknown words exit(-1); a missing device returns 1; a refused change 2. */
const USAGE = 255;
const NO_DEVICE = 1;
const REFUSED = 2;

const IP_USAGE = `Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }
       ip [ -force ] -batch filename
where  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp |
                   link | macsec | maddress | monitor | mptcp | mroute | mrule |
                   neighbor | neighbour | netconf | netns | nexthop | ntable |
                   ntbl | route | rule | sr | tap | tcpmetrics |
                   token | tunnel | tuntap | vrf | xfrm }
       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |
                    -h[uman-readable] | -iec | -j[son] | -p[retty] |
                    -f[amily] { inet | inet6 | mpls | bridge | link } |
                    -4 | -6 | -M | -B | -0 |
                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |
                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |
                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |
                    -c[olor]}
`;

/** The objects `ip` knows, in the order iproute2 tries a prefix against them (`ip a` is address, `ip r` route). */
const OBJECTS = ['address', 'addrlabel', 'maddress', 'route', 'rule', 'neighbor', 'neighbour', 'ntable', 'ntbl', 'link'];
/**
 * Each object's verbs in the order iproute2 tries a prefix against them (`ip link s` is set, `ip addr s` show): those
 * that change the network, and those that list it.
 */
const VERBS: Readonly<Record<'address' | 'route' | 'link', readonly (readonly [string, 'change' | 'list'])[]>> = {
  address: [['add', 'change'], ['change', 'change'], ['replace', 'change'], ['delete', 'change'], ['list', 'list'], ['show', 'list'], ['lst', 'list'], ['flush', 'change']],
  route: [
    ['add', 'change'], ['change', 'change'], ['replace', 'change'], ['prepend', 'change'], ['append', 'change'], ['test', 'change'], ['delete', 'change'],
    ['list', 'list'], ['show', 'list'], ['lst', 'list'], ['flush', 'change'],
  ],
  link: [['add', 'change'], ['set', 'change'], ['change', 'change'], ['replace', 'change'], ['delete', 'change'], ['show', 'list'], ['lst', 'list'], ['list', 'list']],
};

/** iproute2's matches(): `word` is a non-empty prefix of `full`. */
const matches = (word: string, full: string) => word !== '' && full.startsWith(word);

interface IpOptions {
  family: IpFamily;
  brief: boolean;
}

/** Runs one `ip` command. */
export async function ip(context: CommandContext): Promise<number> {
  const args = [...context.args];
  const options: IpOptions = { family: 'any', brief: false };
  while (args[0]?.startsWith('-')) {
    const word = args.shift()!;
    if (word === '--') break;
    const option = word.startsWith('--') ? word.slice(1) : word;
    if (option === '-4' || option === '-6' || option === '-0') options.family = ({ '-4': 'inet', '-6': 'inet6', '-0': 'link' } as const)[option];
    else if (option.length > 2 && matches(option, '-brief')) options.brief = true;
    else if (option.length > 1 && matches(option, '-family') && ['inet', 'inet6', 'link'].includes(args[0] ?? '')) options.family = args.shift() as IpFamily;
    else {
      context.stderr(`Option "${word}" is unknown, try "ip -help".\n`);
      return USAGE;
    }
  }
  const [object, ...rest] = args;
  if (object === undefined || matches(object, 'help')) {
    context.stderr(IP_USAGE);
    return USAGE;
  }
  const known = OBJECTS.find((name) => matches(object, name));
  if (known !== 'address' && known !== 'route' && known !== 'link') {
    context.stderr(`Object "${object}" is unknown, try "ip help".\n`);
    return 1;
  }
  const dialect: IpDialect = context.runtime.services ? 'iproute2' : 'busybox';
  const view = context.runtime.services ? nodeView(context.runtime.services.network) : podView(podAddress(context));
  return objectCommand(context, { object: known, rest, view, dialect, options });
}

/** The pod's own address: the kubelet's /etc/hosts line for its host name. */
function podAddress(context: CommandContext): string | undefined {
  const address = hostsFileAddress(context, context.env.HOSTNAME ?? '');
  return address && !address.startsWith('127.') && !address.includes(':') ? address : undefined;
}

interface ObjectCommand {
  object: 'address' | 'route' | 'link';
  rest: readonly string[];
  view: NetView;
  dialect: IpDialect;
  options: IpOptions;
}

function objectCommand(context: CommandContext, { object, rest, view, dialect, options }: ObjectCommand): number {
  const [verb, ...filters] = rest;
  const kind = verb === undefined ? 'list' : (VERBS[object].find(([name]) => matches(verb, name)) ?? [])[1];
  if (kind === 'change') {
    context.stderr('RTNETLINK answers: Operation not permitted\n');
    return REFUSED;
  }
  if (kind === undefined) {
    context.stderr(`Command "${verb}" is unknown, try "ip ${object} help".\n`);
    return USAGE;
  }
  if (object === 'route') return routes(context, view, filters, dialect);
  const dev = filters[0] === 'dev' ? filters[1] : filters[0];
  const links = view.links.filter((l) => dev === undefined || l.name === dev);
  if (links.length === 0) return noDevice(context, dev ?? '', dialect);
  const family = object === 'link' ? 'link' : options.family;
  const lines = options.brief && dialect === 'iproute2' ? briefListing(links, family) : addressListing(links, family, dialect, object === 'link');
  context.stdout(lines.map((line) => `${line}\n`).join(''));
  return 0;
}

function noDevice(context: CommandContext, dev: string, dialect: IpDialect): number {
  if (dialect === 'busybox') return complain(context, `can't find device '${dev}'`, NO_DEVICE);
  context.stderr(`Device "${dev}" does not exist.\n`);
  return NO_DEVICE;
}

/** `ip route [show] [dev NAME] [[to|exact] PREFIX]`: the routes through that link, to exactly that destination. */
function routes(context: CommandContext, view: NetView, filters: readonly string[], dialect: IpDialect): number {
  let dev: string | undefined;
  let destination: string | undefined;
  for (let i = 0; i < filters.length; i++) {
    if (filters[i] === 'dev') dev = filters[++i];
    else if (filters[i] !== 'to' && filters[i] !== 'exact') destination = filters[i].replace(/\/32$/, '');
  }
  if (dev !== undefined && !view.links.some((l) => l.name === dev)) {
    if (dialect === 'busybox') return noDevice(context, dev, dialect);
    context.stderr(`Cannot find device "${dev}"\n`);
    return NO_DEVICE;
  }
  const shown = view.routes.filter((r) => (dev === undefined || r.dev === dev) && (destination === undefined || r.destination === destination));
  context.stdout(shown.map((r) => `${routeLine(r, dialect, dev !== undefined)}\n`).join(''));
  return 0;
}

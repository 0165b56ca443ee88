/**
 * net-tools 2.10's `netstat` on a node: `netstat -tlnp`, `-tulpn`, `-plnt` list the node's listening TCP sockets
 * (listening-sockets.ts) under `Active Internet connections (only servers)`, PID/Program name taken from the command
 * line as netstat reads /proc/PID/cmdline (`650/sshd: /usr/sbin`, `1402/kube-controlle`, cut at 19 characters);
 * `netstat -rn` prints the routing table. The node holds no established connection nor UDP socket, so those lists are
 * empty; the UNIX domain sockets are left out. Without -n ports take their /etc/services names (a node without the file
 * keeps numbers) and the IPv6 wildcard reads `[::]`. In a pod, whose sockets kubelab does not track, it is not found.
 */
import { notOnThisHost, type CommandContext } from './command-context.js';
import { listeningSockets, type ListeningSocket } from './listening-sockets.js';
import { nodeView, ipv4ToNumber, numberToIpv4, type NetRoute } from './net-links.js';
import { parseOptions } from './options.js';
import { serviceName } from './services-file.js';

const OPTIONS = {
  flags: 'CFMacdeghilnNoprsStuUvVWw2fx64Z',
  values: 'A',
  long: Object.fromEntries([
    ...['version:V', 'interfaces:i', 'help:h', 'route:r', 'masquerade:M', 'tcp:t', 'sctp:S', 'udp:u', 'udplite:U', 'raw:w', 'unix:x',
      'l2cap:2', 'rfcomm:f', 'listening:l', 'all:a', 'timers:o', 'continuous:c', 'extend:e', 'programs:p', 'verbose:v', 'statistics:s',
      'wide:W', 'numeric:n', 'symbolic:N', 'cache:C', 'fib:F', 'groups:g', 'context:Z', 'notrim:W', 'inet:4', 'inet6:6'].map((pair) => [pair.split(':')[0], { key: pair.split(':')[1] }]),
    ['protocol', { key: 'A', value: true }],
  ]),
};
/** E_OPTERR, what net-tools exits with after printing its usage for a bad option. */
const OPTION_ERROR = 3;
const NETSTAT_USAGE = `usage: netstat [-vWeenNcCF] [<Af>] -r         netstat {-V|--version|-h|--help}
       netstat [-vWnNcaeol] [<Socket> ...]
       netstat { [-vWeenNac] -i | [-cnNe] -M | -s [-6tuw] }

        -r, --route              display routing table
        -i, --interfaces         display interface table
        -g, --groups             display multicast group memberships
        -s, --statistics         display networking statistics (like SNMP)
        -M, --masquerade         display masqueraded connections

        -v, --verbose            be verbose
        -W, --wide               don't truncate IP addresses
        -n, --numeric            don't resolve names
        --numeric-hosts          don't resolve host names
        --numeric-ports          don't resolve port names
        --numeric-users          don't resolve user names
        -N, --symbolic           resolve hardware names
        -e, --extend             display other/more information
        -p, --programs           display PID/Program name for sockets
        -o, --timers             display timers
        -c, --continuous         continuous listing

        -l, --listening          display listening server sockets
        -a, --all                display all sockets (default: connected)
        -F, --fib                display Forwarding Information Base (default)
        -C, --cache              display routing cache instead of FIB

  <Socket>={-t|--tcp} {-u|--udp} {-U|--udplite} {-S|--sctp} {-w|--raw}
           {-x|--unix} --ax25 --ipx --netrom
  <AF>=Use '-6|-4' or '-A <af>' or '--<af>'; default: inet
  List of possible address families (which support routing):
    inet (DARPA Internet) inet6 (IPv6) ax25 (AMPR AX.25) 
    netrom (AMPR NET/ROM) rose (AMPR ROSE) ipx (Novell IPX) 
    ddp (Appletalk DDP) x25 (CCITT X.25) 
`;
/** PROGNAME_WIDTH: the PID/Program name column, and the buffer its text is cut to (one byte short, for the NUL). */
const PROGRAM_WIDTH = 20;

/** Prints the node's sockets or routes as netstat does. */
export async function netstat(context: CommandContext): Promise<number> {
  const parsed = parseOptions(context.args, OPTIONS);
  if ('error' in parsed) {
    context.stderr(`netstat: ${parsed.error}\n${NETSTAT_USAGE}`);
    return OPTION_ERROR;
  }
  const { flags } = parsed;
  if (flags.has('h')) {
    context.stdout(NETSTAT_USAGE);
    return 0;
  }
  if (!context.runtime.services) return notOnThisHost(context);
  const network = context.runtime.services.network;
  if (flags.has('r')) {
    context.stdout(routingTable(nodeView(network).routes, flags.has('n')));
    return 0;
  }
  const protocols = ['t', 'u', 'w', 'U', 'S'].filter((f) => flags.has(f));
  const internet = protocols.length > 0 || flags.has('4') || flags.has('6') || !flags.has('x');
  const scope = flags.has('a') ? '(servers and established)' : flags.has('l') ? '(only servers)' : '(w/o servers)';
  const out: string[] = [];
  if (internet) {
    out.push(`Active Internet connections ${scope}`, `Proto Recv-Q Send-Q Local Address           Foreign Address         State      ${flags.has('p') ? ` ${'PID/Program name'.padEnd(PROGRAM_WIDTH)}` : ''}`);
    const families = flags.has('4') === flags.has('6') ? [4, 6] : flags.has('4') ? [4] : [6];
    const tcp = (protocols.length === 0 || flags.has('t')) && (flags.has('a') || flags.has('l'));
    const sockets = tcp ? listeningSockets(network?.processes() ?? []).filter((s) => families.includes(s.ipv6 ? 6 : 4)) : [];
    out.push(...sockets.map((s) => socketLine(s, (port) => (flags.has('n') ? String(port) : serviceName(context.fs, port)), flags.has('n'), flags.has('p'))));
  }
  if (flags.has('x') || (protocols.length === 0 && !flags.has('4') && !flags.has('6'))) {
    out.push(`Active UNIX domain sockets ${scope}`, `Proto RefCnt Flags       Type       State         I-Node  ${flags.has('p') ? ` ${'PID/Program name'.padEnd(PROGRAM_WIDTH)}` : ''} Path`);
  }
  context.stdout(out.map((line) => `${line}\n`).join(''));
  return 0;
}

/** `tcp6       0      0 :::6443                 :::*                    LISTEN      1282/kube-apiserver `. */
function socketLine(socket: ListeningSocket, service: (port: number) => string, numeric: boolean, programs: boolean): string {
  const anyV6 = numeric ? '::' : '[::]';
  const address = socket.ipv6 ? anyV6 : socket.address;
  const local = `${address}:${service(socket.port)}`;
  const foreign = `${socket.ipv6 ? anyV6 : '0.0.0.0'}:*`;
  const line = `${(socket.ipv6 ? 'tcp6' : 'tcp').padEnd(4)}  ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${'LISTEN'.padEnd(11)}`;
  if (!programs) return line;
  // netstat takes the first argument of /proc/PID/cmdline, without its directories when it is a path; sshd retitles
  // itself with one argument that holds spaces (`sshd: /usr/sbin/sshd -D [listener] …`).
  const { command } = socket.process;
  const argv0 = command.startsWith('sshd:') ? command : command.split(' ')[0];
  const program = argv0.startsWith('/') ? argv0.slice(argv0.lastIndexOf('/') + 1) : argv0;
  return `${line} ${`${socket.process.pid}/${program}`.slice(0, PROGRAM_WIDTH - 1).padEnd(PROGRAM_WIDTH)}`;
}

/** The route's destination, gateway and mask as /proc/net/route gives them, and its flags. */
function routeEntry(route: NetRoute): { destination: string; gateway: string; mask: string; flags: string } {
  const [address, length] = route.destination === 'default' ? ['0.0.0.0', 0] : [route.destination.split('/')[0], Number(route.destination.split('/')[1] ?? 32)];
  const mask = numberToIpv4(length === 0 ? 0 : 2 ** 32 - 2 ** (32 - length));
  const flags = `U${route.via ? 'G' : ''}${length === 32 ? 'H' : ''}`;
  return { destination: numberToIpv4(ipv4ToNumber(address)), gateway: route.via ?? '0.0.0.0', mask, flags };
}

/** `netstat -r`: the kernel's IPv4 routing table; without -n the default route's destination reads `default`. */
function routingTable(routes: readonly NetRoute[], numeric: boolean): string {
  const lines = routes.map((route) => {
    const { destination, gateway, mask, flags } = routeEntry(route);
    const shown = !numeric && route.destination === 'default' ? 'default' : destination;
    return `${shown.padEnd(15)} ${gateway.padEnd(15)} ${mask.padEnd(15)} ${flags.padEnd(5)} ${'0'.padStart(5)} ${'0'.padEnd(5)} ${'0'.padStart(6)} ${route.dev}`;
  });
  return ['Kernel IP routing table', 'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface', ...lines].map((l) => `${l}\n`).join('');
}

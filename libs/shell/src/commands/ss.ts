/**
 * iproute2 6.1's `ss` on a node: `ss -tlnp`, `ss -tulpn`, `ss -lntp` and the like list the node's listening TCP
 * sockets (listening-sockets.ts), with `users:(("kube-apiserver",pid=1282,fd=3))` under -p. The node holds no
 * established connection, UDP or unix socket that a learner would look for, so those lists are empty. Columns are
 * laid out as ss lays them out when its output is not a terminal: each as wide as its widest cell (the last line's
 * Process cell, which ss never measures, aside) plus its one-space delimiter; addresses right-aligned against their
 * ports; `Peer Address:PortProcess` run together as ss prints them. Filters: `state STATE`, `exclude STATE`, and
 * `sport`/`dport` compared (`=`, `!=`, `<`, `>`, `<=`, `>=` and their word forms) with `:PORT`. In a pod, whose sockets
 * kubelab does not track, it is not found.
 */
import type { ProcessInfo } from '../process/process-host.js';
import { notOnThisHost, type CommandContext } from './command-context.js';
import { commandName, listeningSockets, type ListeningSocket } from './listening-sockets.js';
import { parseOptions } from './options.js';
import { serviceName } from './services-file.js';

const OPTIONS = {
  flags: 'dhaletuwxnro460spTbEmMivVzZKHSO',
  values: 'fADFN',
  long: Object.fromEntries([
    ...['numeric:n', 'resolve:r', 'options:o', 'extended:e', 'memory:m', 'info:i', 'processes:p', 'threads:T', 'bpf:b', 'events:E', 'dccp:d',
      'tcp:t', 'sctp:S', 'udp:u', 'raw:w', 'unix:x', 'all:a', 'listening:l', 'ipv4:4', 'ipv6:6', 'packet:0', 'summary:s', 'version:V',
      'help:h', 'context:Z', 'contexts:z', 'kill:K', 'no-header:H', 'mptcp:M', 'oneline:O', 'tipc:tipc', 'vsock:vsock', 'xdp:xdp',
      'tipcinfo:tipcinfo', 'tos:tos', 'cgroup:cgroup', 'inet-sockopt:inet-sockopt'].map((pair) => [pair.split(':')[0], { key: pair.split(':')[1] }]),
    ...['family:f', 'socket:A', 'query:A', 'diag:D', 'filter:F', 'net:N'].map((pair) => [pair.split(':')[0], { key: pair.split(':')[1], value: true }]),
  ]),
};
/** ss exits with usage() (exit(-1)) on a bad option or filter. */
const USAGE_STATUS = 255;
const SS_USAGE = `Usage: ss [ OPTIONS ]
       ss [ OPTIONS ] [ FILTER ]
   -h, --help          this message
   -V, --version       output version information
   -n, --numeric       don't resolve service names
   -r, --resolve       resolve host names
   -a, --all           display all sockets
   -l, --listening     display listening sockets
   -o, --options       show timer information
   -e, --extended      show detailed socket information
   -m, --memory        show socket memory usage
   -p, --processes     show process using socket
   -T, --threads       show thread using socket
   -i, --info          show internal TCP information
       --tipcinfo      show internal tipc socket information
   -s, --summary       show socket usage summary
       --tos           show tos and priority information
       --cgroup        show cgroup information
   -b, --bpf           show bpf filter socket information
   -E, --events        continually display sockets as they are destroyed
   -Z, --context       display task SELinux security contexts
   -z, --contexts      display task and socket SELinux security contexts
   -N, --net           switch to the specified network namespace name

   -4, --ipv4          display only IP version 4 sockets
   -6, --ipv6          display only IP version 6 sockets
   -0, --packet        display PACKET sockets
   -t, --tcp           display only TCP sockets
   -M, --mptcp         display only MPTCP sockets
   -S, --sctp          display only SCTP sockets
   -u, --udp           display only UDP sockets
   -d, --dccp          display only DCCP sockets
   -w, --raw           display only RAW sockets
   -x, --unix          display only Unix domain sockets
       --tipc          display only TIPC sockets
       --vsock         display only vsock sockets
       --xdp           display only XDP sockets
   -f, --family=FAMILY display sockets of type FAMILY
       FAMILY := {inet|inet6|link|unix|netlink|vsock|tipc|xdp|help}

   -K, --kill          forcibly close sockets, display what was closed
   -H, --no-header     Suppress header line
   -O, --oneline       socket's data printed on a single line
       --inet-sockopt  show various inet socket options

   -A, --query=QUERY, --socket=QUERY
       QUERY := {all|inet|tcp|mptcp|udp|raw|unix|unix_dgram|unix_stream|unix_seqpacket|packet|packet_raw|packet_dgram|netlink|dccp|sctp|vsock_stream|vsock_dgram|tipc|xdp}[,QUERY]

   -D, --diag=FILE     Dump raw information about TCP sockets to FILE
   -F, --filter=FILE   read filter information from FILE
       FILTER := [ state STATE-FILTER ] [ EXPRESSION ]
       STATE-FILTER := {all|connected|synchronized|bucket|big|TCP-STATES}
         TCP-STATES := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|closed|close-wait|last-ack|listening|closing}
          connected := {established|syn-sent|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
       synchronized := {established|syn-recv|fin-wait-{1,2}|time-wait|close-wait|last-ack|closing}
             bucket := {syn-recv|time-wait}
                big := {established|syn-sent|fin-wait-{1,2}|closed|close-wait|last-ack|listening|closing}
`;

/** The socket tables a selection reads: more than one, and ss shows the Netid column. */
const TABLES: Readonly<Record<string, readonly string[]>> = {
  t: ['tcp'], u: ['udp'], w: ['raw'], d: ['dccp'], S: ['sctp'], M: ['mptcp'], x: ['u_str', 'u_dgr', 'u_seq'],
};
const INET_TABLES = ['tcp', 'udp', 'raw', 'dccp', 'mptcp', 'sctp'];
const CONNECTED = ['established', 'syn-sent', 'syn-recv', 'fin-wait-1', 'fin-wait-2', 'time-wait', 'close-wait', 'last-ack', 'closing'];
const STATE_NAMES: Readonly<Record<string, readonly string[]>> = {
  all: [...CONNECTED, 'listening', 'closed'], connected: CONNECTED, synchronized: CONNECTED.filter((s) => s !== 'syn-sent'),
  bucket: ['syn-recv', 'time-wait'], big: CONNECTED.filter((s) => s !== 'syn-recv' && s !== 'time-wait').concat('listening', 'closed'),
  ...Object.fromEntries([...CONNECTED, 'listening', 'closed'].map((s) => [s, [s]])),
  close: ['closed'], unconnected: ['closed'], 'syn-rcv': ['syn-recv'],
};

/** What the options and the filter select. */
interface Selection {
  tables: ReadonlySet<string>;
  families: ReadonlySet<4 | 6>;
  states: ReadonlySet<string>;
  ports: readonly ((socket: ListeningSocket) => boolean)[];
}

/** Lists the node's sockets as `ss` does. */
export async function ss(context: CommandContext): Promise<number> {
  const parsed = parseOptions(context.args, OPTIONS);
  if ('error' in parsed) {
    context.stderr(`ss: ${parsed.error}\n${SS_USAGE}`);
    return USAGE_STATUS;
  }
  const { flags } = parsed;
  if (flags.has('h')) {
    context.stdout(SS_USAGE);
    return 0;
  }
  if (flags.has('V') || flags.has('v')) {
    context.stdout('ss utility, iproute2-6.1.0\n');
    return 0;
  }
  if (flags.has('Z') || flags.has('z')) {
    context.stderr('ss: SELinux is not enabled.\n');
    return 1;
  }
  if (!context.runtime.services) return notOnThisHost(context);
  const selection = select(flags, parsed.operands);
  if (typeof selection === 'string') {
    context.stderr(selection);
    return USAGE_STATUS;
  }
  const processes = context.runtime.services.network?.processes() ?? [];
  const sockets = listeningSockets(processes).filter((s) => selected(s, selection));
  const numeric = flags.has('n');
  const rows = sockets.map((s) => socketRow(s, (port) => (numeric ? String(port) : serviceName(context.fs, port)), flags.has('p')));
  const netid = selection.tables.size > 1;
  const state = selection.states.size > 1;
  context.stdout(ssTable(flags.has('H') ? [] : [HEADER], rows, { netid, state }));
  return 0;
}

const FILTER_ERROR = `ss: bison bellows (while parsing filter): "syntax error!"${SS_USAGE}`;

/** The tables, families, states and port tests the options and filter ask for, or what ss says of a bad filter. */
function select(flags: ReadonlySet<string>, operands: readonly string[]): Selection | string {
  const chosen = Object.keys(TABLES).filter((f) => flags.has(f)).flatMap((f) => TABLES[f]);
  const families = new Set<4 | 6>([...(flags.has('4') ? [4 as const] : []), ...(flags.has('6') ? [6 as const] : [])]);
  const tables = new Set(chosen.length > 0 ? chosen : families.size > 0 ? INET_TABLES : [...INET_TABLES, 'u_str', 'u_dgr', 'u_seq', 'p_raw', 'p_dgr', 'nl']);
  let states: ReadonlySet<string> = new Set(flags.has('a') ? STATE_NAMES.all : flags.has('l') ? ['listening', 'closed'] : CONNECTED);
  const ports: ((socket: ListeningSocket) => boolean)[] = [];
  let sawState = false;
  for (let i = 0; i < operands.length; i++) {
    const word = operands[i];
    if (word === 'state' || word === 'exclude' || word === 'excl') {
      const name = (operands[++i] ?? '').toLowerCase();
      const named = Object.hasOwn(STATE_NAMES, name) ? STATE_NAMES[name] : undefined;
      if (!named) return `ss: wrong state name: ${operands[i] ?? ''}\n`;
      const base = sawState ? states : new Set(word === 'state' ? [] : STATE_NAMES.all);
      states = word === 'state' ? new Set([...base, ...named]) : new Set([...base].filter((s) => !named.includes(s)));
      sawState = true;
    } else if (word === 'sport' || word === 'dport') {
      const test = portTest(word, operands.slice(i + 1));
      if (!test) return FILTER_ERROR;
      ports.push(test.matches);
      i += test.words;
    } else if (!['and', '&&', '(', ')'].includes(word)) {
      return FILTER_ERROR;
    }
  }
  return { tables, families: families.size > 0 ? families : new Set([4, 6]), states, ports };
}

const COMPARISONS: Readonly<Record<string, (a: number, b: number) => boolean>> = {
  '=': (a, b) => a === b, '==': (a, b) => a === b, eq: (a, b) => a === b, '!=': (a, b) => a !== b, ne: (a, b) => a !== b, neq: (a, b) => a !== b,
  '<': (a, b) => a < b, lt: (a, b) => a < b, '>': (a, b) => a > b, gt: (a, b) => a > b, '<=': (a, b) => a <= b, le: (a, b) => a <= b,
  '>=': (a, b) => a >= b, ge: (a, b) => a >= b,
};

/** `sport = :6443` (the operator may be left out, meaning `=`): the test, and how many words it took after `sport`. */
function portTest(which: 'sport' | 'dport', words: readonly string[]): { matches: (s: ListeningSocket) => boolean; words: number } | undefined {
  const compare = Object.hasOwn(COMPARISONS, words[0] ?? '') ? COMPARISONS[words[0]] : undefined;
  const value = compare ? words[1] : words[0];
  const port = /^:?(\d+)$/.exec(value ?? '')?.[1];
  if (port === undefined) return undefined;
  const test = compare ?? COMPARISONS['='];
  // A listening socket's peer port is 0.
  return { matches: (s) => test(which === 'sport' ? s.port : 0, Number(port)), words: compare ? 2 : 1 };
}

function selected(socket: ListeningSocket, selection: Selection): boolean {
  return selection.tables.has(socket.protocol) && selection.states.has('listening') && selection.families.has(socket.ipv6 ? 6 : 4)
    && selection.ports.every((test) => test(socket));
}

/** Netid, State, Recv-Q, Send-Q, local address and port, peer address and port, Process. */
type Row = readonly [string, string, string, string, string, string, string, string, string];

const HEADER: Row = ['Netid', 'State', 'Recv-Q', 'Send-Q', 'Local Address:', 'Port', 'Peer Address:', 'Port', 'Process'];
const RIGHT_ALIGNED = new Set([4, 6]);
/** Each column's left delimiter: one space, none between an address and its port, nor before Process. */
const DELIMITERS = ['', ' ', ' ', ' ', ' ', '', ' ', '', ''];

function socketRow(socket: ListeningSocket, service: (port: number) => string, processes: boolean): Row {
  const local = socket.ipv6 ? (socket.v6only ? '[::]' : '*') : socket.address;
  const peer = socket.ipv6 ? (socket.v6only ? '[::]' : '*') : '0.0.0.0';
  const users = processes ? ` users:(${user(socket.process, socket.fd)})` : '';
  return ['tcp', 'LISTEN', '0'.padEnd(6), String(socket.backlog).padEnd(6), `${local}:`, service(socket.port), `${peer}:`, '*', users];
}

function user(process: ProcessInfo, fd: number): string {
  return `("${commandName(process)}",pid=${process.pid},fd=${fd})`;
}

/** The rows laid out as ss renders them when not writing to a terminal. */
function ssTable(header: readonly Row[], rows: readonly Row[], shown: { netid: boolean; state: boolean }): string {
  const columns = [...Array(HEADER.length).keys()].filter((c) => (c !== 0 || shown.netid) && (c !== 1 || shown.state));
  const all = [...header, ...rows];
  // The last cell written is never measured: ss updates a column's width when it moves past the cell.
  const measured = (row: number, column: number) => !(row === all.length - 1 && column === HEADER.length - 1 && rows.length > 0);
  let first = true;
  const widths = new Map(columns.map((c) => {
    const longest = Math.max(0, ...all.filter((_, r) => measured(r, c)).map((row) => row[c].length));
    const width = longest > 0 && !first ? longest + DELIMITERS[c].length : longest;
    if (width > 0) first = false;
    return [c, width];
  }));
  return all.map((row) => columns.map((c, i) => {
    const delimiter = i === 0 ? '' : DELIMITERS[c];
    const width = widths.get(c)!;
    if (RIGHT_ALIGNED.has(c)) return delimiter + row[c].padStart(width - delimiter.length);
    return (delimiter + row[c]).padEnd(width);
  }).join('')).map((line) => `${line}\n`).join('');
}

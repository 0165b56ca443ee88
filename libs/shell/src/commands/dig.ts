/**
 * `dig [@SERVER] NAME [TYPE] [+short]` (bind-tools, which debugging images
 * such as dnsutils ship) answering A queries from cluster DNS.
 */
import { type CommandContext } from './command-context.js';

const RESOLV_CONF = '/etc/resolv.conf';
const FALLBACK_SERVER = '127.0.0.1';
const TTL = 30;
/** dig's wait for each of its three tries at a server that does not answer (+timeout=5), in lab seconds. */
const TIMEOUT_SECONDS = 5;
const QUERY_OPTIONS = new Set(['short', 'noall', 'answer', 'search', 'nosearch', 'nocmd', 'nostats', 'nocomments', 'noquestion']);

/** Looks NAME up; like dig, status 0 whether or not the name exists, 1 for bad usage. */
export async function dig(context: CommandContext): Promise<number> {
  let server: string | undefined;
  let name: string | undefined;
  let type = 'A';
  const options = new Set<string>();
  for (const arg of context.args) {
    if (arg.startsWith('@')) server = arg.slice(1);
    else if (arg.startsWith('+')) {
      const option = arg.slice(1).split('=')[0];
      if (!QUERY_OPTIONS.has(option)) return invalid(context, `Invalid option: ${arg}`);
      options.add(option);
    } else if (arg.startsWith('-')) return invalid(context, `Invalid option: ${arg}`);
    else if (/^(A|AAAA|CNAME|MX|NS|PTR|SRV|TXT|SOA|ANY)$/i.test(arg) && name !== undefined) type = arg.toUpperCase();
    else if (name === undefined) name = arg;
    else return invalid(context, `Invalid option: ${arg}`);
  }
  if (name === undefined) name = '.';
  const nameserver = server ?? configuredServer(context);
  if (!(await context.runtime.nameserverAnswers(nameserver))) {
    await context.runtime.sleep(TIMEOUT_SECONDS * 3);
    context.stdout(`\n; <<>> DiG 9.18.24 <<>> ${context.args.join(' ')}\n;; global options: +cmd\n;; connection timed out; no servers could be reached\n`);
    return 9;
  }
  const address = type === 'A' && name !== '.' ? await context.runtime.lookup(name) : undefined;
  const fqdn = name.endsWith('.') ? name : `${name}.`;
  if (options.has('short')) {
    if (address !== undefined) context.stdout(`${address}\n`);
    return 0;
  }
  const status = address === undefined && type === 'A' ? 'NXDOMAIN' : 'NOERROR';
  const answers = address === undefined ? 0 : 1;
  const now = context.runtime.now();
  let out = '';
  if (!options.has('nocmd') && !options.has('noall')) out += `\n; <<>> DiG 9.18.24 <<>> ${context.args.join(' ')}\n;; global options: +cmd\n`;
  if (!options.has('noall') && !options.has('nocomments')) {
    out += `;; Got answer:\n;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${queryId(name)}\n`;
    out += `;; flags: qr aa rd; QUERY: 1, ANSWER: ${answers}, AUTHORITY: 0, ADDITIONAL: 1\n;; WARNING: recursion requested but not available\n\n`;
    out += `;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n`;
  }
  if (!options.has('noall') && !options.has('noquestion')) out += `;; QUESTION SECTION:\n;${fqdn}\t\t\tIN\t${type}\n\n`;
  if (address !== undefined && (!options.has('noall') || options.has('answer'))) {
    out += `${options.has('noall') ? '' : ';; ANSWER SECTION:\n'}${fqdn}\t\t${TTL}\tIN\tA\t${address}\n${options.has('noall') ? '' : '\n'}`;
  }
  if (!options.has('noall') && !options.has('nostats')) {
    out += `;; Query time: 0 msec\n;; SERVER: ${nameserver}#53(${nameserver}) (UDP)\n;; WHEN: ${when(now)}\n;; MSG SIZE  rcvd: ${fqdn.length * 2 + 40}\n\n`;
  }
  context.stdout(out);
  return 0;
}

function invalid(context: CommandContext, message: string): number {
  context.stderr(`${message}\nUsage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n`);
  return 1;
}

function configuredServer(context: CommandContext): string {
  if (!context.fs.isFile(RESOLV_CONF)) return FALLBACK_SERVER;
  const line = context.fs.read(RESOLV_CONF).split('\n').find((entry) => /^\s*nameserver\s+\S/.test(entry));
  return line?.trim().split(/\s+/)[1] ?? FALLBACK_SERVER;
}

function queryId(name: string): number {
  let hash = 7;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) % 65_536;
  return hash;
}

/** dig's `WHEN:` stamp, `Wed Jan 01 12:00:00 UTC 2025`. */
function when(time: Date): string {
  const [weekday, day, month, year, clock] = time.toUTCString().replace(',', '').split(' ');
  return `${weekday} ${month} ${day} ${clock} UTC ${year}`;
}

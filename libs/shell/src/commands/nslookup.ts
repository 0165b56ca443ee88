/**
 * `nslookup NAME [SERVER]`, printed the way busybox prints it, because init
 * containers in the Kubernetes docs wait with `until nslookup myservice; …`
 * and learners read this output in `kubectl logs`.
 */
import { usage, type CommandContext } from './command-context.js';

const RESOLV_CONF = '/etc/resolv.conf';
const FALLBACK_SERVER = '127.0.0.1';

/** How long the resolver waits for a server that does not answer (busybox: two tries of 5 s), in lab seconds. */
const TIMEOUT_SECONDS = 10;

/** Looks NAME up in cluster DNS: status 0 with its address, 1 with NXDOMAIN or when no server answers. */
export async function nslookup(context: CommandContext): Promise<number> {
  const [name, server = nameserver(context)] = context.args;
  if (name === undefined || name.startsWith('-')) return usage(context, 'HOST [DNS_SERVER]');
  return printsLegacyFormat(context.runtime.busyboxVersion) ? legacyLookup(context, name, server) : lookup(context, name, server);
}

/** busybox 1.29 and later: the server with its port, then `Name:`/`Address:` or NXDOMAIN, as the resolver answered. */
async function lookup(context: CommandContext, name: string, server: string): Promise<number> {
  if (!(await context.runtime.nameserverAnswers(server))) {
    await context.runtime.sleep(TIMEOUT_SECONDS);
    context.stdout(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  context.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const address = await context.runtime.lookup(name);
  if (address === undefined) {
    context.stdout(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  context.stdout(`Name:\t${name}\nAddress: ${address}\n\n`);
  return 0;
}

/**
 * busybox 1.28 and older (the DNS debugging page's busybox:1.28): each host as `%-10s %s` and its numbered
 * addresses, through the system resolver; a name it cannot resolve, or a server that never answers (after
 * the resolver's timeout), is an error on stderr.
 */
async function legacyLookup(context: CommandContext, name: string, server: string): Promise<number> {
  if (!(await context.runtime.nameserverAnswers(server))) await context.runtime.sleep(TIMEOUT_SECONDS);
  context.stdout(`Server:    ${server}\nAddress 1: ${server}\n\n`);
  const address = await context.runtime.lookup(name);
  if (address === undefined) {
    context.stderr(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  context.stdout(`${'Name:'.padEnd(10)} ${name}\nAddress 1: ${address}\n`);
  return 0;
}

/** True for a BusyBox release before 1.29, whose nslookup was rewritten. */
function printsLegacyFormat(version: string | undefined): boolean {
  if (version === undefined) return false;
  const [major = 0, minor = 0] = version.split('.').map(Number);
  return major < 1 || (major === 1 && minor < 29);
}

/** The first `nameserver` in /etc/resolv.conf (the kubelet points it at cluster DNS). */
function nameserver(context: CommandContext): string {
  if (!context.fs.isFile(RESOLV_CONF)) return FALLBACK_SERVER;
  const line = context.fs
    .read(RESOLV_CONF)
    .split('\n')
    .find((entry) => /^\s*nameserver\s+\S/.test(entry));
  return line?.trim().split(/\s+/)[1] ?? FALLBACK_SERVER;
}

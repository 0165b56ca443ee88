/**
 * `nslookup NAME [SERVER]`, printed the way busybox prints it, because init
 * containers in the Kubernetes docs wait with `until nslookup myservice; …`
 * and learners read this output in `kubectl logs`.
 */
import { usage, type CommandContext } from './command-context.js';

const RESOLV_CONF = '/etc/resolv.conf';
const FALLBACK_SERVER = '127.0.0.1';

/** Looks NAME up in cluster DNS: status 0 with its address, 1 with NXDOMAIN. */
export async function nslookup(context: CommandContext): Promise<number> {
  const [name, server = nameserver(context)] = context.args;
  if (name === undefined || name.startsWith('-')) return usage(context, 'HOST [DNS_SERVER]');
  context.stdout(`Server:\t\t${server}\nAddress:\t${server}:53\n\n`);
  const address = await context.runtime.lookup(name);
  if (address === undefined) {
    context.stdout(`** server can't find ${name}: NXDOMAIN\n\n`);
    return 1;
  }
  context.stdout(`Name:\t${name}\nAddress: ${address}\n\n`);
  return 0;
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

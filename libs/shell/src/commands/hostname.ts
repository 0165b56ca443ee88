/**
 * `hostname [-sfdi]`: the pod name (HOSTNAME); -f the fully qualified name
 * /etc/hosts gives it (the kubelet writes `IP web-0.nginx.default.svc.cluster.local web-0`
 * for a pod with a subdomain), -s and -d its parts, -i the address it resolves to.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOptions } from './options.js';
import { resolveHost } from './resolve-host.js';

/** Prints the container's host name, taken from HOSTNAME as the kubelet sets it. */
export async function hostname(context: CommandContext): Promise<number> {
  const parsed = parseOptions(context.args, { flags: 'sfdi' });
  if ('error' in parsed) return complain(context, parsed.error);
  const name = context.env.HOSTNAME ?? 'localhost';
  if (parsed.flags.has('i')) {
    const address = await resolveHost(context, name);
    if (address === undefined) return complain(context, `${name}: Name or service not known`);
    context.stdout(`${address}\n`);
    return 0;
  }
  const fqdn = fullyQualified(context, name);
  const dot = fqdn.indexOf('.');
  if (parsed.flags.has('f')) context.stdout(`${fqdn}\n`);
  else if (parsed.flags.has('d')) context.stdout(`${dot < 0 ? '' : fqdn.slice(dot + 1)}\n`);
  else if (parsed.flags.has('s')) context.stdout(`${name.split('.')[0]}\n`);
  else context.stdout(`${name}\n`);
  return 0;
}

/** The canonical (first) name on the /etc/hosts line that lists `name`, as gethostbyname reports it. */
function fullyQualified(context: CommandContext, name: string): string {
  if (!context.fs.isFile('/etc/hosts')) return name;
  for (const line of context.fs.read('/etc/hosts').split('\n')) {
    const names = line.replace(/#.*/, '').trim().split(/\s+/).slice(1);
    if (names.includes(name)) return names[0];
  }
  return name;
}

/** `hostname [-i]`: the pod name (HOSTNAME), or with -i the address it resolves to. */
import { complain, type CommandContext } from './command-context.js';
import { parseOptions } from './options.js';
import { resolveHost } from './resolve-host.js';

/** Prints the container's host name, taken from HOSTNAME as the kubelet sets it. */
export async function hostname(context: CommandContext): Promise<number> {
  const parsed = parseOptions(context.args, { flags: 'i' });
  if ('error' in parsed) return complain(context, parsed.error);
  const name = context.env.HOSTNAME ?? 'localhost';
  if (!parsed.flags.has('i')) {
    context.stdout(`${name}\n`);
    return 0;
  }
  const address = await resolveHost(context, name);
  if (address === undefined) return complain(context, `${name}: Name or service not known`);
  context.stdout(`${address}\n`);
  return 0;
}

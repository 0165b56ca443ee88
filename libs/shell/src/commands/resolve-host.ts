/**
 * Name resolution as the C library does it for wget, curl and `hostname -i`:
 * an IP literal is itself, /etc/hosts comes first (the kubelet writes the
 * pod's own name there), then cluster DNS.
 */
import type { CommandContext } from './command-context.js';

const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

/** The address `host` resolves to, or undefined when it does not resolve. */
export async function resolveHost(context: CommandContext, host: string): Promise<string | undefined> {
  if (IPV4.test(host)) return host;
  return hostsFileAddress(context, host) ?? (await context.runtime.lookup(host));
}

/** The address /etc/hosts gives `host`, or undefined: what `ip` in a pod reads its own address from (the kubelet's line for the pod). */
export function hostsFileAddress(context: Pick<CommandContext, 'fs'>, host: string): string | undefined {
  if (!context.fs.isFile('/etc/hosts')) return undefined;
  for (const line of context.fs.read('/etc/hosts').split('\n')) {
    const [address, ...names] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (address && names.includes(host)) return address;
  }
  return undefined;
}

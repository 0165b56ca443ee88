/**
 * Port numbers to service names, as getservbyport reads them from /etc/services: what `ss` and `netstat` print for a
 * port unless told -n. A node's disk without the file (a kind node has no netbase) leaves every port a number.
 */
import type { MemoryFs } from '../fs/memory-fs.js';

/** The name /etc/services gives `port` over TCP, or the number; 0 is `*`. */
export function serviceName(fs: MemoryFs, port: number): string {
  if (port === 0) return '*';
  if (!fs.isFile('/etc/services')) return String(port);
  for (const line of fs.read('/etc/services').split('\n')) {
    const [name, portProtocol] = line.replace(/#.*/, '').trim().split(/\s+/);
    if (portProtocol === `${port}/tcp`) return name;
  }
  return String(port);
}

/** `kubectl get endpoints`: NAME ENDPOINTS AGE. */
import type { Endpoints } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

const shown = 3;

const subsetsDescription =
  'The set of all endpoints is the union of all subsets. Addresses are placed into subsets according to the IPs they share. A single address with multiple ports, some of which are ready and some of which are not (because they come from different containers) will result in the address being displayed in different subsets for the different ports. No address will appear in both Addresses and NotReadyAddresses in the same subset. Sets of addresses and ports that comprise a service.';

/** net.JoinHostPort: IPv6 hosts go in brackets. */
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `10.244.1.5:80,10.244.2.3:80` (ready addresses × ports), the first three then `+ N more...`, or "<none>". */
export function formatEndpoints(endpoints: Endpoints): string {
  const subsets = endpoints.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const entries: string[] = [];
  for (const subset of subsets) {
    const ips = (subset.addresses ?? []).map((a) => a.ip);
    const ports = subset.ports ?? [];
    if (ports.length === 0) entries.push(...ips);
    else for (const port of ports) entries.push(...ips.map((ip) => joinHostPort(ip, port.port)));
  }
  const text = entries.slice(0, shown).join(',');
  return entries.length > shown ? `${text} + ${entries.length - shown} more...` : text;
}

/** Prints endpoints. */
export const endpointsPrinter: KindPrinter = {
  columns: [nameColumn, column('Endpoints', subsetsDescription), ageColumn],
  print(obj, now) {
    const endpoints = obj as Endpoints;
    return { cells: [endpoints.metadata?.name ?? '', formatEndpoints(endpoints), ageSince(endpoints.metadata?.creationTimestamp, now)] };
  },
};

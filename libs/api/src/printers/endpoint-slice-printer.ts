/** `kubectl get endpointslices`: NAME ADDRESSTYPE PORTS ENDPOINTS AGE. */
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { EndpointSlice } from '../typed-objects.js';
import type { KindPrinter } from './kind-printer.js';

const shown = 3;

/** The first three entries, then `+ N more...`; "<unset>" when there are none. */
function listWithMore(entries: string[]): string {
  const text = entries.slice(0, shown).join(',');
  if (entries.length > shown) return `${text} + ${entries.length - shown} more...`;
  return text || '<unset>';
}

/** Port numbers, or the port's name (or `*`) when it has no number. */
export function formatSlicePorts(ports: readonly { port?: number; name?: string }[] | null | undefined): string {
  return listWithMore((ports ?? []).map((p) => (p.port !== undefined && p.port !== null ? String(p.port) : p.name ?? '*')));
}

/** Every address of every endpoint, ready or not. */
export function formatSliceEndpoints(endpoints: readonly { addresses?: string[] }[] | null | undefined): string {
  if (!endpoints?.length) return '<unset>';
  return listWithMore(endpoints.flatMap((e) => e.addresses ?? []));
}

/** Prints endpoint slices. */
export const endpointSlicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('AddressType', 'addressType specifies the type of address carried by this EndpointSlice. All addresses in this slice must be the same type. This field is immutable after creation. The following address types are currently supported: * IPv4: Represents an IPv4 Address. * IPv6: Represents an IPv6 Address. * FQDN: Represents a Fully Qualified Domain Name.'),
    column('Ports', 'ports specifies the list of network ports exposed by each endpoint in this slice. Each port must have a unique name. When ports is empty, it indicates that there are no defined ports. When a port is defined with a nil port value, it indicates "all ports". Each slice may include a maximum of 100 ports.'),
    column('Endpoints', 'endpoints is a list of unique endpoints in this slice. Each slice may include a maximum of 1000 endpoints.'),
    ageColumn,
  ],
  print(obj, now) {
    const slice = obj as EndpointSlice;
    return { cells: [slice.metadata?.name ?? '', slice.addressType ?? '', formatSlicePorts(slice.ports), formatSliceEndpoints(slice.endpoints), ageSince(slice.metadata?.creationTimestamp, now)] };
  },
};

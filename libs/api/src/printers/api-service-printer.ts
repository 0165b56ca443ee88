/**
 * `kubectl get apiservices`: NAME SERVICE AVAILABLE AGE, kube-aggregator's own table convertor.
 * SERVICE is `namespace/name` or "Local"; AVAILABLE the Available condition's status, with its
 * reason when it is not True ("False (MissingEndpoints)"), or "Unknown" without one.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** The apiregistration.k8s.io/v1 fields the printer reads. */
interface APIService {
  metadata?: ObjectMeta;
  spec?: { service?: { namespace?: string; name?: string } | null };
  status?: { conditions?: { type: string; status: string; reason?: string }[] };
}

/** The AVAILABLE cell. */
export function apiServiceAvailability(apiService: APIService): string {
  const available = apiService.status?.conditions?.find((c) => c.type === 'Available');
  if (!available) return 'Unknown';
  if (available.status !== 'True' && available.reason) return `${available.status} (${available.reason})`;
  return available.status;
}

/** Prints APIServices. */
export const apiServicePrinter: KindPrinter = {
  columns: [
    nameColumn,
    column('Service', 'The reference to the service that hosts this API endpoint.'),
    column('Available', 'Whether this service is available.'),
    ageColumn,
  ],
  print(obj, now) {
    const apiService = obj as APIService;
    const service = apiService.spec?.service;
    return {
      cells: [
        apiService.metadata?.name ?? '',
        service ? `${service.namespace ?? ''}/${service.name ?? ''}` : 'Local',
        apiServiceAvailability(apiService),
        ageSince(apiService.metadata?.creationTimestamp, now),
      ],
    };
  },
};

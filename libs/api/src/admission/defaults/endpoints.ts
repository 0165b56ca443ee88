/**
 * Endpoints defaults (SetDefaults_Endpoints): every port's protocol is TCP unless given.
 */
import { isPlainObject } from '../../object.js';
import type { Endpoints } from '../../typed-objects.js';

/** Fills Endpoints' defaults in place. */
export function defaultEndpoints(endpoints: Endpoints): void {
  for (const subset of Array.isArray(endpoints.subsets) ? endpoints.subsets : []) {
    for (const port of Array.isArray(subset?.ports) ? subset.ports : []) {
      if (isPlainObject(port)) port.protocol ||= 'TCP';
    }
  }
}

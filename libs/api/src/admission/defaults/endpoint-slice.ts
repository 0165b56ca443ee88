/**
 * discovery.k8s.io/v1 EndpointSlice defaults (SetDefaults_EndpointPort): every
 * port's protocol is TCP and its name "" unless given.
 */
import { isPlainObject } from '../../object.js';
import type { EndpointSlice } from '../../typed-objects.js';

/** Fills EndpointSlice defaults in place. */
export function defaultEndpointSlice(slice: EndpointSlice): void {
  for (const port of Array.isArray(slice.ports) ? slice.ports : []) {
    if (!isPlainObject(port)) continue;
    port.protocol ||= 'TCP';
    port.name ??= '';
  }
}

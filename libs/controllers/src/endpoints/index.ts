/** The Endpoints controller: pure decisions for the controller-manager's Endpoints shell. */
export { desiredEndpoints } from './desired-endpoints.js';
export { endpointsEqual } from './endpoints-equal.js';
export type { EndpointAddress, EndpointPort } from './pod-endpoint.js';
export type { EndpointSubset } from './repack-subsets.js';
export { planEndpointSlices, MANAGED_BY, MANAGED_BY_LABEL, SERVICE_NAME_LABEL, type EndpointSlicePlan, type SlicePort } from './desired-endpoint-slices.js';

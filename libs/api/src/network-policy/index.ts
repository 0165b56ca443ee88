/** NetworkPolicy enforcement as a policy-enforcing CNI decides it, one connection at a time. */
export { connectionAllowed, type ConnectionVerdict, type NetworkDestination, type NetworkEndpoint, type PolicyDirection } from './connection-allowed.js';

/** NetworkPolicy enforcement as a policy-enforcing CNI decides it, one connection at a time, and the drops explained. */
export {
  connectionAllowed, connectionDenials, type ConnectionDenial, type ConnectionVerdict, type NetworkDestination, type NetworkEndpoint, type PolicyDirection,
} from './connection-allowed.js';
export { connectionDrop, dropEndName, dropKey, reportedDrop, type ConnectionDrop, type DropDenial, type DropEnd } from './connection-drop.js';

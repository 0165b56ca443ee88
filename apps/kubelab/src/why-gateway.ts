/**
 * What `kubelab why` says of an HTTPRoute or a Gateway that does not serve: the status conditions its Gateway controller
 * set against it, as the Gateway API words them (an HTTPRoute's per parent Gateway, a Gateway's and each listener's), the
 * failed ones with their reason and message; and, for a route no controller has taken up, which Gateways it names.
 */
import type { LogObject } from '@kubelab/event-log';
import { gatewayGroup, type Condition, type Gateway, type HTTPRoute } from './host-ports/gateway-api.js';

/** For these conditions True is the trouble (a listener Conflicted, a route PartiallyInvalid); for the others False is. */
const troubleWhenTrue = new Set(['Conflicted', 'PartiallyInvalid', 'OverlappingTLSConfig']);

const failing = (conditions: readonly Condition[] | undefined) =>
  (conditions ?? []).filter((c) => (troubleWhenTrue.has(c.type) ? c.status === 'True' : c.status !== 'True'));

const said = (c: Condition) => `${c.type} is ${c.status} (${c.reason})${c.message ? `: ${c.message}` : ''}`;

/** The lines for `object` (the newest state the log holds), none for a kind other than HTTPRoute and Gateway. */
export function gatewayApiLines(kind: string, object: LogObject): string[] {
  if (kind === `HTTPRoute.${gatewayGroup}`) return routeLines(object as HTTPRoute);
  if (kind === `Gateway.${gatewayGroup}`) return gatewayLines(object as Gateway);
  return [];
}

function routeLines(route: HTTPRoute): string[] {
  const name = `HTTPRoute ${route.metadata.namespace}/${route.metadata.name}`;
  const parents = route.status?.parents ?? [];
  if (parents.length === 0) {
    const named = (route.spec?.parentRefs ?? []).map((p) => `${p.kind ?? 'Gateway'} ${p.namespace ?? route.metadata.namespace}/${p.name}`);
    return [`${name} is not served: no Gateway controller has taken it up; it names ${named.join(', ') || 'no parent'} (kubectl get gateway,gatewayclass shows whether they exist and are Accepted)`];
  }
  return parents.flatMap((parent) => {
    const through = `${parent.parentRef.kind ?? 'Gateway'} ${parent.parentRef.namespace ?? route.metadata.namespace}/${parent.parentRef.name}`;
    const bad = failing(parent.conditions);
    if (bad.length === 0) return [`${name} is served through ${through} (${parent.controllerName})`];
    return [`${name} does not route through ${through}:`, ...bad.map((c) => `  ${said(c)}`)];
  });
}

function gatewayLines(gateway: Gateway): string[] {
  const name = `Gateway ${gateway.metadata.namespace}/${gateway.metadata.name}`;
  if (!gateway.status?.conditions?.length) return [`${name} is not served: no controller of GatewayClass ${gateway.spec?.gatewayClassName} has taken it up (kubectl get gatewayclass)`];
  const bad = failing(gateway.status.conditions);
  const listeners = (gateway.status.listeners ?? []).flatMap((l) => failing(l.conditions).map((c) => `  listener ${l.name}: ${said(c)}`));
  if (bad.length === 0 && listeners.length === 0) return [`${name} is programmed at ${gateway.status.addresses?.map((a) => a.value).join(', ') || 'no address'}`];
  return [`${name} is not wholly served:`, ...bad.map((c) => `  ${said(c)}`), ...listeners];
}

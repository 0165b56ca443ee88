import { describe, expect, it } from 'vitest';
import type { LogObject } from '@kubelab/event-log';
import { gatewayApiLines } from './why-gateway.js';

const at = '2026-11-25T21:00:00Z';
const condition = (type: string, status: string, reason: string, message = '') => ({ type, status, reason, message, lastTransitionTime: at });
const route = (status?: unknown) => ({
  apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'across', namespace: 'shop' },
  spec: { parentRefs: [{ name: 'web' }] }, ...(status ? { status } : {}),
}) as unknown as LogObject;
const routeKind = 'HTTPRoute.gateway.networking.k8s.io';

describe('why an HTTPRoute or a Gateway does not serve', () => {
  it('names each parent Gateway a route does not route through, with the failed conditions in the spec\'s words', () => {
    const parents = [{
      parentRef: { name: 'web' }, controllerName: 'kubelab.dev/gateway-controller',
      conditions: [condition('Accepted', 'True', 'Accepted'), condition('ResolvedRefs', 'False', 'RefNotPermitted', 'backendRef elsewhere/api is not permitted by any ReferenceGrant')],
    }];
    expect(gatewayApiLines(routeKind, route({ parents }))).toEqual([
      'HTTPRoute shop/across does not route through Gateway shop/web:',
      '  ResolvedRefs is False (RefNotPermitted): backendRef elsewhere/api is not permitted by any ReferenceGrant',
    ]);
    parents[0].conditions[1] = condition('ResolvedRefs', 'True', 'ResolvedRefs');
    expect(gatewayApiLines(routeKind, route({ parents }))).toEqual(['HTTPRoute shop/across is served through Gateway shop/web (kubelab.dev/gateway-controller)']);
  });

  it('says when no controller took a route or a Gateway up, and which listener of a Gateway fails', () => {
    expect(gatewayApiLines(routeKind, route())[0]).toMatch(/^HTTPRoute shop\/across is not served: no Gateway controller has taken it up; it names Gateway shop\/web/);
    const gateway = (status?: unknown) => ({ kind: 'Gateway', metadata: { name: 'web', namespace: 'shop' }, spec: { gatewayClassName: 'example', listeners: [] }, ...(status ? { status } : {}) }) as unknown as LogObject;
    expect(gatewayApiLines('Gateway.gateway.networking.k8s.io', gateway())).toEqual(['Gateway shop/web is not served: no controller of GatewayClass example has taken it up (kubectl get gatewayclass)']);
    expect(gatewayApiLines('Gateway.gateway.networking.k8s.io', gateway({
      conditions: [condition('Accepted', 'True', 'ListenersNotValid'), condition('Programmed', 'True', 'Programmed')],
      listeners: [{ name: 'tcp', supportedKinds: [], attachedRoutes: 0, conditions: [condition('Accepted', 'False', 'UnsupportedProtocol', 'TCP is not supported'), condition('Conflicted', 'False', 'NoConflicts')] }],
    }))).toEqual(['Gateway shop/web is not wholly served:', '  listener tcp: Accepted is False (UnsupportedProtocol): TCP is not supported']);
    expect(gatewayApiLines('Pod', route())).toEqual([]);
  });
});

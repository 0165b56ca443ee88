import { describe, expect, it } from 'vitest';
import type { EndpointSlice } from '@kubelab/api';
import { podAt, ReachedPods } from './reached-pods.js';

const slice = {
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'web-abc', namespace: 'shop' }, addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'], targetRef: { kind: 'Pod', name: 'web-1' } }, { addresses: ['10.244.2.6'], targetRef: { kind: 'Pod', name: 'web-2' } }],
} as EndpointSlice;

describe('the pods requests from the host reached', () => {
  it('counts each pod per object the requests came in through, most first, naming a pod by its slice and else by its address', () => {
    const reached = new ReachedPods((ip) => podAt([slice], ip));
    for (const ip of ['10.244.1.5', '10.244.2.6', '10.244.2.6', '10.244.9.9']) reached.record('Gateway shop/web', { ip, port: 80, node: 'node-1' });
    reached.record('Service shop/web', { ip: '10.244.1.5', port: 80, node: 'node-1' });
    expect(reached.of('Gateway shop/web')).toEqual([{ pod: 'web-2', requests: 2 }, { pod: '10.244.9.9', requests: 1 }, { pod: 'web-1', requests: 1 }]);
    expect(reached.of('Service shop/web')).toEqual([{ pod: 'web-1', requests: 1 }]);
    expect(reached.of('Ingress shop/web')).toEqual([]);
  });
});

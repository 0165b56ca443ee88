import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { PodIpAllocator, sandboxAddress } from './pod-ips.js';

const pod = (spec: Pod['spec']): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

describe('sandboxAddress', () => {
  it('gives a pod on the host network the node\'s address and takes none from the pod CIDR', () => {
    const ips = new PodIpAllocator('10.244.1.0/24');
    expect(sandboxAddress(pod({ hostNetwork: true, hostPID: true, hostIPC: true, containers: [] }), '172.18.0.3', ips)).toBe('172.18.0.3');
    expect(sandboxAddress(pod({ containers: [] }), '172.18.0.3', ips)).toBe('10.244.1.2');
  });

  it('leaves the pod CIDR alone when a host-network pod\'s address is released', () => {
    const ips = new PodIpAllocator('10.244.1.0/24');
    ips.release('172.18.0.3');
    ips.claim('172.18.0.3');
    expect(ips.allocate()).toBe('10.244.1.2');
  });
});

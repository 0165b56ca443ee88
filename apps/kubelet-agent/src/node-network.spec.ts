import type { Node, Pod } from '@kubelab/api';
import type { CriSandbox } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { kindnetRoutes, nodeNetwork, nodeRouteView, podInterfaces } from './node-network.js';

const node = (name: string, podCIDR: string | undefined, address: string | undefined): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  spec: { ...(podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {}) },
  status: { addresses: [...(address ? [{ type: 'InternalIP', address }] : []), { type: 'Hostname', address: name }], capacity: { cpu: '4' } },
});
const sandbox = (id: string, uid: string, ready = true): CriSandbox => ({ id: id.padEnd(64, '0'), uid, ready, name: uid, namespace: 'default', createdAt: new Date(0) });
const pod = (ip: string | undefined, hostNetwork = false): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [], hostNetwork }, status: { podIP: ip } });

describe('a node\'s network', () => {
  it('keeps of a Node only what kindnet routes by', () => {
    expect(nodeRouteView(node('node-1', '10.244.1.0/24', '172.18.0.3'))).toEqual({
      apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, spec: { podCIDR: '10.244.1.0/24' },
      status: { addresses: [{ type: 'InternalIP', address: '172.18.0.3' }, { type: 'Hostname', address: 'node-1' }] },
    });
  });

  it('routes every other node\'s pod range through its InternalIP, leaving out itself and a node without either', () => {
    const nodes = [node('controlplane', '10.244.0.0/24', '172.18.0.2'), node('node-1', '10.244.1.0/24', '172.18.0.3'), node('node-2', undefined, '172.18.0.4')];
    expect(kindnetRoutes('node-1', nodes)).toEqual([{ podCidr: '10.244.0.0/24', address: '172.18.0.2' }]);
  });

  it('gives a veth to each ready sandbox of a pod on the pod network that has its address', () => {
    const pods = new Map([['web', pod('10.244.1.2')], ['proxy', pod('172.18.0.3', true)], ['new', pod(undefined)], ['gone', pod('10.244.1.3')]]);
    const runtime = { sandboxes: () => [sandbox('aa', 'web'), sandbox('bb', 'proxy'), sandbox('cc', 'new'), sandbox('dd', 'gone', false)], pod: (uid: string) => pods.get(uid) };
    expect(podInterfaces(runtime)).toEqual([{ sandboxId: 'aa'.padEnd(64, '0'), podIP: '10.244.1.2' }]);
  });

  it('puts node N at 172.18.0.N+2/16 with pod range 10.244.N.0/24, behind the lab network\'s gateway', () => {
    const network = nodeNetwork('node-1', 1, { nodes: () => [], pods: { sandboxes: () => [], pod: () => undefined }, processes: () => [] });
    expect(network).toMatchObject({ address: '172.18.0.3', prefixLength: 16, gateway: '172.18.0.1', podCidr: '10.244.1.0/24' });
  });
});

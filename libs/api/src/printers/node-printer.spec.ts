import type { Node } from 'kubernetes-types/core/v1';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { nodePrinter } from './node-printer.js';

const now = new Date('2024-05-01T12:00:00Z');

function node(labels: Record<string, string>, spec: Node['spec'], status: Node['status']): KubeObject {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels, creationTimestamp: '2024-04-20T12:00:00Z' }, spec, status };
}

const info = {
  kubeletVersion: 'v1.32.4',
  osImage: 'Ubuntu 24.04 LTS',
  kernelVersion: '6.8.0',
  containerRuntimeVersion: 'containerd://1.7.0',
  architecture: 'amd64',
  bootID: '',
  kubeProxyVersion: '',
  machineID: '',
  operatingSystem: 'linux',
  systemUUID: '',
};

describe('nodePrinter', () => {
  it('declares NAME STATUS ROLES AGE VERSION and the wide columns', () => {
    expect(nodePrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Roles:0',
      'Age:0',
      'Version:0',
      'Internal-IP:1',
      'External-IP:1',
      'OS-Image:1',
      'Kernel-Version:1',
      'Container-Runtime:1',
    ]);
  });

  it('prints a ready control-plane node', () => {
    const obj = node(
      { 'node-role.kubernetes.io/control-plane': '' },
      {},
      {
        conditions: [{ type: 'Ready', status: 'True' }],
        addresses: [
          { type: 'Hostname', address: 'node-1' },
          { type: 'InternalIP', address: '172.18.0.2' },
        ],
        nodeInfo: info,
      },
    );
    expect(nodePrinter.print(obj, now).cells).toEqual([
      'node-1',
      'Ready',
      'control-plane',
      '11d',
      'v1.32.4',
      '172.18.0.2',
      '<none>',
      'Ubuntu 24.04 LTS',
      '6.8.0',
      'containerd://1.7.0',
    ]);
  });

  it.each<[string, Node['spec'], Node['status'], string]>([
    ['ready', {}, { conditions: [{ type: 'Ready', status: 'True' }] }, 'Ready'],
    ['not ready', {}, { conditions: [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', status: 'False' }] }, 'NotReady'],
    ['unknown readiness', {}, { conditions: [{ type: 'Ready', status: 'Unknown' }] }, 'NotReady'],
    ['no Ready condition', {}, {}, 'Unknown'],
    ['cordoned', { unschedulable: true }, { conditions: [{ type: 'Ready', status: 'True' }] }, 'Ready,SchedulingDisabled'],
    ['cordoned without conditions', { unschedulable: true }, {}, 'Unknown,SchedulingDisabled'],
  ])('STATUS when %s is %j', (_name, spec, status, expected) => {
    expect(nodePrinter.print(node({}, spec, status), now).cells[1]).toBe(expected);
  });

  it.each<[Record<string, string>, string]>([
    [{}, '<none>'],
    [{ 'node-role.kubernetes.io/worker': '', 'node-role.kubernetes.io/control-plane': '' }, 'control-plane,worker'],
    [{ 'kubernetes.io/role': 'master' }, 'master'],
    [{ 'kubernetes.io/role': '' }, '<none>'],
    [{ 'node-role.kubernetes.io/': 'x' }, '<none>'],
    [{ 'node-role.kubernetes.io/infra': 'true', 'kubernetes.io/role': 'infra' }, 'infra'],
  ])('ROLES for %j is %j', (labels, expected) => {
    expect(nodePrinter.print(node(labels, {}, {}), now).cells[2]).toBe(expected);
  });

  it('prints <unknown> for missing node info', () => {
    expect(nodePrinter.print(node({}, {}, {}), now).cells.slice(4)).toEqual(['', '<none>', '<none>', '<unknown>', '<unknown>', '<unknown>']);
  });
});

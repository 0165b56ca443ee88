import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { networkPolicyPrinter } from './network-policy-printer.js';
import { podDisruptionBudgetPrinter } from './pod-disruption-budget-printer.js';
import { runtimeClassPrinter } from './runtime-class-printer.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, namespace: 'default', creationTimestamp: '2024-05-01T11:58:00Z' });

describe('networkPolicyPrinter', () => {
  it.each<[string, object, string]>([
    ['the test-network-policy of the docs', { podSelector: { matchLabels: { role: 'db' } }, policyTypes: ['Ingress', 'Egress'] }, 'role=db'],
    ['a default-deny policy selecting every pod', { podSelector: {}, policyTypes: ['Ingress'] }, '<none>'],
    ['an expression selector', { podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['db', 'cache'] }] } }, 'tier in (cache,db)'],
  ])('prints %s', (_name, spec, selector) => {
    const obj = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: meta('test-network-policy'), spec } as KubeObject;
    expect(networkPolicyPrinter.print(obj, now).cells).toEqual(['test-network-policy', selector, '2m']);
  });

  it('declares NAME POD-SELECTOR AGE', () => {
    expect(networkPolicyPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Pod-Selector', 'Age']);
    expect(networkPolicyPrinter.columns[1].description).toMatch(/^Selects the pods to which this NetworkPolicy object applies/);
  });
});

describe('podDisruptionBudgetPrinter', () => {
  it('declares ALLOWED DISRUPTIONS as an integer', () => {
    expect(podDisruptionBudgetPrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:string', 'Min Available:string', 'Max Unavailable:string', 'Allowed Disruptions:integer', 'Age:string',
    ]);
  });

  it.each<[string, object, object, unknown[]]>([
    ['zk-pdb with minAvailable', { minAvailable: 2, selector: { matchLabels: { app: 'zookeeper' } } }, { disruptionsAllowed: 1 }, ['zk-pdb', '2', 'N/A', 1, '2m']],
    ['a percentage maxUnavailable', { maxUnavailable: '33%', selector: { matchLabels: { app: 'zookeeper' } } }, {}, ['zk-pdb', 'N/A', '33%', 0, '2m']],
  ])('prints %s', (_name, spec, status, cells) => {
    const obj = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta('zk-pdb'), spec, status } as KubeObject;
    expect(podDisruptionBudgetPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('runtimeClassPrinter', () => {
  it('prints the handler, under a column kube-apiserver leaves undescribed', () => {
    const obj = { apiVersion: 'node.k8s.io/v1', kind: 'RuntimeClass', metadata: { name: 'gvisor', creationTimestamp: '2024-05-01T11:58:00Z' }, handler: 'runsc' } as KubeObject;
    expect(runtimeClassPrinter.print(obj, now).cells).toEqual(['gvisor', 'runsc', '2m']);
    expect(runtimeClassPrinter.columns.map((c) => [c.name, c.description])).toEqual([
      ['Name', expect.stringMatching(/^Name must be unique/)],
      ['Handler', ''],
      ['Age', expect.stringMatching(/^CreationTimestamp/)],
    ]);
  });
});

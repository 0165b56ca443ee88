import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { validatingAdmissionPolicyBindingPrinter, validatingAdmissionPolicyPrinter, webhookConfigurationPrinter } from './admission-printers.js';
import { printerFor } from './kind-printers.js';

const now = new Date('2024-05-01T12:00:00Z');
const meta = (name: string) => ({ name, creationTimestamp: '2024-05-01T11:00:00Z' });

describe('webhookConfigurationPrinter', () => {
  it('serves both webhook configuration kinds with NAME WEBHOOKS AGE', () => {
    expect(printerFor('MutatingWebhookConfiguration')).toBe(webhookConfigurationPrinter);
    expect(printerFor('ValidatingWebhookConfiguration')).toBe(webhookConfigurationPrinter);
    expect(webhookConfigurationPrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Webhooks:integer', 'Age:string']);
    const obj = {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration', metadata: meta('pod-policy.example.com'),
      webhooks: [{ name: 'pod-policy.example.com', clientConfig: { service: { namespace: 'example-namespace', name: 'example-service' } }, admissionReviewVersions: ['v1'], sideEffects: 'None' }],
    } as KubeObject;
    expect(webhookConfigurationPrinter.print(obj, now).cells).toEqual(['pod-policy.example.com', 1, '60m']);
    expect(webhookConfigurationPrinter.print({ ...obj, webhooks: undefined } as KubeObject, now).cells).toEqual(['pod-policy.example.com', 0, '60m']);
  });
});

describe('validatingAdmissionPolicyPrinter', () => {
  it.each<[string, object, unknown[]]>([
    ['the demo-policy of the docs', { matchConstraints: {}, validations: [{ expression: 'object.spec.replicas <= 5' }] }, ['demo-policy.example.com', 1, '<unset>', '60m']],
    ['a parameterised policy', { paramKind: { apiVersion: 'rules.example.com/v1', kind: 'ReplicaLimit' }, validations: [{ expression: 'a' }, { expression: 'b' }] }, ['demo-policy.example.com', 2, 'rules.example.com/v1/ReplicaLimit', '60m']],
  ])('prints %s', (_name, spec, cells) => {
    const obj = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: meta('demo-policy.example.com'), spec } as KubeObject;
    expect(validatingAdmissionPolicyPrinter.print(obj, now).cells).toEqual(cells);
  });
});

describe('validatingAdmissionPolicyBindingPrinter', () => {
  it('declares NAME POLICYNAME PARAMREF AGE', () => {
    expect(validatingAdmissionPolicyBindingPrinter.columns.map((c) => c.name)).toEqual(['Name', 'PolicyName', 'ParamRef', 'Age']);
  });

  it.each<[string, object | undefined, string]>([
    ['no param', undefined, '<unset>'],
    ['a namespaced param', { name: 'replica-limit-test.example.com', namespace: 'default', parameterNotFoundAction: 'Deny' }, 'default/replica-limit-test.example.com'],
    ['a param in the request namespace', { name: 'limit', parameterNotFoundAction: 'Deny' }, '*/limit'],
    [
      'a param selector',
      { selector: { matchLabels: { tier: 'prod', env: 'test' }, matchExpressions: [{ key: 'zone', operator: 'In', values: ['a', 'b'] }] }, parameterNotFoundAction: 'Allow' },
      '&LabelSelector{MatchLabels:map[string]string{env: test,tier: prod,},MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:zone,Operator:In,Values:[a b],},},}',
    ],
    ['an empty selector', { selector: {}, parameterNotFoundAction: 'Allow' }, '&LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}'],
  ])('prints %s', (_name, paramRef, cell) => {
    const obj = {
      apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: meta('demo-binding-test.example.com'),
      spec: { policyName: 'demo-policy.example.com', validationActions: ['Deny'], paramRef },
    } as KubeObject;
    expect(validatingAdmissionPolicyBindingPrinter.print(obj, now).cells).toEqual(['demo-binding-test.example.com', 'demo-policy.example.com', cell, '60m']);
  });
});

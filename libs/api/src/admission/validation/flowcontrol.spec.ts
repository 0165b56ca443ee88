import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
/** A defaulted FlowSchema or PriorityLevelConfiguration, with its spec as the tests read it. */
const make = (kind: string, name: string, spec: object): KubeObject & { spec?: Record<string, unknown> } =>
  applyDefaults({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind, metadata: { name }, spec }) as KubeObject & { spec?: Record<string, unknown> };

describe('FlowSchema and PriorityLevelConfiguration (flowcontrol.apiserver.k8s.io/v1)', () => {
  // https://kubernetes.io/docs/concepts/cluster-administration/flow-control/
  const docsLevel = { type: 'Limited', limited: { nominalConcurrencyShares: 10, limitResponse: { type: 'Queue', queuing: { queues: 16, handSize: 4, queueLengthLimit: 50 } } } };
  const docsSchema = {
    priorityLevelConfiguration: { name: 'lab-batch' },
    matchingPrecedence: 5000,
    distinguisherMethod: { type: 'ByUser' },
    rules: [{ subjects: [{ kind: 'ServiceAccount', serviceAccount: { name: 'build-robot', namespace: 'default' } }], resourceRules: [{ verbs: ['*'], apiGroups: ['batch'], resources: ['jobs'], namespaces: ['*'] }] }],
  };

  it('accepts the examples and fills the v1 defaults', () => {
    expect(validateCreate(make('PriorityLevelConfiguration', 'lab-batch', docsLevel))).toEqual([]);
    expect(validateCreate(make('FlowSchema', 'lab-batch-jobs', docsSchema))).toEqual([]);
    const level = make('PriorityLevelConfiguration', 'lab-batch', { type: 'Limited', limited: { limitResponse: { type: 'Queue', queuing: {} } } });
    expect(level.spec?.limited).toEqual({ nominalConcurrencyShares: 30, lendablePercent: 0, limitResponse: { type: 'Queue', queuing: { queues: 64, handSize: 8, queueLengthLimit: 50 } } });
    expect(make('FlowSchema', 'lab', { ...docsSchema, matchingPrecedence: undefined }).spec?.matchingPrecedence).toBe(1000);
  });

  it.each([
    ['precedence 1, an unknown distinguisher and no level', { ...docsSchema, matchingPrecedence: 1, distinguisherMethod: { type: 'ByPod' }, priorityLevelConfiguration: {} }, [
      "spec.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1",
      'spec.distinguisherMethod.type: Unsupported value: flowcontrol.FlowDistinguisherMethod{Type:"ByPod"}: supported values: "ByNamespace", "ByUser"',
      'spec.priorityLevelConfiguration.name: Required value: must reference a priority level',
    ]],
    ['bad subjects and rules', { ...docsSchema, rules: [{ subjects: [{ kind: 'User', group: { name: 'g' } }, { kind: 'Robot' }], nonResourceRules: [{ verbs: ['get', 'fly'], nonResourceURLs: ['healthz', '/a/*/b'] }] }] }, [
      "spec.rules[0].subjects[0].user: Required value: user is required when subject kind is 'User'",
      "spec.rules[0].subjects[0].group: Forbidden: group is forbidden when subject kind is not 'Group'",
      'spec.rules[0].subjects[1].kind: Unsupported value: "Robot": supported values: "Group", "ServiceAccount", "User"',
      'spec.rules[0].nonResourceRules[0].verbs: Unsupported value: []string{"get", "fly"}: supported values: "create", "delete", "deletecollection", "get", "list", "patch", "proxy", "update", "watch"',
      'spec.rules[0].nonResourceRules[0].nonResourceURLs[0]: Invalid value: "healthz": must start with slash',
      'spec.rules[0].nonResourceRules[0].nonResourceURLs[1]: Invalid value: "/a/*/b": wildcard can only do suffix matching',
    ]],
    ['a namespaced rule without namespaces', { ...docsSchema, rules: [{ subjects: [{ kind: 'Group', group: { name: 'system:authenticated' } }], resourceRules: [{ verbs: ['get'], apiGroups: [''], resources: ['pods'] }] }] }, [
      'spec.rules[0].resourceRules[0].namespaces: Required value: resource rules that are not cluster scoped must supply at least one namespace',
    ]],
  ])('refuses a FlowSchema with %s', (_name, spec, expected) => {
    expect(messages(validateCreate(make('FlowSchema', 'lab', spec)))).toEqual(expected);
  });

  it.each([
    ['lab', 'Exempt type under another name', { type: 'Exempt', limited: docsLevel.limited }, [
      "spec.type: Invalid value: \"Exempt\": type must be 'Exempt' if and only if name is 'exempt'",
      'spec.limited: Forbidden: must be nil if the type is not Limited',
    ]],
    ['exempt', 'a Limited level named exempt', docsLevel, ["spec.type: Invalid value: \"Limited\": type must be 'Exempt' if and only if name is 'exempt'"]],
    ['lab', 'a hand larger than the deck and a bad percentage', { type: 'Limited', limited: { lendablePercent: 101, limitResponse: { type: 'Queue', queuing: { queues: 4, handSize: 5 } } } }, [
      'spec.limited.limitResponse.queuing.handSize: Invalid value: 5: should not be greater than queues (4)',
      'spec.limited.lendablePercent: Invalid value: 101: must be between 0 and 100, inclusive',
    ]],
    ['lab', 'a rejecting level with queues', { type: 'Limited', limited: { limitResponse: { type: 'Reject', queuing: {} } } }, [
      'spec.limited.limitResponse.queuing: Forbidden: must be nil if limited.limitResponse.type is not Limited',
    ]],
    ['lab', 'no type', {}, ['spec.type: Unsupported value: "": supported values: "Exempt", "Limited"']],
  ])('refuses a PriorityLevelConfiguration %s: %s', (name, _what, spec, expected) => {
    expect(messages(validateCreate(make('PriorityLevelConfiguration', name, spec)))).toEqual(expected);
  });

  it('accepts path-segment names that are not DNS subdomains', () => {
    expect(validateCreate(make('FlowSchema', 'Lab_Batch', docsSchema))).toEqual([]);
    expect(messages(validateCreate(make('FlowSchema', 'a/b', docsSchema)))).toEqual(["metadata.name: Invalid value: \"a/b\": may not contain '/'"]);
  });
});

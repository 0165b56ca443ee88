import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { MutatingWebhookConfiguration, ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding, ValidatingWebhookConfiguration } from '../../typed-objects.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
const make = <T extends KubeObject>(kind: string, body: object, name = 'demo-policy.example.com'): T =>
  applyDefaults({ apiVersion: 'admissionregistration.k8s.io/v1', kind, metadata: { name }, ...body }) as T;

describe('ValidatingAdmissionPolicy and its binding', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
  const docsPolicy = {
    failurePolicy: 'Fail',
    matchConstraints: { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] },
    validations: [{ expression: 'object.spec.replicas <= 5' }],
  };
  const docsBinding = { policyName: 'demo-policy.example.com', validationActions: ['Deny'], matchResources: { namespaceSelector: { matchLabels: { environment: 'test' } } } };
  const policy = (spec: object) => make<ValidatingAdmissionPolicy>('ValidatingAdmissionPolicy', { spec });
  const binding = (spec: object) => make<ValidatingAdmissionPolicyBinding>('ValidatingAdmissionPolicyBinding', { spec }, 'demo-binding-test.example.com');

  it('accepts the documentation policy and binding and fills their defaults', () => {
    const created = policy({ ...docsPolicy, failurePolicy: undefined });
    expect(validateCreate(created)).toEqual([]);
    expect(created.spec?.failurePolicy).toBe('Fail');
    expect(created.spec?.matchConstraints).toEqual({
      matchPolicy: 'Equivalent',
      namespaceSelector: {},
      objectSelector: {},
      resourceRules: [{ ...docsPolicy.matchConstraints.resourceRules[0], scope: '*' }],
    });
    const bound = binding(docsBinding);
    expect(validateCreate(bound)).toEqual([]);
    expect(bound.spec?.matchResources).toEqual({ matchPolicy: 'Equivalent', namespaceSelector: { matchLabels: { environment: 'test' } }, objectSelector: {} });
  });

  it.each([
    ['no match constraints and nothing to check', { failurePolicy: 'Never' }, [
      'spec.failurePolicy: Unsupported value: "Never": supported values: "Fail", "Ignore"',
      'spec.matchConstraints: Required value',
      'spec.validations: Required value: validations or auditAnnotations must contain at least one item',
      'spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item',
    ]],
    ['match constraints without resource rules', { ...docsPolicy, matchConstraints: { matchPolicy: 'Exact' } }, ['spec.matchConstraints.resourceRules: Required value']],
    ['a bad rule', { ...docsPolicy, matchConstraints: { resourceRules: [{ apiGroups: ['*', 'apps'], apiVersions: [], operations: ['*', 'PATCH'], resources: ['pods/*', 'pods/log'] }] } }, [
      'spec.matchConstraints.resourceRules[0].operations: Invalid value: []admissionregistration.OperationType{"*", "PATCH"}: if \'*\' is present, must not specify other operations',
      'spec.matchConstraints.resourceRules[0].operations[1]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"',
      'spec.matchConstraints.resourceRules[0].apiGroups: Invalid value: []string{"*", "apps"}: if \'*\' is present, must not specify other API groups',
      'spec.matchConstraints.resourceRules[0].apiVersions: Required value',
      "spec.matchConstraints.resourceRules[0].resources[1]: Invalid value: \"pods/log\": if 'pods/*' is present, must not specify pods/log",
    ]],
    ['blank expressions, a bad reason and a bad param kind', {
      ...docsPolicy,
      paramKind: { apiVersion: 'a/b/c', kind: 'Replica_Limit' },
      variables: [{ name: 'if', expression: ' ' }],
      validations: [{ expression: ' ', message: 'two\nlines', reason: 'Conflict' }],
    }, [
      'spec.paramKind.apiVersion: Invalid value: "a/b/c": unexpected GroupVersion string: a/b/c',
      "spec.paramKind.kind: Invalid value: \"Replica_Limit\": may have mixed case, but should otherwise match: a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
      'spec.variables[0].name: Invalid value: "if": name is not a valid CEL identifier',
      'spec.variables[0].expression: Required value: expression is not specified',
      'spec.validations[0].expression: Required value: expression is not specified',
      'spec.validations[0].message: Invalid value: "two\\nlines": message must not contain line breaks',
      'spec.validations[0].reason: Unsupported value: "Conflict": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge"',
    ]],
    ['expressions that do not compile or have the wrong type', {
      ...docsPolicy,
      matchConditions: [{ name: 'm', expression: '"not a bool"' }],
      variables: [{ name: 'v', expression: 'nothing.here' }],
      validations: [{ expression: 'object.spec.replicas <<= 5', messageExpression: 'object.spec.replicas > 1' }, { expression: 'params.max > 1' }],
    }, [
      'spec.matchConditions[0].expression: Invalid value: "\\"not a bool\\"": must evaluate to bool',
      "spec.variables[0].expression: Invalid value: \"nothing.here\": compilation failed: ERROR: <input>:1:1: undeclared reference to 'nothing' (in container '')\n | nothing.here\n | ^",
      'spec.validations[0].expression: Invalid value: "object.spec.replicas <<= 5": compilation failed: ERROR: <input>:1:23: Syntax error: Unexpected token: LE\n | object.spec.replicas <<= 5\n | ......................^',
      'spec.validations[0].messageExpression: Invalid value: "object.spec.replicas > 1": must evaluate to string',
      "spec.validations[1].expression: Invalid value: \"params.max > 1\": compilation failed: ERROR: <input>:1:1: undeclared reference to 'params' (in container '')\n | params.max > 1\n | ^",
    ]],
    ['repeated audit annotation keys', { ...docsPolicy, auditAnnotations: [{ key: 'high-replica-count', valueExpression: '"x"' }, { key: 'high-replica-count', valueExpression: '' }] }, [
      'spec.auditAnnotations[1].valueExpression: Required value: valueExpression is not specified',
      'spec.auditAnnotations[1].key: Duplicate value: "high-replica-count"',
    ]],
  ])('refuses a policy with %s', (_name, spec, expected) => {
    expect(messages(validateCreate(policy(spec)))).toEqual(expected);
  });

  it.each([
    ['no policy and no actions', { validationActions: [] }, ['spec.policyName: Required value', 'spec.validationActions: Required value: at least one validation action is required']],
    ['Deny with Warn, twice', { ...docsBinding, validationActions: ['Deny', 'Warn', 'Deny', 'Block'] }, [
      'spec.validationActions[2]: Duplicate value: "Deny"',
      'spec.validationActions[3]: Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"',
      'spec.validationActions: Invalid value: []admissionregistration.ValidationAction{"Deny", "Warn", "Deny", "Block"}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
    ]],
    ['a param reference with a name and a selector', { ...docsBinding, paramRef: { name: 'a/b', selector: {} } }, [
      "spec.paramRef.name: Invalid value: \"a/b\": may not contain '/'",
      'spec.paramRef.name: Forbidden: name and selector are mutually exclusive',
      'spec.paramRef.selector: Forbidden: name and selector are mutually exclusive',
      'spec.paramRef.parameterNotFoundAction: Required value',
    ]],
    ['an empty param reference', { ...docsBinding, paramRef: { parameterNotFoundAction: 'Ignore' } }, [
      'spec.paramRef: Required value: one of name or selector must be specified',
      'spec.paramRef.parameterNotFoundAction: Unsupported value: "Ignore": supported values: "Deny", "Allow"',
    ]],
    ['a bad match policy (on kube\'s misspelt path)', { ...docsBinding, matchResources: { matchPolicy: 'Loose' } }, ['spec.matchResouces.matchPolicy: Unsupported value: "Loose": supported values: "Equivalent", "Exact"']],
  ])('refuses a binding with %s', (_name, spec, expected) => {
    expect(messages(validateCreate(binding(spec)))).toEqual(expected);
  });

  it('validates updates with the create rules', () => {
    const old = policy(docsPolicy);
    expect(validateUpdate(policy({ ...docsPolicy, validations: [{ expression: 'true' }] }), old)).toEqual([]);
    expect(messages(validateUpdate(policy({ ...docsPolicy, validations: [{ expression: '' }] }), old))).toEqual(['spec.validations[0].expression: Required value: expression is not specified']);
  });
});

describe('Validating and mutating webhook configurations', () => {
  // https://kubernetes.io/docs/reference/access-authn-authz/extensible-admission-controllers/
  const docsHook = {
    name: 'pod-policy.example.com',
    rules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['pods'], scope: 'Namespaced' }],
    clientConfig: { service: { namespace: 'example-namespace', name: 'example-service' } },
    admissionReviewVersions: ['v1'],
    sideEffects: 'None',
    timeoutSeconds: 5,
  };
  const validating = (...webhooks: object[]) => make<ValidatingWebhookConfiguration>('ValidatingWebhookConfiguration', { webhooks }, 'pod-policy.example.com');
  const mutating = (...webhooks: object[]) => make<MutatingWebhookConfiguration>('MutatingWebhookConfiguration', { webhooks }, 'pod-defaults.example.com');

  it('accepts the documentation configurations', () => {
    expect(validateCreate(validating(docsHook))).toEqual([]);
    expect(validateCreate(mutating({ ...docsHook, name: 'pod-defaults.example.com', clientConfig: { url: 'https://webhook.example.com/mutate' } }))).toEqual([]);
  });

  it.each([
    ['a short name, side effects, a long timeout and no review versions', { ...docsHook, name: 'pod-policy', sideEffects: 'Some', timeoutSeconds: 31, admissionReviewVersions: [] }, [
      'webhooks[0].name: Invalid value: "pod-policy": should be a domain with at least three segments separated by dots',
      'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"',
      'webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds',
      'webhooks[0].admissionReviewVersions: Required value: must specify one of v1, v1beta1',
    ]],
    ['no side-effect class and unknown review versions', { ...docsHook, sideEffects: undefined, admissionReviewVersions: ['v2', 'v2'] }, [
      'webhooks[0].sideEffects: Required value: must specify one of None, NoneOnDryRun',
      'webhooks[0].admissionReviewVersions[1]: Invalid value: "v2": duplicate version',
      'webhooks[0].admissionReviewVersions: Invalid value: []string{"v2", "v2"}: must include at least one of v1, v1beta1',
    ]],
    ['both url and service', { ...docsHook, clientConfig: { url: 'https://x.example.com', service: { name: 's', namespace: 'n' } } }, [
      'webhooks[0].clientConfig: Required value: exactly one of url or service is required',
    ]],
    ['a plain-http url with a query and a fragment', { ...docsHook, clientConfig: { url: 'http://user@x.example.com/v?a=b#top' } }, [
      'webhooks[0].clientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]',
      'webhooks[0].clientConfig.url: Invalid value: "user": user information is not permitted in the URL',
      'webhooks[0].clientConfig.url: Invalid value: "top": fragments are not permitted in the URL',
      'webhooks[0].clientConfig.url: Invalid value: "a=b": query parameters are not permitted in the URL',
    ]],
    ['a service with a bad port and path', { ...docsHook, clientConfig: { service: { namespace: 'n', name: 's', port: 0, path: 'a//B' } } }, [
      'webhooks[0].clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive',
      "webhooks[0].clientConfig.service.path: Invalid value: \"a//B\": must start with a '/'",
      'webhooks[0].clientConfig.service.path: Invalid value: "a//B": segment[0] may not be empty',
      'webhooks[0].clientConfig.service.path: Invalid value: "a//B": segment[1] may not be empty',
      "webhooks[0].clientConfig.service.path: Invalid value: \"a//B\": segment[2]: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
    ]],
    ['bad enums and match conditions', { ...docsHook, failurePolicy: 'Retry', matchPolicy: 'Loose', matchConditions: [{ name: 'a', expression: '' }, { name: 'a', expression: 'true' }] }, [
      'webhooks[0].failurePolicy: Unsupported value: "Retry": supported values: "Fail", "Ignore"',
      'webhooks[0].matchPolicy: Unsupported value: "Loose": supported values: "Equivalent", "Exact"',
      'webhooks[0].matchConditions[0].expression: Required value',
      'webhooks[0].matchConditions[1].name: Duplicate value: "a"',
    ]],
  ])('refuses a validating webhook with %s', (_name, hook, expected) => {
    expect(messages(validateCreate(validating(hook)))).toEqual(expected);
  });

  it('refuses repeated webhook names and an unknown reinvocation policy', () => {
    expect(messages(validateCreate(mutating(docsHook, { ...docsHook, reinvocationPolicy: 'Always' })))).toEqual([
      'webhooks[1].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"',
      'webhooks[1].name: Duplicate value: "pod-policy.example.com"',
    ]);
  });

  it('keeps tolerating side effects a stored configuration already declares', () => {
    const old = { ...validating(docsHook), webhooks: [{ ...validating(docsHook).webhooks![0], sideEffects: 'Some' }] };
    expect(validateUpdate({ ...old, metadata: { ...old.metadata, labels: { a: 'b' } } }, old)).toEqual([]);
  });
});

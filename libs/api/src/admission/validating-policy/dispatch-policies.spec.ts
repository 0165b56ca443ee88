import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../../typed-objects.js';
import type { AdmissionRequest } from './admission-request.js';
import { admitByPolicies, type PolicySource } from './dispatch-policies.js';

const deploymentRules = { resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE'], resources: ['deployments'] }] };

const policy = (name: string, spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name },
  spec: { failurePolicy: 'Fail', matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, ...deploymentRules }, ...spec },
});

const binding = (name: string, policyName: string, spec: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name },
  spec: { policyName, validationActions: ['Deny'], ...spec },
});

const deployment = (replicas: number, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', labels }, spec: { replicas },
});

const create = (object: KubeObject, extra: Partial<AdmissionRequest> = {}): AdmissionRequest => ({
  operation: 'CREATE', resource: { group: 'apps', version: 'v1', resource: 'deployments' }, subresource: '',
  kind: { group: 'apps', version: 'v1', kind: 'Deployment' }, namespace: 'default', name: 'nginx',
  object, oldObject: null, dryRun: false, ...extra,
});

const namespaces: Record<string, KubeObject> = {
  default: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', labels: { 'kubernetes.io/metadata.name': 'default' } } },
  test: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'test', labels: { environment: 'test' } } },
};

const configMaps: KubeObject[] = [
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'limits', namespace: 'default', labels: { role: 'limits' } }, data: { maxReplicas: '3' } },
];

// The fixtures' rules name resources, which kubernetes-types' NamedRuleWithOperations leaves out.
const source = (policies: KubeObject[], bindings: KubeObject[]): PolicySource => ({
  policies: policies as ValidatingAdmissionPolicy[], bindings: bindings as ValidatingAdmissionPolicyBinding[],
  namespace: (name) => namespaces[name],
  params: (apiVersion, kind) => (apiVersion === 'v1' && kind === 'ConfigMap'
    ? { namespaced: true, list: (ns) => configMaps.filter((c) => c.metadata.namespace === ns) }
    : undefined),
  // Cluster admins may do anything, everyone else may only read.
  authorize: (user, attrs) => ({ allowed: user.groups.includes('system:masters') || attrs.verb === 'get', reason: '' }),
});

const demo = policy('demo-policy.example.com', { validations: [{ expression: 'object.spec.replicas <= 5' }] });
const denied = (rest: string) => `ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: ${rest}`;

describe('admitByPolicies', () => {
  const cases: { name: string; policies: KubeObject[]; bindings: KubeObject[]; request: AdmissionRequest; refusal?: { code: number; reason: string; message: string }; warnings?: string[] }[] = [
    {
      name: 'the docs example refuses 6 replicas with the failed expression (422 Invalid)',
      policies: [demo], bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(6)),
      refusal: { code: 422, reason: 'Invalid', message: denied('failed expression: object.spec.replicas <= 5') },
    },
    { name: 'admits 5 replicas', policies: [demo], bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')], request: create(deployment(5)) },
    {
      name: 'the authorizer checks as the requesting user: a user who may not delete deployments may not make more than 5',
      policies: [policy('demo-policy.example.com', { validations: [{
        expression: "object.spec.replicas <= 5 || authorizer.group('apps').resource('deployments').namespace(object.metadata.namespace).check('delete').allowed()",
        messageExpression: "'only who may delete deployments in ' + object.metadata.namespace + ' may scale past 5'",
      }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(6), { user: { username: 'alice', groups: ['devs'] } }),
      refusal: { code: 422, reason: 'Invalid', message: denied('only who may delete deployments in default may scale past 5') },
    },
    {
      name: 'a cluster admin passes the same authorizer check',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: "object.spec.replicas <= 5 || authorizer.requestResource.check('delete').allowed()" }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(6), { user: { username: 'admin', groups: ['system:masters'] } }),
    },
    {
      name: 'a library runtime error denies under failurePolicy Fail',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: "cidr(object.metadata.labels.net).prefixLength() >= 24" }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1, { net: '10.0.0.0-24' })),
      refusal: { code: 422, reason: 'Invalid', message: denied('expression \'cidr(object.metadata.labels.net).prefixLength() >= 24\' resulted in error: network address parse error during conversion from string: network address parse error during conversion from string: netip.ParsePrefix("10.0.0.0-24"): no \'/\'') },
    },
    {
      name: 'and admits under failurePolicy Ignore',
      policies: [policy('demo-policy.example.com', { failurePolicy: 'Ignore', validations: [{ expression: "cidr(object.metadata.labels.net).prefixLength() >= 24" }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1, { net: '10.0.0.0-24' })),
    },
    { name: 'a policy without a binding has no effect', policies: [demo], bindings: [], request: create(deployment(9)) },
    {
      name: 'a binding for another policy has no effect',
      policies: [demo], bindings: [binding('other', 'other-policy')], request: create(deployment(9)),
    },
    {
      name: 'DELETE is not among the operations',
      policies: [demo], bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(6), { operation: 'DELETE', object: null, oldObject: deployment(6) }),
    },
    {
      name: 'Warn admits with kube-apiserver\'s warning',
      policies: [demo], bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { validationActions: ['Warn'] })],
      request: create(deployment(6)),
      warnings: ["Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com': failed expression: object.spec.replicas <= 5"],
    },
    {
      name: 'Audit admits without a warning',
      policies: [demo], bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { validationActions: ['Audit'] })],
      request: create(deployment(6)),
    },
    {
      name: 'message and reason Forbidden give a 403',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: 'object.spec.replicas <= 5', message: ' too many replicas ', reason: 'Forbidden' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(6)),
      refusal: { code: 403, reason: 'Forbidden', message: denied('too many replicas') },
    },
    {
      name: 'reasons Unauthorized and RequestEntityTooLarge give 401 and 413',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: 'false', reason: 'Unauthorized' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
      refusal: { code: 401, reason: 'Unauthorized', message: denied('failed expression: false') },
    },
    {
      name: 'messageExpression wins over message; variables feed it',
      policies: [policy('demo-policy.example.com', {
        variables: [{ name: 'limit', expression: '5' }],
        validations: [{ expression: 'object.spec.replicas <= variables.limit', message: 'unused', messageExpression: '"replicas " + string(object.spec.replicas) + " > " + string(variables.limit) + " for " + request.userInfo.username' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(7), { user: { username: 'alice', groups: ['devs'] } }),
      refusal: { code: 422, reason: 'Invalid', message: denied('replicas 7 > 5 for alice') },
    },
    {
      name: 'a messageExpression that fails falls back to the message',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: 'false', message: 'fallback', messageExpression: 'object.nothing' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
      refusal: { code: 422, reason: 'Invalid', message: denied('fallback') },
    },
    {
      name: 'a false matchCondition skips the policy (group excluded)',
      policies: [policy('demo-policy.example.com', {
        matchConditions: [{ name: 'not-admins', expression: '!("admins" in request.userInfo.groups)' }],
        validations: [{ expression: 'object.spec.replicas <= 5' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(9), { user: { username: 'root', groups: ['admins'] } }),
    },
    {
      name: 'a matchCondition that errors denies under Fail',
      policies: [policy('demo-policy.example.com', { matchConditions: [{ name: 'c', expression: 'object.nope == 1' }], validations: [{ expression: 'true' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
      refusal: { code: 422, reason: 'Invalid', message: denied("expression 'object.nope == 1' resulted in error: no such key: nope") },
    },
    {
      name: 'a runtime error is ignored under failurePolicy Ignore',
      policies: [policy('demo-policy.example.com', { failurePolicy: 'Ignore', validations: [{ expression: 'object.spec.missing > 1' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
    },
    {
      name: 'a syntax error is a compilation error under Fail',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: 'object.spec.replicas <<= 5' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
      refusal: {
        code: 422, reason: 'Invalid',
        message: denied('compilation error: compilation failed: ERROR: <input>:1:23: Syntax error: Unexpected token: LE\n | object.spec.replicas <<= 5\n | ......................^'),
      },
    },
    {
      name: 'a variable that fails is reported in the expression that reads it',
      policies: [policy('demo-policy.example.com', { variables: [{ name: 'x', expression: 'object.spec.gone' }], validations: [{ expression: 'variables.x == 1' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
      refusal: { code: 422, reason: 'Invalid', message: denied("expression 'variables.x == 1' resulted in error: expression 'object.spec.gone' resulted in error: no such key: gone") },
    },
    {
      name: 'the binding\'s namespaceSelector narrows the policy to labelled namespaces',
      policies: [demo],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { matchResources: { namespaceSelector: { matchLabels: { environment: 'test' } }, objectSelector: {}, matchPolicy: 'Equivalent' } })],
      request: create(deployment(9)),
    },
    {
      name: 'the same binding applies in the labelled namespace',
      policies: [demo],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { matchResources: { namespaceSelector: { matchLabels: { environment: 'test' } }, objectSelector: {}, matchPolicy: 'Equivalent' } })],
      request: create({ ...deployment(9), metadata: { name: 'nginx', namespace: 'test' } }, { namespace: 'test' }),
      refusal: { code: 422, reason: 'Invalid', message: denied('failed expression: object.spec.replicas <= 5') },
    },
    {
      name: 'an objectSelector on the policy reads the object\'s labels',
      policies: [policy('demo-policy.example.com', {
        matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: { matchLabels: { checked: 'yes' } }, ...deploymentRules },
        validations: [{ expression: 'false' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
    },
    {
      name: 'excludeResourceRules with resourceNames lets one object through',
      policies: [policy('demo-policy.example.com', {
        matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, ...deploymentRules, excludeResourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'], resourceNames: ['nginx'] }] },
        validations: [{ expression: 'false' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
    },
    {
      name: 'a pods/status rule matches the status subresource with oldObject',
      policies: [policy('demo-policy.example.com', {
        matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['UPDATE'], resources: ['pods/status'] }] },
        validations: [{ expression: 'object.status.phase == oldObject.status.phase', message: 'phase is frozen' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, status: { phase: 'Running' } }, {
        operation: 'UPDATE', resource: { group: '', version: 'v1', resource: 'pods' }, subresource: 'status', kind: { group: '', version: 'v1', kind: 'Pod' }, name: 'p',
        oldObject: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, status: { phase: 'Pending' } },
      }),
      refusal: { code: 422, reason: 'Invalid', message: denied('phase is frozen') },
    },
    {
      name: 'a rule for pods does not match pods/status',
      policies: [policy('demo-policy.example.com', {
        matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['pods'] }] },
        validations: [{ expression: 'false' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' } }, {
        operation: 'UPDATE', resource: { group: '', version: 'v1', resource: 'pods' }, subresource: 'status', kind: { group: '', version: 'v1', kind: 'Pod' }, name: 'p',
      }),
    },
    {
      name: 'DELETE sees the deleted object as oldObject and object null',
      policies: [policy('demo-policy.example.com', {
        matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, resourceRules: [{ apiGroups: ['apps'], apiVersions: ['v1'], operations: ['DELETE'], resources: ['deployments'] }] },
        validations: [{ expression: 'object == null && !has(oldObject.metadata.labels.keep)', messageExpression: '"keep " + oldObject.metadata.name' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1), { operation: 'DELETE', object: null, oldObject: deployment(1, { keep: 'true' }) }),
      refusal: { code: 422, reason: 'Invalid', message: denied('keep nginx') },
    },
    {
      name: 'params come from the ConfigMap paramRef names',
      policies: [policy('demo-policy.example.com', { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'object.spec.replicas <= int(params.data.maxReplicas)' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { paramRef: { name: 'limits', parameterNotFoundAction: 'Deny' } })],
      request: create(deployment(4)),
      refusal: { code: 422, reason: 'Invalid', message: denied('failed expression: object.spec.replicas <= int(params.data.maxReplicas)') },
    },
    {
      name: 'params by selector',
      policies: [policy('demo-policy.example.com', { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'object.spec.replicas <= int(params.data.maxReplicas)' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { paramRef: { selector: { matchLabels: { role: 'limits' } }, parameterNotFoundAction: 'Deny' } })],
      request: create(deployment(3)),
    },
    {
      name: 'a missing param with parameterNotFoundAction Deny refuses with kube-apiserver\'s message',
      policies: [policy('demo-policy.example.com', { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'true' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { paramRef: { name: 'absent', parameterNotFoundAction: 'Deny' } })],
      request: create(deployment(1)),
      refusal: { code: 422, reason: 'Invalid', message: denied('failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction') },
    },
    {
      name: 'a missing param with Allow runs nothing',
      policies: [policy('demo-policy.example.com', { paramKind: { apiVersion: 'v1', kind: 'ConfigMap' }, validations: [{ expression: 'false' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { paramRef: { name: 'absent', parameterNotFoundAction: 'Allow' } })],
      request: create(deployment(1)),
    },
    {
      name: 'an unknown paramKind denies without a binding in the message',
      policies: [policy('demo-policy.example.com', { paramKind: { apiVersion: 'example.com/v1', kind: 'Limits' }, validations: [{ expression: 'true' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com', { paramRef: { name: 'x', parameterNotFoundAction: 'Deny' } })],
      request: create(deployment(1)),
      refusal: { code: 422, reason: 'Invalid', message: "ValidatingAdmissionPolicy 'demo-policy.example.com' denied request: failed to configure policy: failed to find resource referenced by paramKind: 'example.com/v1, Kind=Limits'" },
    },
    {
      name: 'namespaceObject and request fields are visible',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: 'namespaceObject.metadata.name == request.namespace && request.operation == "CREATE" && request.resource.resource == "deployments" && request.kind.kind == "Deployment" && !request.dryRun' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
    },
    {
      name: 'without a user, request.userInfo is empty',
      policies: [policy('demo-policy.example.com', { validations: [{ expression: 'request.userInfo == {}' }] })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(deployment(1)),
    },
    {
      name: 'the policy kinds themselves are never checked',
      policies: [policy('demo-policy.example.com', {
        matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, resourceRules: [{ apiGroups: ['*'], apiVersions: ['*'], operations: ['*'], resources: ['*'] }] },
        validations: [{ expression: 'false' }],
      })],
      bindings: [binding('demo-binding-test.example.com', 'demo-policy.example.com')],
      request: create(demo, { resource: { group: 'admissionregistration.k8s.io', version: 'v1', resource: 'validatingadmissionpolicies' }, kind: { group: 'admissionregistration.k8s.io', version: 'v1', kind: 'ValidatingAdmissionPolicy' }, namespace: '', name: 'demo-policy.example.com' }),
    },
  ];

  for (const c of cases) {
    it(c.name, () => {
      const verdict = admitByPolicies(c.request, source(c.policies, c.bindings));
      expect(verdict.refusal).toEqual(c.refusal);
      expect(verdict.warnings).toEqual(c.warnings ?? []);
    });
  }

  it('names the first denying policy and binding by name order', () => {
    const bindings = [binding('b-two', 'demo-policy.example.com'), binding('b-one', 'demo-policy.example.com')];
    expect(admitByPolicies(create(deployment(6)), source([demo], bindings)).refusal?.message).toBe(
      "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'b-one' denied request: failed expression: object.spec.replicas <= 5",
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { ValidatingAdmissionPolicyBinding } from '../typed-objects.js';
import { resourceTypes } from '../registry.js';
import { ApiError } from '../status.js';
import type { Command } from './command.js';
import { decide } from './decide.js';
import type { CommandContext, StateView } from './types.js';

const type = (kind: string) => resourceTypes.find((t) => t.kind === kind && t.storage === 'log')!;
const ctx: CommandContext = {
  actor: 'test', cause: null, now: new Date('2026-11-22T10:00:00.000Z'), newUid: () => 'uid-1', randomSuffix: () => 'x7k2p', randomInt: () => 0,
  options: { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' },
  user: { username: 'alice', groups: ['devs', 'system:authenticated'] },
};
const options = { fieldValidation: 'Strict' } as const;

function given(...objects: KubeObject[]): StateView {
  return {
    get: (kind, namespace, name) => objects.find((o) => o.kind === kind && (o.metadata.namespace ?? '') === namespace && o.metadata.name === name),
    list: (kind, namespace) => objects.filter((o) => o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? '') === namespace)),
  };
}

const policy = (operations: string[], resources: string[], validation: object, apiGroups = ['apps']): KubeObject => ({
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy', metadata: { name: 'demo-policy.example.com' },
  spec: {
    failurePolicy: 'Fail', validations: [validation],
    matchConstraints: { matchPolicy: 'Equivalent', namespaceSelector: {}, objectSelector: {}, resourceRules: [{ apiGroups, apiVersions: ['v1'], operations, resources, scope: '*' }] },
  },
});
const binding: ValidatingAdmissionPolicyBinding = {
  apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding', metadata: { name: 'demo-binding-test.example.com' },
  spec: { policyName: 'demo-policy.example.com', validationActions: ['Deny'] },
};
const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default', uid: 'ns', resourceVersion: '1' } };
const deployment = (replicas: number): KubeObject => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'nginx', namespace: 'default', uid: 'd', resourceVersion: '3', generation: 1 },
  spec: { replicas, selector: { matchLabels: { app: 'nginx' } }, template: { metadata: { labels: { app: 'nginx' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
});

function statusOf(run: () => unknown): unknown {
  try {
    run();
  } catch (e) {
    if (e instanceof ApiError) return e.status;
    throw e;
  }
  throw new Error('admitted');
}

const refusalStatus = (message: string) => ({
  kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 422, reason: 'Invalid',
  message: `deployments.apps "nginx" is forbidden: ${message}`,
  details: { name: 'nginx', group: 'apps', kind: 'deployments', causes: [{ message }] },
});

describe('ValidatingAdmissionPolicy in the decision of a write', () => {
  const replicasPolicy = policy(['CREATE', 'UPDATE'], ['deployments'], { expression: 'object.spec.replicas <= 5' });
  const denied = "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: object.spec.replicas <= 5";

  it('refuses a create as kube-apiserver does: 422 Invalid, "is forbidden", the message again as the one cause', () => {
    const body = deployment(6);
    const command: Command = { type: 'Create', resource: type('Deployment'), namespace: 'default', body: { ...body, metadata: { name: 'nginx' } }, options };
    expect(statusOf(() => decide(command, given(namespace, replicasPolicy, binding), ctx))).toEqual(refusalStatus(denied));
  });

  it('refuses a scale through deployments/scale, where the object is a Scale', () => {
    const scaled = policy(['UPDATE'], ['deployments/scale'], { expression: 'object.spec.replicas <= 5 && object.kind == "Scale" && oldObject.spec.replicas == 2', message: 'at most 5' });
    const command: Command = { type: 'UpdateScale', resource: type('Deployment'), namespace: 'default', name: 'nginx', replicas: 6, options };
    const message = "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: at most 5";
    expect(statusOf(() => decide(command, given(namespace, deployment(2), scaled, binding), ctx))).toEqual(refusalStatus(message));
    const allowed: Command = { ...command, replicas: 4 };
    expect(decide(allowed, given(namespace, deployment(2), scaled, binding), ctx).changes).toHaveLength(1);
  });

  it('refuses a delete that the policy guards, naming who asked', () => {
    const guarded = policy(['DELETE'], ['deployments'], { expression: 'request.userInfo.?username.orValue("") != "alice"', messageExpression: '"no deletes by " + request.userInfo.username' });
    const command: Command = { type: 'Delete', resource: type('Deployment'), namespace: 'default', name: 'nginx', options: {} };
    const message = "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: no deletes by alice";
    expect(statusOf(() => decide(command, given(namespace, deployment(1), guarded, binding), ctx))).toEqual(refusalStatus(message));
    expect(decide(command, given(namespace, deployment(1), guarded, binding), { ...ctx, user: undefined }).changes).toHaveLength(1);
  });

  it('gives a Warn binding\'s warning with the admitted write', () => {
    const warn = { ...binding, spec: { ...binding.spec, validationActions: ['Warn'] } };
    const command: Command = { type: 'Update', resource: type('Deployment'), namespace: 'default', name: 'nginx', body: deployment(7), options };
    const d = decide(command, given(namespace, deployment(1), replicasPolicy, warn), ctx);
    expect(d.changes).toHaveLength(1);
    expect(d.warnings).toEqual(["Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com': failed expression: object.spec.replicas <= 5"]);
  });

  it('sees request.dryRun on a dry run', () => {
    const dry = policy(['CREATE'], ['deployments'], { expression: '!request.dryRun' });
    const command: Command = { type: 'Create', resource: type('Deployment'), namespace: 'default', body: { ...deployment(1), metadata: { name: 'nginx' } }, options: { ...options, dryRun: true } };
    expect(decide(command, given(namespace, dry, binding), ctx).changes).toHaveLength(1);
    expect(() => decide(command, given(namespace, dry, binding), { ...ctx, dryRun: true })).toThrow(ApiError);
  });

  it('judges an eviction as a create of pods/eviction, not as a delete of the pod', () => {
    const podsPolicy = (operations: string[], resources: string[]) => policy(operations, resources, { expression: 'false', message: `no ${resources[0]}` }, ['']);
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'p', resourceVersion: '4' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Pending' } };
    const evict: Command = { type: 'Evict', resource: type('Pod'), namespace: 'default', name: 'p', options: {} };
    expect(decide(evict, given(namespace, pod, podsPolicy(['DELETE'], ['pods']), binding), ctx).changes).toHaveLength(1);
    expect(() => decide(evict, given(namespace, pod, podsPolicy(['CREATE'], ['pods/eviction']), binding), ctx)).toThrow("denied request: no pods/eviction");
    const bind: Command = { type: 'Bind', resource: type('Pod'), namespace: 'default', name: 'p', nodeName: 'node-1' };
    expect(() => decide(bind, given(namespace, pod, podsPolicy(['CREATE'], ['pods/binding']), binding), ctx)).toThrow("denied request: no pods/binding");
  });
});

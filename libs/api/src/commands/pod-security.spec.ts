import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { refusal } from '../refusal.testing.js';
import { resourceTypes } from '../registry.js';
import type { Command } from './command.js';
import { decide } from './decide.js';
import type { CommandContext, StateView } from './types.js';

const type = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const ctx: CommandContext = {
  actor: 'test', cause: null, now: new Date('2026-11-22T10:00:00.000Z'), newUid: () => 'uid-1', randomSuffix: () => 'x7k2p', randomInt: () => 0,
  options: { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' },
};
const options = { fieldValidation: 'Strict' } as const;

function given(...objects: KubeObject[]): StateView {
  return {
    get: (kind, namespace, name) => objects.find((o) => o.kind === kind && (o.metadata.namespace ?? '') === namespace && o.metadata.name === name),
    list: (kind, namespace) => objects.filter((o) => o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? '') === namespace)),
  };
}

const namespace = (labels: Record<string, string> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', uid: 'ns', resourceVersion: '1', labels } });
const baseline = namespace({ 'pod-security.kubernetes.io/enforce': 'baseline' });
const privilegedSpec = { containers: [{ name: 'c', image: 'nginx', securityContext: { privileged: true } }] };
const create = (kind: string, body: object): Command => ({ type: 'Create', resource: type(kind), namespace: kind === 'Namespace' ? '' : 'x', body: body as KubeObject, options });
const privilegedDetail = 'PodSecurity "baseline:latest": privileged (container "c" must not set securityContext.privileged=true)';
const privilegedRefusal = `violates ${privilegedDetail}`;

describe('PodSecurity in the decision of a write', () => {
  it('names a refused pod as the request named it: its generateName when the server makes the name up', () => {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { generateName: 'web-' }, spec: privilegedSpec };
    expect(refusal(() => decide(create('Pod', body), given(baseline), ctx))).toBe(`403 Forbidden: pods "web-" is forbidden: ${privilegedRefusal}`);
  });

  it('refuses an invalid pod with 422 before PodSecurity looks at it', () => {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', securityContext: { privileged: true } }] } };
    expect(refusal(() => decide(create('Pod', body), given(baseline), ctx))).toMatch(/^422 Invalid: Pod "p" is invalid: spec.containers\[0\].image: Required value/);
  });

  it('judges an ephemeral container added by kubectl debug', () => {
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'x', uid: 'p', resourceVersion: '2' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } };
    const debug: Command = {
      type: 'Patch', resource: type('Pod'), namespace: 'x', name: 'p', subresource: 'ephemeralcontainers', patchType: 'strategic', options,
      patch: { spec: { ephemeralContainers: [{ name: 'c', image: 'busybox', securityContext: { privileged: true } }] } },
    };
    expect(refusal(() => decide(debug, given(baseline, pod), ctx))).toBe(`403 Forbidden: pods "p" is forbidden: ${privilegedRefusal}`);
  });

  it('gives a workload its warnings and writes it', () => {
    const warned = namespace({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'baseline' });
    const body = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { ...privilegedSpec, restartPolicy: 'Never' } } } };
    const d = decide(create('Job', body), given(warned), ctx);
    expect(d.changes).toHaveLength(1);
    expect(d.warnings).toEqual([`would violate ${privilegedDetail}`]);
  });

  it('refuses a namespace that sets an invalid level with 422', () => {
    const label: Command = { type: 'Patch', resource: type('Namespace'), namespace: '', name: 'x', patchType: 'merge', options, patch: { metadata: { labels: { 'pod-security.kubernetes.io/warn': 'loud' } } } };
    expect(refusal(() => decide(label, given(namespace()), ctx))).toBe(
      '422 Invalid: Namespace "x" is invalid: metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "loud": must be one of privileged, baseline, restricted',
    );
    expect(refusal(() => decide(create('Namespace', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'y', labels: { 'pod-security.kubernetes.io/enforce-version': '1.32' } } }), given(), ctx))).toBe(
      '422 Invalid: Namespace "y" is invalid: metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "1.32": must be "latest" or "v1.x"',
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import type { Deployment, Namespace, PersistentVolumeClaim, Pod, Service } from '../typed-objects.js';
import { resourceTypes } from '../registry.js';
import type { Command } from './command.js';
import { decide } from './decide.js';
import type { CommandContext, StateView } from './types.js';
import { refusal } from '../refusal.testing.js';

const type = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const now = new Date('2026-11-22T10:00:00.000Z');
let uids = 0;
const ctx: CommandContext = {
  actor: 'test', cause: null, now, newUid: () => `uid-${++uids}`, randomSuffix: () => 'x7k2p', randomInt: () => 0,
  options: { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' },
};

/** A state of objects keyed kind/namespace/name, and the view a decider reads. */
function given(...objects: KubeObject[]): StateView & { apply(decision: ReturnType<typeof decide>): void } {
  const state = new Map<string, KubeObject>();
  const key = (o: KubeObject) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  for (const o of objects) state.set(key(o), o);
  return {
    get: (kind, namespace, name) => state.get(`${kind}/${namespace}/${name}`),
    list: (kind, namespace) => [...state.values()].filter((o) => o.kind === kind && (namespace === undefined || (o.metadata.namespace ?? '') === namespace)),
    apply(decision) {
      for (const c of decision.changes) {
        if (c.watchType === 'DELETED') state.delete(key(c.object));
        else state.set(key(c.object), c.object);
      }
    },
  };
}

const namespace = (name: string): KubeObject => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
const podBody = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] }, ...extra,
});
const create = (kind: string, body: KubeObject, ns = 'default'): Command => ({ type: 'Create', resource: type(kind), namespace: ns, body, options: { fieldValidation: 'Strict' } });

describe('decide', () => {
  it('creates a pod with defaults and server metadata as PodCreated', () => {
    const d = decide(create('Pod', podBody('web')), given(namespace('default')), ctx);
    expect(d.changes.map((c) => [c.type, c.watchType])).toEqual([['PodCreated', 'ADDED']]);
    const pod = d.changes[0].object as Pod;
    expect(pod.metadata).toMatchObject({ name: 'web', namespace: 'default', creationTimestamp: '2026-11-22T10:00:00Z' });
    expect(pod.metadata.generation).toBeUndefined();
    expect(pod.spec!.restartPolicy).toBe('Always');
    expect(pod.status).toMatchObject({ phase: 'Pending', qosClass: 'BestEffort' });
    expect(d.reply).toEqual({ code: 201, change: 0 });
  });

  it('admits a pod as the mutating plugins do, and records in managedFields only what was asked and defaulted', () => {
    const tolerations = (seconds: number) => ['not-ready', 'unreachable'].map((k) => ({ key: `node.kubernetes.io/${k}`, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: seconds }));
    const pod = decide(create('Pod', podBody('web')), given(namespace('default')), ctx).changes[0].object as Pod;
    const spec = pod.spec!;
    expect([spec.serviceAccountName, spec.serviceAccount, spec.tolerations, spec.volumes![0].name]).toEqual(['default', 'default', tolerations(300), 'kube-api-access-x7k2p']);
    const manager: any = pod.metadata.managedFields?.[0];
    expect(manager).toMatchObject({ manager: 'unknown', operation: 'Update', apiVersion: 'v1' });
    expect(Object.keys(manager.fieldsV1['f:spec']).sort()).toEqual([
      'f:containers', 'f:dnsPolicy', 'f:enableServiceLinks', 'f:restartPolicy', 'f:schedulerName', 'f:securityContext', 'f:terminationGracePeriodSeconds',
    ]);
    expect(Object.keys(manager.fieldsV1['f:spec']['f:containers']['k:{"name":"nginx"}'])).not.toContain('f:volumeMounts');
  });

  it('records no allocated clusterIP in a Service\'s managedFields', () => {
    const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } };
    const created = decide(create('Service', service), given(namespace('default')), ctx).changes[0].object as Service;
    expect(created.spec!.clusterIP).toMatch(/^10\./);
    const fields: any = created.metadata.managedFields?.[0].fieldsV1;
    expect(Object.keys(fields['f:spec'])).not.toContain('f:clusterIP');
  });

  it('refuses a metadata that is no object as json.Unmarshal does, and takes a null one as empty', () => {
    const state = given(namespace('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'default', uid: 'u', resourceVersion: '1' } });
    const put = (metadata: unknown): Command => ({ type: 'Update', resource: type('ConfigMap'), namespace: 'default', name: 'a', body: { metadata } as KubeObject, options: { fieldValidation: 'Strict' } });
    expect(refusal(() => decide(put(1), state, ctx))).toBe('400 BadRequest: ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.metadata of type v1.ObjectMeta');
    expect(refusal(() => decide(create('Pod', { ...podBody('web'), metadata: ['web'] as never }), state, ctx))).toBe('400 BadRequest: Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field Pod.metadata of type v1.ObjectMeta');
    expect(decide(put(null), state, ctx).changes[0].object.metadata.name).toBe('a');
  });

  it('names a pod from generateName', () => {
    const d = decide(create('Pod', { ...podBody(''), metadata: { generateName: 'web-' } }), given(namespace('default')), ctx);
    expect(d.changes[0].object.metadata.name).toBe('web-x7k2p');
  });

  it('refuses a duplicate, a missing namespace, and a terminating one', () => {
    const state = given(namespace('default'), { ...podBody('web'), metadata: { name: 'web', namespace: 'default' } });
    expect(refusal(() => decide(create('Pod', podBody('web')), state, ctx))).toBe('409 AlreadyExists: pods "web" already exists');
    expect(refusal(() => decide(create('Pod', podBody('a'), 'nope'), state, ctx))).toBe('404 NotFound: namespaces "nope" not found');
    const gone = given({ ...namespace('old'), metadata: { name: 'old', deletionTimestamp: '2026-11-22T09:00:00Z' } });
    expect(refusal(() => decide(create('Pod', podBody('a'), 'old'), gone, ctx))).toContain('403 Forbidden: pods "a" is forbidden: unable to create new content in namespace old because it is being terminated');
  });

  it('refuses a pod naming a missing ServiceAccount, as the ServiceAccount plugin does; default always passes', () => {
    const state = given(namespace('default'), { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'builder', namespace: 'default' } });
    const as = (account: string) => podBody('web', { spec: { serviceAccountName: account, containers: [{ name: 'c', image: 'x' }] } });
    expect(refusal(() => decide(create('Pod', as('robot')), state, ctx))).toBe(
      '403 Forbidden: pods "web" is forbidden: error looking up service account default/robot: serviceaccount "robot" not found',
    );
    expect((decide(create('Pod', as('builder')), state, ctx).changes[0].object as Pod).spec!.serviceAccountName).toBe('builder');
    expect((decide(create('Pod', as('default')), state, ctx).changes[0].object as Pod).spec!.serviceAccountName).toBe('default');
  });

  it('deletes an unscheduled pod at once, and a bound one gracefully', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Pod', podBody('a')), state, ctx));
    state.apply(decide(create('Pod', podBody('b')), state, ctx));
    const bind = decide({ type: 'Bind', resource: type('Pod'), namespace: 'default', name: 'b', nodeName: 'node-1' }, state, ctx);
    expect(bind.changes.map((c) => c.type)).toEqual(['PodBound']);
    state.apply(bind);
    expect(refusal(() => decide({ type: 'Bind', resource: type('Pod'), namespace: 'default', name: 'b', nodeName: 'node-2' }, state, ctx))).toContain('is already assigned to node "node-1"');

    const del = (name: string, gracePeriodSeconds?: number) => decide({ type: 'Delete', resource: type('Pod'), namespace: 'default', name, options: { gracePeriodSeconds } }, state, ctx);
    expect(del('a').changes.map((c) => c.type)).toEqual(['PodDeleted']);
    const graceful = del('b');
    expect(graceful.changes.map((c) => c.type)).toEqual(['PodDeletionRequested']);
    expect(graceful.changes[0].object.metadata).toMatchObject({ deletionTimestamp: '2026-11-22T10:00:30Z', deletionGracePeriodSeconds: 30 });
    state.apply(graceful);
    expect(del('b').changes).toEqual([]);
    expect(del('b', 0).changes.map((c) => c.type)).toEqual(['PodDeleted']);
  });

  it('ends a grace period of centuries at the last time metav1.Time writes', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Pod', podBody('long')), state, ctx));
    state.apply(decide({ type: 'Bind', resource: type('Pod'), namespace: 'default', name: 'long', nodeName: 'node-1' }, state, ctx));
    const d = decide({ type: 'Delete', resource: type('Pod'), namespace: 'default', name: 'long', options: { gracePeriodSeconds: 9_000_000_000_000 } }, state, ctx);
    expect(d.changes[0].object.metadata).toMatchObject({ deletionTimestamp: '9999-12-31T23:59:59Z', deletionGracePeriodSeconds: 9_000_000_000_000 });
  });

  it('holds an object with finalizers until they are removed', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', finalizers: ['x/y'] }, spec: { ports: [{ port: 80 }] } }), state, ctx));
    const marked = decide({ type: 'Delete', resource: type('Service'), namespace: 'default', name: 's', options: {} }, state, ctx);
    expect(marked.changes.map((c) => c.type)).toEqual(['ServiceDeletionRequested']);
    state.apply(marked);
    const released = decide({ type: 'Patch', resource: type('Service'), namespace: 'default', name: 's', patchType: 'merge', patch: { metadata: { finalizers: null } }, options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(released.changes.map((c) => c.type)).toEqual(['ServiceDeleted']);
  });

  it('removes a pod with a finalizer once its kubelet is done and the finalizer goes, not before', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Pod', podBody('tracked', { metadata: { name: 'tracked', finalizers: ['batch.kubernetes.io/job-tracking'] } })), state, ctx));
    state.apply(decide({ type: 'Bind', resource: type('Pod'), namespace: 'default', name: 'tracked', nodeName: 'node-1' }, state, ctx));
    const del = (gracePeriodSeconds?: number) => decide({ type: 'Delete', resource: type('Pod'), namespace: 'default', name: 'tracked', options: { gracePeriodSeconds } }, state, ctx);
    const release = () => decide({ type: 'Patch', resource: type('Pod'), namespace: 'default', name: 'tracked', patchType: 'merge', patch: { metadata: { finalizers: null } }, options: { fieldValidation: 'Strict' } }, state, ctx);
    state.apply(del());
    expect(release().changes.map((c) => c.type)).toEqual(['PodUpdated']);
    state.apply(del(0));
    expect(state.get('Pod', 'default', 'tracked')!.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(release().changes.map((c) => c.type)).toEqual(['PodDeleted']);
  });

  it('gives Services the lowest free ClusterIP and refuses a taken one', () => {
    const state = given(namespace('default'));
    const svc = (name: string, clusterIP?: string): KubeObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { clusterIP, ports: [{ port: 80 }] } });
    const first = decide(create('Service', svc('a')), state, ctx);
    expect((first.changes[0].object as Service).spec!.clusterIP).toBe('10.96.0.1');
    state.apply(first);
    state.apply(decide(create('Service', svc('b')), state, ctx));
    expect((state.get('Service', 'default', 'b') as Service).spec!.clusterIP).toBe('10.96.0.2');
    expect(refusal(() => decide(create('Service', svc('c', '10.96.0.2')), state, ctx))).toContain('failed to allocate IP 10.96.0.2: provided IP is already allocated');
  });

  it('marks a namespace Terminating and leaves its content to the namespace controller, gone once finalized', () => {
    const state = given(namespace('default'), namespace('team'));
    state.apply(decide(create('Namespace', namespace('team2'), ''), state, ctx));
    state.apply(decide(create('Pod', podBody('a'), 'team2'), state, ctx));
    const del = { type: 'Delete', resource: type('Namespace'), namespace: '', name: 'team2', options: {} } as const;
    const d = decide(del, state, ctx);
    expect(d.changes.map((c) => c.type)).toEqual(['NamespaceDeletionRequested']);
    expect(d.changes[0].object).toMatchObject({ metadata: { deletionTimestamp: '2026-11-22T10:00:00Z' }, spec: { finalizers: ['kubernetes'] }, status: { phase: 'Terminating' } });
    state.apply(d);
    expect(state.get('Pod', 'team2', 'a')).toBeDefined();
    expect(refusal(() => decide(del, state, ctx))).toBe(
      '409 Conflict: Operation cannot be fulfilled on namespaces "team2": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.',
    );
    const relabel = structuredClone(state.get('Namespace', '', 'team2')!);
    relabel.metadata.labels = { x: 'y' };
    delete relabel.spec;
    const updated = decide({ type: 'Update', resource: type('Namespace'), namespace: '', name: 'team2', body: relabel, options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(updated.changes.map((c) => [c.type, (c.object as Namespace).spec!.finalizers])).toEqual([['NamespaceUpdated', ['kubernetes']]]);
    const finalize = decide({
      type: 'Update', resource: type('Namespace'), namespace: '', name: 'team2', subresource: 'finalize',
      body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team2' }, spec: { finalizers: [] } }, options: { fieldValidation: 'Strict' },
    }, state, ctx);
    expect(finalize.changes.map((c) => c.type)).toEqual(['NamespaceDeleted']);
    expect(decide({ type: 'Delete', resource: type('Namespace'), namespace: '', name: 'team', options: {} }, state, ctx).changes.map((c) => c.type)).toEqual(['NamespaceDeleted']);
    expect(refusal(() => decide({ type: 'Delete', resource: type('Namespace'), namespace: '', name: 'default', options: {} }, state, ctx))).toContain('this namespace may not be deleted');
  });

  it('scales a Deployment as DeploymentScaled and bumps its generation', () => {
    const state = given(namespace('default'));
    const deployment: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
      spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx' }] } } },
    };
    state.apply(decide(create('Deployment', deployment), state, ctx));
    const d = decide({ type: 'UpdateScale', resource: type('Deployment'), namespace: 'default', name: 'api', replicas: 5, options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(d.changes.map((c) => c.type)).toEqual(['DeploymentScaled']);
    expect((d.changes[0].object as Deployment).spec!.replicas).toBe(5);
    expect(d.changes[0].object.metadata.generation).toBe(2);
  });

  it('writes nothing for an update that changes nothing', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Pod', podBody('web')), state, ctx));
    const current = state.get('Pod', 'default', 'web')!;
    const d = decide({ type: 'Update', resource: type('Pod'), namespace: 'default', name: 'web', body: structuredClone(current), options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(d.changes).toEqual([]);
  });

  it("stores objects as Go's structs give them, and an update that differs only in what Go leaves out or always writes changes nothing", () => {
    const state = given(namespace('default'));
    const template = { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx', args: [] }] } };
    const rc: KubeObject = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'api' }, spec: { replicas: 0, selector: { app: 'api' }, template } };
    const created = decide(create('ReplicationController', rc), state, ctx);
    state.apply(created);
    const stored = created.changes[0].object as { spec: { template: { metadata: object; spec: { containers: object[] } } }; status: object };
    expect(stored.status).toEqual({ replicas: 0 });
    expect(stored.spec.template.metadata).toEqual({ creationTimestamp: null, labels: { app: 'api' } });
    expect(stored.spec.template.spec.containers[0]).not.toHaveProperty('args');
    const again = structuredClone(state.get('ReplicationController', 'default', 'api')!);
    (again.spec as { template: unknown }).template = structuredClone(template);
    const update = decide({ type: 'Update', resource: type('ReplicationController'), namespace: 'default', name: 'api', body: again, options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(update.changes).toEqual([]);
  });
});

describe('decide: NodeRestriction on a kubelet\'s writes', () => {
  const kubelet = { ...ctx, user: { username: 'system:node:node-1', groups: ['system:nodes', 'system:authenticated'] } };
  const statusPatch = (status: object): Command => ({
    type: 'Patch', resource: type('Pod'), namespace: 'default', name: 'web', patchType: 'merge', patch: { status }, options: { fieldValidation: 'Strict' }, subresource: 'status',
  });

  it('admits a status report that changes nothing, and refuses one about a pod of another node', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Pod', podBody('web', { spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } })), state, ctx));
    state.apply(decide(statusPatch({ phase: 'Running' }), state, kubelet));
    expect(decide(statusPatch({ phase: 'Running' }), state, kubelet).changes).toEqual([]);
    const other = { ...kubelet, user: { username: 'system:node:node-2', groups: ['system:nodes'] } };
    expect(refusal(() => decide(statusPatch({ phase: 'Failed' }), state, other))).toBe(
      '403 Forbidden: pods "web" is forbidden: node "node-2" can only update pod status for pods with spec.nodeName set to itself',
    );
  });
});

describe('decide: a status write', () => {
  const deepFreeze = <T>(value: T): T => {
    if (typeof value === 'object' && value !== null) Object.values(Object.freeze(value)).forEach(deepFreeze);
    return value;
  };
  const statusPatch = (patch: object): Command => ({
    type: 'Patch', resource: type('Pod'), namespace: 'default', name: 'web', patchType: 'merge', patch, options: { fieldValidation: 'Strict', fieldManager: 'kubelet' }, subresource: 'status',
  });

  it('leaves the stored object as it was, writes the status alone, and sees a write of the same status as no change', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Pod', podBody('web', { metadata: { name: 'web', labels: { app: 'web' } } })), state, ctx));
    const stored = deepFreeze(state.get('Pod', 'default', 'web')!);
    const before = JSON.stringify(stored);
    const d = decide(statusPatch({ metadata: { labels: { app: 'other' } }, spec: { nodeName: 'node-9' }, status: { phase: 'Running', podIP: '10.244.1.5' } }), state, ctx);
    expect(JSON.stringify(stored)).toBe(before);
    const written = d.changes[0].object as Pod;
    expect(written.status).toMatchObject({ phase: 'Running', podIP: '10.244.1.5' });
    expect(written.metadata.labels).toEqual({ app: 'web' });
    expect(written.spec!.nodeName).toBeUndefined();
    expect(written.metadata.managedFields!.map((m) => [m.manager, m.subresource])).toEqual([['kubelet', 'status'], ['unknown', undefined]]);
    state.apply(d);
    deepFreeze(state.get('Pod', 'default', 'web'));
    expect(decide(statusPatch({ status: { phase: 'Running' } }), state, ctx).changes).toEqual([]);
    expect(decide(statusPatch({ status: { phase: 'Running', podIP: null } }), state, ctx).changes.map((c) => (c.object as Pod).status!.podIP)).toEqual([undefined]);
  });
});

describe('decide: a Service\'s cluster IP on update', () => {
  it('refuses a changed clusterIP as a change of clusterIPs[0], as kube-apiserver does after normalizing', () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Service', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }), state, ctx));
    const current = state.get('Service', 'default', 'web')!;
    const patch = (spec: object): Command => ({ type: 'Patch', resource: type('Service'), namespace: 'default', name: 'web', patchType: 'strategic', patch: { spec }, options: { fieldValidation: 'Strict' } });
    expect(refusal(() => decide(patch({ clusterIP: '10.96.0.99' }), state, ctx))).toBe(
      `422 Invalid: Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set`,
    );
    expect((current as Service).spec!.clusterIP).toBe('10.96.0.1');
  });
});

describe('decide: pods with scheduling gates', () => {
  const gated = (names: string[]) => podBody('gated', { spec: { schedulingGates: names.map((name) => ({ name })), containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } });
  const update = (body: KubeObject): Command => ({ type: 'Update', resource: type('Pod'), namespace: 'default', name: 'gated', body, options: { fieldValidation: 'Strict' } });

  it('creates a gated pod PodScheduled=False/SchedulingGated, takes gates away but refuses new ones', () => {
    const state = given(namespace('default'));
    const d = decide(create('Pod', gated(['a', 'b'])), state, ctx);
    expect((d.changes[0].object as Pod).status!.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'SchedulingGated' })]);
    state.apply(d);
    const current = state.get('Pod', 'default', 'gated') as Pod;
    const withGates = (names: string[]) => ({ ...structuredClone(current), spec: { ...structuredClone(current.spec), schedulingGates: names.map((name) => ({ name })) } });
    expect(refusal(() => decide(update(withGates(['a', 'b', 'x'])), state, ctx))).toBe(
      '422 Invalid: Pod "gated" is invalid: spec.schedulingGates[2].name: Forbidden: only deletion is allowed, but found new scheduling gate \'x\'',
    );
    expect((decide(update(withGates(['b'])), state, ctx).changes[0].object as Pod).spec!.schedulingGates).toEqual([{ name: 'b' }]);
  });
});

describe('decide: the resourceVersion precondition of updates', () => {
  const stored = () => {
    const state = given(namespace('default'));
    state.apply(decide(create('Pod', podBody('web', { metadata: { name: 'web', labels: { v: '1' } } })), state, ctx));
    state.get('Pod', 'default', 'web')!.metadata.resourceVersion = '12';
    return state;
  };
  /** The pod as stored (admission gave it its token volume, which an update may not take away), relabelled. */
  const relabel = (rv: string | undefined, state: ReturnType<typeof stored>): Command => {
    const current = state.get('Pod', 'default', 'web')!;
    const body = { ...current, metadata: { name: 'web', labels: { v: '2' }, ...(rv === undefined ? {} : { resourceVersion: rv }) } };
    return { type: 'Update', resource: type('Pod'), namespace: 'default', name: 'web', body, options: { fieldValidation: 'Strict' } };
  };

  it.each([undefined, '', '0', '12'])('updates with resourceVersion %j', (rv) => {
    const state = stored();
    const d = decide(relabel(rv, state), state, ctx);
    expect(d.changes.map((c) => c.object.metadata.labels)).toEqual([{ v: '2' }]);
  });

  it('refuses a stale resourceVersion with 409 Conflict', () => {
    const state = stored();
    expect(refusal(() => decide(relabel('11', state), state, ctx))).toBe(
      '409 Conflict: Operation cannot be fulfilled on pods "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('patches and scales with resourceVersion "0" unconditionally', () => {
    const state = stored();
    const patch = decide({ type: 'Patch', resource: type('Pod'), namespace: 'default', name: 'web', patchType: 'merge', patch: { metadata: { resourceVersion: '0', labels: { v: '3' } } }, options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(patch.changes.map((c) => c.object.metadata.labels)).toEqual([{ v: '3' }]);
    const deployment: KubeObject = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
      spec: { selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx' }] } } },
    };
    state.apply(decide(create('Deployment', deployment), state, ctx));
    state.get('Deployment', 'default', 'api')!.metadata.resourceVersion = '13';
    const scale = (resourceVersion: string) => decide({ type: 'UpdateScale', resource: type('Deployment'), namespace: 'default', name: 'api', replicas: 4, resourceVersion, options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(scale('0').changes.map((c) => (c.object as Deployment).spec!.replicas)).toEqual([4]);
    expect(refusal(() => scale('5'))).toContain('409 Conflict');
  });
});

describe('decide: PriorityClasses and the Priority admission plugin', () => {
  const priorityClass = (name: string, value: number, extra: object = {}): KubeObject => ({
    apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, ...extra,
  });
  const createClass = (body: KubeObject): Command => create('PriorityClass', body, '');
  const priorityOf = (d: ReturnType<typeof decide>) => {
    const { priorityClassName, priority, preemptionPolicy } = (d.changes[0].object as Pod).spec!;
    return { priorityClassName, priority, preemptionPolicy };
  };

  it('creates a cluster-scoped class with its defaults as PriorityClassCreated', () => {
    const d = decide(createClass(priorityClass('high', 1000)), given(namespace('default')), ctx);
    expect(d.changes.map((c) => c.type)).toEqual(['PriorityClassCreated']);
    expect(d.changes[0].object).toMatchObject({ metadata: { name: 'high' }, value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
    expect(d.changes[0].object.metadata.namespace).toBeUndefined();
  });

  it('gives a pod the priority of its class, the global default, or 0', () => {
    const state = given(namespace('default'));
    expect(priorityOf(decide(create('Pod', podBody('plain')), state, ctx))).toEqual({ priorityClassName: undefined, priority: 0, preemptionPolicy: 'PreemptLowerPriority' });
    state.apply(decide(createClass(priorityClass('high', 1000, { preemptionPolicy: 'Never' })), state, ctx));
    const named = podBody('named', { spec: { priorityClassName: 'high', containers: [{ name: 'c', image: 'x' }] } });
    expect(priorityOf(decide(create('Pod', named), state, ctx))).toEqual({ priorityClassName: 'high', priority: 1000, preemptionPolicy: 'Never' });
    state.apply(decide(createClass(priorityClass('fallback', 10, { globalDefault: true })), state, ctx));
    expect(priorityOf(decide(create('Pod', podBody('plain')), state, ctx))).toEqual({ priorityClassName: 'fallback', priority: 10, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('refuses a pod that names an unknown class or sets its own priority', () => {
    const state = given(namespace('default'), priorityClass('high', 1000, { preemptionPolicy: 'PreemptLowerPriority' }));
    const unknown = podBody('x', { spec: { priorityClassName: 'foo', containers: [{ name: 'c', image: 'x' }] } });
    expect(refusal(() => decide(create('Pod', unknown), state, ctx))).toBe('403 Forbidden: pods "x" is forbidden: no PriorityClass with name foo was found');
    const own = podBody('y', { spec: { priorityClassName: 'high', priority: 5, containers: [{ name: 'c', image: 'x' }] } });
    expect(refusal(() => decide(create('Pod', own), state, ctx))).toBe(
      '403 Forbidden: pods "y" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 1000 from the given PriorityClass name',
    );
  });

  it('keeps a pod\'s priority when a replacement leaves it out', () => {
    const state = given(namespace('default'), priorityClass('high', 1000, { preemptionPolicy: 'PreemptLowerPriority' }));
    state.apply(decide(create('Pod', podBody('web', { spec: { priorityClassName: 'high', containers: [{ name: 'c', image: 'x' }] } })), state, ctx));
    const body = structuredClone(state.get('Pod', 'default', 'web') as Pod);
    delete body.spec!.priority;
    delete body.spec!.preemptionPolicy;
    body.metadata.labels = { tier: 'web' };
    const d = decide({ type: 'Update', resource: type('Pod'), namespace: 'default', name: 'web', body, options: { fieldValidation: 'Strict' } }, state, ctx);
    expect(d.changes[0].object.spec).toMatchObject({ priority: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  });

  it('allows one globalDefault class, on create and on update', () => {
    const state = given(namespace('default'));
    state.apply(decide(createClass(priorityClass('first', 10, { globalDefault: true })), state, ctx));
    state.apply(decide(createClass(priorityClass('plain', 20)), state, ctx));
    const message = 'PriorityClass first is already marked as default. Only one default can exist';
    expect(refusal(() => decide(createClass(priorityClass('second', 30, { globalDefault: true })), state, ctx))).toBe(
      `403 Forbidden: priorityclasses.scheduling.k8s.io "second" is forbidden: ${message}`,
    );
    const promoted = { ...structuredClone(state.get('PriorityClass', '', 'plain')!), globalDefault: true };
    const update = (body: KubeObject): Command => ({ type: 'Update', resource: type('PriorityClass'), namespace: '', name: body.metadata.name!, body, options: { fieldValidation: 'Strict' } });
    expect(refusal(() => decide(update(promoted), state, ctx))).toBe(`403 Forbidden: priorityclasses.scheduling.k8s.io "plain" is forbidden: ${message}`);
    const described = { ...structuredClone(state.get('PriorityClass', '', 'first')!), description: 'the default' };
    expect(decide(update(described), state, ctx).changes.map((c) => c.type)).toEqual(['PriorityClassUpdated']);
  });

  it('refuses a changed value with Kubernetes\' wording', () => {
    const state = given(namespace('default'));
    state.apply(decide(createClass(priorityClass('high', 1000)), state, ctx));
    const body = { ...structuredClone(state.get('PriorityClass', '', 'high')!), value: 2000 };
    expect(refusal(() => decide({ type: 'Update', resource: type('PriorityClass'), namespace: '', name: 'high', body, options: { fieldValidation: 'Strict' } }, state, ctx))).toBe(
      '422 Invalid: PriorityClass.scheduling.k8s.io "high" is invalid: value: Forbidden: may not be changed in an update.',
    );
  });
});

describe('decide: the ResourceQuota admission plugin', () => {
  const quota = (hard: Record<string, string>): KubeObject => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard } });
  const stored = (o: KubeObject): KubeObject => ({ ...o, metadata: { ...o.metadata, namespace: 'default', uid: `u-${o.metadata.name}`, resourceVersion: '1' } });

  it('refuses a pod beyond the count as a 403 and stores nothing; generated names are named', () => {
    const state = given(namespace('default'), quota({ pods: '1' }), stored(podBody('a')));
    expect(refusal(() => decide(create('Pod', podBody('b')), state, ctx))).toBe('403 Forbidden: pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1');
    const generated = podBody('');
    generated.metadata = { generateName: 'web-' };
    expect(refusal(() => decide(create('Pod', generated), state, ctx))).toContain('pods "web-x7k2p" is forbidden: exceeded quota: q');
  });

  it('takes the LimitRange defaults into account before asking for declared cpu', () => {
    const limits: KubeObject = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l', namespace: 'default' }, spec: { limits: [{ type: 'Container', defaultRequest: { cpu: '100m' } }] } };
    expect(refusal(() => decide(create('Pod', podBody('a')), given(namespace('default'), quota({ 'requests.cpu': '1' })), ctx))).toBe(
      '403 Forbidden: pods "a" is forbidden: failed quota: q: must specify requests.cpu for: nginx',
    );
    expect(decide(create('Pod', podBody('a')), given(namespace('default'), quota({ 'requests.cpu': '1' }), limits), ctx).changes).toHaveLength(1);
  });

  it('checks a claim resize against requests.storage', () => {
    const claim = (storage: string): KubeObject => ({
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } }, storageClassName: 'gold' },
    });
    const gold: KubeObject = { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'gold' }, provisioner: 'example.com/gold', allowVolumeExpansion: true };
    const state = given(namespace('default'), quota({ 'requests.storage': '2Gi' }), gold);
    const first = decide(create('PersistentVolumeClaim', claim('1Gi')), state, ctx);
    const admitted = first.changes[0].object as PersistentVolumeClaim;
    const bound = { ...admitted, spec: { ...admitted.spec, volumeName: 'pv' }, status: { phase: 'Bound' } };
    state.apply({ ...first, changes: [{ ...first.changes[0], object: bound }] });
    const grown = { ...bound, spec: { ...bound.spec, resources: { requests: { storage: '3Gi' } } } };
    const put: Command = { type: 'Update', resource: type('PersistentVolumeClaim'), namespace: 'default', name: 'data', body: grown, options: { fieldValidation: 'Strict' } };
    expect(refusal(() => decide(put, state, ctx))).toBe(
      '403 Forbidden: persistentvolumeclaims "data" is forbidden: exceeded quota: q, requested: requests.storage=2Gi, used: requests.storage=1Gi, limited: requests.storage=2Gi',
    );
  });
});

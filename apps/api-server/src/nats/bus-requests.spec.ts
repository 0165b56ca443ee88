import { describe, expect, it } from 'vitest';
import { authorize, bootstrapPolicy, rbacObjectsOf } from '@kubelab/api';
import type { ApiBusRequest, BusIdentity } from '@kubelab/bus';
import { busRequestAttributes } from '../audit/request-refusals.js';
import { busUser } from './bus-requests.js';

const controllerManager: BusIdentity = { kind: 'controller-manager' };
const serviceAccountGroups = ['system:serviceaccounts', 'system:serviceaccounts:kube-system', 'system:authenticated'];
const policy = rbacObjectsOf([...bootstrapPolicy.clusterRoles, ...bootstrapPolicy.clusterRoleBindings, ...bootstrapPolicy.roles, ...bootstrapPolicy.roleBindings]);

describe('busUser: the controller-manager', () => {
  it.each([
    { actor: 'replicaset-controller', account: 'replicaset-controller' },
    { actor: 'deployment-controller', account: 'deployment-controller' },
    { actor: 'job-controller', account: 'job-controller' },
    { actor: 'pod-garbage-collector', account: 'pod-garbage-collector' },
    { actor: 'ttl-after-finished-controller', account: 'ttl-after-finished-controller' },
    { actor: 'root-ca-cert-publisher', account: 'root-ca-cert-publisher' },
    { actor: 'garbage-collector', account: 'generic-garbage-collector' },
    { actor: 'node-lifecycle-controller', account: 'node-controller' },
    { actor: 'daemonset-controller', account: 'daemon-set-controller' },
  ])('acts as $actor with the ServiceAccount kube-system/$account', ({ actor, account }) => {
    expect(busUser(controllerManager, actor)).toEqual({ username: `system:serviceaccount:kube-system:${account}`, groups: serviceAccountGroups });
  });

  it.each(['controller-manager', 'constructor', 'kubelet', ''])('acts as %j, no controller, as system:kube-controller-manager outside system:masters', (actor) => {
    expect(busUser(controllerManager, actor)).toEqual({ username: 'system:kube-controller-manager', groups: ['system:authenticated'] });
  });

  it('reads the actor of no other sender', () => {
    expect(busUser({ kind: 'scheduler' }, 'deployment-controller')).toEqual({ username: 'system:kube-scheduler', groups: ['system:authenticated'] });
    expect(busUser({ kind: 'kubelet', nodes: ['node-1'] }, 'job-controller').username).toBe('system:node:node-1');
  });
});

type Ask = Omit<ApiBusRequest, 'actor'>;
const core = (plural: string, verb: ApiBusRequest['verb'], namespace = 'default'): Ask => ({ verb, group: '', version: 'v1', plural, namespace, name: 'x' });
const apps = (plural: string, verb: ApiBusRequest['verb']): Ask => ({ verb, group: 'apps', version: 'v1', plural, namespace: 'default', name: 'x' });
const batch = (plural: string, verb: ApiBusRequest['verb']): Ask => ({ verb, group: 'batch', version: 'v1', plural, namespace: 'default', name: 'x' });
const cluster = (group: string, plural: string, verb: ApiBusRequest['verb']): Ask => ({ verb, group, version: 'v1', plural, name: 'x' });

/** Every request each controller sends over its ApiClient, and the refusals that made some of them change. */
const requests: { actor: string; asks: Ask[]; refused?: Ask[] }[] = [
  {
    actor: 'replicaset-controller',
    asks: [core('pods', 'create'), core('pods', 'delete'), core('pods', 'patch'), apps('replicasets', 'updateStatus'), core('events', 'create'), core('events', 'patch')],
    refused: [core('pods', 'update')],
  },
  {
    actor: 'replication-controller',
    asks: [core('pods', 'create'), core('pods', 'delete'), core('pods', 'patch'), core('replicationcontrollers', 'updateStatus'), core('events', 'create')],
    refused: [core('pods', 'update')],
  },
  {
    actor: 'deployment-controller',
    asks: [...(['create', 'update', 'patch', 'delete'] as const).map((v) => apps('replicasets', v)), apps('deployments', 'updateStatus'), apps('deployments', 'update'), core('events', 'create')],
    refused: [apps('deployments', 'patch')],
  },
  {
    actor: 'job-controller',
    asks: [core('pods', 'create'), core('pods', 'delete'), core('pods', 'patch'), batch('jobs', 'updateStatus'), core('events', 'create')],
    refused: [core('pods', 'update'), batch('jobs', 'delete')],
  },
  { actor: 'ttl-after-finished-controller', asks: [batch('jobs', 'get'), batch('jobs', 'delete')] },
  { actor: 'cronjob-controller', asks: [batch('jobs', 'create'), batch('jobs', 'delete'), batch('cronjobs', 'updateStatus'), core('events', 'create')] },
  {
    actor: 'statefulset-controller',
    asks: [
      ...(['create', 'update', 'patch', 'delete'] as const).map((v) => core('pods', v)), apps('statefulsets', 'updateStatus'), ...(['create', 'update', 'delete'] as const).map((v) => apps('controllerrevisions', v)),
      core('persistentvolumeclaims', 'create'), core('persistentvolumeclaims', 'update'),
    ],
    refused: [core('persistentvolumeclaims', 'patch')],
  },
  {
    actor: 'daemonset-controller',
    asks: [core('pods', 'create'), core('pods', 'delete'), core('pods', 'patch'), apps('daemonsets', 'updateStatus'), ...(['create', 'update', 'delete'] as const).map((v) => apps('controllerrevisions', v))],
    refused: [core('pods', 'update')],
  },
  { actor: 'endpoint-controller', asks: (['create', 'update', 'delete'] as const).map((v) => core('endpoints', v)) },
  { actor: 'endpointslice-controller', asks: (['create', 'update', 'delete'] as const).map((v) => ({ ...core('endpointslices', v), group: 'discovery.k8s.io' })) },
  { actor: 'garbage-collector', asks: [apps('deployments', 'get'), apps('replicasets', 'delete'), core('pods', 'update'), { ...core('widgets', 'update'), group: 'example.com' }] },
  { actor: 'pod-garbage-collector', asks: [core('pods', 'patchStatus'), core('pods', 'delete')], refused: [core('pods', 'updateStatus')] },
  { actor: 'service-account-controller', asks: [core('serviceaccounts', 'create')] },
  {
    actor: 'namespace-controller',
    asks: [core('configmaps', 'list'), core('pods', 'delete'), cluster('', 'namespaces', 'updateStatus'), cluster('', 'namespaces', 'finalize'), cluster('apiextensions.k8s.io', 'customresourcedefinitions', 'list')],
  },
  { actor: 'disruption-controller', asks: [{ ...core('poddisruptionbudgets', 'updateStatus'), group: 'policy' }] },
  { actor: 'resourcequota-controller', asks: [core('pods', 'list'), core('resourcequotas', 'updateStatus')] },
  { actor: 'clusterrole-aggregation-controller', asks: [cluster('rbac.authorization.k8s.io', 'clusterroles', 'update')] },
  { actor: 'node-lifecycle-controller', asks: [cluster('', 'nodes', 'updateStatus'), cluster('', 'nodes', 'patch'), core('pods', 'updateStatus'), core('pods', 'delete'), core('events', 'create')] },
  {
    actor: 'horizontal-pod-autoscaler',
    asks: [
      apps('deployments', 'getScale'), apps('deployments', 'updateScale'), { ...apps('crontabs', 'updateScale'), group: 'stable.example.com' },
      { ...core('horizontalpodautoscalers', 'updateStatus'), group: 'autoscaling', version: 'v2' }, { ...core('pods', 'list'), group: 'metrics.k8s.io', version: 'v1beta1' }, core('events', 'create'),
    ],
    refused: [apps('deployments', 'update'), apps('deployments', 'get'), { ...core('horizontalpodautoscalers', 'update'), group: 'autoscaling', version: 'v2' }],
  },
  { actor: 'root-ca-cert-publisher', asks: [core('configmaps', 'create'), core('configmaps', 'update')] },
  { actor: 'controller-manager', asks: [core('pods', 'list'), core('secrets', 'list'), cluster('', 'nodes', 'list')], refused: [core('pods', 'create'), core('pods', 'delete')] },
  {
    // The PV binder and the lab's provisioners, which run under its account.
    actor: 'persistent-volume-binder',
    asks: [
      ...(['create', 'update', 'updateStatus', 'delete', 'get'] as const).map((v) => cluster('', 'persistentvolumes', v)),
      ...(['update', 'updateStatus', 'get'] as const).map((v) => core('persistentvolumeclaims', v)), core('events', 'create'), core('events', 'patch'),
    ],
    refused: [cluster('', 'persistentvolumes', 'patch'), core('persistentvolumeclaims', 'patch'), core('persistentvolumeclaims', 'delete')],
  },
  { actor: 'pvc-protection-controller', asks: [core('persistentvolumeclaims', 'update'), core('pods', 'list')], refused: [core('persistentvolumeclaims', 'delete')] },
  { actor: 'pv-protection-controller', asks: [cluster('', 'persistentvolumes', 'update')], refused: [cluster('', 'persistentvolumes', 'delete')] },
  {
    // The expand controller and the lab's external resizer, which runs under its account.
    actor: 'expand-controller',
    asks: [cluster('', 'persistentvolumes', 'patch'), core('persistentvolumeclaims', 'patchStatus'), core('events', 'create')],
    refused: [core('persistentvolumeclaims', 'update'), core('persistentvolumeclaims', 'patch')],
  },
];

describe('busUser: the scheduler binds volumes as system:volume-scheduler lets it', () => {
  const allowed = (ask: Ask) => authorize(busUser({ kind: 'scheduler' }, 'default-scheduler'), busRequestAttributes({ ...ask, actor: 'default-scheduler' }), policy).allowed;

  it('writes volumes and claims with PUT, reads storage classes, and deletes neither', () => {
    const asks = [cluster('', 'persistentvolumes', 'update'), core('persistentvolumeclaims', 'update'), cluster('storage.k8s.io', 'storageclasses', 'list')];
    expect(asks.filter((ask) => !allowed(ask))).toEqual([]);
    expect([cluster('', 'persistentvolumes', 'delete'), core('persistentvolumeclaims', 'create')].filter((ask) => allowed(ask))).toEqual([]);
  });
});

describe('busUser: each controller may make its requests under the 1.32 bootstrap policy, and no more', () => {
  const allowed = (actor: string, ask: Ask) => authorize(busUser(controllerManager, actor), busRequestAttributes({ ...ask, actor }), policy).allowed;

  it.each(requests)('$actor', ({ actor, asks, refused = [] }) => {
    expect(asks.filter((ask) => !allowed(actor, ask))).toEqual([]);
    expect(refused.filter((ask) => allowed(actor, ask))).toEqual([]);
  });
});

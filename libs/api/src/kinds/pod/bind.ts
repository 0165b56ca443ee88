/** The pod's binding subresource (pkg/registry/core/pod/storage BindingREST): the scheduler's placement. */
import type { PodCondition, PodSpec } from 'kubernetes-types/core/v1';
import { checkAdmissionPolicies } from '../../commands/admission-policies.js';
import { modified } from '../../commands/change.js';
import { kubeTime } from '../../commands/meta.js';
import type { Decision } from '../../commands/types.js';
import { cloneJson, type KubeObject } from '../../object.js';
import { conflict, notFound, success } from '../../status.js';
import type { Pod } from '../../typed-objects.js';
import type { KindWrite } from '../strategy.js';

/** POST pods/binding: sets spec.nodeName once and marks the pod PodScheduled; admission policies see a CREATE of pods/binding. */
export function bindPod(w: KindWrite, name: string, nodeName: string): Decision {
  const { resource: t, namespace, view, ctx } = w;
  const pod = view.get('Pod', namespace, name) as Pod | undefined;
  if (!pod) throw notFound(t, name);
  if (pod.spec?.nodeName) throw conflict(t, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.metadata.deletionTimestamp) throw conflict(t, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const binding: KubeObject = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { kind: 'Node', name: nodeName } };
  const warnings = checkAdmissionPolicies(t, {
    operation: 'CREATE', subresource: 'binding', object: binding, oldObject: null, name, namespace, kind: { group: '', version: 'v1', kind: 'Binding' },
  }, view, ctx);
  const bound = cloneJson(pod);
  bound.spec = { ...bound.spec, nodeName } as PodSpec;
  const conditions = (bound.status?.conditions ?? []).filter((c: PodCondition) => c.type !== 'PodScheduled');
  const scheduled = { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: kubeTime(ctx.now) };
  const decided: KubeObject = { ...bound, status: { ...bound.status, conditions: [...conditions, scheduled] } };
  return { changes: [modified(t, decided, pod, 'PodBound')], reply: { code: 201, body: success(undefined, 201) }, warnings };
}

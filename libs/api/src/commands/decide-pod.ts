/** The pod's binding subresource: the scheduler's placement. */
import { cloneJson, type KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { conflict, notFound, success } from '../status.js';
import { modified } from './change.js';
import { kubeTime } from './meta.js';
import { checkAdmissionPolicies } from './admission-policies.js';
import type { CommandContext, Decision, StateView } from './types.js';

/** POST pods/binding: sets spec.nodeName once and marks the pod PodScheduled; admission policies see a CREATE of pods/binding. */
export function decideBind(t: ResourceType, namespace: string, name: string, nodeName: string, view: StateView, ctx: CommandContext): Decision {
  const pod = view.get('Pod', namespace, name);
  if (!pod) throw notFound(t, name);
  if (pod.spec?.nodeName) throw conflict(t, name, `pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.metadata.deletionTimestamp) throw conflict(t, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const binding: KubeObject = { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace }, target: { kind: 'Node', name: nodeName } };
  const warnings = checkAdmissionPolicies(t, {
    operation: 'CREATE', subresource: 'binding', object: binding, oldObject: null, name, namespace, kind: { group: '', version: 'v1', kind: 'Binding' },
  }, view, ctx);
  const bound: KubeObject = cloneJson(pod);
  bound.spec.nodeName = nodeName;
  const conditions = (bound.status?.conditions ?? []).filter((c: any) => c.type !== 'PodScheduled');
  bound.status = {
    ...(bound.status ?? {}),
    conditions: [...conditions, { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: kubeTime(ctx.now) }],
  };
  return { changes: [modified(t, bound, pod, 'PodBound')], reply: { code: 201, body: success(undefined, 201) }, warnings };
}

/** The scale subresource of Deployments and ReplicaSets. */
import { formatLabelSelector } from '../selectors/index.js';
import { strategyOfObject } from '../kinds/registry.js';
import { cloneJson, isPlainObject, type KubeObject } from '../object.js';
import { readField, writeField } from '../custom-resources/json-path.js';
import { resourceTypeForKind, storeKindOf, type ResourceType } from '../registry.js';
import { invalid, notFound } from '../status.js';
import { invalidValue } from '../field-errors.js';
import { modified } from './change.js';
import { recordManager } from './meta.js';
import { checkResourceVersion } from './resource-version.js';
import type { WriteOptions } from './command.js';
import { checkAdmissionPolicies } from './admission-policies.js';
import type { CommandContext, Decision, StateView } from './types.js';

/** autoscaling/v1 Scale of an object with spec.replicas, or of a custom resource at its CRD's scale paths. */
export function scaleOf(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  const scale = resourceTypeForKind(obj.apiVersion, obj.kind)?.custom?.scale;
  const number = (v: unknown) => (typeof v === 'number' ? v : 0);
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: number(scale ? readField(obj, scale.specReplicasPath) : replicasOf(obj.spec)) },
    status: scale
      ? { replicas: number(readField(obj, scale.statusReplicasPath)), ...(scale.labelSelectorPath && readField(obj, scale.labelSelectorPath) ? { selector: String(readField(obj, scale.labelSelectorPath)) } : {}) }
      : { replicas: replicasOf(obj.status) ?? 0, selector: scaleSelector(obj) },
  };
}

/** PUT/PATCH scale: sets spec.replicas (`DeploymentScaled`, `ReplicaSetScaled`); admission policies see an UPDATE of …/scale with Scale objects. */
export function decideScale(
  t: ResourceType,
  namespace: string,
  name: string,
  replicas: number,
  resourceVersion: string | undefined,
  options: WriteOptions,
  view: StateView,
  ctx: CommandContext,
): Decision {
  const current = view.get(storeKindOf(t), namespace, name);
  if (!current) throw notFound(t, name);
  checkResourceVersion(t, resourceVersion, current);
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', 'autoscaling', name, [invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0')]);
  }
  const specReplicasPath = t.custom?.scale?.specReplicasPath ?? '.spec.replicas';
  if (readField(current, specReplicasPath) === replicas) return { changes: [], reply: { code: 200, body: scaleOf(current) }, warnings: [] };
  const next = cloneJson(current);
  writeField(next, specReplicasPath, replicas);
  next.metadata.generation = (current.metadata.generation ?? 1) + 1;
  recordManager(t, next, current, options.fieldManager ?? 'unknown', ctx.now, 'scale');
  const warnings = checkAdmissionPolicies(t, {
    operation: 'UPDATE', subresource: 'scale', object: scaleOf(next), oldObject: scaleOf(current), name, namespace,
    kind: { group: 'autoscaling', version: 'v1', kind: 'Scale' },
  }, view, ctx);
  return { changes: [modified(t, next, current, `${t.kind}Scaled`)], reply: { code: 200, change: 0 }, warnings };
}

/** spec.replicas or status.replicas of a kind with the scale subresource. */
const replicasOf = (part: unknown): number | undefined => (isPlainObject(part) && typeof part.replicas === 'number' ? part.replicas : undefined);

/** The Scale's selector text: the kind's own (a ReplicationController's label map), or its LabelSelector's. */
function scaleSelector(obj: KubeObject): string {
  const own = strategyOfObject(obj).scaleSelector;
  if (own) return own(obj);
  const selector = isPlainObject(obj.spec) ? obj.spec.selector : undefined;
  return selector ? formatLabelSelector(selector) : '';
}

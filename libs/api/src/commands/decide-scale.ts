/** The scale subresource of Deployments and ReplicaSets. */
import { formatLabelSelector } from '../selectors/index.js';
import { cloneJson, type KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { conflict, invalid, notFound } from '../status.js';
import { invalidValue } from '../field-errors.js';
import { modified } from './change.js';
import { recordManager } from './meta.js';
import type { WriteOptions } from './command.js';
import type { CommandContext, Decision, StateView } from './types.js';

/** autoscaling/v1 Scale of an object with spec.replicas. */
export function scaleOf(obj: KubeObject): KubeObject {
  const m = obj.metadata;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp },
    spec: { replicas: obj.spec?.replicas ?? 0 },
    status: { replicas: obj.status?.replicas ?? 0, selector: scaleSelector(obj) },
  };
}

/** PUT/PATCH scale: sets spec.replicas (`DeploymentScaled`, `ReplicaSetScaled`). */
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
  const current = view.get(t.kind, namespace, name);
  if (!current) throw notFound(t, name);
  if (resourceVersion && resourceVersion !== current.metadata.resourceVersion) throw conflict(t, name);
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', 'autoscaling', name, [invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0')]);
  }
  if (current.spec?.replicas === replicas) return { changes: [], reply: { code: 200, body: scaleOf(current) }, warnings: [] };
  const next = cloneJson(current);
  next.spec.replicas = replicas;
  next.metadata.generation = (current.metadata.generation ?? 1) + 1;
  recordManager(t, next, current, options.fieldManager ?? 'unknown', ctx.now, 'scale');
  return { changes: [modified(t, next, current, `${t.kind}Scaled`)], reply: { code: 200, change: 0 }, warnings: [] };
}

/** The Scale's selector text; a ReplicationController's selector is a plain label map. */
function scaleSelector(obj: KubeObject): string {
  const selector = obj.spec?.selector;
  if (!selector) return '';
  if (obj.kind === 'ReplicationController') return Object.entries(selector as Record<string, string>).map(([k, v]) => `${k}=${v}`).sort().join(',');
  return formatLabelSelector(selector);
}

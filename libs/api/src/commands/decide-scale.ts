/** The scale subresource of Deployments and ReplicaSets. */
import { formatLabelSelector } from '../selectors/index.js';
import { cloneJson, type KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { invalid, notFound } from '../status.js';
import { invalidValue } from '../field-errors.js';
import { modified } from './change.js';
import { recordManager } from './meta.js';
import { checkResourceVersion } from './resource-version.js';
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
    status: { replicas: obj.status?.replicas ?? 0, selector: obj.spec?.selector ? formatLabelSelector(obj.spec.selector) : '' },
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
  checkResourceVersion(t, resourceVersion, current);
  if (!Number.isInteger(replicas) || replicas < 0) {
    throw invalid('Scale', 'autoscaling', name, [invalidValue('spec.replicas', replicas, 'must be greater than or equal to 0')]);
  }
  if (current.spec?.replicas === replicas) return { changes: [], reply: { code: 200, body: scaleOf(current) }, warnings: [] };
  const next = cloneJson(current);
  next.spec.replicas = replicas;
  next.metadata.generation = (current.metadata.generation ?? 1) + 1;
  recordManager(next, options.fieldManager ?? 'unknown', 'Update', ctx.now, 'scale');
  return { changes: [modified(t, next, current, `${t.kind}Scaled`)], reply: { code: 200, change: 0 }, warnings: [] };
}

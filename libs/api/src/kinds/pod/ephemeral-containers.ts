/**
 * pods/ephemeralcontainers (kubectl debug, pkg/registry/core/pod/storage EphemeralContainersREST):
 * only spec.ephemeralContainers changes, and only by adding containers; the ones already there
 * may not change or go. PodSecurity judges the write as a pod update.
 */
import type { EphemeralContainer, PodSpec } from 'kubernetes-types/core/v1';
import { defaultImagePullPolicy } from '../../admission/defaults/image-pull-policy.js';
import { modified } from '../../commands/change.js';
import type { WriteOptions } from '../../commands/command.js';
import { recordManager, sameObject } from '../../commands/meta.js';
import type { Decision } from '../../commands/types.js';
import { duplicate, forbiddenField, required } from '../../field-errors.js';
import { cloneJson, type KubeObject } from '../../object.js';
import { invalid, type FieldError } from '../../status.js';
import type { Pod } from '../../typed-objects.js';
import type { KindWrite } from '../strategy.js';
import { podSecurityOfPod } from './admission.js';

/** Refusals of a write that changes or removes an existing ephemeral container, or adds one without a fresh name or an image. */
function ephemeralContainerErrors(current: Pod, before: readonly EphemeralContainer[], after: readonly EphemeralContainer[]): FieldError[] {
  const errors: FieldError[] = [];
  before.forEach((c) => {
    const now = after.find((a) => a.name === c.name);
    if (!now || JSON.stringify(now) !== JSON.stringify(c)) errors.push(forbiddenField('spec.ephemeralContainers', `existing ephemeral containers "${c.name}" may not be changed`));
  });
  const taken = new Set([...(current.spec?.containers ?? []), ...(current.spec?.initContainers ?? []), ...before].map((c) => c.name));
  after.filter((a) => !before.some((c) => c.name === a.name)).forEach((a, i) => {
    const field = `spec.ephemeralContainers[${before.length + i}]`;
    if (!a.name) errors.push(required(`${field}.name`));
    else if (taken.has(a.name)) errors.push(duplicate(`${field}.name`, a.name));
    if (!a.image) errors.push(required(`${field}.image`));
    taken.add(a.name);
  });
  return errors;
}

/** PUT pods/NAME/ephemeralcontainers: the pod with the containers added, defaulted as the pod's own. */
export function writeEphemeralContainers(w: KindWrite, currentObject: KubeObject, body: KubeObject, options: WriteOptions): Decision {
  const { resource: t, ctx } = w;
  const current = currentObject as Pod;
  const before = current.spec?.ephemeralContainers ?? [];
  const after = (body as Pod).spec?.ephemeralContainers ?? [];
  const name = current.metadata.name!;
  const errors = ephemeralContainerErrors(current, before, after);
  if (errors.length > 0) throw invalid(t.kind, t.group, name, errors);
  const pod = cloneJson(current);
  pod.spec = {
    ...pod.spec,
    ephemeralContainers: after.map((c) => ({
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: defaultImagePullPolicy(c.image ?? ''), ...c,
    })),
  } as PodSpec;
  const obj: KubeObject = pod;
  const warnings = podSecurityOfPod(obj, currentObject, w, name);
  recordManager(t, obj, currentObject, options.fieldManager ?? 'unknown', ctx.now, 'ephemeralcontainers');
  if (sameObject(obj, currentObject)) return { changes: [], reply: { code: 200, body: currentObject }, warnings };
  return { changes: [modified(t, obj, currentObject, 'PodEphemeralContainersAdded')], reply: { code: 200, change: 0 }, warnings };
}

/** PATCH: the patch is applied to the current object, then decided as a PUT would be. */
import { parse as parseYaml } from 'yaml';
import { isPlainObject, type KubeObject } from '../object.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from '../patch/index.js';
import { storeKindOf, type ResourceType } from '../registry.js';
import { badRequest, notFound } from '../status.js';
import type { WriteOptions, WriteSubresource } from './command.js';
import { decideCreate, decideUpdate } from './decide-write.js';
import { recordManager } from './meta.js';
import type { CommandContext, Decision, PatchType, StateView } from './types.js';

/** Applies a patch of the given type to a JSON document; a bad patch is a 400 (422 for JSON patch tests). */
export function applyPatch(patchType: PatchType, current: unknown, patch: unknown): unknown {
  try {
    switch (patchType) {
      case 'json':
        return applyJsonPatch(current, patch);
      case 'merge':
        return applyMergePatch(current, patch);
      case 'strategic':
      case 'apply':
        return applyStrategicMergePatch(current, patch);
    }
  } catch (e) {
    if (e instanceof PatchError) throw badRequest(e.message);
    throw e;
  }
}

/** The body of an apply patch is YAML (JSON is YAML too). */
export function parseApplyPatch(patch: unknown): KubeObject {
  const parsed = typeof patch === 'string' ? parseYaml(patch) : patch;
  if (!isPlainObject(parsed)) throw badRequest('error decoding YAML: the apply configuration must be an object');
  return parsed as KubeObject;
}

/** PATCH of an object or its status; server-side apply creates a missing object. */
export function decidePatch(
  t: ResourceType,
  namespace: string,
  name: string,
  patchType: PatchType,
  patch: unknown,
  options: WriteOptions,
  subresource: WriteSubresource | undefined,
  view: StateView,
  ctx: CommandContext,
): Decision {
  const current = view.get(storeKindOf(t), t.namespaced ? namespace : '', name);
  const manager = options.fieldManager ?? (patchType === 'apply' ? '' : 'unknown');
  if (patchType === 'apply') {
    if (!manager) throw badRequest('PATCH, with apply patch type, requires a fieldManager');
    const applied = parseApplyPatch(patch);
    if (!current) {
      const decision = decideCreate(t, namespace, { ...applied, metadata: { ...(applied.metadata ?? {}), name } }, { ...options, fieldManager: manager }, view, ctx);
      for (const c of decision.changes) recordManager(c.object, manager, 'Apply', ctx.now);
      return decision;
    }
  }
  if (!current) throw notFound(t, name);
  const body = patchType === 'apply' ? parseApplyPatch(patch) : patch;
  const patched = applyPatch(patchType, current, body);
  if (!isPlainObject(patched)) throw badRequest('the patch must produce an object');
  const decision = decideUpdate(t, namespace, name, patched as KubeObject, { ...options, fieldManager: manager }, subresource, view, ctx);
  if (patchType === 'apply') for (const c of decision.changes) recordManager(c.object, manager, 'Apply', ctx.now, subresource);
  return decision;
}

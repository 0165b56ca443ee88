/**
 * PATCH: a JSON, merge or strategic merge patch is applied to the current object and
 * decided as a PUT would be; a server-side apply merges the applied configuration by
 * field ownership (managed-fields/) and creates the object when it is missing.
 */
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { required } from '../field-errors.js';
import { applyConfig, applyConflictError } from '../managed-fields/index.js';
import { isPlainObject, type KubeObject } from '../object.js';
import { applyJsonPatch, applyMergePatch, applyStrategicMergePatch, PatchError } from '../patch/index.js';
import { storeKindOf, type ResourceType } from '../registry.js';
import { badRequest, internalError, invalid, notFound, type ApiError } from '../status.js';
import { exceededMaxDepth, tooDeep, yamlToJsonError } from '../wire/index.js';
import type { WriteOptions, WriteSubresource } from './command.js';
import { decideCreate, decideUpdate } from './decide-write.js';
import { kubeTime } from './meta.js';
import type { CommandContext, Decision, PatchType, StateView } from './types.js';

/** Applies a JSON, merge or strategic merge patch to a JSON document; a bad patch is a 400. */
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
  let parsed: unknown;
  try {
    parsed = typeof patch === 'string' ? parseYaml(patch) : patch;
  } catch (e) {
    // handlers/patch.go's applyPatcher: yaml.Unmarshal's error, a 400.
    if (e instanceof YAMLParseError) throw badRequest(`error decoding YAML: ${yamlToJsonError(e)}`);
    throw e;
  }
  if (!isPlainObject(parsed)) throw badRequest('error decoding YAML: the apply configuration must be an object');
  const deep = tooDeep(parsed);
  if (deep) throw badRequest(`error decoding YAML: ${exceededMaxDepth(deep)}`);
  return parsed as KubeObject;
}

/** 422 for an apply without a fieldManager, as ValidatePatchOptions words it. */
function fieldManagerRequired(): ApiError {
  const error = invalid('PatchOptions', 'meta.k8s.io', '', [required('fieldManager', 'is required for apply patch')]);
  delete error.status.details?.name;
  return error;
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
  if (patchType === 'apply') return decideApply(t, namespace, name, patch, options, subresource, current, view, ctx);
  if (!current) throw notFound(t, name);
  const patched = applyPatch(patchType, current, patch);
  if (!isPlainObject(patched)) throw badRequest('the patch must produce an object');
  return decideUpdate(t, namespace, name, patched as KubeObject, { ...options, fieldManager: options.fieldManager ?? 'unknown' }, subresource, view, ctx);
}

/** Server-side apply: merge by ownership, 409 on conflicts with other managers unless forced. */
function decideApply(
  t: ResourceType,
  namespace: string,
  name: string,
  patch: unknown,
  options: WriteOptions,
  subresource: WriteSubresource | undefined,
  current: KubeObject | undefined,
  view: StateView,
  ctx: CommandContext,
): Decision {
  const manager = options.fieldManager;
  if (!manager) throw fieldManagerRequired();
  const config = parseApplyPatch(patch);
  if (isPlainObject(config.metadata) && config.metadata.managedFields !== undefined) throw badRequest('metadata.managedFields must be nil');
  if (!current && subresource) throw notFound(t, name);
  const target = { group: t.group, version: t.version, kind: t.kind, hasStatus: t.subresources.some((s) => s.name === 'status'), subresource };
  let outcome;
  try {
    outcome = applyConfig(target, current, config, manager, options.force ?? false, kubeTime(ctx.now));
  } catch (e) {
    throw internalError(`failed to create typed patch object (${namespace}/${name}; ${t.group ? `${t.group}/` : ''}${t.version}, Kind=${t.kind}): ${(e as Error).message}`);
  }
  if ('conflicts' in outcome) throw applyConflictError(outcome.conflicts.conflicts);
  const applied = { managedFields: outcome.object.metadata.managedFields };
  if (!current) {
    const body = { ...outcome.object, metadata: { ...outcome.object.metadata, name } };
    return decideCreate(t, namespace, body, options, view, ctx, applied);
  }
  return decideUpdate(t, namespace, name, outcome.object, options, subresource, view, ctx, applied);
}

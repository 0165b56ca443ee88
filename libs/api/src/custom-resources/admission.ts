/**
 * The custom-resource strategy: decoding (pruning unknown fields: refused under Strict,
 * warned under Warn, dropped silently under Ignore), defaulting from the schema, then
 * validation of the metadata and of the object against the version's structural schema, then
 * of the schema's CEL `x-kubernetes-validations` rules (validate-rules.ts).
 */
import { validateObjectMeta, validateObjectMetaUpdate } from '../admission/validation/object-meta.js';
import { nameIsDNSSubdomain } from '../admission/validation/name-formats.js';
import type { FieldValidation } from '../commands/types.js';
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import { strictDecodingMessage, unknownFieldWarnings } from '../schema/decode-messages.js';
import { badRequest, methodNotAllowed, type FieldError } from '../status.js';
import { applySchemaDefaults } from './defaults.js';
import { pruneBySchema } from './prune.js';
import { validateBySchema } from './validate-object.js';
import { validateByRules } from './validate-rules.js';

/** Prunes and defaults a custom resource body as kube-apiserver decodes it. */
export function decodeCustomResource(t: ResourceType, body: KubeObject, validation: FieldValidation): { object: KubeObject; warnings: string[] } {
  const schema = t.custom!.schema;
  const { pruned, unknownFields } = pruneBySchema(body, schema);
  if (unknownFields.length > 0 && validation === 'Strict') throw badRequest(strictDecodingMessage(t.kind, t.version, unknownFields));
  const object = applySchemaDefaults(pruned, schema) as KubeObject;
  return { object, warnings: validation === 'Warn' ? unknownFieldWarnings(unknownFields) : [] };
}

/** Metadata, schema and CEL rule errors of a custom resource (with `old` for an update); empty when valid. */
export function validateCustomResource(t: ResourceType, obj: KubeObject, old?: KubeObject): FieldError[] {
  const schema = t.custom!.schema;
  const rules = { namespaced: t.namespaced, name: nameIsDNSSubdomain, kubeFinalizers: false };
  const meta = old ? validateObjectMetaUpdate(obj.metadata, old.metadata, rules) : validateObjectMeta(obj.metadata, rules);
  const errors = [...meta, ...validateBySchema(obj, schema)];
  return [...errors, ...validateByRules(obj, schema, old, errors)];
}

/**
 * What a create of a custom resource may not do: none is created while its CRD is terminating,
 * and one with a status subresource starts without status (the CRD's own initial status is its
 * strategy's, kinds/customresourcedefinition).
 */
export function prepareExtensionCreate(t: ResourceType, obj: KubeObject): void {
  if (t.custom?.terminating) throw methodNotAllowed('create not allowed while custom resource definition is terminating');
  if (t.custom && t.subresources.some((s) => s.name === 'status')) delete obj.status;
}

/** Query parameters and bodies of Kubernetes requests, read the way kube-apiserver reads them. */
import { badRequest, decodeProtobufBody, isPlainObject, unsupportedMediaType, type DeleteOptions, type FieldValidation, type KubeObject, type PatchType, type WriteOptions } from '@kubelab/api';
import { parse as parseYaml } from 'yaml';
import { dryRunList, dryRunQuery, type WriteOptionsKind } from './dry-run-option.js';

export type Query = Record<string, string>;

const validations: FieldValidation[] = ['Strict', 'Warn', 'Ignore'];

/** fieldManager, fieldValidation (Warn when absent, as kube-apiserver 1.32), force, dryRun (validated as `kind`: Create/Update/PatchOptions). */
export function writeOptions(query: Query, kind: WriteOptionsKind): WriteOptions {
  const fieldValidation = (query.fieldValidation || 'Warn') as FieldValidation;
  if (!validations.includes(fieldValidation)) {
    throw badRequest(`fieldValidation parameter unsupported: ${query.fieldValidation}. Supported values are: Strict, Warn, Ignore`);
  }
  const dryRun = dryRunQuery(query, kind);
  return { fieldManager: query.fieldManager || undefined, fieldValidation, force: query.force === 'true', dryRun };
}

const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

const isProtobuf = (contentType: string | undefined) => mediaType(contentType) === 'application/vnd.kubernetes.protobuf';

/** A create/update body: JSON (also when no Content-Type is sent), YAML, or Kubernetes protobuf decoded to the JSON it stands for. */
export function objectBody(body: Buffer | undefined, contentType: string | undefined): KubeObject {
  const type = mediaType(contentType);
  if (isProtobuf(contentType)) return decodeProtobufBody(body ?? Buffer.alloc(0)) as KubeObject;
  if (type.includes('protobuf')) throw unsupportedMediaType(type);
  const text = body?.toString('utf8') ?? '';
  if (text.trim() === '') throw badRequest('the body of the request is empty: send the object as JSON');
  let parsed: unknown;
  try {
    parsed = type.includes('yaml') ? parseYaml(text) : JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body of the request could not be decoded: ${(e as Error).message.split('\n')[0]}`);
  }
  if (!isPlainObject(parsed)) throw badRequest('the body of the request must be a JSON object, e.g. {"apiVersion":"v1","kind":"Pod",...}');
  return parsed as KubeObject;
}

const patchTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The patch type from Content-Type, and its body (the apply body stays text: it is YAML). */
export function patchBody(body: Buffer | undefined, contentType: string | undefined): { patchType: PatchType; patch: unknown } {
  const patchType = patchTypes[mediaType(contentType)];
  if (!patchType) throw unsupportedMediaType(mediaType(contentType) || '<none>');
  const text = body?.toString('utf8') ?? '';
  if (patchType === 'apply') return { patchType, patch: text };
  try {
    return { patchType, patch: JSON.parse(text) };
  } catch (e) {
    throw badRequest(`the patch could not be decoded as JSON: ${(e as Error).message.split('\n')[0]}`);
  }
}

function integer(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw badRequest(`${what} must be an integer`);
  return n;
}

/** DeleteOptions from a JSON or protobuf body (kubectl drain's fallback DELETE sends protobuf) and the query. */
export function deleteOptions(body: Buffer | undefined, contentType: string | undefined, query: Query): DeleteOptions {
  let fromBody: Record<string, any> = {};
  const text = body?.toString('utf8') ?? '';
  if (body?.length && isProtobuf(contentType)) fromBody = decodeProtobufBody(body);
  else if (text.trim() !== '' && !mediaType(contentType).includes('protobuf')) {
    try {
      const parsed = JSON.parse(text);
      if (isPlainObject(parsed)) fromBody = parsed;
    } catch {
      throw badRequest('the DeleteOptions body could not be decoded as JSON');
    }
  }
  // kube-apiserver ignores the query when a body came; a dryRun in either is honoured here, never a real delete by surprise.
  const dryRun = [dryRunList(fromBody.dryRun, 'DeleteOptions'), dryRunQuery(query, 'DeleteOptions')].includes(true);
  const propagationPolicy = query.propagationPolicy ?? fromBody.propagationPolicy ?? (fromBody.orphanDependents === true ? 'Orphan' : undefined);
  if (propagationPolicy !== undefined && !['Background', 'Foreground', 'Orphan'].includes(propagationPolicy)) {
    throw badRequest(`propagationPolicy: Unsupported value: "${propagationPolicy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  return {
    gracePeriodSeconds: integer(query.gracePeriodSeconds ?? fromBody.gracePeriodSeconds, 'gracePeriodSeconds'),
    propagationPolicy: propagationPolicy as DeleteOptions['propagationPolicy'],
    preconditions: isPlainObject(fromBody.preconditions) ? fromBody.preconditions : undefined,
    dryRun,
  };
}

/** limit as a number (0: no limit). */
export function limitOf(query: Query): number | undefined {
  return integer(query.limit, 'limit');
}

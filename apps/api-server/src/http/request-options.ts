/** Query parameters and bodies of Kubernetes requests, read the way kube-apiserver reads them. */
import {
  badRequest, decodeDeleteOptionsBody, decodeObjectBody, decodePatchBody, decodeProtobufBody, isPlainObject, queryBool, unsupportedMediaType,
  type DeleteOptions, type FieldValidation, type KubeObject, type PatchType, type WriteOptions,
} from '@kubelab/api';
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
  return { fieldManager: query.fieldManager || undefined, fieldValidation, force: queryBool(query.force), dryRun };
}

const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0].trim().toLowerCase();

const isProtobuf = (contentType: string | undefined) => mediaType(contentType) === 'application/vnd.kubernetes.protobuf';

/**
 * A create/update body of type `kind`: JSON (also when no Content-Type is sent), YAML, or
 * Kubernetes protobuf decoded to the JSON it stands for; refused in kube-apiserver's words.
 */
export function objectBody(body: Buffer | undefined, contentType: string | undefined, kind: string): KubeObject {
  const type = mediaType(contentType);
  if (isProtobuf(contentType)) return decodeProtobufBody(body ?? Buffer.alloc(0)) as KubeObject;
  if (type.includes('protobuf')) throw unsupportedMediaType(type);
  return decodeObjectBody(body ?? Buffer.alloc(0), kind, type.includes('yaml'));
}

const patchTypes: Record<string, PatchType> = {
  'application/json-patch+json': 'json',
  'application/merge-patch+json': 'merge',
  'application/strategic-merge-patch+json': 'strategic',
  'application/apply-patch+yaml': 'apply',
};

/** The patch type from Content-Type, and its body (the apply body stays text: it is YAML). */
export function patchBody(body: Buffer | undefined, contentType: string | undefined, query: Query): { patchType: PatchType; patch: unknown } {
  const patchType = patchTypes[mediaType(contentType)];
  if (!patchType) throw unsupportedMediaType(mediaType(contentType) || '<none>');
  if (patchType === 'apply') return { patchType, patch: body?.toString('utf8') ?? '' };
  return { patchType, patch: decodePatchBody(body ?? Buffer.alloc(0), patchType, query.fieldValidation || 'Warn') };
}

function integer(value: unknown, what: string): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n)) throw badRequest(`${what} must be an integer`);
  return n;
}

/** The DeleteOptions fields a body may carry, each checked before it is used. */
interface DeleteOptionsBody {
  dryRun?: unknown;
  propagationPolicy?: string;
  orphanDependents?: unknown;
  gracePeriodSeconds?: string | number;
  preconditions?: unknown;
}

/** DeleteOptions from a JSON or protobuf body (kubectl drain's fallback DELETE sends protobuf) and the query. */
export function deleteOptions(body: Buffer | undefined, contentType: string | undefined, query: Query): DeleteOptions {
  let fromBody: DeleteOptionsBody = {};
  if (body?.length && isProtobuf(contentType)) fromBody = decodeProtobufBody(body);
  else if (body?.length && !mediaType(contentType).includes('protobuf')) fromBody = decodeDeleteOptionsBody(body);
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

const LOG_FLAGS = ['follow', 'previous', 'timestamps', 'insecureSkipTLSVerifyBackend'];

/** pods/log options, their booleans read as kube-apiserver reads them and passed on to the agent as "true"/"false". */
export function podLogQuery(query: Query): Query {
  const read = { ...query };
  for (const flag of LOG_FLAGS) if (flag in query) read[flag] = String(queryBool(query[flag]));
  return read;
}

/** limit as a number (0: no limit). */
export function limitOf(query: Query): number | undefined {
  return integer(query.limit, 'limit');
}

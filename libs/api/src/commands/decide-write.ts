/** Create, update and status-update decisions: the generic store's, asking the kind's strategy at each step. */
import { prepareExtensionCreate } from '../custom-resources/admission.js';
import { statusEventType, strategyFor } from '../kinds/registry.js';
import type { KindStrategy, KindWrite } from '../kinds/strategy.js';
import { cloneJson, isPlainObject, type KubeObject } from '../object.js';
import { groupVersionOf, storedTypeOf, storeKindOf, type ResourceType } from '../registry.js';
import { decodeErrorMessage, decodeStrict } from '../schema/index.js';
import { alreadyExists, badRequest, conflict, forbidden, invalid, notFound, pathNotFound } from '../status.js';
import { goUnmarshalTypeError } from '../wire/index.js';
import { admitCreate, admitUpdate, decodeBody } from './admit.js';
import { checkAdmissionPolicies } from './admission-policies.js';
import { created, deleted, modified } from './change.js';
import type { WriteOptions, WriteSubresource } from './command.js';
import { initialiseMetadata, keepServerMetadata, recordManager, sameObject, sameStatus, type AppliedOwnership } from './meta.js';
import { checkResourceVersion } from './resource-version.js';
import type { CommandContext, Decision, StateView } from './types.js';

function checkKind(t: ResourceType, body: KubeObject): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest('the body of the request must be a JSON object');
  const expected = groupVersionOf(t);
  if (body.apiVersion !== undefined && body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${body.apiVersion}) does not match the expected API version (${expected})`);
  }
  if (body.kind !== undefined && body.kind !== t.kind) {
    throw badRequest(`the kind in the data (${body.kind}) does not match the expected kind (${t.kind})`);
  }
  body.apiVersion = expected;
  body.kind = t.kind;
  if (body.metadata === undefined || body.metadata === null) body.metadata = {};
  else if (!isPlainObject(body.metadata)) throw badRequest(decodeErrorMessage(t.kind, t.version, metadataTypeError(t, body.metadata)));
}

/**
 * json.Unmarshal's error for a metadata that is no object: into the kind's struct field for a
 * built-in, into a bare v1.ObjectMeta for a custom resource (apiextensions' GetObjectMeta).
 */
function metadataTypeError(t: ResourceType, metadata: unknown): string {
  return t.custom ? goUnmarshalTypeError(metadata, 'v1.ObjectMeta') : decodeStrict(t.schemaName, { metadata }).typeErrors[0];
}

function checkNamespace(t: ResourceType, body: KubeObject, namespace: string, view: StateView): void {
  if (!t.namespaced) return;
  if (body.metadata.namespace && body.metadata.namespace !== namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  const ns = view.get('Namespace', '', namespace);
  if (!ns) throw notFound(storedTypeOf('Namespace')!, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw forbidden(t, body.metadata.name ?? '', `unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}

/** Commands own their bodies (parsed per request), so deciders may change them in place. */

/** POST: a new object, admitted, with server metadata and a ClusterIP for Services. */
export function decideCreate(
  t: ResourceType,
  namespace: string,
  input: KubeObject,
  options: WriteOptions,
  view: StateView,
  ctx: CommandContext,
  applied?: AppliedOwnership,
): Decision {
  checkKind(t, input);
  const { object: decoded, warnings } = decodeBody(t, input, options.fieldValidation);
  checkNamespace(t, decoded, namespace, view);
  const requestedName = decoded.metadata.name || decoded.metadata.generateName || '';
  const s = strategyFor(t);
  const w: KindWrite = { resource: t, namespace: t.namespaced ? namespace : '', view, ctx };
  initialiseMetadata(decoded, ctx, t.namespaced ? namespace : undefined, s.generation);
  if (!decoded.metadata.name) throw invalid(t.kind, t.group, '', [{ type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
  s.judgeWrite?.({ object: decoded }, w);
  if (view.get(storeKindOf(t), w.namespace, decoded.metadata.name)) throw alreadyExists(t, decoded.metadata.name);
  prepareExtensionCreate(t, decoded);
  const admitted = admitCreate(t, decoded, view, ctx, requestedName);
  recordManager(t, admitted.tracked, undefined, options.fieldManager ?? 'unknown', ctx.now, undefined, applied);
  let obj = admitted.object;
  if (obj !== admitted.tracked) obj = { ...obj, metadata: { ...obj.metadata, managedFields: admitted.tracked.metadata.managedFields } };
  if (obj.metadata.managedFields === undefined) delete obj.metadata.managedFields;
  obj = s.completeCreate(obj, w);
  return { changes: [created(t, obj)], reply: { code: 201, change: 0 }, warnings: [...warnings, ...admitted.warnings] };
}

const specOf = (o: KubeObject) => JSON.stringify(o.spec ?? null);

/** A main-resource write: status kept, generation bumped on spec change, finalizer-driven removal. */
function decideMainUpdate(w: KindWrite, s: KindStrategy, current: KubeObject, decoded: KubeObject, options: WriteOptions, applied?: AppliedOwnership): Decision {
  const { resource: t, view, ctx } = w;
  keepServerMetadata(decoded, current);
  if (t.subresources.some((sub) => sub.name === 'status')) {
    // The status subresource owns the status: a main write keeps what it was, none when there was none.
    if (current.status === undefined) delete decoded.status;
    else decoded.status = cloneJson(current.status);
  }
  s.judgeWrite?.({ object: decoded, current }, w);
  const { object: admitted, warnings } = admitUpdate(t, decoded, current, view, ctx);
  let obj = s.completeUpdate(admitted, current, w);
  if (s.generation && specOf(obj) !== specOf(current)) obj = { ...obj, metadata: { ...obj.metadata, generation: (current.metadata.generation ?? 1) + 1 } };
  recordManager(t, obj, current, options.fieldManager ?? 'unknown', ctx.now, undefined, applied);
  if (sameObject(obj, current)) return { changes: [], reply: { code: 200, body: current }, warnings };
  if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0 && s.removedWhenFinalized(obj)) {
    return { changes: [deleted(t, obj)], reply: { code: 200, change: 0 }, warnings };
  }
  return { changes: [modified(t, obj, current)], reply: { code: 200, change: 0 }, warnings };
}

/**
 * A status write: only `status` changes; pods and nodes *report* it. Admission policies see it as an UPDATE of …/status.
 * The object written shares all but its status and metadata with the stored one, which nothing changes (decide gives
 * the store a copy of what it decided), so only those are compared.
 */
function decideStatusUpdate(w: KindWrite, s: KindStrategy, current: KubeObject, decoded: KubeObject, options: WriteOptions, applied?: AppliedOwnership): Decision {
  const { resource: t, view, ctx } = w;
  const written = { ...current, metadata: { ...current.metadata }, status: decoded.status };
  const obj = s.prepareForStatusUpdate(written, current, ctx.now);
  recordManager(t, obj, current, options.fieldManager ?? 'unknown', ctx.now, 'status', applied);
  if (sameStatus(obj, current)) return { changes: [], reply: { code: 200, body: current }, warnings: [] };
  const warnings = checkAdmissionPolicies(t, {
    operation: 'UPDATE', subresource: 'status', object: obj, oldObject: current, name: current.metadata.name!, namespace: current.metadata.namespace ?? '',
  }, view, ctx);
  return { changes: [modified(t, obj, current, statusEventType(t))], reply: { code: 200, change: 0 }, warnings };
}

/** The kind's writer of a subresource other than status; a kind without one does not serve it (a 404, as its URL). */
function subresourceWriter(s: KindStrategy, subresource: Exclude<WriteSubresource, 'status'>) {
  const writer = s.subresourceWriters[subresource];
  if (!writer) throw pathNotFound();
  return writer;
}

/** PUT on an object or its status; some kinds are created by an update, as on Kubernetes. */
export function decideUpdate(
  t: ResourceType,
  namespace: string,
  name: string,
  input: KubeObject,
  options: WriteOptions,
  subresource: WriteSubresource | undefined,
  view: StateView,
  ctx: CommandContext,
  applied?: AppliedOwnership,
): Decision {
  checkKind(t, input);
  if (input.metadata.name && input.metadata.name !== name) {
    throw badRequest(`the name of the object (${input.metadata.name}) does not match the name on the URL (${name})`);
  }
  input.metadata.name = name;
  const s = strategyFor(t);
  const w: KindWrite = { resource: t, namespace: t.namespaced ? namespace : '', view, ctx };
  const current = view.get(storeKindOf(t), w.namespace, name);
  if (!current) {
    if (!subresource && s.allowCreateOnUpdate) return decideCreate(t, namespace, input, options, view, ctx, applied);
    throw notFound(t, name);
  }
  const { object: decoded, warnings } = decodeBody(t, input, options.fieldValidation);
  checkResourceVersion(t, decoded.metadata?.resourceVersion, current);
  if (decoded.metadata.uid && decoded.metadata.uid !== current.metadata.uid) {
    throw conflict(t, name, `Precondition failed: UID in precondition: ${decoded.metadata.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  const decision = subresource === undefined
    ? decideMainUpdate(w, s, current, decoded, options, applied)
    : subresource === 'status'
      ? decideStatusUpdate(w, s, current, decoded, options, applied)
      : subresourceWriter(s, subresource)(w, current, decoded, options);
  return { ...decision, warnings: [...warnings, ...decision.warnings] };
}

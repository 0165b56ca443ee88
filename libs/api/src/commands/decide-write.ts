/** Create, update and status-update decisions. */
import { applyJobSelector, defaultImagePullPolicy, prepareForStatusUpdate, validateCertificateSigningRequestApprovalUpdate } from '../admission/index.js';
import { duplicate, forbiddenField, required } from '../field-errors.js';
import { cloneJson, isPlainObject, type KubeObject } from '../object.js';
import { decodeErrorMessage, decodeStrict } from '../schema/index.js';
import { goUnmarshalTypeError } from '../wire/index.js';
import { groupVersionOf, resourceTypes, storeKindOf, type ResourceType } from '../registry.js';
import { alreadyExists, badRequest, conflict, forbidden, invalid, notFound, type FieldError } from '../status.js';
import { prepareExtensionCreate } from '../custom-resources/admission.js';
import { admitCreate, admitEphemeralContainers, admitUpdate, decodeBody } from './admit.js';
import { checkAdmissionPolicies } from './admission-policies.js';
import { created, deleted, modified, statusEventType } from './change.js';
import type { WriteOptions, WriteSubresource } from './command.js';
import { initialiseMetadata, keepServerMetadata, recordManager, sameObject, tracksGeneration, type AppliedOwnership } from './meta.js';
import { decideNamespaceFinalize } from './decide-namespace.js';
import { checkResourceVersion } from './resource-version.js';
import { withSchedulingGatedCondition } from './scheduling-gated.js';
import { allocateServiceAddresses } from './service-ips.js';
import { prepareServiceUpdate } from './service-update.js';
import type { CommandContext, Decision, StateView } from './types.js';

const createOnUpdate = new Set(['Endpoints', 'Lease', 'Event', 'Node']);

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
  if (!ns) throw notFound(namespaceResource, namespace);
  if (ns.metadata.deletionTimestamp) {
    throw forbidden(t, body.metadata.name ?? '', `unable to create new content in namespace ${namespace} because it is being terminated`);
  }
}

const namespaceResource = resourceTypes.find((r) => r.kind === 'Namespace')!;

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
  initialiseMetadata(decoded, ctx, t.namespaced ? namespace : undefined);
  if (!decoded.metadata.name) throw invalid(t.kind, t.group, '', [{ type: 'FieldValueRequired', field: 'metadata.name', message: 'Required value: name or generateName is required' }]);
  if (view.get(storeKindOf(t), t.namespaced ? namespace : '', decoded.metadata.name)) throw alreadyExists(t, decoded.metadata.name);
  if (t.kind === 'Job') Object.assign(decoded, applyJobSelector(decoded, decoded.metadata.uid!));
  prepareExtensionCreate(t, decoded);
  const admitted = admitCreate(t, decoded, view, ctx, requestedName);
  recordManager(t, admitted.tracked, undefined, options.fieldManager ?? 'unknown', ctx.now, undefined, applied);
  let obj = admitted.object;
  if (obj !== admitted.tracked) obj = { ...obj, metadata: { ...obj.metadata, managedFields: admitted.tracked.metadata.managedFields } };
  if (obj.metadata.managedFields === undefined) delete obj.metadata.managedFields;
  if (t.kind === 'Pod') obj = withSchedulingGatedCondition(obj);
  if (t.kind === 'Service') {
    obj = cloneJson(obj);
    const errors = allocateServiceAddresses(obj, view.list('Service'), ctx.options.serviceCidr);
    if (errors.length > 0) throw invalid(t.kind, t.group, obj.metadata.name!, errors);
  }
  return { changes: [created(t, obj)], reply: { code: 201, change: 0 }, warnings: [...warnings, ...admitted.warnings] };
}

const specOf = (o: KubeObject) => JSON.stringify(o.spec ?? null);

/** A main-resource write: status kept, generation bumped on spec change, finalizer-driven removal. */
function decideMainUpdate(t: ResourceType, current: KubeObject, decoded: KubeObject, options: WriteOptions, view: StateView, ctx: CommandContext, applied?: AppliedOwnership): Decision {
  keepServerMetadata(decoded, current);
  if (t.kind === 'Service') prepareServiceUpdate(decoded, current);
  if (t.subresources.some((s) => s.name === 'status')) decoded.status = cloneJson(current.status);
  const { object: admitted, warnings } = admitUpdate(t, decoded, current, view, ctx);
  let obj = t.kind === 'Namespace' ? keepNamespaceFinalizers(admitted, current) : admitted;
  if (tracksGeneration(t.kind) && specOf(obj) !== specOf(current)) obj = { ...obj, metadata: { ...obj.metadata, generation: (current.metadata.generation ?? 1) + 1 } };
  recordManager(t, obj, current, options.fieldManager ?? 'unknown', ctx.now, undefined, applied);
  if (sameObject(obj, current)) return { changes: [], reply: { code: 200, body: current }, warnings };
  if (obj.metadata.deletionTimestamp && (obj.metadata.finalizers ?? []).length === 0 && (t.kind !== 'Pod' || obj.metadata.deletionGracePeriodSeconds === 0) && (t.kind !== 'Namespace' || (obj.spec?.finalizers ?? []).length === 0)) {
    return { changes: [deleted(t, obj)], reply: { code: 200, change: 0 }, warnings };
  }
  return { changes: [modified(t, obj, current)], reply: { code: 200, change: 0 }, warnings };
}

/** A namespace's spec.finalizers change only through namespaces/NAME/finalize (the namespace strategy's PrepareForUpdate). */
function keepNamespaceFinalizers(next: KubeObject, current: KubeObject): KubeObject {
  const finalizers = current.spec?.finalizers;
  const spec = { ...(next.spec ?? {}) };
  if (finalizers) spec.finalizers = finalizers;
  else delete spec.finalizers;
  return { ...next, spec };
}

/** A status write: only `status` changes; pods and nodes *report* it. Admission policies see it as an UPDATE of …/status. */
function decideStatusUpdate(t: ResourceType, current: KubeObject, decoded: KubeObject, options: WriteOptions, view: StateView, ctx: CommandContext, applied?: AppliedOwnership): Decision {
  const written = cloneJson(current);
  written.status = decoded.status;
  const obj = prepareForStatusUpdate(written, current, ctx.now);
  recordManager(t, obj, current, options.fieldManager ?? 'unknown', ctx.now, 'status', applied);
  if (sameObject(obj, current)) return { changes: [], reply: { code: 200, body: current }, warnings: [] };
  const warnings = checkAdmissionPolicies(t, {
    operation: 'UPDATE', subresource: 'status', object: obj, oldObject: current, name: current.metadata.name!, namespace: current.metadata.namespace ?? '',
  }, view, ctx);
  return { changes: [modified(t, obj, current, statusEventType(t))], reply: { code: 200, change: 0 }, warnings };
}

/**
 * certificatesigningrequests/approval (`kubectl certificate approve|deny`): only the
 * status conditions change: Approved or Denied may be added (never both), nothing taken
 * back, as the approval strategy and its validation do.
 */
function decideApproval(t: ResourceType, current: KubeObject, decoded: KubeObject, options: WriteOptions, ctx: CommandContext): Decision {
  const obj = cloneJson(current);
  obj.status = { ...(current.status ?? {}), conditions: decoded.status?.conditions };
  if (!obj.status.conditions) delete obj.status.conditions;
  const errors = validateCertificateSigningRequestApprovalUpdate(obj, current);
  if (errors.length > 0) throw invalid(t.kind, t.group, current.metadata.name!, errors);
  recordManager(t, obj, current, options.fieldManager ?? 'unknown', ctx.now, 'approval');
  if (sameObject(obj, current)) return { changes: [], reply: { code: 200, body: current }, warnings: [] };
  return { changes: [modified(t, obj, current, `${t.kind}ApprovalUpdated`)], reply: { code: 200, change: 0 }, warnings: [] };
}

/**
 * pods/ephemeralcontainers (kubectl debug): only spec.ephemeralContainers changes, and
 * only by adding containers; the ones already there may not change or go.
 */
function decideEphemeralContainers(t: ResourceType, current: KubeObject, decoded: KubeObject, options: WriteOptions, view: StateView, ctx: CommandContext): Decision {
  const before: any[] = current.spec?.ephemeralContainers ?? [];
  const after: any[] = decoded.spec?.ephemeralContainers ?? [];
  const name = current.metadata.name!;
  const errors: FieldError[] = [];
  before.forEach((c) => {
    const now = after.find((a) => a.name === c.name);
    if (!now || JSON.stringify(now) !== JSON.stringify(c)) errors.push(forbiddenField('spec.ephemeralContainers', `existing ephemeral containers "${c.name}" may not be changed`));
  });
  const taken = new Set([...(current.spec?.containers ?? []), ...(current.spec?.initContainers ?? []), ...before].map((c: any) => c.name));
  after.filter((a) => !before.some((c) => c.name === a.name)).forEach((a, i) => {
    const field = `spec.ephemeralContainers[${before.length + i}]`;
    if (!a.name) errors.push(required(`${field}.name`));
    else if (taken.has(a.name)) errors.push(duplicate(`${field}.name`, a.name));
    if (!a.image) errors.push(required(`${field}.image`));
    taken.add(a.name);
  });
  if (errors.length > 0) throw invalid(t.kind, t.group, name, errors);
  const obj = cloneJson(current);
  obj.spec.ephemeralContainers = after.map((c) => ({
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: defaultImagePullPolicy(c.image), ...c,
  }));
  const warnings = admitEphemeralContainers(t, obj, current, view);
  recordManager(t, obj, current, options.fieldManager ?? 'unknown', ctx.now, 'ephemeralcontainers');
  if (sameObject(obj, current)) return { changes: [], reply: { code: 200, body: current }, warnings };
  return { changes: [modified(t, obj, current, 'PodEphemeralContainersAdded')], reply: { code: 200, change: 0 }, warnings };
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
  const current = view.get(storeKindOf(t), t.namespaced ? namespace : '', name);
  if (!current) {
    if (!subresource && createOnUpdate.has(t.kind)) return decideCreate(t, namespace, input, options, view, ctx, applied);
    throw notFound(t, name);
  }
  const { object: decoded, warnings } = decodeBody(t, input, options.fieldValidation);
  checkResourceVersion(t, decoded.metadata?.resourceVersion, current);
  if (decoded.metadata.uid && decoded.metadata.uid !== current.metadata.uid) {
    throw conflict(t, name, `Precondition failed: UID in precondition: ${decoded.metadata.uid}, UID in object meta: ${current.metadata.uid}`);
  }
  const decision = subresource === 'status'
    ? decideStatusUpdate(t, current, decoded, options, view, ctx, applied)
    : subresource === 'ephemeralcontainers'
      ? decideEphemeralContainers(t, current, decoded, options, view, ctx)
      : subresource === 'finalize'
        ? decideNamespaceFinalize(t, current, decoded)
        : subresource === 'approval'
          ? decideApproval(t, current, decoded, options, ctx)
          : decideMainUpdate(t, current, decoded, options, view, ctx, applied);
  return { ...decision, warnings: [...warnings, ...decision.warnings] };
}

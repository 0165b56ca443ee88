/**
 * Kubernetes `Status` errors. Every refusal the api-server gives is one of these,
 * with the HTTP code, reason and wording kubectl expects.
 */
import type { ResourceType } from './registry.js';
import { qualifiedResource } from './registry.js';

/** Reasons of field errors, as metav1.CauseType names them. */
export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueForbidden'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueNotFound'
  | 'FieldValueTypeInvalid';

/** One validation failure: `field` is the path (spec.containers[0].name), `message` is
 * Kubernetes' text after the path, e.g. `Required value` or `Invalid value: "x": detail`. */
export interface FieldError {
  type: FieldErrorType;
  field: string;
  message: string;
}

/** The Status object sent as an error body. */
export interface StatusBody {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure' | 'Success';
  message: string;
  reason: string;
  details?: {
    name?: string;
    group?: string;
    kind?: string;
    uid?: string;
    causes?: { reason?: string; message: string; field?: string }[];
    retryAfterSeconds?: number;
  };
  code: number;
}

/** An error that the HTTP and NATS layers turn into a Status reply. */
export class ApiError extends Error {
  constructor(readonly status: StatusBody) {
    super(status.message);
  }
  get code(): number {
    return this.status.code;
  }
}

function failure(code: number, reason: string, message: string, details?: StatusBody['details']): ApiError {
  return new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
}

const detailsOf = (t: ResourceType, name: string) => ({ name, ...(t.group ? { group: t.group } : {}), kind: t.plural });

/** 404 `pods "x" not found`. */
export function notFound(t: ResourceType, name: string): ApiError {
  return failure(404, 'NotFound', `${qualifiedResource(t)} "${name}" not found`, detailsOf(t, name));
}

/** 404 for a resource named by its group (none for the core group) and name, as an aggregated server words it (`podmetrics.metrics.k8s.io "default/web" not found`). */
export function resourceNotFound(group: string, resource: string, name: string): ApiError {
  return failure(404, 'NotFound', `${group ? `${resource}.${group}` : resource} "${name}" not found`, { name, ...(group ? { group } : {}), kind: resource });
}

/** 405 for a verb a resource does not serve (`watch is not supported on resources of kind "pods.metrics.k8s.io"`). */
export function methodNotSupported(t: ResourceType, action: string): ApiError {
  return failure(405, 'MethodNotAllowed', `${action} is not supported on resources of kind ${JSON.stringify(qualifiedResource(t))}`, { ...(t.group ? { group: t.group } : {}), kind: t.plural });
}

/** 404 for a path the server does not serve. */
export function pathNotFound(): ApiError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

/** 409 `pods "x" already exists`. */
export function alreadyExists(t: ResourceType, name: string): ApiError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(t)} "${name}" already exists`, detailsOf(t, name));
}

/** 409 optimistic-concurrency failure. */
export function conflict(t: ResourceType, name: string, why = 'the object has been modified; please apply your changes to the latest version and try again'): ApiError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t)} "${name}": ${why}`, detailsOf(t, name));
}

/** 400 BadRequest with a message. */
export function badRequest(message: string): ApiError {
  return failure(400, 'BadRequest', message);
}

/** 403 Forbidden. */
export function forbidden(t: ResourceType, name: string, why: string): ApiError {
  return failure(403, 'Forbidden', `${qualifiedResource(t)} "${name}" is forbidden: ${why}`, detailsOf(t, name));
}

/**
 * An admission plugin's refusal with its own reason and code (admission.NewForbidden, then the
 * reason replaced, as the ValidatingAdmissionPolicy plugin does): the message still says
 * `is forbidden`, and the one cause repeats the plugin's message.
 */
export function admissionRefusal(t: ResourceType, name: string, code: number, reason: string, why: string): ApiError {
  return failure(code, reason, `${qualifiedResource(t)} "${name}" is forbidden: ${why}`, { ...detailsOf(t, name), causes: [{ message: why }] });
}

/** 401 Unauthorized: credentials were shown that are not valid; kube-apiserver says no more than that. */
export function unauthorized(): ApiError {
  return failure(401, 'Unauthorized', 'Unauthorized');
}

/**
 * 403 Forbidden from authorization, as responsewriters.Forbidden builds it: `message` is the whole sentence
 * (`pods "web" is forbidden: User "alice" cannot get …`), the details the group, resource and name asked for.
 */
export function notAuthorized(message: string, asked: { group?: string; resource?: string; name?: string }): ApiError {
  const details = { ...(asked.name ? { name: asked.name } : {}), ...(asked.group ? { group: asked.group } : {}), ...(asked.resource ? { kind: asked.resource } : {}) };
  return failure(403, 'Forbidden', message, details);
}

/** 405 MethodNotAllowed. */
export function methodNotAllowed(message: string): ApiError {
  return failure(405, 'MethodNotAllowed', message);
}

/** 406 NotAcceptable: the response form the Accept header asks for does not fit what was requested. */
export function notAcceptable(message: string): ApiError {
  return failure(406, 'NotAcceptable', message);
}

/** 410 Expired for a watch or list from a resourceVersion older than the log keeps. */
export function expired(message: string): ApiError {
  return failure(410, 'Expired', message);
}

/** 413 RequestEntityTooLarge. */
export function tooLarge(limitBytes: number): ApiError {
  return failure(413, 'RequestEntityTooLarge', `the request is too large: limit is ${limitBytes} bytes`);
}

/** 415 UnsupportedMediaType. */
export function unsupportedMediaType(contentType: string): ApiError {
  return failure(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got ${contentType})`);
}

/** 415 UnsupportedMediaType for a body in a known format this server cannot decode (e.g. a protobuf kind it has no table for). */
export function unsupportedBody(message: string): ApiError {
  return failure(415, 'UnsupportedMediaType', message);
}

/** 429 TooManyRequests (a disruption budget refuses an eviction, with its causes; retryAfterSeconds 0 is left out). */
export function tooManyRequests(message: string, retryAfterSeconds = 5, causes?: { reason: string; message: string }[]): ApiError {
  return failure(429, 'TooManyRequests', message, { ...(causes ? { causes } : {}), ...(retryAfterSeconds > 0 ? { retryAfterSeconds } : {}) });
}

/** 500 InternalError: never with a stack trace. */
export function internalError(message: string): ApiError {
  return failure(500, 'InternalError', `Internal error occurred: ${message}`);
}

/** 503 ServiceUnavailable; with retryAfterSeconds, the Status says when to try again (and the reply carries Retry-After). */
export function serviceUnavailable(message: string, retryAfterSeconds?: number): ApiError {
  return failure(503, 'ServiceUnavailable', message, retryAfterSeconds ? { retryAfterSeconds } : undefined);
}

/** 422 Invalid from field errors, worded as kube-apiserver does:
 * `Pod "web" is invalid: spec.x: Required value` or `... is invalid: [a: ..., b: ...]`. */
export function invalid(kind: string, group: string, name: string, errors: readonly FieldError[]): ApiError {
  const lines = errors.map((e) => `${e.field}: ${e.message}`);
  const joined = lines.length === 1 ? lines[0] : `[${lines.join(', ')}]`;
  return failure(422, 'Invalid', `${kind}${group ? `.${group}` : ''} "${name}" is invalid: ${joined}`, {
    name,
    ...(group ? { group } : {}),
    kind,
    causes: errors.map((e) => ({ reason: e.type, message: e.message, field: e.field })),
  });
}

/** A successful Status (eviction, deletecollection of a kind with no object reply). */
export function success(details?: StatusBody['details'], code = 200): StatusBody {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', message: '', reason: '', details, code };
}

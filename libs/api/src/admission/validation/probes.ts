/**
 * Probe and lifecycle-hook validation (validateProbe, validateHandler, validateLifecycle):
 * exactly one handler, well-formed ports and paths, non-negative timings.
 */
import type { HTTPGetAction, Lifecycle, LifecycleHandler, Probe, SleepAction } from 'kubernetes-types/core/v1';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidValue, notSupported, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { isHTTPHeaderName, isValidPortName, isValidPortNum } from './name-formats.js';

const HANDLER_TYPES = ['exec', 'httpGet', 'tcpSocket', 'grpc', 'sleep'] as const;
const PROBE_HANDLERS = new Set(['exec', 'httpGet', 'tcpSocket', 'grpc']);
const LIFECYCLE_HANDLERS = new Set(['exec', 'httpGet', 'tcpSocket', 'sleep']);
const TIMING_FIELDS = ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold'] as const;

/** ValidatePortNumOrName for an IntOrString port (a JSON number is a port number, a string a port name). */
export function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'number') return isValidPortNum(port).map((message) => invalidValue(path, port, message));
  return isValidPortName(String(port ?? '')).map((message) => invalidValue(path, String(port ?? ''), message));
}

/** The handlers a probe or a lifecycle hook may carry (a probe has no sleep, a hook no grpc). */
type Handler = LifecycleHandler & Pick<Probe, 'grpc'>;

function validateHTTPGet(action: HTTPGetAction, path: string): FieldError[] {
  const errors: FieldError[] = [];
  if (!action.path) errors.push(required(child(path, 'path')));
  errors.push(...validatePortNumOrName(action.port, child(path, 'port')));
  if (action.scheme !== 'HTTP' && action.scheme !== 'HTTPS') errors.push(notSupported(child(path, 'scheme'), action.scheme ?? '', ['HTTP', 'HTTPS']));
  for (const header of listOf(action.httpHeaders)) {
    errors.push(...isHTTPHeaderName(String(header?.name ?? '')).map((message) => invalidValue(child(path, 'httpHeaders'), String(header?.name ?? ''), message)));
  }
  return errors;
}

function validateSleep(action: SleepAction, gracePeriod: number | undefined, path: string): FieldError[] {
  const seconds = Number(action.seconds ?? 0);
  if (gracePeriod === undefined || (seconds > 0 && seconds <= gracePeriod)) return [];
  return [
    invalidValue(
      path,
      seconds,
      `must be greater than 0 and less than terminationGracePeriodSeconds (${gracePeriod}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`,
    ),
  ];
}

/** The errors of the handler's action of this type, or undefined when the handler has none. */
function validateAction(type: (typeof HANDLER_TYPES)[number], handler: Handler, gracePeriod: number | undefined, path: string): FieldError[] | undefined {
  switch (type) {
    case 'exec':
      return isStruct(handler.exec) ? (Array.isArray(handler.exec.command) && handler.exec.command.length > 0 ? [] : [required(child(path, 'command'))]) : undefined;
    case 'httpGet':
      return isStruct(handler.httpGet) ? validateHTTPGet(handler.httpGet, path) : undefined;
    case 'tcpSocket':
      return isStruct(handler.tcpSocket) ? validatePortNumOrName(handler.tcpSocket.port, child(path, 'port')) : undefined;
    case 'grpc':
      return isStruct(handler.grpc) ? validatePortNumOrName(Number(handler.grpc.port ?? 0), child(path, 'port')) : undefined;
    case 'sleep':
      return isStruct(handler.sleep) ? validateSleep(handler.sleep, gracePeriod, path) : undefined;
  }
}

function validateHandler(handler: Handler, allowed: Set<string>, gracePeriod: number | undefined, path: string): FieldError[] {
  const errors: FieldError[] = [];
  let count = 0;
  for (const type of HANDLER_TYPES) {
    const actionErrors = allowed.has(type) ? validateAction(type, handler, gracePeriod, child(path, type)) : undefined;
    if (!actionErrors) continue;
    if (count > 0) {
      errors.push(forbiddenField(child(path, type), 'may not specify more than 1 handler type'));
      continue;
    }
    count++;
    errors.push(...actionErrors);
  }
  if (count === 0) errors.push(required(path, 'must specify a handler type'));
  return errors;
}

function validateProbe(probe: Probe, gracePeriod: number | undefined, path: string): FieldError[] {
  const errors = validateHandler(probe, PROBE_HANDLERS, gracePeriod, path);
  for (const name of TIMING_FIELDS) {
    const value = Number(probe[name] ?? 0);
    if (value < 0) errors.push(invalidValue(child(path, name), value, 'must be greater than or equal to 0'));
  }
  if (probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null && probe.terminationGracePeriodSeconds <= 0) {
    errors.push(invalidValue(child(path, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must be greater than 0'));
  }
  return errors;
}

/** Which probe: liveness and startup probes need successThreshold 1, readiness probes no grace period. */
export type ProbeKind = 'livenessProbe' | 'readinessProbe' | 'startupProbe';

/** Checks one of a container's probes (nothing when absent). */
export function validateProbeOf(kind: ProbeKind, probe: Probe | undefined, gracePeriod: number | undefined, path: string): FieldError[] {
  if (!isStruct(probe)) return [];
  const errors = validateProbe(probe, gracePeriod, path);
  if (kind !== 'readinessProbe' && Number(probe.successThreshold ?? 0) !== 1) {
    errors.push(invalidValue(child(path, 'successThreshold'), Number(probe.successThreshold ?? 0), 'must be 1'));
  }
  if (kind === 'readinessProbe' && probe.terminationGracePeriodSeconds !== undefined && probe.terminationGracePeriodSeconds !== null) {
    errors.push(invalidValue(child(path, 'terminationGracePeriodSeconds'), probe.terminationGracePeriodSeconds, 'must not be set for readinessProbes'));
  }
  return errors;
}

/** Checks postStart and preStop hooks. */
export function validateLifecycle(lifecycle: Lifecycle | undefined, gracePeriod: number | undefined, path: string): FieldError[] {
  if (!isStruct(lifecycle)) return [];
  return (['postStart', 'preStop'] as const).flatMap((hook) => {
    const handler = lifecycle[hook];
    return isStruct(handler) ? validateHandler(handler, LIFECYCLE_HANDLERS, gracePeriod, child(path, hook)) : [];
  });
}

/**
 * core/v1 Event validation (legacyValidateEvent, which is all the v1 API applies):
 * namespace agreement with the involved object, and the reporting fields of new-style events.
 */
import type { CoreEvent } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidValue, required } from '../../field-errors.js';
import { isDNS1123Subdomain, isQualifiedName } from './name-formats.js';

function lengthLimit(value: unknown, limit: number, path: string): FieldError[] {
  return String(value ?? '').length > limit ? [invalidValue(path, '', `can have at most ${limit} characters`)] : [];
}

function validateNewStyleFields(event: CoreEvent): FieldError[] {
  const errors: FieldError[] = [];
  const namespace = event.metadata?.namespace ?? '';
  if (!event.involvedObject?.namespace && namespace !== 'default' && namespace !== 'kube-system') {
    errors.push(invalidValue('involvedObject.namespace', event.involvedObject?.namespace ?? '', 'does not match event.namespace'));
  }
  const controller = String(event.reportingComponent ?? '');
  if (!controller) errors.push(required('reportingController'));
  errors.push(...isQualifiedName(controller).map((message) => invalidValue('reportingController', controller, message)));
  if (!event.reportingInstance) errors.push(required('reportingInstance'));
  errors.push(...lengthLimit(event.reportingInstance, 128, 'reportingInstance'));
  if (!event.action) errors.push(required('action'));
  errors.push(...lengthLimit(event.action, 128, 'action'));
  if (!event.reason) errors.push(required('reason'));
  errors.push(...lengthLimit(event.reason, 128, 'reason'));
  errors.push(...lengthLimit(event.message, 1024, 'message'));
  return errors;
}

function validateLegacyNamespace(event: CoreEvent): FieldError[] {
  const namespace = event.metadata?.namespace ?? '';
  const involved = event.involvedObject?.namespace ?? '';
  const matches = involved ? namespace === involved : namespace === '' || namespace === 'default';
  return matches ? [] : [invalidValue('involvedObject.namespace', involved, 'does not match event.namespace')];
}

function validateEvent(event: CoreEvent): FieldError[] {
  const errors: FieldError[] = [];
  if (!event.metadata?.name && !event.metadata?.generateName) errors.push(required('metadata.name', 'name or generateName is required'));
  errors.push(...(event.eventTime ? validateNewStyleFields(event) : validateLegacyNamespace(event)));
  const namespace = event.metadata?.namespace ?? '';
  errors.push(...isDNS1123Subdomain(namespace).map((message) => invalidValue('namespace', namespace, message)));
  return errors;
}

/** Checks an Event being created through the core v1 API. */
export function validateEventCreate(event: CoreEvent): FieldError[] {
  return validateEvent(event);
}

/** Checks an Event update through the core v1 API (the same legacy rules). */
export function validateEventUpdate(event: CoreEvent): FieldError[] {
  return validateEvent(event);
}

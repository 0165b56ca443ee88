/**
 * discovery.k8s.io/v1 EndpointSlice validation (ValidateEndpointSlice): a known
 * address type that cannot change, 1 to 100 addresses of that type per endpoint,
 * at most 1,000 endpoints and 100 uniquely named ports.
 */
import type { EndpointSlice } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, forbiddenField, invalidValue, notSupported, required } from '../../field-errors.js';
import { isIPv4, isIPv6 } from './ip.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: false };
const addressTypes = ['IPv4', 'IPv6', 'FQDN'];
const addressChecks: Record<string, (a: string) => boolean> = { IPv4: isIPv4, IPv6: isIPv6, FQDN: (a) => /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(a) };

function validateEndpoints(slice: EndpointSlice): FieldError[] {
  const errors: FieldError[] = [];
  const endpoints = slice.endpoints ?? [];
  if (endpoints.length > 1000) errors.push(invalidValue('endpoints', endpoints.length, 'must have at most 1000 items'));
  endpoints.forEach((endpoint, i) => {
    const addresses = endpoint?.addresses ?? [];
    if (addresses.length === 0) errors.push(required(`endpoints[${i}].addresses`, 'must contain at least 1 address'));
    if (addresses.length > 100) errors.push(invalidValue(`endpoints[${i}].addresses`, addresses.length, 'must have at most 100 items'));
    const check = addressChecks[slice.addressType];
    addresses.forEach((address, j) => {
      if (check && !check(String(address))) errors.push(invalidValue(`endpoints[${i}].addresses[${j}]`, address, `must be a valid ${slice.addressType} address`));
    });
  });
  return errors;
}

function validatePorts(slice: EndpointSlice): FieldError[] {
  const errors: FieldError[] = [];
  const ports = slice.ports ?? [];
  if (ports.length > 100) errors.push(invalidValue('ports', ports.length, 'must have at most 100 items'));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const name = port?.name ?? '';
    if (names.has(name)) errors.push(duplicate(`ports[${i}].name`, name));
    names.add(name);
    if (port?.port !== undefined && port.port !== null && !(Number.isInteger(port.port) && port.port >= 1 && port.port <= 65535)) {
      errors.push(invalidValue(`ports[${i}].port`, port.port, 'must be between 1 and 65535, inclusive'));
    }
    if (!['TCP', 'UDP', 'SCTP'].includes(port?.protocol ?? '')) errors.push(notSupported(`ports[${i}].protocol`, port?.protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errors;
}

function validateSlice(slice: EndpointSlice): FieldError[] {
  if (!slice.addressType) return [required('addressType', '')];
  if (!addressTypes.includes(slice.addressType)) return [notSupported('addressType', slice.addressType, addressTypes)];
  return [...validateEndpoints(slice), ...validatePorts(slice)];
}

/** Checks an EndpointSlice being created. */
export function validateEndpointSliceCreate(slice: EndpointSlice): FieldError[] {
  return [...validateObjectMeta(slice.metadata, META), ...validateSlice(slice)];
}

/** Checks an EndpointSlice update: the address type is immutable. */
export function validateEndpointSliceUpdate(slice: EndpointSlice, old: EndpointSlice): FieldError[] {
  const immutable = slice.addressType !== old.addressType ? [forbiddenField('addressType', 'field is immutable')] : [];
  return [...validateObjectMetaUpdate(slice.metadata, old.metadata, META), ...immutable, ...validateSlice(slice)];
}

/**
 * Endpoints validation (ValidateEndpoints): subsets with addresses, valid and
 * non-special IPs, and named ports when there are several.
 */
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import type { Endpoints } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { invalidValue, notSupported, required } from '../../field-errors.js';
import { child, index } from './field-path.js';
import { listOf } from './fields.js';
import { isIPv4, isIPv6, validateIP } from './ip.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortNum, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

/** ValidateNonSpecialIP: endpoints may not point at unspecified, loopback or link-local addresses. */
function validateNonSpecialIP(ip: string, path: string): FieldError[] {
  if (!isIPv4(ip) && !isIPv6(ip)) return [invalidValue(path, ip, 'must be a valid IP address')];
  const v4 = isIPv4(ip) ? ip.split('.').map(Number) : undefined;
  const lower = ip.toLowerCase();
  const errors: FieldError[] = [];
  if (v4 ? v4.every((octet) => octet === 0) : /^[0:]+$/.test(lower)) errors.push(invalidValue(path, ip, `may not be unspecified (${ip})`));
  if (v4 ? v4[0] === 127 : lower === '::1') errors.push(invalidValue(path, ip, 'may not be in the loopback range (127.0.0.0/8, ::1/128)'));
  if (v4 ? v4[0] === 169 && v4[1] === 254 : /^fe[89ab]/.test(lower)) errors.push(invalidValue(path, ip, 'may not be in the link-local range (169.254.0.0/16, fe80::/10)'));
  if (v4 ? v4[0] === 224 && v4[1] === 0 && v4[2] === 0 : lower.startsWith('ff02:')) {
    errors.push(invalidValue(path, ip, 'may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)'));
  }
  return errors;
}

function validateAddress(address: EndpointAddress | undefined, path: string): FieldError[] {
  const ip = String(address?.ip ?? '');
  const errors = validateIP(ip, child(path, 'ip'));
  if (address?.hostname) errors.push(...isDNS1123Label(String(address.hostname)).map((message) => invalidValue(child(path, 'hostname'), address.hostname, message)));
  if (address?.nodeName !== undefined && address?.nodeName !== null) {
    errors.push(...isDNS1123Subdomain(String(address.nodeName)).map((message) => invalidValue(child(path, 'nodeName'), address.nodeName, message)));
  }
  return [...errors, ...validateNonSpecialIP(ip, child(path, 'ip'))];
}

function validatePort(port: EndpointPort | undefined, requireName: boolean, path: string): FieldError[] {
  const errors: FieldError[] = [];
  const name = String(port?.name ?? '');
  if (requireName && !name) errors.push(required(child(path, 'name')));
  else if (name) errors.push(...isDNS1123Label(name).map((message) => invalidValue(child(path, 'name'), name, message)));
  errors.push(...isValidPortNum(Number(port?.port ?? 0)).map((message) => invalidValue(child(path, 'port'), Number(port?.port ?? 0), message)));
  if (!port?.protocol) errors.push(required(child(path, 'protocol')));
  else if (!PROTOCOLS.includes(port.protocol)) errors.push(notSupported(child(path, 'protocol'), port.protocol, PROTOCOLS));
  if (port?.appProtocol !== undefined && port?.appProtocol !== null) {
    errors.push(...isQualifiedName(String(port.appProtocol)).map((message) => invalidValue(child(path, 'appProtocol'), port.appProtocol, message)));
  }
  return errors;
}

function validateSubsets(subsets: EndpointSubset[] | undefined): FieldError[] {
  return listOf(subsets).flatMap((subset, i) => {
    const path = index('subsets', i);
    const addresses = listOf(subset?.addresses);
    const notReady = listOf(subset?.notReadyAddresses);
    const ports = listOf(subset?.ports);
    const errors: FieldError[] = addresses.length === 0 && notReady.length === 0 ? [required(path, 'must specify `addresses` or `notReadyAddresses`')] : [];
    addresses.forEach((address, j) => errors.push(...validateAddress(address, index(child(path, 'addresses'), j))));
    notReady.forEach((address, j) => errors.push(...validateAddress(address, index(child(path, 'notReadyAddresses'), j))));
    ports.forEach((port, j) => errors.push(...validatePort(port, ports.length > 1, index(child(path, 'ports'), j))));
    return errors;
  });
}

/** Checks Endpoints being created. */
export function validateEndpointsCreate(endpoints: Endpoints): FieldError[] {
  return [...validateObjectMeta(endpoints.metadata, META), ...validateSubsets(endpoints.subsets)];
}

/** Checks an Endpoints update. */
export function validateEndpointsUpdate(endpoints: Endpoints, old: Endpoints): FieldError[] {
  return [...validateObjectMetaUpdate(endpoints.metadata, old.metadata, META), ...validateEndpointsCreate(endpoints)];
}

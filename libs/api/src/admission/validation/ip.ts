/**
 * IP address checks (netutils.ParseIPSloppy and friends) for endpoints, services and
 * host aliases, with Kubernetes' message for a malformed address.
 */
import type { FieldError } from '../../status.js';
import { invalidValue } from '../../field-errors.js';

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Dotted-quad IPv4, leading zeros tolerated as Kubernetes' sloppy parser does. */
export function isIPv4(value: string): boolean {
  const match = IPV4.exec(value);
  return match !== null && match.slice(1).every((octet) => Number(octet) <= 255);
}

/** IPv6 in any of its textual forms (with an optional embedded IPv4 tail). */
export function isIPv6(value: string): boolean {
  if (!value.includes(':') || value.includes(':::')) return false;
  const halves = value.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  const last = groups[groups.length - 1];
  const ipv4Tail = last !== undefined && last.includes('.');
  if (ipv4Tail && !isIPv4(last)) return false;
  const hexGroups = ipv4Tail ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => /^[0-9a-fA-F]{1,4}$/.test(group))) return false;
  const width = hexGroups.length + (ipv4Tail ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

/** `Invalid value: "x": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` unless an IP. */
export function validateIP(value: string, path: string): FieldError[] {
  return isIPv4(value) || isIPv6(value) ? [] : [invalidValue(path, value, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)')];
}

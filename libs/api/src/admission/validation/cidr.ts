/**
 * CIDR parsing (netutils.ParseCIDRSloppy) for NetworkPolicy ipBlocks: whether a value is
 * one, with Kubernetes' message, and whether one network lies strictly inside another.
 */
import type { FieldError } from '../../status.js';
import { invalidValue } from '../../field-errors.js';
import { isIPv4, isIPv6 } from './ip.js';

/** A parsed network: its masked address as a number, prefix length and address width. */
interface Network {
  address: bigint;
  prefix: number;
  width: number;
}

function ipv4Bits(ip: string): bigint {
  return ip.split('.').reduce((bits, octet) => (bits << 8n) | BigInt(Number(octet)), 0n);
}

function ipv6Bits(ip: string): bigint {
  const [head, tail = ''] = ip.includes('::') ? ip.split('::') : [ip, undefined];
  const expand = (part: string | undefined) =>
    (part ?? '').split(':').filter(Boolean).flatMap((group) => {
      if (!group.includes('.')) return [parseInt(group, 16)];
      const v4 = Number(ipv4Bits(group));
      return [v4 >>> 16, v4 & 0xffff];
    });
  const left = expand(head);
  const right = ip.includes('::') ? expand(tail) : [];
  const groups = [...left, ...new Array(8 - left.length - right.length).fill(0), ...right];
  return groups.reduce((bits: bigint, group: number) => (bits << 16n) | BigInt(group), 0n);
}

/** The network of `a.b.c.d/n` or `x::/n`, or undefined when it is not a CIDR. */
export function parseCIDR(value: string): Network | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const ip = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const width = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : 0;
  if (width === 0 || prefix > width) return undefined;
  const bits = width === 32 ? ipv4Bits(ip) : ipv6Bits(ip);
  const hostBits = BigInt(width - prefix);
  return { address: (bits >> hostBits) << hostBits, prefix, width };
}

/** IsValidCIDR's error, or none. */
export function validateCIDR(value: string, path: string): FieldError[] {
  return parseCIDR(value) ? [] : [invalidValue(path, value, 'must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)')];
}

/** True when `inner` is a smaller network inside `outer` (as ipBlock.except must be). */
export function isStrictSubnet(inner: Network, outer: Network): boolean {
  if (inner.width !== outer.width || inner.prefix <= outer.prefix) return false;
  const hostBits = BigInt(outer.width - outer.prefix);
  return (inner.address >> hostBits) === (outer.address >> hostBits);
}

/**
 * The Kubernetes CEL IP and CIDR libraries (k8s.io/apiserver/pkg/cel/library/ip.go, cidr.go; in
 * the base environment since 1.30): `ip()`, `isIP()`, `ip.isCanonical()`, the address
 * predicates, `cidr()`, `isCIDR()`, containsIP/containsCIDR/ip/masked/prefixLength, string()
 * and equality, with kube-apiserver's error texts. IPv4-mapped IPv6 addresses and zones are
 * refused, as the libraries refuse them.
 */
import type { Environment } from '@marcbachmann/cel-js';
import { IPAddress, IPPrefix, parseAddr, parsePrefix } from './ip-address.js';
import { registerNamespace } from './namespace.js';
import { succeeds } from './succeeds.js';

const IP = 'net.IP';
const CIDR = 'net.CIDR';

/** parseIPAddr of ip.go: netip's parse plus the library's refusals. */
function toIP(text: string): IPAddress {
  const address = parseAddr(text);
  if (!(address instanceof IPAddress)) throw new Error(`IP Address ${JSON.stringify(text)} parse error during conversion from string: ${address.error}`);
  if (address.zone) throw new Error(`IP address ${JSON.stringify(text)} with zone value is not allowed`);
  if (address.is4In6) throw new Error(`IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`);
  return address;
}

/** stringToCIDR of cidr.go (its message repeats the prefix, as kube-apiserver's does). */
function toCIDR(text: string): IPPrefix {
  const prefix = parsePrefix(text);
  const context = 'network address parse error during conversion from string';
  if (!(prefix instanceof IPPrefix)) throw new Error(`${context}: ${context}: ${prefix.error}`);
  if (prefix.address.is4In6) throw new Error(`${context}: IPv4-mapped IPv6 address ${JSON.stringify(text)} is not allowed`);
  return prefix;
}

const first = (ip: IPAddress) => (ip.is4 ? ip.bytes[0] : (ip.bytes[0] << 8) | ip.bytes[1]);
const isLoopback = (ip: IPAddress) => (ip.is4 ? ip.bytes[0] === 127 : ip.bytes.slice(0, 15).every((b) => b === 0) && ip.bytes[15] === 1);
const isUnspecified = (ip: IPAddress) => ip.bytes.every((b) => b === 0);
const isMulticast = (ip: IPAddress) => (ip.is4 ? (ip.bytes[0] & 0xf0) === 0xe0 : ip.bytes[0] === 0xff);
const isLinkLocalUnicast = (ip: IPAddress) => (ip.is4 ? ip.bytes[0] === 169 && ip.bytes[1] === 254 : (first(ip) & 0xffc0) === 0xfe80);
const isLinkLocalMulticast = (ip: IPAddress) => (ip.is4 ? ip.bytes[0] === 224 && ip.bytes[1] === 0 && ip.bytes[2] === 0 : (first(ip) & 0xff0f) === 0xff02);
const isBroadcast = (ip: IPAddress) => ip.is4 && ip.bytes.every((b) => b === 255);
const isGlobalUnicast = (ip: IPAddress) => !isUnspecified(ip) && !isBroadcast(ip) && !isLoopback(ip) && !isMulticast(ip) && !isLinkLocalUnicast(ip);

/** containsCIDR: the other network lies inside this one (as fixed in kubernetes#130450). */
const containsCIDR = (outer: IPPrefix, inner: IPPrefix) => outer.bits <= inner.bits && outer.contains(inner.address);

/** Adds the IP and CIDR libraries to `env`. */
export function registerNetLibrary(env: Environment): Environment {
  env.registerType(IP, IPAddress).registerType(CIDR, IPPrefix);
  const ipNamespace = registerNamespace(env, 'ip');
  return env
    .registerFunction(`ip(string): ${IP}`, toIP)
    .registerFunction('isIP(string): bool', (text: string) => succeeds(() => toIP(text)))
    .registerFunction(`${ipNamespace}.isCanonical(string): bool`, (_: unknown, text: string) => toIP(text).toString() === text)
    .registerFunction(`${IP}.family(): int`, (ip: IPAddress) => (ip.is4 ? 4n : 6n))
    .registerFunction(`${IP}.isUnspecified(): bool`, isUnspecified)
    .registerFunction(`${IP}.isLoopback(): bool`, isLoopback)
    .registerFunction(`${IP}.isLinkLocalMulticast(): bool`, isLinkLocalMulticast)
    .registerFunction(`${IP}.isLinkLocalUnicast(): bool`, isLinkLocalUnicast)
    .registerFunction(`${IP}.isGlobalUnicast(): bool`, isGlobalUnicast)
    .registerFunction(`string(${IP}): string`, (ip: IPAddress) => ip.toString())
    .registerOperator(`${IP} == ${IP}`, (a: IPAddress, b: IPAddress) => a.equals(b))
    .registerFunction(`cidr(string): ${CIDR}`, toCIDR)
    .registerFunction('isCIDR(string): bool', (text: string) => succeeds(() => toCIDR(text)))
    .registerFunction(`${CIDR}.containsIP(string): bool`, (cidr: IPPrefix, text: string) => cidr.contains(toIP(text)))
    .registerFunction(`${CIDR}.containsIP(${IP}): bool`, (cidr: IPPrefix, ip: IPAddress) => cidr.contains(ip))
    .registerFunction(`${CIDR}.containsCIDR(string): bool`, (cidr: IPPrefix, text: string) => containsCIDR(cidr, toCIDR(text)))
    .registerFunction(`${CIDR}.containsCIDR(${CIDR}): bool`, containsCIDR)
    .registerFunction(`${CIDR}.ip(): ${IP}`, (cidr: IPPrefix) => cidr.address)
    .registerFunction(`${CIDR}.masked(): ${CIDR}`, (cidr: IPPrefix) => cidr.masked())
    .registerFunction(`${CIDR}.prefixLength(): int`, (cidr: IPPrefix) => BigInt(cidr.bits))
    .registerFunction(`string(${CIDR}): string`, (cidr: IPPrefix) => cidr.toString())
    .registerOperator(`${CIDR} == ${CIDR}`, (a: IPPrefix, b: IPPrefix) => a.equals(b));
}

/**
 * IP addresses and prefixes parsed and printed as Go's net/netip does, which the Kubernetes CEL
 * IP and CIDR libraries are built on: the same accepted spellings (no leading zeros in IPv4
 * octets, `::` compression, an embedded IPv4 tail), the same canonical text (RFC 5952) and the
 * same parse error messages (`ParseAddr("…"): IPv4 field has value >255`).
 */

/** An address as netip.Addr holds it: 4 bytes for IPv4, 16 for IPv6, with an optional zone. */
export class IPAddress {
  constructor(readonly bytes: readonly number[], readonly zone = '') {}

  get is4(): boolean {
    return this.bytes.length === 4;
  }

  /** An IPv6 address of the ::ffff:a.b.c.d form. */
  get is4In6(): boolean {
    return this.bytes.length === 16 && this.bytes.slice(0, 10).every((b) => b === 0) && this.bytes[10] === 0xff && this.bytes[11] === 0xff;
  }

  get bitLength(): number {
    return this.bytes.length * 8;
  }

  /** The canonical text, as netip.Addr.String() gives it. */
  toString(): string {
    if (this.is4) return this.bytes.join('.');
    const zone = this.zone ? `%${this.zone}` : '';
    if (this.is4In6) return `::ffff:${this.bytes.slice(12).join('.')}${zone}`;
    const fields = Array.from({ length: 8 }, (_, i) => (this.bytes[2 * i] << 8) | this.bytes[2 * i + 1]);
    let [zeroStart, zeroEnd] = [-1, -1];
    for (let i = 0; i < 8; i++) {
      let j = i;
      while (j < 8 && fields[j] === 0) j++;
      if (j - i >= 2 && j - i > zeroEnd - zeroStart) [zeroStart, zeroEnd] = [i, j];
    }
    const hex = (from: number, to: number) => fields.slice(from, to).map((f) => f.toString(16)).join(':');
    const text = zeroStart < 0 ? hex(0, 8) : `${hex(0, zeroStart)}::${hex(zeroEnd, 8)}`;
    return `${text}${zone}`;
  }

  equals(other: IPAddress): boolean {
    return this.zone === other.zone && this.bytes.length === other.bytes.length && this.bytes.every((b, i) => b === other.bytes[i]);
  }

  /** The address with every bit after the first `bits` cleared. */
  masked(bits: number): IPAddress {
    return new IPAddress(this.bytes.map((b, i) => {
      const kept = Math.max(0, Math.min(8, bits - i * 8));
      return b & ((0xff << (8 - kept)) & 0xff);
    }));
  }
}

/** A network as netip.Prefix holds it: an address (host bits kept) and a prefix length. */
export class IPPrefix {
  constructor(readonly address: IPAddress, readonly bits: number) {}

  toString(): string {
    return `${this.address.toString()}/${this.bits}`;
  }

  equals(other: IPPrefix): boolean {
    return this.bits === other.bits && this.address.equals(other.address);
  }

  masked(): IPPrefix {
    return new IPPrefix(this.address.masked(this.bits), this.bits);
  }

  /** Whether `ip` is in the network (never across families, never with a zone). */
  contains(ip: IPAddress): boolean {
    if (ip.zone || ip.bytes.length !== this.address.bytes.length) return false;
    return ip.masked(this.bits).equals(this.address.masked(this.bits));
  }
}

class ParseAddrError extends Error {}

function addrError(input: string, message: string, at = ''): ParseAddrError {
  return new ParseAddrError(`ParseAddr(${JSON.stringify(input)}): ${message}${at ? ` (at ${JSON.stringify(at)})` : ''}`);
}

const isDigit = (c: string) => c >= '0' && c <= '9';

/** The four octets of input[from:to], as netip's parseIPv4Fields reads them. */
function ipv4Fields(input: string, from: number, to: number): number[] {
  const s = input.slice(from, to);
  const fields: number[] = [];
  let [value, digits] = [0, 0];
  for (let i = 0; i < s.length; i++) {
    if (isDigit(s[i])) {
      if (digits === 1 && value === 0) throw addrError(input, 'IPv4 field has octet with leading zero');
      value = value * 10 + Number(s[i]);
      digits++;
      if (value > 255) throw addrError(input, 'IPv4 field has value >255');
    } else if (s[i] === '.') {
      if (i === 0 || i === s.length - 1 || s[i - 1] === '.') throw addrError(input, 'IPv4 field must have at least one digit', s.slice(i));
      if (fields.length === 3) throw addrError(input, 'IPv4 address too long');
      fields.push(value);
      [value, digits] = [0, 0];
    } else {
      throw addrError(input, 'unexpected character', s.slice(i));
    }
  }
  if (fields.length < 3) throw addrError(input, 'IPv4 address too short');
  return [...fields, value];
}

/** One hex group at the start of `s`: its value and length. */
function hexGroup(input: string, s: string): { value: number; length: number } {
  let [value, length] = [0, 0];
  for (; length < s.length; length++) {
    const digit = parseInt(s[length], 16);
    if (Number.isNaN(digit)) break;
    value = value * 16 + digit;
    if (length > 3) throw addrError(input, 'each group must have 4 or less digits', s);
    if (value > 0xffff) throw addrError(input, 'IPv6 field has value >=2^16', s);
  }
  if (length === 0) throw addrError(input, 'each colon-separated field must have at least one digit', s);
  return { value, length };
}

function parseIPv6(input: string): IPAddress {
  let s = input;
  let zone = '';
  const percent = s.indexOf('%');
  if (percent !== -1) {
    [s, zone] = [s.slice(0, percent), s.slice(percent + 1)];
    if (!zone) throw addrError(input, 'zone must be a non-empty string');
  }
  const bytes: number[] = [];
  let ellipsis = -1;
  if (s.startsWith('::')) {
    ellipsis = 0;
    s = s.slice(2);
    if (!s) return new IPAddress(new Array<number>(16).fill(0), zone);
  }
  while (bytes.length < 16) {
    const group = hexGroup(input, s);
    if (s[group.length] === '.') {
      if (ellipsis < 0 && bytes.length !== 12) throw addrError(input, 'embedded IPv4 address must replace the final 2 fields of the address', s);
      if (bytes.length + 4 > 16) throw addrError(input, 'too many hex fields to fit an embedded IPv4 at the end of the address', s);
      const end = input.length - (zone ? zone.length + 1 : 0);
      bytes.push(...ipv4Fields(input, end - s.length, end));
      s = '';
      break;
    }
    bytes.push(group.value >> 8, group.value & 0xff);
    s = s.slice(group.length);
    if (!s) break;
    if (s[0] !== ':') throw addrError(input, 'unexpected character, want colon', s);
    if (s.length === 1) throw addrError(input, 'colon must be followed by more characters', s);
    s = s.slice(1);
    if (s[0] === ':') {
      if (ellipsis >= 0) throw addrError(input, 'multiple :: in address', s);
      ellipsis = bytes.length;
      s = s.slice(1);
      if (!s) break;
    }
  }
  if (s) throw addrError(input, 'trailing garbage after address', s);
  if (bytes.length < 16) {
    if (ellipsis < 0) throw addrError(input, 'address string too short');
    bytes.splice(ellipsis, 0, ...new Array<number>(16 - bytes.length).fill(0));
  } else if (ellipsis >= 0) {
    throw addrError(input, 'the :: must expand to at least one field of zeros', s);
  }
  return new IPAddress(bytes, zone);
}

/** netip.ParseAddr: the address, or Go's error text. */
export function parseAddr(input: string): IPAddress | { error: string } {
  try {
    for (const c of input) {
      if (c === '.') return new IPAddress(ipv4Fields(input, 0, input.length));
      if (c === ':') return parseIPv6(input);
      if (c === '%') throw addrError(input, 'missing IPv6 address');
    }
    throw addrError(input, 'unable to parse IP');
  } catch (e) {
    if (e instanceof ParseAddrError) return { error: e.message };
    throw e;
  }
}

/** netip.ParsePrefix: the network, or Go's error text. */
export function parsePrefix(input: string): IPPrefix | { error: string } {
  const fail = (message: string) => ({ error: `netip.ParsePrefix(${JSON.stringify(input)}): ${message}` });
  const slash = input.lastIndexOf('/');
  if (slash < 0) return fail("no '/'");
  const address = parseAddr(input.slice(0, slash));
  if (!(address instanceof IPAddress)) return fail(address.error);
  if (!address.is4 && address.zone) return fail('IPv6 zones cannot be present in a prefix');
  const bitsText = input.slice(slash + 1);
  const badBits = fail(`bad bits after slash: ${JSON.stringify(bitsText)}`);
  if (bitsText.length > 1 && !/^[1-9]/.test(bitsText)) return badBits;
  if (!/^[0-9]+$/.test(bitsText)) return badBits;
  const bits = Number(bitsText);
  if (bits > address.bitLength) return fail('prefix length out of range');
  return new IPPrefix(address, bits);
}

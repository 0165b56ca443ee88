/** IPv4 CIDR membership for NetworkPolicy ipBlock peers; pod and lab addresses are IPv4, so an IPv6 block matches none. */

function ipv4(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) return undefined;
  return parts.reduce((n, p) => n * 256 + Number(p), 0);
}

/** True when `address` lies in `cidr` (`10.0.0.0/8`); false for anything unparsable or IPv6. */
export function ipInCidr(address: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/');
  const ip = ipv4(address);
  const network = ipv4(base);
  const bits = Number(bitsText ?? 32);
  if (ip === undefined || network === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const size = 2 ** (32 - bits);
  return Math.floor(ip / size) === Math.floor(network / size);
}

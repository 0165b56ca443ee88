/**
 * Go's net.SplitHostPort and net.ParseIP, with Go's error text: CoreDNS's plugins check the addresses a Corefile gives
 * them with these (`prometheus 9153` fails as `address 9153: missing port in address`).
 */

/** host and port of `hostport`, or Go's AddrError text. */
export function goSplitHostPort(hostport: string): { host: string; port: string } | { error: string } {
  const fail = (why: string) => ({ error: `address ${hostport}: ${why}` });
  const colon = hostport.lastIndexOf(':');
  if (colon < 0) return fail('missing port in address');
  let host: string;
  let [j, k] = [0, 0];
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 === hostport.length) return fail('missing port in address');
    if (end + 1 !== colon) return fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    [j, k] = [1, end + 1];
  } else {
    host = hostport.slice(0, colon);
    if (host.includes(':')) return fail('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return fail("unexpected ']' in address");
  return { host, port: hostport.slice(colon + 1) };
}

const ipv4 = (text: string) => {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
};

/** Whether Go's net.ParseIP reads `text` as an IPv4 or IPv6 address. */
export function isGoIp(text: string): boolean {
  if (!text.includes(':')) return ipv4(text);
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((half) => (half === '' ? [] : half.split(':')));
  const last = groups[groups.length - 1];
  const embedsIpv4 = last.length > 0 && last[last.length - 1].includes('.');
  if (embedsIpv4 && !ipv4(last.pop()!)) return false;
  const count = groups.flat().length + (embedsIpv4 ? 2 : 0);
  if (!groups.flat().every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  return halves.length === 2 ? count < 8 : count === 8;
}

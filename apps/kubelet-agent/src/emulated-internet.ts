/**
 * The internet as a pod on a learner's real cluster sees it, emulated without a
 * single packet leaving the process: a public-looking host name resolves to a
 * made-up address derived from the name, and an HTTP(S) GET to it answers 200
 * with a small page naming the host. The documentation's init container
 * (`wget -O /work-dir/index.html http://info.cern.ch`) then finishes as it
 * does on a cluster with internet access.
 */
import type { HttpResponse } from '@kubelab/shell';

/** Top-level domains reserved by RFC 2606/6761 or used inside clusters: never on the internet. */
const UNREAL_TLDS = new Set(['invalid', 'test', 'example', 'localhost', 'local', 'internal', 'svc', 'lan', 'home', 'corp', 'intranet']);
/** Generic TLDs a tutorial may name; two-letter country codes are accepted besides these. */
const GENERIC_TLDS = new Set([
  'com', 'org', 'net', 'edu', 'gov', 'mil', 'int', 'io', 'dev', 'app', 'info', 'biz', 'cloud', 'ai', 'sh', 'xyz', 'site',
  'online', 'tech', 'page', 'blog', 'news', 'name', 'pro', 'codes', 'run', 'works', 'systems', 'network', 'google',
]);
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** TEST-NET-2 and TEST-NET-3 (RFC 5737): documentation ranges, nobody's real host. */
const ADDRESS_BLOCKS = ['198.51.100', '203.0.113'] as const;

/**
 * The made-up public address of `name`, or undefined when it would not resolve on
 * the internet: no dot, a reserved or cluster-only domain, or no plausible TLD.
 * Deterministic, so `nslookup` and `ping` agree from every pod and every run.
 */
export function publicAddress(name: string): string | undefined {
  const host = name.toLowerCase().replace(/\.$/, '');
  const labels = host.split('.');
  if (labels.length < 2 || IPV4.test(host) || !labels.every((label) => LABEL.test(label))) return undefined;
  const tld = labels[labels.length - 1];
  if (UNREAL_TLDS.has(tld) || host.endsWith('.cluster.local')) return undefined;
  if (!GENERIC_TLDS.has(tld) && !/^[a-z]{2}$/.test(tld)) return undefined;
  const hash = fnv1a(host);
  return `${ADDRESS_BLOCKS[hash % ADDRESS_BLOCKS.length]}.${1 + ((hash >>> 1) % 254)}`;
}

/** True for an address outside every private, loopback and link-local range: one on the internet. */
export function isPublicIp(ip: string): boolean {
  const match = IPV4.exec(ip);
  if (!match) return false;
  const [a, b] = [Number(match[1]), Number(match[2])];
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  return !(a === 100 && b >= 64 && b <= 127);
}

/** What a GET to `url` on the emulated internet answers: 200 and a page naming the host. */
export function publicPage(url: URL): HttpResponse {
  const host = url.hostname;
  const body = [
    '<!DOCTYPE html>',
    '<html>',
    `<head><title>${host}</title></head>`,
    '<body>',
    `<h1>${host}</h1>`,
    `<p>This page stands in for ${host}: kubelab emulated internet. No request left the lab.</p>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { status: 200, body };
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

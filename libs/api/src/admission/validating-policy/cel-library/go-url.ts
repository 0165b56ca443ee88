/**
 * URLs as Go's net/url parses them, for the Kubernetes CEL URL library: ParseRequestURI's
 * acceptance (an absolute URI or an absolute path) and error texts (`parse "…": invalid URI for
 * request`), and the parts url.URL gives (Host, Hostname, Port, EscapedPath, Query).
 */

/** The parts of a parsed URL the library reads. */
export interface GoURL {
  scheme: string;
  opaque: string;
  host: string;
  /** The path, unescaped, and as written. */
  path: string;
  rawPath: string;
  rawQuery: string;
}

class URLError extends Error {}

const alnum = (c: string) => /^[A-Za-z0-9]$/.test(c);

/** net/url's shouldEscape for the path and host modes. */
function shouldEscape(c: string, mode: 'path' | 'host'): boolean {
  if (alnum(c) || '-_.~'.includes(c)) return false;
  if (mode === 'host') return !"!$&'()*+,;=:[]<>\"".includes(c);
  if ('$&+,/:;=?@'.includes(c)) return c === '?';
  return true;
}

function unescape(s: string, mode: 'path' | 'host'): string {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === '%') {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw new URLError(`invalid URL escape ${JSON.stringify(s.slice(i, i + 3))}`);
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      if (mode === 'host' && c.charCodeAt(0) < 0x80 && shouldEscape(c, 'host')) throw new URLError(`invalid character ${JSON.stringify(c)} in host name`);
      bytes.push(...new TextEncoder().encode(c));
    }
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

function escapePath(s: string): string {
  return [...new TextEncoder().encode(s)].map((b) => {
    const c = String.fromCharCode(b);
    return b < 0x80 && !shouldEscape(c, 'path') ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

const validOptionalPort = (port: string) => port === '' || /^:[0-9]*$/.test(port);

function parseHost(host: string): string {
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new URLError("missing ']' in host");
    const colonPort = host.slice(close + 1);
    if (!validOptionalPort(colonPort)) throw new URLError(`invalid port ${JSON.stringify(colonPort)} after host`);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon !== -1 && !validOptionalPort(host.slice(colon))) throw new URLError(`invalid port ${JSON.stringify(host.slice(colon))} after host`);
  }
  return unescape(host, 'host');
}

function scheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (/[A-Za-z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new URLError('missing protocol scheme');
      return { scheme: raw.slice(0, i).toLowerCase(), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parse(raw: string, viaRequest: boolean): GoURL {
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) throw new URLError('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) throw new URLError('empty url');
  const url: GoURL = { scheme: '', opaque: '', host: '', path: '', rawPath: '', rawQuery: '' };
  if (raw === '*') return { ...url, path: '*', rawPath: '*' };
  let rest: string;
  ({ scheme: url.scheme, rest } = scheme(raw));
  if (rest.endsWith('?') && rest.indexOf('?') === rest.length - 1) {
    rest = rest.slice(0, -1);
  } else if (rest.includes('?')) {
    url.rawQuery = rest.slice(rest.indexOf('?') + 1);
    rest = rest.slice(0, rest.indexOf('?'));
  }
  if (!rest.startsWith('/')) {
    if (url.scheme) return { ...url, opaque: rest };
    if (viaRequest) throw new URLError('invalid URI for request');
    if (rest.split('/')[0].includes(':')) throw new URLError('first path segment in URL cannot contain colon');
  }
  if ((url.scheme || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    let authority = rest.slice(2);
    rest = '';
    const slash = authority.indexOf('/');
    if (slash >= 0) [authority, rest] = [authority.slice(0, slash), authority.slice(slash)];
    const at = authority.lastIndexOf('@');
    url.host = parseHost(at < 0 ? authority : authority.slice(at + 1));
  }
  url.path = unescape(rest, 'path');
  url.rawPath = rest;
  return url;
}

function attempt(op: string, raw: string, viaRequest: boolean): GoURL {
  try {
    return parse(raw, viaRequest);
  } catch (e) {
    if (e instanceof URLError) throw new Error(`${op} ${JSON.stringify(raw)}: ${e.message}`);
    throw e;
  }
}

/** url.ParseRequestURI: the URL, or throws Go's error text. */
export function parseRequestURI(raw: string): GoURL {
  return attempt('parse', raw, true);
}

/** url.Parse: like ParseRequestURI but relative references are allowed and a fragment is cut off. */
export function parseURL(raw: string): GoURL {
  const hash = raw.indexOf('#');
  return attempt('parse', hash < 0 ? raw : raw.slice(0, hash), false);
}

/** Host and port as url.URL's Hostname and Port split them. */
export function splitHostPort(host: string): { hostname: string; port: string } {
  const colon = host.lastIndexOf(':');
  let [hostname, port] = [host, ''];
  if (colon !== -1 && validOptionalPort(host.slice(colon))) [hostname, port] = [host.slice(0, colon), host.slice(colon + 1)];
  if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
  return { hostname, port };
}

function validEncoded(s: string): boolean {
  return [...s].every((c) => "!$&'()*+,;=:@[]%".includes(c) || (c.charCodeAt(0) < 0x80 && !shouldEscape(c, 'path')));
}

/** url.URL's EscapedPath: the path as written when that is a valid encoding of it, else escaped. */
export function escapedPath(url: GoURL): string {
  if (url.rawPath && validEncoded(url.rawPath)) return url.rawPath;
  if (url.path === '*') return '*';
  return escapePath(url.path);
}

function queryUnescape(s: string): string | undefined {
  try {
    return unescape(s.replaceAll('+', ' '), 'path');
  } catch {
    return undefined;
  }
}

/** url.ParseQuery of the raw query, dropping what Go drops (`;` separators, bad escapes). */
export function queryValues(rawQuery: string): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const part of rawQuery.split('&')) {
    if (part === '' || part.includes(';')) continue;
    const eq = part.indexOf('=');
    const key = queryUnescape(eq < 0 ? part : part.slice(0, eq));
    const value = queryUnescape(eq < 0 ? '' : part.slice(eq + 1));
    if (key === undefined || value === undefined) continue;
    values.set(key, [...(values.get(key) ?? []), value]);
  }
  return values;
}

/**
 * The placeholders of the catalog's texts, `{{podIP}}` in an HTTP answer's body or `{{port}}` in a log line: what a
 * real server prints of its pod, its arguments and the request, filled in when it answers (or starts). `{{a|b}}` is the
 * first of them that has a value (http-echo answers -text, else $ECHO_TEXT), and a quoted alternative is itself
 * (`{{arg:listen|':5678'}}`: the flag's value, else the program's default). No I/O: the caller passes the clock's
 * reading and whatever is random (a client's port, nginx's request id).
 */
import { flagValue } from './container-argv.js';

/** What the request brought, for an HTTP answer. */
export interface RequestFacts {
  /** The request target as sent, path and query (`/echo?msg=hi`). */
  readonly target: string;
  /** The Host the client asked for (`web`, `10.244.1.5:8080`). */
  readonly host: string;
  /** The client's address and port (`10.244.2.7:41234`). */
  readonly remoteAddr: string;
  /** 32 hex digits, nginx's $request_id. */
  readonly requestId: string;
  /** The request's headers but Host, as the client sent them; absent where the network did not carry them (a pod's curl). */
  readonly headers?: readonly (readonly [string, string])[];
}

/** What the placeholders are filled from. */
export interface PlaceholderFacts {
  /** The pod's hostname. */
  readonly hostname: string;
  readonly podIP: string;
  /** The port the request came in on; in a log line, the first port the process listens on. */
  readonly port: number | undefined;
  /** The process's argv, for `{{arg:NAME}}`. */
  readonly argv: readonly string[];
  /** The container's environment, for `{{env:NAME}}`. */
  readonly env: Readonly<Record<string, string>>;
  readonly now: Date;
  /** Seconds since the process started (Go's monotonic reading, `m=+1.5`). */
  readonly uptimeSeconds: number;
  /** Absent in a log line. */
  readonly request?: RequestFacts;
}

/** Where a text is used: request placeholders mean something only in an answer. */
export type PlaceholderUse = 'body' | 'log';

const REQUEST_PLACEHOLDERS = new Set(['path', 'query', 'host', 'remoteAddr', 'requestId', 'headers']);
const PLACEHOLDERS = new Set(['hostname', 'podIP', 'port', 'date', 'linkLocalIPv6', 'arg', 'env', ...REQUEST_PLACEHOLDERS]);
/** Placeholders that take a parameter (`arg:text`), and those that may (`date:go`). */
const NEEDS_PARAMETER = new Set(['arg', 'env', 'query']);
const DATE_FORMATS = new Set(['go']);
const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;

/** Problems with the placeholders of `text` (unknown names, a request's outside an answer), each worded for the catalog's error. */
export function placeholderProblems(text: string, use: PlaceholderUse): string[] {
  const problems: string[] = [];
  for (const [written, inside] of text.matchAll(PLACEHOLDER)) {
    for (const alternative of inside.split('|')) {
      const problem = alternativeProblem(alternative.trim(), use);
      if (problem) problems.push(`${written}: ${problem}`);
    }
  }
  return problems;
}

const LITERAL = /^'([^']*)'$/;

function alternativeProblem(alternative: string, use: PlaceholderUse): string | undefined {
  if (LITERAL.test(alternative)) return undefined;
  const colon = alternative.indexOf(':');
  const name = colon < 0 ? alternative : alternative.slice(0, colon);
  const parameter = colon < 0 ? undefined : alternative.slice(colon + 1);
  if (!PLACEHOLDERS.has(name)) return `unknown placeholder ${JSON.stringify(name)} (known: ${[...PLACEHOLDERS].join(', ')})`;
  if (use === 'log' && REQUEST_PLACEHOLDERS.has(name)) return `${name} is a request's, and a log line has no request`;
  if (NEEDS_PARAMETER.has(name) && !parameter) return `${name} needs a name, as in {{${name}:NAME}}`;
  if (name === 'date' && parameter !== undefined && !DATE_FORMATS.has(parameter)) return `date formats: {{date}} (nginx's $time_local), {{date:go}}`;
  if (!NEEDS_PARAMETER.has(name) && name !== 'date' && parameter !== undefined) return `${name} takes no parameter`;
  return undefined;
}

/** `text` with its placeholders filled in; one without a value becomes empty. */
export function fillPlaceholders(text: string, facts: PlaceholderFacts): string {
  if (!text.includes('{{')) return text;
  return text.replace(PLACEHOLDER, (_written, inside: string) => {
    for (const alternative of inside.split('|')) {
      const value = placeholderValue(alternative.trim(), facts);
      if (value) return value;
    }
    return '';
  });
}

function placeholderValue(alternative: string, facts: PlaceholderFacts): string | undefined {
  const literal = LITERAL.exec(alternative);
  if (literal) return literal[1];
  const colon = alternative.indexOf(':');
  const name = colon < 0 ? alternative : alternative.slice(0, colon);
  const parameter = colon < 0 ? '' : alternative.slice(colon + 1);
  const { request } = facts;
  switch (name) {
    case 'hostname':
      return facts.hostname;
    case 'podIP':
      return facts.podIP;
    case 'port':
      return facts.port === undefined ? undefined : String(facts.port);
    case 'linkLocalIPv6':
      return linkLocalIPv6(facts.podIP);
    case 'date':
      return parameter === 'go' ? goTime(facts.now, facts.uptimeSeconds) : nginxLocalTime(facts.now);
    case 'arg':
      return flagValue(parameter, facts.argv.slice(1));
    case 'env':
      return facts.env[parameter];
    case 'path':
      return request?.target;
    case 'query':
      return request && queryValue(request.target, parameter);
    case 'host':
      return request?.host;
    case 'remoteAddr':
      return request?.remoteAddr;
    case 'requestId':
      return request?.requestId;
    case 'headers':
      return request?.headers?.length ? goRequestHeaders(request.headers) : undefined;
    default:
      return undefined;
  }
}

/** Go's canonical form of a header name (`x-canary` → `X-Canary`), as net/http keys r.Header. */
const canonicalHeader = (name: string) => name.toLowerCase().replace(/(^|-)([a-z])/g, (_m, dash: string, c: string) => `${dash}${c.toUpperCase()}`);

/**
 * The headers after Host as Go's Request.Write writes them (whoami answers with its request so written): User-Agent
 * first, then the others sorted by canonical name, one `Name: value` line each, ending in CRLF.
 */
function goRequestHeaders(headers: readonly (readonly [string, string])[]): string {
  const lines = headers.map(([name, value]) => [canonicalHeader(name), value] as const);
  const agent = lines.filter(([name]) => name === 'User-Agent');
  const rest = lines.filter(([name]) => name !== 'User-Agent').sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return [...agent, ...rest].map(([name, value]) => `${name}: ${value}\r\n`).join('');
}

/** A query parameter's value, decoded as Go's r.FormValue decodes it (`+` is a space). */
function queryValue(target: string, name: string): string | undefined {
  const question = target.indexOf('?');
  return question < 0 ? undefined : (new URLSearchParams(target.slice(question + 1)).get(name) ?? undefined);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** nginx's $time_local in a container on UTC: `07/Feb/2018:16:05:05 +0000`. */
function nginxLocalTime(now: Date): string {
  return `${two(now.getUTCDate())}/${MONTHS[now.getUTCMonth()]}/${now.getUTCFullYear()}:${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())} +0000`;
}

/** Go's time.Now().String() on UTC: `2025-01-22 10:11:12.345 +0000 UTC m=+12.500000001` (fraction without trailing zeros). */
function goTime(now: Date, uptimeSeconds: number): string {
  const fraction = now.getUTCMilliseconds() === 0 ? '' : `.${String(now.getUTCMilliseconds()).padStart(3, '0').replace(/0+$/, '')}`;
  const date = `${now.getUTCFullYear()}-${two(now.getUTCMonth() + 1)}-${two(now.getUTCDate())}`;
  return `${date} ${two(now.getUTCHours())}:${two(now.getUTCMinutes())}:${two(now.getUTCSeconds())}${fraction} +0000 UTC m=+${Math.max(0, uptimeSeconds).toFixed(9)}`;
}

/**
 * The fe80:: address eth0 has beside the pod's IPv4 one: the EUI-64 of a MAC derived from the IPv4 address as Docker
 * derives one (02:42 and its four bytes), so each pod's differs; undefined for an address that is not IPv4.
 */
function linkLocalIPv6(podIP: string): string | undefined {
  const bytes = podIP.split('.').map(Number);
  if (bytes.length !== 4 || bytes.some((b) => !Number.isInteger(b) || b < 0 || b > 255)) return undefined;
  const [a, b, c, d] = bytes;
  const group = (high: number, low: number) => ((high << 8) | low).toString(16);
  return `fe80::42:${group(a, 0xff)}:${group(0xfe, b)}:${group(c, d)}`;
}

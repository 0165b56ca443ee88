/**
 * `curl` over the lab network with the options tutorials use: `-s`, `-S`,
 * `-f`, `-o FILE`, `-w FORMAT` (`%{http_code}` and friends, after the body),
 * `-I` (the status line and headers only), `-i` (them before the body), `-m` and
 * `--connect-timeout` (a connection that never answers, as NetworkPolicy drops it,
 * times out in lab time), `-X METHOD`, `-H 'Name: value'` (repeatable), `-d DATA`,
 * and TLS as curl checks it: a server whose certificate a private CA signed (the lab's
 * api-server) is refused unless `--cacert FILE` holds that CA or `-k` skips the check.
 * Exit codes are curl's: 6 unresolvable, 7 refused, 22 HTTP error under `-f`,
 * 23 unwritable output, 28 timed out, 60 untrusted certificate, 77 unreadable CA file.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { connectAndGet, KERNEL_CONNECT_TIMEOUT_SECONDS } from './connect.js';
import { statusLine } from './http-status.js';
import type { HttpRequestOptions, HttpResponse } from '../process/process-host.js';
import { parseOptions } from './options.js';
import { resolveHost } from './resolve-host.js';
import { parseRequestTarget, type RequestTarget } from './url.js';

const OPTIONS = {
  flags: 'sSfLkvIi',
  values: 'omXHwd',
  long: {
    silent: { key: 's' },
    'show-error': { key: 'S' },
    fail: { key: 'f' },
    location: { key: 'L' },
    insecure: { key: 'k' },
    verbose: { key: 'v' },
    output: { key: 'o', value: true },
    'max-time': { key: 'm', value: true },
    'connect-timeout': { key: 'connect-timeout', value: true },
    request: { key: 'X', value: true },
    header: { key: 'H', value: true },
    'write-out': { key: 'w', value: true },
    head: { key: 'I' },
    include: { key: 'i' },
    data: { key: 'd', value: true },
    'data-raw': { key: 'd', value: true },
    cacert: { key: 'cacert', value: true },
  },
};

/** The User-Agent curl sends: the version of the lab catalog's curlimages/curl. */
const USER_AGENT = 'curl/8.11.1';

/** What curl prints after a certificate it cannot verify (exit 60), the OpenSSL reason first. */
const UNTRUSTED_CERTIFICATE = `SSL certificate problem: unable to get local issuer certificate
More details here: https://curl.se/docs/sslcerts.html

curl failed to verify the legitimacy of the server and therefore could not
establish a secure connection to it. To learn more about this situation and
how to fix it, please visit the web page mentioned above.`;

const EXIT = { usage: 2, unresolved: 6, refused: 7, httpError: 22, writeError: 23, timedOut: 28, untrusted: 60, caFile: 77 } as const;

/** curl's default connect timeout (CURLOPT_CONNECTTIMEOUT, 300 s) when neither `-m` nor `--connect-timeout` is given. */
const DEFAULT_CONNECT_TIMEOUT_SECONDS = 300;

/** The connect phase's limit: the smaller of `-m` and `--connect-timeout` (0: none), or curl's complaint about a bad value. */
function connectTimeout(values: ReadonlyMap<string, string>): number | { complaint: string } {
  let limit = DEFAULT_CONNECT_TIMEOUT_SECONDS;
  for (const [key, option] of [['m', '-m'], ['connect-timeout', '--connect-timeout']]) {
    const text = values.get(key);
    if (text === undefined) continue;
    const seconds = Number(text);
    if (text.trim() === '' || !Number.isFinite(seconds)) return { complaint: `option ${option}: expected a proper numerical parameter` };
    if (seconds < 0) return { complaint: `option ${option}: expected a positive numerical parameter` };
    if (seconds > 0) limit = Math.min(limit, seconds);
  }
  return limit;
}

/** Fetches the URL to stdout (or `-o FILE`). */
export async function curl(context: CommandContext): Promise<number> {
  const parsed = parseOptions(context.args, OPTIONS);
  if ('error' in parsed) return complain(context, `${parsed.error}\ncurl: try 'curl --help' for more information`, EXIT.usage);
  const [operand] = parsed.operands;
  if (operand === undefined) return usage(context, '[options...] <url>');
  const showErrors = !parsed.flags.has('s') || parsed.flags.has('S');
  const fail = (status: number, message: string) => (showErrors ? complain(context, `(${status}) ${message}`, status) : status);
  const timeout = connectTimeout(parsed.values);
  if (typeof timeout !== 'number') return complain(context, `${timeout.complaint}\ncurl: try 'curl --help' for more information`, EXIT.usage);
  const target = parseRequestTarget(operand);
  if (!target) return fail(3, `URL rejected: Malformed input to a URL function`);
  const address = await resolveHost(context, target.host);
  if (address === undefined) return fail(EXIT.unresolved, `Could not resolve host: ${target.host}`);
  const refusal = await tlsRefusal(context, target, parsed.flags.has('k'), parsed.values.get('cacert'));
  if (refusal) return fail(refusal.status, refusal.message);
  const response = await connectAndGet(context, target.href, timeout, requestOf(target, parsed.values, parsed.lists));
  if (response === 'client timeout') return fail(EXIT.timedOut, `Connection timed out after ${Math.round(timeout * 1000)} milliseconds`);
  if (response === 'connect timed out') {
    return fail(EXIT.timedOut, `Failed to connect to ${target.host} port ${target.port} after ${KERNEL_CONNECT_TIMEOUT_SECONDS * 1000} ms: Connection timed out`);
  }
  if (!response) {
    return fail(EXIT.refused, `Failed to connect to ${target.host} port ${target.port} after 0 ms: Couldn't connect to server`);
  }
  if (parsed.flags.has('f') && response.status >= 400) {
    return fail(EXIT.httpError, `The requested URL returned error: ${response.status}`);
  }
  const head = headerBlock(response);
  const body = parsed.flags.has('I') ? head : parsed.flags.has('i') ? head + response.body : response.body;
  const output = parsed.values.get('o');
  if (output === undefined || output === '-') {
    context.stdout(body);
  } else {
    try {
      context.fs.write(context.resolve(output), body);
    } catch {
      return fail(EXIT.writeError, 'Failure writing output to destination');
    }
  }
  const format = parsed.values.get('w');
  if (format !== undefined) context.stdout(writeOut(format, response.status, target.href, body.length));
  return 0;
}

/**
 * The TLS handshake's verdict before anything is sent: a private CA behind the server must be in
 * the `--cacert` file, unless `-k`. Undefined when the connection may go on.
 */
async function tlsRefusal(context: CommandContext, target: RequestTarget, insecure: boolean, caFile: string | undefined): Promise<{ status: number; message: string } | undefined> {
  if (!target.href.startsWith('https:') || insecure) return undefined;
  const issuer = await context.runtime.tlsIssuer(target.href);
  if (issuer === undefined) return undefined;
  if (caFile === undefined) return { status: EXIT.untrusted, message: UNTRUSTED_CERTIFICATE };
  const path = context.resolve(caFile);
  if (!context.fs.isFile(path)) return { status: EXIT.caFile, message: `error setting certificate file: ${caFile}` };
  return context.fs.read(path).includes(issuer.trim()) ? undefined : { status: EXIT.untrusted, message: UNTRUSTED_CERTIFICATE };
}

/** The request curl sends: `-X` (POST with `-d`, else GET), its own Host, User-Agent and Accept, each `-H` over them. */
function requestOf(target: RequestTarget, values: ReadonlyMap<string, string>, lists: ReadonlyMap<string, readonly string[]>): HttpRequestOptions {
  const data = values.get('d');
  const headers = new Map<string, [string, string]>();
  const add = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
  add('Host', target.explicitPort ? `${target.host}:${target.port}` : target.host);
  add('User-Agent', USER_AGENT);
  add('Accept', '*/*');
  if (data !== undefined) add('Content-Type', 'application/x-www-form-urlencoded');
  for (const line of lists.get('H') ?? []) {
    const colon = line.indexOf(':');
    if (colon > 0) add(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { method: values.get('X') ?? (data === undefined ? 'GET' : 'POST'), headers: [...headers.values()], ...(data === undefined ? {} : { body: data }) };
}

/** The status line and headers as `-i` and `-I` print them: HTTP/2's bare status, or HTTP/1.1's with its reason. */
function headerBlock(response: HttpResponse): string {
  const status = response.http2 ? `HTTP/2 ${response.status} ` : `HTTP/1.1 ${statusLine(response.status)}`;
  return `${status}\r\n${(response.headers ?? []).map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
}

/** `-w`: curl's variables that make sense here, and its `\n`/`\t` escapes; unknown variables print nothing, as curl does. */
function writeOut(format: string, status: number, url: string, size: number): string {
  const variables: Record<string, string> = {
    http_code: String(status).padStart(3, '0'), response_code: String(status), url_effective: url, size_download: String(size),
    time_total: '0.001', content_type: '', num_redirects: '0',
  };
  return format.replace(/%\{([a-z_]+)\}|\\([nrt])/g, (_match, name?: string, escape?: string) =>
    name !== undefined ? (variables[name] ?? '') : escape === 'n' ? '\n' : escape === 'r' ? '\r' : '\t');
}

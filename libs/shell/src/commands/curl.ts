/**
 * `curl` over the lab network with the options tutorials use: `-s`, `-S`,
 * `-f`, `-o FILE`, `-w FORMAT` (`%{http_code}` and friends, after the body),
 * `-I` (the status line only), `-m` and `--connect-timeout` (a connection
 * that never answers, as NetworkPolicy drops it, times out in lab time), and
 * the harmless `-L`, `-k`, `-X GET`. Exit codes are curl's: 6 unresolvable,
 * 7 refused, 22 HTTP error under `-f`, 23 unwritable output, 28 timed out.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { connectAndGet, KERNEL_CONNECT_TIMEOUT_SECONDS } from './connect.js';
import { parseOptions } from './options.js';
import { resolveHost } from './resolve-host.js';
import { parseRequestTarget } from './url.js';

const OPTIONS = {
  flags: 'sSfLkvI',
  values: 'omXHw',
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
  },
};

const EXIT = { usage: 2, unresolved: 6, refused: 7, httpError: 22, writeError: 23, timedOut: 28 } as const;

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
  const response = await connectAndGet(context, target.href, timeout);
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
  const body = parsed.flags.has('I') ? `HTTP/1.1 ${response.status}\r\n\r\n` : response.body;
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

/** `-w`: curl's variables that make sense here, and its `\n`/`\t` escapes; unknown variables print nothing, as curl does. */
function writeOut(format: string, status: number, url: string, size: number): string {
  const variables: Record<string, string> = {
    http_code: String(status).padStart(3, '0'), response_code: String(status), url_effective: url, size_download: String(size),
    time_total: '0.001', content_type: '', num_redirects: '0',
  };
  return format.replace(/%\{([a-z_]+)\}|\\([nrt])/g, (_match, name?: string, escape?: string) =>
    name !== undefined ? (variables[name] ?? '') : escape === 'n' ? '\n' : escape === 'r' ? '\r' : '\t');
}

/**
 * busybox `wget` over the lab network: `-q`, `-O FILE` / `-O -`, `--spider`,
 * `-T`/`--timeout`, `--header 'Name: value'` (repeatable). It is how tutorials
 * check a Service (`wget -qO- http://nginx`), how NetworkPolicy demos show a
 * blocked connection and how a pod calls the API with its token, so the messages
 * and exit codes match busybox. busybox's own TLS never verifies a certificate: over
 * https it says so unless `--no-check-certificate` is given, and goes on.
 */
import { complain, usage, type CommandContext } from './command-context.js';
import { connectAndGet } from './connect.js';
import { fsFailure } from './fs-failure.js';
import { statusLine } from './http-status.js';
import { parseOptions } from './options.js';
import { resolveHost } from './resolve-host.js';
import { parseRequestTarget, type RequestTarget } from './url.js';
import type { HttpRequestOptions } from '../process/process-host.js';

/** busybox wget's network timeout when no `-T` is given (G.timeout_seconds). */
const DEFAULT_TIMEOUT_SECONDS = 900;

/** busybox wget's User-Agent (G.user_agent) unless `-U` names another. */
const USER_AGENT = 'Wget';

const OPTIONS = {
  flags: 'qcS',
  values: 'OTPUYt',
  long: {
    quiet: { key: 'q' },
    spider: { key: 'spider' },
    continue: { key: 'c' },
    'server-response': { key: 'S' },
    'no-check-certificate': { key: 'no-check-certificate' },
    'output-document': { key: 'O', value: true },
    timeout: { key: 'T', value: true },
    tries: { key: 't', value: true },
    'user-agent': { key: 'U', value: true },
    header: { key: 'header', value: true },
  },
};

/** Fetches each URL to a file (or stdout with `-O -`); status 1 on any failure. */
export async function wget(context: CommandContext): Promise<number> {
  const parsed = parseOptions(context.args, OPTIONS);
  if ('error' in parsed) return complain(context, parsed.error);
  if (parsed.operands.length === 0) return usage(context, '[-q] [--spider] [-O FILE] [-T SEC] URL...');
  const timeout = parsed.values.has('T') ? Number(parsed.values.get('T')) : DEFAULT_TIMEOUT_SECONDS;
  if (!Number.isFinite(timeout) || timeout < 0) return complain(context, `invalid number '${parsed.values.get('T')}'`);
  const quiet = parsed.flags.has('q');
  const progress = (text: string) => (quiet ? undefined : context.stderr(`${text}\n`));
  for (const operand of parsed.operands) {
    const target = parseRequestTarget(operand);
    if (!target) return complain(context, `not an http or ftp url: ${operand}`);
    const address = await resolveHost(context, target.host);
    if (address === undefined) return complain(context, `bad address '${target.host}'`);
    progress(`Connecting to ${target.host}${target.explicitPort ? `:${target.port}` : ''} (${address}:${target.port})`);
    if (target.href.startsWith('https:') && !parsed.flags.has('no-check-certificate')) complain(context, 'note: TLS certificate validation not implemented');
    // busybox arms its alarm only for a positive timeout: `-T 0` leaves the kernel's limit alone.
    const response = await connectAndGet(context, target.href, timeout > 0 ? timeout : undefined, requestOf(target, parsed.values.get('U'), parsed.lists.get('header') ?? []));
    if (response === 'client timeout') return complain(context, 'download timed out');
    if (response === 'connect timed out') return complain(context, `can't connect to remote host (${address}): Connection timed out`);
    if (!response) return complain(context, `can't connect to remote host (${address}): Connection refused`);
    if (response.status >= 400) return complain(context, `server returned error: HTTP/1.1 ${statusLine(response.status)}`);
    if (parsed.flags.has('spider')) {
      progress('remote file exists');
      continue;
    }
    const status = save(context, target, parsed.values.get('O'), response.body, progress);
    if (status !== 0) return status;
  }
  return 0;
}

/** The GET busybox sends: Host and User-Agent, then each `--header` line as given (one with a name replaces busybox's own). */
function requestOf(target: RequestTarget, userAgent: string | undefined, lines: readonly string[]): HttpRequestOptions {
  const headers = new Map<string, [string, string]>();
  const add = (name: string, value: string) => headers.set(name.toLowerCase(), [name, value]);
  add('Host', target.explicitPort ? `${target.host}:${target.port}` : target.host);
  add('User-Agent', userAgent ?? USER_AGENT);
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) add(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
  }
  return { method: 'GET', headers: [...headers.values()] };
}

function save(
  context: CommandContext,
  target: RequestTarget,
  output: string | undefined,
  body: string,
  progress: (text: string) => void,
): number {
  if (output === '-') {
    progress('writing to stdout');
    context.stdout(body);
    progress('written to stdout');
    return 0;
  }
  const file = output ?? target.fileName;
  progress(`saving to '${file}'`);
  try {
    context.fs.write(context.resolve(file), body);
  } catch (error) {
    return complain(context, `can't open '${file}': ${fsFailure(error)}`);
  }
  progress(`'${file}' saved`);
  return 0;
}

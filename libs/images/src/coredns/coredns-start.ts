/**
 * How CoreDNS 1.11.3 starts from its command line (coremain.Run): it loads the Corefile `-conf` names (else ./Corefile,
 * else its default `.:53 { whoami log }`) and sets it up as readCorefile does. A file it cannot open, or a Corefile it
 * refuses, is one line on its log and exit 1 (log.Fatal): under a Deployment, CrashLoopBackOff, with `kubectl logs`
 * saying why. Otherwise it prints its servers' zones and the reload checksum; the image's version lines follow.
 * Pure: the container's files come in as `readFile`.
 */
import type { ReadFile } from './caddyfile.js';
import { readCorefile, type Corefile } from './corefile.js';

/** Whether CoreDNS comes up, and what it prints either way (stdout and stderr, as `kubectl logs` shows them). */
export type CoreDnsStart =
  | { kind: 'starts'; corefile: Corefile; output: string }
  /** `reason` is CoreDNS's error line. */
  | { kind: 'refused'; exitCode: 1; output: string; reason: string };

/** Whether argv runs CoreDNS (the image's /coredns). */
const isCoreDns = (argv: readonly string[]) => argv[0]?.slice(argv[0].lastIndexOf('/') + 1) === 'coredns';

/** The flags that change what CoreDNS loads, read as Go's flag package reads them (`-conf x`, `--conf=x`); the last one given wins. */
function loadFlags(args: readonly string[]): { conf: string; dnsPort: string } {
  const flags = { conf: '', dnsPort: '53' };
  const takesValue = new Set(['conf', 'pidfile', 'dns.port', 'p']);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--' || arg === '-' || !arg.startsWith('-')) break;
    const [name, inline] = arg.replace(/^--?/, '').split(/=(.*)/s);
    if (!takesValue.has(name)) continue;
    const value = inline ?? args[++i] ?? '';
    if (name === 'conf') flags.conf = value;
    if (name === 'dns.port' || name === 'p') flags.dnsPort = value;
  }
  return flags;
}

/** Go's filepath.Clean, for the path os.ReadFile reports. */
function cleanPath(path: string): string {
  const absolute = path.startsWith('/');
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 0 && parts[parts.length - 1] !== '..') parts.pop();
    else if (part !== '..' || !absolute) parts.push(part);
  }
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

const lines = (output: readonly string[]) => output.map((line) => `${line}\n`).join('');

/** How CoreDNS started with `argv` comes up in a container whose files `readFile` reads; undefined when argv is not CoreDNS. */
export function decideCoreDnsStart(argv: readonly string[], readFile: ReadFile): CoreDnsStart | undefined {
  if (!isCoreDns(argv)) return undefined;
  const { conf, dnsPort } = loadFlags(argv.slice(1));
  const path = conf || 'Corefile';
  const text = readFile(cleanPath(path));
  if (conf && text === undefined) {
    const reason = `loading Caddyfile via flag: open ${cleanPath(conf)}: no such file or directory`;
    return { kind: 'refused', exitCode: 1, reason, output: lines([reason]) };
  }
  const read = readCorefile(path, text ?? '', { readFile, dnsPort });
  if (!read.ok) return { kind: 'refused', exitCode: 1, reason: read.error, output: lines([...read.warnings, read.error]) };
  return { kind: 'starts', corefile: read.corefile, output: lines(read.corefile.startLines) };
}

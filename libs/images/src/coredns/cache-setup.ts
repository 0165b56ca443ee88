/**
 * The cache plugin's stanza (plugin/cache/setup.go, CoreDNS 1.11.3): `cache [TTL] [ZONES…]` and its block (success,
 * denial, prefetch, serve_stale, servfail, disable, keepttl), checked in its words. The lab keeps no DNS cache, so
 * nothing of it is kept.
 */
import { CorefileError } from './caddyfile.js';
import { errOnce, type Controller } from './controller.js';
import { goAtoi, goParseDuration } from './go-parse.js';

function integer(text: string): number {
  const parsed = goAtoi(text);
  if ('error' in parsed) throw new CorefileError(parsed.error);
  return parsed.value;
}

function seconds(text: string): number {
  const parsed = goParseDuration(text);
  if ('error' in parsed) throw new CorefileError(parsed.error);
  return parsed.value;
}

const positiveTtl = (text: string) => {
  const ttl = integer(text);
  if (ttl <= 0) throw new CorefileError(`cache TTL can not be zero or negative: ${ttl}`);
};

/** success|denial CAPACITY [TTL [MINTTL]] */
function capacity(c: Controller): void {
  const args = c.remainingArgs();
  if (args.length === 0) throw c.argErr();
  integer(args[0]);
  if (args.length > 1) positiveTtl(args[1]);
  if (args.length > 2 && integer(args[2]) < 0) throw new CorefileError(`cache min TTL can not be negative: ${integer(args[2])}`);
}

function prefetch(c: Controller): void {
  const args = c.remainingArgs();
  if (args.length === 0 || args.length > 3) throw c.argErr();
  const amount = integer(args[0]);
  if (amount < 0) throw new CorefileError(`prefetch amount should be positive: ${amount}`);
  if (args.length > 1) seconds(args[1]);
  if (args.length > 2) {
    const percentage = args[2];
    if (!percentage.endsWith('%')) throw new CorefileError(`last character of percentage should be \`%\`, but is: '${percentage.at(-1)}'`);
    const num = integer(percentage.slice(0, -1));
    if (num < 10 || num > 90) throw new CorefileError(`percentage should fall in range [10, 90]: ${num}`);
  }
}

function serveStale(c: Controller): void {
  const args = c.remainingArgs();
  if (args.length > 2) throw c.argErr();
  if (args.length > 0 && seconds(args[0]) < 0) throw new CorefileError('invalid negative duration for serve_stale');
  if (args.length > 1 && !['immediate', 'verify'].includes(args[1].toLowerCase())) throw new CorefileError(`invalid value for serve_stale refresh mode: ${args[1].toLowerCase()}`);
}

function servfail(c: Controller): void {
  const args = c.remainingArgs();
  if (args.length !== 1) throw c.argErr();
  const ttl = seconds(args[0]);
  if (ttl < 0) throw new CorefileError('invalid negative ttl for servfail');
  if (ttl > 300) throw new CorefileError('caching SERVFAIL responses over 5 minutes is not permitted');
}

function disable(c: Controller): void {
  const args = c.remainingArgs();
  if (args.length < 1) throw c.argErr();
  if (args[0] !== 'success' && args[0] !== 'denial') throw new CorefileError('cache type for disable must be "success" or "denial"');
}

/** cache [TTL] [ZONES…] { properties }, once per block. */
export function setupCache(c: Controller): void {
  let stanzas = 0;
  while (c.next()) {
    if (stanzas++ > 0) throw errOnce();
    const [first] = c.remainingArgs();
    if (first !== undefined && 'value' in goAtoi(first)) positiveTtl(first);
    while (c.nextBlock()) {
      switch (c.val()) {
        case 'success':
        case 'denial':
          capacity(c);
          break;
        case 'prefetch':
          prefetch(c);
          break;
        case 'serve_stale':
          serveStale(c);
          break;
        case 'servfail':
          servfail(c);
          break;
        case 'disable':
          disable(c);
          break;
        case 'keepttl':
          if (c.remainingArgs().length !== 0) throw c.argErr();
          break;
        default:
          throw c.argErr();
      }
    }
  }
}

/**
 * The setup checks of the plugins kubeadm's Corefile uses besides kubernetes, forward and cache (errors, health, ready,
 * prometheus, loop, reload, loadbalance), and of log and hosts, as CoreDNS 1.11.3's setup.go files read their
 * arguments: each throws the error CoreDNS gives before the `plugin/<name>: ` it adds. None of them changes which names
 * resolve.
 */
import { CorefileError } from './caddyfile.js';
import { errOnce, type Controller } from './controller.js';
import { goSplitHostPort } from './go-net.js';
import { goAtoi, goParseDuration } from './go-parse.js';

/** An address a plugin listens on: Go's net.SplitHostPort must read it. */
function checkAddress(address: string): void {
  const split = goSplitHostPort(address);
  if ('error' in split) throw new CorefileError(split.error);
}

function duration(text: string, describe: (error: string) => CorefileError = (error) => new CorefileError(error)): number {
  const parsed = goParseDuration(text);
  if ('error' in parsed) throw describe(parsed.error);
  return parsed.value;
}

/** A plugin with an optional listen address and nothing else, once per server block (ready, prometheus). */
const listenAddressOnce = (c: Controller) => {
  let stanzas = 0;
  while (c.next()) {
    if (stanzas++ > 0) throw errOnce();
    const args = c.remainingArgs();
    if (args.length > 1) throw c.argErr();
    if (args.length === 1) checkAddress(args[0]);
  }
};

/** errors [stdout] { stacktrace; consolidate DURATION REGEXP [LEVEL] }, once per block. */
export function setupErrors(c: Controller): void {
  let stanzas = 0;
  while (c.next()) {
    if (stanzas++ > 0) throw errOnce();
    const args = c.remainingArgs();
    if (args.length > 1) throw c.argErr();
    if (args.length === 1 && args[0] !== 'stdout') throw c.err(`invalid log file: ${args[0]}`);
    while (c.nextBlock()) {
      if (c.val() === 'stacktrace') continue;
      if (c.val() !== 'consolidate') throw c.syntaxErr(`Unknown field ${c.val()}`);
      const consolidate = c.remainingArgs();
      if (consolidate.length < 2 || consolidate.length > 3) throw c.argErr();
      duration(consolidate[0], (error) => c.err(error));
      if (consolidate.length === 3 && !['warning', 'error', 'info', 'debug'].includes(consolidate[2])) {
        throw c.err(`unknown log level argument in consolidate: ${consolidate[2]}`);
      }
    }
  }
}

/** health [ADDRESS] { lameduck DURATION }. */
export function setupHealth(c: Controller): void {
  while (c.next()) {
    const args = c.remainingArgs();
    if (args.length > 1) throw c.argErr();
    if (args.length === 1) checkAddress(args[0]);
    while (c.nextBlock()) {
      if (c.val() !== 'lameduck') throw c.argErr();
      const lameduck = c.remainingArgs();
      if (lameduck.length !== 1) throw c.argErr();
      duration(lameduck[0], (error) => new CorefileError(`unable to parse lameduck duration value: '${lameduck[0]}' : ${error}`));
    }
  }
}

/** ready [ADDRESS] (default :8181). */
export const setupReady = listenAddressOnce;
/** prometheus [ADDRESS] (default localhost:9153). */
export const setupPrometheus = listenAddressOnce;

/** loop, without arguments, once per block. */
export function setupLoop(c: Controller): void {
  let stanzas = 0;
  while (c.next()) {
    if (stanzas++ > 0) throw errOnce();
    if (c.nextArg()) throw c.argErr();
  }
}

/** reload [INTERVAL [JITTER]]: an interval of 2 s or more, a jitter of 1 s or more; only the first stanza is read. */
export function setupReload(c: Controller): void {
  c.next();
  const args = c.remainingArgs();
  if (args.length > 2) throw c.argErr();
  if (args.length > 0 && duration(args[0]) < 2) throw new CorefileError('interval value must be greater or equal to 2s');
  if (args.length > 1 && duration(args[1]) < 1) throw new CorefileError('jitter value must be greater or equal to 1s');
}

/** loadbalance [round_robin | weighted FILE { reload DURATION }]; only the first stanza is read. */
export function setupLoadBalance(c: Controller): void {
  c.next();
  const args = c.remainingArgs();
  if (args.length === 0) return;
  if (args[0] === 'round_robin') {
    if (args.length > 1) throw c.err(`unknown property for ${args[0]}`);
    return;
  }
  if (args[0] !== 'weighted') throw new CorefileError(`unknown policy: ${args[0]}`);
  if (args.length < 2) throw c.err('missing weight file argument');
  if (args.length > 2) throw c.err('unexpected argument(s)');
  while (c.nextBlock()) {
    if (c.val() !== 'reload') throw c.err(`unknown property '${c.val()}'`);
    const reload = c.remainingArgs();
    if (reload.length < 1) throw c.err('reload duration value is missing');
    if (reload.length > 1) throw c.err('unexpected argument');
    duration(reload[0], () => c.err(`invalid reload duration '${reload[0]}'`));
  }
}

/** log [NAMES…] [FORMAT] { class CLASSES… }. */
export function setupLog(c: Controller): void {
  while (c.next()) {
    c.remainingArgs();
    while (c.nextBlock()) {
      if (c.val() !== 'class') throw c.argErr();
      const classes = c.remainingArgs();
      if (classes.length === 0) throw c.argErr();
      const unknown = classes.find((name) => !['all', 'success', 'denial', 'error'].includes(name));
      if (unknown !== undefined) throw new CorefileError(`invalid Class: ${unknown}`);
    }
  }
}

/** hosts [FILE [ZONES…]] { inline entries, fallthrough, ttl, reload, no_reverse }: a missing file is only a warning. */
export function setupHosts(c: Controller): void {
  let stanzas = 0;
  let fallthrough = false;
  while (c.next()) {
    if (stanzas++ > 0) throw errOnce();
    const [path] = c.remainingArgs();
    if (path !== undefined && c.readFile(path) === undefined) c.warn(`File does not exist: ${path}`);
    while (c.nextBlock()) {
      switch (c.val()) {
        case 'fallthrough':
          fallthrough = true;
          c.remainingArgs();
          break;
        case 'no_reverse':
          break;
        case 'ttl': {
          const [ttl] = c.remainingArgs();
          if (ttl === undefined) throw c.err('ttl needs a time in second');
          const parsed = goAtoi(ttl);
          if ('error' in parsed) throw c.err('ttl needs a number of second');
          if (parsed.value <= 0 || parsed.value > 65535) throw c.err('ttl provided is invalid');
          break;
        }
        case 'reload': {
          const reload = c.remainingArgs();
          if (reload.length !== 1) throw c.err('reload needs a duration (zero seconds to disable)');
          if (duration(reload[0], () => c.err(`invalid duration for reload '${reload[0]}'`)) < 0) throw c.err(`invalid negative duration for reload '${reload[0]}'`);
          break;
        }
        default:
          if (fallthrough) throw c.err(`unknown property '${c.val()}'`);
          c.remainingArgs();
      }
    }
  }
}

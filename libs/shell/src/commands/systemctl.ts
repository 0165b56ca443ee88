/**
 * `systemctl status|start|stop|restart|enable|disable|is-active|is-enabled|daemon-reload [UNIT…]` on a node, in
 * systemd 252's words (Debian 12): what a learner types first when a node goes NotReady. A unit named without a
 * suffix is a `.service`. In a container there is no systemd to talk to, and systemctl says so.
 */
import { encodeUtf8 } from '../io/byte-string.js';
import type { NodeServices, ServiceUnit } from '../process/process-host.js';
import { complain, type CommandContext } from './command-context.js';
import { journalLine, relativeAge, systemdTimestamp, timespan } from './journal-format.js';
import { parseOptions } from './options.js';

const OPTIONS = { flags: 'lq', values: 'n', long: { 'no-pager': { key: 'no-pager' }, full: { key: 'l' }, quiet: { key: 'q' }, lines: { key: 'n', value: true } } };
const STATUS_LINES = 10;
/** systemctl's exit codes (LSB): a unit not active, one not found; a job on a unit not loaded. */
const NOT_ACTIVE = 3;
const NO_SUCH_UNIT = 4;
const NOT_LOADED = 5;
const WANTS = '/etc/systemd/system/multi-user.target.wants';

/** `kubelet` → `kubelet.service`. */
export function unitName(name: string): string {
  return /\.(service|socket|target|timer|mount|path|slice|scope|device|swap|automount)$/.test(name) ? name : `${name}.service`;
}

/** Runs one systemctl verb on the node's units. */
export async function systemctl(context: CommandContext): Promise<number> {
  const services = context.runtime.services;
  if (!services) {
    context.stderr('System has not been booted with systemd as init system (PID 1). Can\'t operate.\nFailed to connect to bus: Host is down\n');
    return 1;
  }
  const parsed = parseOptions(context.args, OPTIONS);
  if ('error' in parsed) return complain(context, parsed.error);
  const [verb = 'list-units', ...names] = parsed.operands;
  const units = names.map(unitName);
  switch (verb) {
    case 'status':
      return status(context, services, units, Number(parsed.values.get('n') ?? STATUS_LINES));
    case 'start':
    case 'stop':
    case 'restart':
      return job(context, services, units, verb);
    case 'enable':
    case 'disable':
      return enable(context, services, units, verb === 'enable');
    case 'is-active':
      return query(context, services, units, (u) => (u ? u.active : 'inactive'), (u) => u?.active === 'active', parsed.flags.has('q'));
    case 'is-enabled':
      return query(context, services, units, (u) => (u?.enabled ? 'enabled' : 'disabled'), (u) => u?.enabled === true, parsed.flags.has('q'));
    case 'daemon-reload':
      return 0;
    default:
      context.stderr(`Unknown command verb '${verb}'.\n`);
      return 1;
  }
}

async function job(context: CommandContext, services: NodeServices, units: string[], verb: 'start' | 'stop' | 'restart'): Promise<number> {
  if (units.length === 0) {
    context.stderr('Too few arguments.\n');
    return 1;
  }
  const missing = units.find((name) => !services.unit(name));
  if (missing) {
    context.stderr(`Failed to ${verb} ${missing}: Unit ${missing} not found.\n`);
    return NOT_LOADED;
  }
  for (const name of units) {
    try {
      await services.act(name, verb, context.runtime.cause);
    } catch (e) {
      context.stderr(`Failed to ${verb} ${name}: ${(e as Error).message}.\n`);
      return 1;
    }
  }
  return 0;
}

function enable(context: CommandContext, services: NodeServices, units: string[], enabled: boolean): number {
  if (units.length === 0) {
    context.stderr('Too few arguments.\n');
    return 1;
  }
  const missing = units.find((name) => !services.unit(name));
  if (missing) {
    context.stderr(`Failed to ${enabled ? 'enable' : 'disable'} unit: Unit file ${missing} does not exist.\n`);
    return 1;
  }
  for (const name of units) {
    const unit = services.unit(name)!;
    if (unit.enabled === enabled) continue;
    services.enable(name, enabled);
    context.stdout(encodeUtf8(enabled ? `Created symlink ${WANTS}/${name} → ${unit.fragmentPath}.\n` : `Removed "${WANTS}/${name}".\n`));
  }
  return 0;
}

function query(context: CommandContext, services: NodeServices, units: string[], word: (u?: ServiceUnit) => string, holds: (u?: ServiceUnit) => boolean, quiet: boolean): number {
  let all = units.length > 0;
  for (const name of units) {
    const unit = services.unit(name);
    if (!quiet) context.stdout(`${word(unit)}\n`);
    all &&= holds(unit);
  }
  return all ? 0 : NOT_ACTIVE;
}

function status(context: CommandContext, services: NodeServices, units: string[], lines: number): number {
  let code = 0;
  units.forEach((name, index) => {
    const unit = services.unit(name);
    if (!unit) {
      context.stderr(`Unit ${name} could not be found.\n`);
      code = Math.max(code, NO_SUCH_UNIT);
      return;
    }
    if (index > 0) context.stdout('\n');
    context.stdout(encodeUtf8(statusText(unit, services, context.runtime.now(), lines)));
    if (unit.active !== 'active') code = Math.max(code, NOT_ACTIVE);
  });
  return code;
}

/** What `systemctl status UNIT` prints for one loaded unit. */
export function statusText(unit: ServiceUnit, services: NodeServices, now: Date, lines: number): string {
  const bullet = unit.active === 'active' || unit.active === 'activating' ? '●' : unit.active === 'failed' ? '×' : '○';
  const state = unit.active === 'active' ? 'active (running)' : `${unit.active} (${unit.sub})${unit.result ? ` (Result: ${unit.result})` : ''}`;
  const out = [`${bullet} ${unit.name} - ${unit.description}`];
  out.push(`     Loaded: loaded (${unit.fragmentPath}; ${unit.enabled ? 'enabled' : 'disabled'}; preset: enabled)`);
  const dropInDirs = [...new Set(unit.dropIns.map((path) => path.slice(0, path.lastIndexOf('/'))))];
  dropInDirs.forEach((dir, i) => {
    out.push(`${i === 0 ? '    Drop-In: ' : '             '}${dir}`);
    const files = unit.dropIns.filter((path) => path.startsWith(`${dir}/`)).map((path) => path.slice(dir.length + 1));
    out.push(`             └─${files.join(', ')}`);
  });
  out.push(`     Active: ${state} since ${systemdTimestamp(unit.since)}; ${relativeAge(unit.since, now)}`);
  if ((unit.active === 'inactive' || unit.active === 'failed') && unit.lastRun) out.push(`   Duration: ${timespan(unit.since.getTime() - unit.lastRun.started.getTime())}`);
  if (unit.documentation) out.push(`       Docs: ${unit.documentation}`);
  if (unit.active === 'active' && unit.mainPid !== undefined) {
    const program = unit.commandLine.split(' ')[0];
    out.push(`   Main PID: ${unit.mainPid} (${program.slice(program.lastIndexOf('/') + 1)})`);
    out.push(`     CGroup: /system.slice/${unit.name}`);
    out.push(`             └─${unit.mainPid} ${unit.commandLine}`);
  } else if (unit.lastRun && unit.mainPid !== undefined) {
    // systemd names the signal that killed a process (`signal=KILL`), and the status of one that exited (`status=1/FAILURE`).
    const { code, status } = unit.lastRun;
    const ended = code === 'killed' ? `(code=killed, signal=${status.replace(/^\d+\//, '')})` : `(code=${code}, status=${status})`;
    out.push(`    Process: ${unit.mainPid} ExecStart=${unit.execStart} ${ended}`);
    out.push(`   Main PID: ${unit.mainPid} ${ended}`);
  }
  const journal = lines > 0 ? services.journal(unit.name).slice(-lines) : [];
  if (journal.length > 0) out.push('', ...journal.map((entry) => journalLine(entry, services.hostname).slice(0, -1)));
  return `${out.join('\n')}\n`;
}

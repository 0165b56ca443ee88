/** `ls [-1aAdhl] [FILE…]`, one name per line as busybox prints when output is not a terminal. */
import type { FsStat } from '../fs/volume.js';
import { complain, type CommandContext } from './command-context.js';
import { humanSize } from './disk-usage.js';
import { parseOptions } from './options.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const MODES: Readonly<Record<FsStat['kind'], string>> = { file: '-rw-r--r--', dir: 'drwxr-xr-x', device: 'crw-rw-rw-' };
const DIRECTORY_SIZE = 4096;

/** Lists files and directory contents; -a/-A show dot files, -l the long format (-h human sizes), -d directories themselves. */
export function ls(context: CommandContext): number {
  const parsed = parseOptions(context.args, { flags: '1aAdhl' });
  if ('error' in parsed) return complain(context, parsed.error);
  const long = parsed.flags.has('l');
  const human = parsed.flags.has('h');
  // Operands in name order, as ls sorts them: the files (and with -d the directories) first, then each directory's listing.
  const operands = parsed.operands.length > 0 ? [...parsed.operands].sort() : ['.'];
  let status = 0;
  const directories: string[] = [];
  for (const operand of operands) {
    const stat = context.fs.stat(context.resolve(operand));
    if (!stat) status = complain(context, `${operand}: No such file or directory`);
    else if (stat.kind === 'dir' && !parsed.flags.has('d')) directories.push(operand);
    else context.stdout(`${long ? longLine(stat, operand, human) : operand}\n`);
  }
  directories.forEach((operand, index) => {
    if (operands.length > 1) context.stdout(`${index > 0 || directories.length < operands.length ? '\n' : ''}${operand}:\n`);
    const path = context.resolve(operand);
    for (const name of entries(context, path, parsed.flags)) {
      const line = long ? longLine(context.fs.stat(`${path}/${name}`)!, name, human) : name;
      context.stdout(`${line}\n`);
    }
  });
  return status;
}

function entries(context: CommandContext, path: string, flags: ReadonlySet<string>): string[] {
  const names = context.fs.list(path);
  if (flags.has('a')) return ['.', '..', ...names];
  return flags.has('A') ? names : names.filter((name) => !name.startsWith('.'));
}

function longLine(stat: FsStat, name: string, human: boolean): string {
  const links = stat.kind === 'dir' ? 2 : 1;
  const size = stat.kind === 'dir' ? DIRECTORY_SIZE : stat.size;
  const time = stat.modified;
  const date = `${MONTHS[time.getUTCMonth()]} ${String(time.getUTCDate()).padStart(2)} ${two(time.getUTCHours())}:${two(time.getUTCMinutes())}`;
  return `${MODES[stat.kind]} ${String(links).padStart(4)} root     root     ${(human ? humanSize(size) : String(size)).padStart(9)} ${date} ${name}`;
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

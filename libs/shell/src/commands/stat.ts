/** `stat [-t] [-c FMT] FILE…`, busybox's layout over the in-memory file system (owner root, fixed device). */
import { complain, usage, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { blocksOf, modeString, permissionBits, typeName } from './file-mode.js';
import type { FsStat } from '../fs/volume.js';

const SYNOPSIS = '[-lt] [-c FMT] FILE...';
const DEFAULT_FORMAT =
  '  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\nDevice: %Dh/%dd\tInode: %-10i  Links: %h\n' +
  'Access: (%04a/%10.10A)  Uid: (%5u/%8U)   Gid: (%5g/%8G)\nAccess: %x\nModify: %y\nChange: %z\n';
const TERSE_FORMAT = '%n %s %b %f %u %g %D %i %h %t %T %X %Y %Z %o\n';
const DIRECTIVE = /%([-#0 +]*)(\d*)(?:\.(\d+))?([a-zA-Z%])/g;

/** Prints each file's metadata; status 1 when one is missing. */
export function stat(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'ltLf', values: 'c', long: { format: { key: 'c', value: true } } }, SYNOPSIS);
  if (typeof parsed === 'number') return parsed;
  if (parsed.operands.length === 0) return usage(context, SYNOPSIS);
  const custom = parsed.values.get('c');
  const format = custom !== undefined ? `${custom}\n` : parsed.flags.has('t') ? TERSE_FORMAT : DEFAULT_FORMAT;
  let status = 0;
  for (const operand of parsed.operands) {
    const path = context.resolve(operand);
    const entry = context.fs.stat(path);
    if (!entry) {
      status = complain(context, `can't stat '${operand}': No such file or directory`);
      continue;
    }
    context.stdout(format.replace(DIRECTIVE, (whole, flags: string, width: string, precision: string | undefined, code: string) => {
      const value = directive(code, operand, path, entry);
      if (value === undefined) return whole;
      const cut = precision === undefined ? value : value.slice(0, Number(precision));
      if (!width) return cut;
      if (flags.includes('-')) return cut.padEnd(Number(width));
      return cut.padStart(Number(width), flags.includes('0') ? '0' : ' ');
    }));
  }
  return status;
}

function directive(code: string, name: string, path: string, entry: FsStat): string | undefined {
  const seconds = String(Math.floor(entry.modified.getTime() / 1000));
  switch (code) {
    case 'n':
      return name;
    case 'N':
      return `'${name}'`;
    case 's':
      return String(entry.kind === 'dir' ? 4096 : entry.size);
    case 'b':
      return String(blocksOf(entry));
    case 'B':
      return '512';
    case 'o':
      return '4096';
    case 'F':
      return typeName(entry);
    case 'f':
      return ((entry.kind === 'dir' ? 0o40000 : entry.kind === 'device' ? 0o20000 : 0o100000) | permissionBits(entry.kind)).toString(16);
    case 'a':
      return permissionBits(entry.kind).toString(8);
    case 'A':
      return modeString(entry.kind);
    case 'D':
      return '801';
    case 'd':
      return '2049';
    case 'i':
      return String(inode(path));
    case 'h':
      return entry.kind === 'dir' ? '2' : '1';
    case 'u':
    case 'g':
      return '0';
    case 'U':
    case 'G':
      return 'root';
    case 't':
    case 'T':
      return '0';
    case 'x':
    case 'y':
    case 'z':
      return `${entry.modified.toISOString().replace('T', ' ').replace(/\.(\d{3})Z$/, '.$1000000 +0000')}`;
    case 'X':
    case 'Y':
    case 'Z':
      return seconds;
    case '%':
      return '%';
    default:
      return undefined;
  }
}

/** A stable inode number per path, so `stat` of one file answers the same twice. */
function inode(path: string): number {
  let hash = 2166136261;
  for (let i = 0; i < path.length; i++) hash = Math.imul(hash ^ path.charCodeAt(i), 16777619) >>> 0;
  return (hash % 9_000_000) + 1_000_000;
}

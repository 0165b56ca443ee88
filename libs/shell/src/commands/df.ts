/**
 * `df [-PkmhT] [FILESYSTEM]…`: the container's overlay root and its mounts.
 * Sizes are those of a typical node disk; "used" grows with what the
 * container wrote, so filling a volume shows up.
 */
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { humanSize, kilobytesUnder } from './disk-usage.js';

const DISK_KILOBYTES = 61_255_492;
const BASE_USED_KILOBYTES = 9_842_116;
const TMPFS_KILOBYTES = 65_536;

interface Row {
  readonly filesystem: string;
  readonly type: string;
  readonly size: number;
  readonly used: number;
  readonly mountedOn: string;
}

/** Prints one line per file system, in 1K blocks (or -m, -h). */
export function df(context: CommandContext): number {
  const parsed = parseOrUsage(context, { flags: 'PkmhTai', values: 'Bt' }, '[-PkmhT] [-t TYPE] [FILESYSTEM]...');
  if (typeof parsed === 'number') return parsed;
  const rows: Row[] = [
    { filesystem: 'overlay', type: 'overlay', size: DISK_KILOBYTES, used: BASE_USED_KILOBYTES + kilobytesUnder(context.fs, '/'), mountedOn: '/' },
    { filesystem: 'tmpfs', type: 'tmpfs', size: TMPFS_KILOBYTES, used: 0, mountedOn: '/dev' },
    { filesystem: 'shm', type: 'tmpfs', size: TMPFS_KILOBYTES, used: 0, mountedOn: '/dev/shm' },
  ];
  let selected = rows;
  if (parsed.operands.length > 0) {
    selected = [];
    for (const operand of parsed.operands) {
      const path = context.resolve(operand);
      if (!context.fs.exists(path)) return complain(context, `${operand}: can't find mount point`);
      selected.push(rows.filter((row) => path === row.mountedOn || path.startsWith(`${row.mountedOn.replace(/\/$/, '')}/`)).sort((a, b) => b.mountedOn.length - a.mountedOn.length)[0] ?? rows[0]);
    }
  }
  const { flags } = parsed;
  const human = flags.has('h');
  const scale = (kilobytes: number) => (human ? humanSize(kilobytes * 1024) : flags.has('m') ? String(Math.round(kilobytes / 1024)) : String(kilobytes));
  const blocks = human ? 'Size' : flags.has('m') ? '1M-blocks' : '1K-blocks';
  const type = flags.has('T') ? ` ${'Type'.padEnd(10)}` : '';
  let out = `${'Filesystem'.padEnd(20)}${type} ${blocks.padStart(9)} ${'Used'.padStart(9)} ${'Available'.padStart(9)} Use% Mounted on\n`;
  for (const row of selected) {
    const available = row.size - row.used;
    const percent = row.size === 0 ? 0 : Math.floor((row.used * 100 + row.size / 2) / row.size);
    const rowType = flags.has('T') ? ` ${row.type.padEnd(10)}` : '';
    out += `${row.filesystem.padEnd(20)}${rowType} ${scale(row.size).padStart(9)} ${scale(row.used).padStart(9)} ${scale(available).padStart(9)} ${String(percent).padStart(3)}% ${row.mountedOn}\n`;
  }
  context.stdout(out);
  return 0;
}

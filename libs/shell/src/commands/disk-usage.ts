/** How much the in-memory file system holds, for df and du: 4 KiB blocks, as ext4 allocates them. */
import type { MemoryFs } from '../fs/memory-fs.js';
import { walk } from './file-tree.js';
import { blocksOf } from './file-mode.js';

/** Kilobytes used by `path` and everything under it. */
export function kilobytesUnder(fs: MemoryFs, path: string): number {
  let blocks = 0;
  for (const entry of walk(fs, path)) {
    const stat = fs.stat(entry.path);
    if (stat) blocks += blocksOf(stat);
  }
  return blocks / 2;
}

/** busybox's -h rendering of a byte count: `512`, `4.0K`, `12.3M` (one decimal once past 1024). */
export function humanSize(bytes: number): string {
  const units = ['', 'K', 'M', 'G', 'T', 'P'];
  let value = Math.round(bytes);
  if (value === 0) return '0';
  let unit = 0;
  let fraction = 0;
  while (value >= 1024 && unit < units.length - 1) {
    unit++;
    fraction = Math.floor(((value % 1024) * 10 + 512) / 1024);
    value = Math.floor(value / 1024);
  }
  if (fraction >= 10) {
    value++;
    fraction = 0;
  }
  return unit === 0 ? String(value) : `${value}.${fraction}${units[unit]}`;
}

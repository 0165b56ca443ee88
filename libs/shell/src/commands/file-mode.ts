/**
 * The ownership and permission bits the in-memory file system implies: it
 * keeps none, so everything belongs to root with the modes a fresh image
 * has (0644 files, 0755 directories, 0666 devices), as `ls -l` shows them.
 */
import type { FsStat } from '../fs/volume.js';

/** Permission bits of an entry of this kind. */
export function permissionBits(kind: FsStat['kind']): number {
  return kind === 'dir' ? 0o755 : kind === 'device' ? 0o666 : 0o644;
}

/** `drwxr-xr-x` and friends. */
export function modeString(kind: FsStat['kind']): string {
  const bits = permissionBits(kind);
  const type = kind === 'dir' ? 'd' : kind === 'device' ? 'c' : '-';
  let text = type;
  for (let shift = 6; shift >= 0; shift -= 3) {
    const triplet = (bits >> shift) & 7;
    text += `${triplet & 4 ? 'r' : '-'}${triplet & 2 ? 'w' : '-'}${triplet & 1 ? 'x' : '-'}`;
  }
  return text;
}

/** 512-byte blocks a file of `size` bytes occupies in 4 KiB allocation units. */
export function blocksOf(stat: FsStat): number {
  const bytes = stat.kind === 'dir' ? 4096 : stat.size;
  return Math.ceil(bytes / 4096) * 8;
}

/** `stat`'s file-type words. */
export function typeName(stat: FsStat): string {
  if (stat.kind === 'dir') return 'directory';
  if (stat.kind === 'device') return 'character special file';
  return stat.size === 0 ? 'regular empty file' : 'regular file';
}

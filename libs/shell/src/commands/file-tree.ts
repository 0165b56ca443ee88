/** Walking and copying trees of the in-memory file system, for cp -r, mv, find, du and tar. */
import type { MemoryFs } from '../fs/memory-fs.js';

/** `path` and everything under it, parents before children, each with its depth below `path`. */
export function* walk(fs: MemoryFs, path: string, depth = 0): Generator<{ path: string; depth: number }> {
  yield { path, depth };
  if (!fs.isDir(path)) return;
  for (const name of fs.list(path)) yield* walk(fs, join(path, name), depth + 1);
}

/** Copies a file, or a directory tree, from `source` to `target`; throws FsError as the fs does. */
export function copyTree(fs: MemoryFs, source: string, target: string): void {
  if (!fs.isDir(source)) {
    fs.write(target, fs.read(source));
    return;
  }
  if (!fs.isDir(target)) fs.mkdir(target);
  for (const name of fs.list(source)) copyTree(fs, join(source, name), join(target, name));
}

/** `directory/name` without doubling the slash of `/`. */
export function join(directory: string, name: string): string {
  return directory.endsWith('/') ? `${directory}${name}` : `${directory}/${name}`;
}

/** True when `path` is `ancestor` or inside it. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(ancestor.endsWith('/') ? ancestor : `${ancestor}/`);
}

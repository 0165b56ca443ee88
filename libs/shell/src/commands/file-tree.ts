/** Walking and copying trees of the in-memory file system, for cp -r, mv, find, du and tar. */
import type { MemoryFs } from '../fs/memory-fs.js';
import { complain, usage, type CommandContext } from './command-context.js';
import type { ParsedOptions } from './options.js';

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

/** Where `cp`/`mv` put each SOURCE: the sources, and a DEST that is a directory (into it) or one path. */
export interface CopyPlan {
  readonly sources: readonly string[];
  readonly destination: string;
  /** DEST resolved. */
  readonly target: string;
  readonly intoDirectory: boolean;
}

/**
 * Reads `SOURCE… DEST` (or `-t DIR SOURCE…`) as cp and mv do; a status when the
 * operands are wrong (usage, or several sources and a DEST that is no directory).
 */
export function copyPlan(context: CommandContext, parsed: ParsedOptions, synopsis: string): CopyPlan | number {
  const sources = [...parsed.operands];
  const destination = parsed.values.get('t') ?? sources.pop();
  if (destination === undefined || sources.length === 0) return usage(context, synopsis);
  const target = context.resolve(destination);
  const intoDirectory = context.fs.isDir(target) && !parsed.flags.has('T');
  if (sources.length > 1 && !intoDirectory) return complain(context, `'${destination}' is not a directory`);
  return { sources, destination, target, intoDirectory };
}

/**
 * Path arithmetic for the in-memory file system. Every path the file system
 * stores is absolute and normalised, so two spellings of one file
 * (`/tmp//x`, `/tmp/./x`, `/var/../tmp/x`) always reach the same entry.
 */

/** The absolute, normalised form of `path`, read relative to `cwd` when it is not absolute. */
export function resolvePath(path: string, cwd = '/'): string {
  const joined = path.startsWith('/') ? path : `${cwd}/${path}`;
  const segments: string[] = [];
  for (const segment of joined.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return `/${segments.join('/')}`;
}

/** The directory holding `path` (`/` for `/` itself); `path` must be normalised. */
export function parentPath(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? '/' : path.slice(0, slash);
}

/** The last segment of a path, as `basename` prints it. */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `child` seen from `ancestor` (both normalised): `/` when equal, undefined when `child` lies elsewhere. */
export function relativeTo(child: string, ancestor: string): string | undefined {
  if (child === ancestor) return '/';
  if (ancestor === '/') return child;
  return child.startsWith(`${ancestor}/`) ? child.slice(ancestor.length) : undefined;
}

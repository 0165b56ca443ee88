/**
 * Pathname expansion (`cat /etc/config/*`): `*`, `?` and `[…]` matched against
 * the container's file system, one path segment at a time. A pattern that
 * matches nothing stays as written, as POSIX sh leaves it.
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import { resolvePath } from '../fs/path.js';
import type { Field } from './fields.js';

interface Segment {
  readonly text: string;
  readonly matcher: RegExp | undefined;
}

/** The sorted paths `field` matches, or the field's own text when it has no pattern or no match. */
export function expandGlob(field: Field, fs: MemoryFs, cwd: string): string[] {
  if (!field.pattern.includes(true)) return [field.text];
  const absolute = field.text.startsWith('/');
  let candidates = [absolute ? '/' : ''];
  for (const segment of segments(field)) {
    candidates = candidates.flatMap((prefix) => matchSegment(prefix, segment, fs, cwd));
    if (candidates.length === 0) return [field.text];
  }
  return candidates.sort();
}

function matchSegment(prefix: string, segment: Segment, fs: MemoryFs, cwd: string): string[] {
  const join = (name: string) => (prefix === '' || prefix.endsWith('/') ? prefix + name : `${prefix}/${name}`);
  const directory = resolvePath(prefix === '' ? '.' : prefix, cwd);
  if (!segment.matcher) {
    const path = join(segment.text);
    return segment.text === '' || fs.exists(resolvePath(path, cwd)) ? [path] : [];
  }
  if (!fs.isDir(directory)) return [];
  const hiddenAllowed = segment.text.startsWith('.');
  return fs
    .list(directory)
    .filter((name) => (hiddenAllowed || !name.startsWith('.')) && segment.matcher!.test(name))
    .map(join);
}

function segments(field: Field): Segment[] {
  const result: Segment[] = [];
  let start = field.text.startsWith('/') ? 1 : 0;
  for (let i = start; i <= field.text.length; i++) {
    if (i < field.text.length && field.text[i] !== '/') continue;
    const text = field.text.slice(start, i);
    const pattern = field.pattern.slice(start, i);
    result.push({ text, matcher: pattern.includes(true) ? toRegExp(text, pattern) : undefined });
    start = i + 1;
  }
  return result;
}

/** A regular expression for a glob pattern; only characters whose `pattern` flag is set act as wildcards. */
export function toRegExp(text: string, pattern: readonly boolean[]): RegExp {
  let source = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (pattern[i] && c === '*') source += '.*';
    else if (pattern[i] && c === '?') source += '.';
    else if (pattern[i] && c === '[' && text.indexOf(']', i + 2) > i) {
      const close = text.indexOf(']', i + 2);
      const body = text.slice(i + 1, close);
      source += `[${body.startsWith('!') ? `^${escapeClass(body.slice(1))}` : escapeClass(body)}]`;
      i = close;
    } else source += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

function escapeClass(body: string): string {
  return body.replace(/[\\\]^]/g, '\\$&');
}

/**
 * Tag sets written the way a shell writes them, so a catalog can say "every nginx
 * 1.25 patch release, plain and -alpine" in one line: `1.25.{0..5}{,-alpine}`.
 * `{A..B}` is a range of whole numbers (no leading zeros, as registries tag them),
 * `{a,b,}` a choice (an empty choice allowed). Matching never expands the set,
 * so a pattern of thousands of tags costs nothing until a digest is looked up.
 */

type Part = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'range'; readonly from: number; readonly to: number } | { readonly kind: 'choice'; readonly options: readonly string[] };

/** A compiled tag pattern. */
export interface TagPattern {
  /** The pattern as written, e.g. `1.{14..27}`. */
  readonly source: string;
  readonly parts: readonly Part[];
}

/** At most this many tags in one pattern: more is a mistake, and digest lookups expand it. */
export const MAX_PATTERN_TAGS = 10_000;
const RANGE = /^(\d+)\.\.(\d+)$/;
const CHOICE_TEXT = /^[\w.-]*$/;
const TAG_TEXT = /^[\w.-]*$/;

/** True when a written tag uses pattern syntax. */
export const isTagPattern = (written: string): boolean => written.includes('{');

/** The pattern, or a sentence saying what is wrong with it. */
export function parseTagPattern(source: string): TagPattern | string {
  const parts: Part[] = [];
  let rest = source;
  while (rest.length > 0) {
    const open = rest.indexOf('{');
    if (open === -1) {
      parts.push({ kind: 'text', text: rest });
      break;
    }
    if (open > 0) parts.push({ kind: 'text', text: rest.slice(0, open) });
    const close = rest.indexOf('}', open);
    if (close === -1) return `"{" at ${source.length - rest.length + open} is never closed`;
    const inner = rest.slice(open + 1, close);
    const part = parseBraces(inner);
    if (typeof part === 'string') return part;
    parts.push(part);
    rest = rest.slice(close + 1);
  }
  for (const part of parts) if (part.kind === 'text' && (!TAG_TEXT.test(part.text) || part.text.includes('}'))) return `"${part.text}" is not tag text (letters, digits, "_", "." and "-")`;
  const first = parts[0];
  if (first?.kind === 'text' && /^[.-]/.test(first.text)) return 'a tag may not start with "." or "-"';
  if (tagCount(parts) > MAX_PATTERN_TAGS) return `names more than ${MAX_PATTERN_TAGS} tags`;
  return { source, parts };
}

function parseBraces(inner: string): Part | string {
  const range = RANGE.exec(inner);
  if (range) {
    const [from, to] = [Number(range[1]), Number(range[2])];
    return from <= to ? { kind: 'range', from, to } : `the range {${inner}} runs backwards`;
  }
  const options = inner.split(',');
  if (options.length < 2 || !options.every((option) => CHOICE_TEXT.test(option))) return `{${inner}} must be a range such as {0..12} or a choice such as {,-alpine,-perl}`;
  return { kind: 'choice', options };
}

function tagCount(parts: readonly Part[]): number {
  return parts.reduce((count, part) => count * (part.kind === 'range' ? part.to - part.from + 1 : part.kind === 'choice' ? part.options.length : 1), 1);
}

/** True when `tag` is one of the pattern's tags. */
export function matchesTagPattern(pattern: TagPattern, tag: string): boolean {
  return matchFrom(pattern.parts, 0, tag, 0);
}

function matchFrom(parts: readonly Part[], index: number, tag: string, at: number): boolean {
  if (index === parts.length) return at === tag.length;
  const part = parts[index];
  if (part.kind === 'text') return tag.startsWith(part.text, at) && matchFrom(parts, index + 1, tag, at + part.text.length);
  if (part.kind === 'choice') return part.options.some((option) => tag.startsWith(option, at) && matchFrom(parts, index + 1, tag, at + option.length));
  const digits = /^\d+/.exec(tag.slice(at))?.[0] ?? '';
  // Shorter prefixes too: `{1..3}{0..9}` must match "25" as 2 then 5.
  for (let length = digits.length; length > 0; length--) {
    const number = digits.slice(0, length);
    if (number.length > 1 && number.startsWith('0')) continue;
    const value = Number(number);
    if (value >= part.from && value <= part.to && matchFrom(parts, index + 1, tag, at + length)) return true;
  }
  return false;
}

/** Every tag of the pattern, in order (bounded by MAX_PATTERN_TAGS). */
export function expandTagPattern(pattern: TagPattern): string[] {
  return pattern.parts.reduce<string[]>(
    (prefixes, part) => {
      const pieces = part.kind === 'text' ? [part.text] : part.kind === 'choice' ? part.options : Array.from({ length: part.to - part.from + 1 }, (_, i) => String(part.from + i));
      return prefixes.flatMap((prefix) => pieces.map((piece) => prefix + piece));
    },
    [''],
  );
}

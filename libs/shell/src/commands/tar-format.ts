/**
 * The tar archive format as GNU tar, busybox and Go's archive/tar (which
 * kubectl cp uses) read and write it: 512-byte ustar headers, GNU long names
 * (`././@LongLink`, types L and K), PAX extended headers (types x and g),
 * base-256 sizes, and two zero blocks at the end. Archives are byte strings.
 */

const BLOCK = 512;
const ZERO_BLOCK = '\0'.repeat(BLOCK);

/** One archive member. */
export interface TarEntry {
  readonly name: string;
  readonly type: 'file' | 'dir' | 'symlink' | 'hardlink' | 'other';
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly uid: number;
  readonly gid: number;
  readonly uname: string;
  readonly gname: string;
  readonly linkname: string;
  /** The member's bytes (files only). */
  readonly data: string;
}

/** What writing needs of a member: owners are always root, sizes come from the data. */
export type TarMember = Pick<TarEntry, 'name' | 'type' | 'mode' | 'mtime' | 'data'>;

/** A malformed archive; the message is busybox's. */
export class TarFormatError extends Error {}

/** Encodes entries as an archive ending in two zero blocks. */
export function writeTar(entries: readonly TarMember[]): string {
  let out = '';
  for (const entry of entries) {
    const name = entry.type === 'dir' && !entry.name.endsWith('/') ? `${entry.name}/` : entry.name;
    const size = entry.type === 'file' ? entry.data.length : 0;
    const split = splitName(name);
    if (!split) {
      out += header({ name: '././@LongLink', prefix: '', mode: 0, size: name.length + 1, mtime: 0, typeflag: 'L' });
      out += pad(`${name}\0`);
    }
    out += header({ name: split ? split.name : name.slice(0, 100), prefix: split ? split.prefix : '', mode: entry.mode, size, mtime: entry.mtime, typeflag: entry.type === 'dir' ? '5' : '0' });
    if (entry.type === 'file') out += pad(entry.data);
  }
  return out + ZERO_BLOCK + ZERO_BLOCK;
}

/** Decodes an archive; stops at the end-of-archive zero block or at the end of the data. */
export function readTar(archive: string): TarEntry[] {
  if (archive.length === 0) throw new TarFormatError('short read');
  const entries: TarEntry[] = [];
  let longName: string | undefined;
  let longLink: string | undefined;
  let pax: Record<string, string> = {};
  let globalPax: Record<string, string> = {};
  for (let offset = 0; offset + BLOCK <= archive.length; ) {
    const block = archive.slice(offset, offset + BLOCK);
    if (block === ZERO_BLOCK) break;
    if (!checksumMatches(block)) throw new TarFormatError('invalid tar header checksum');
    const magic = block.slice(257, 263);
    if (!magic.startsWith('ustar') && magic !== '\0\0\0\0\0\0') throw new TarFormatError('invalid tar magic');
    const typeflag = block[156] === '\0' ? '0' : block[156];
    const size = parseNumber(block.slice(124, 136));
    const data = archive.slice(offset + BLOCK, offset + BLOCK + size);
    if (data.length < size) throw new TarFormatError('short read');
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;
    if (typeflag === 'L') longName = cString(data);
    else if (typeflag === 'K') longLink = cString(data);
    else if (typeflag === 'x') pax = { ...pax, ...parsePax(data) };
    else if (typeflag === 'g') globalPax = { ...globalPax, ...parsePax(data) };
    else {
      const fields = { ...globalPax, ...pax };
      const prefix = magic === 'ustar\0' ? cString(block.slice(345, 500)) : '';
      const headerName = prefix ? `${prefix}/${cString(block.slice(0, 100))}` : cString(block.slice(0, 100));
      entries.push({
        name: fields.path ?? longName ?? headerName,
        type: typeflag === '0' || typeflag === '7' ? 'file' : typeflag === '5' ? 'dir' : typeflag === '2' ? 'symlink' : typeflag === '1' ? 'hardlink' : 'other',
        mode: parseNumber(block.slice(100, 108)) & 0o7777,
        size,
        mtime: fields.mtime !== undefined ? Math.floor(Number(fields.mtime)) : parseNumber(block.slice(136, 148)),
        uid: parseNumber(block.slice(108, 116)),
        gid: parseNumber(block.slice(116, 124)),
        uname: fields.uname ?? cString(block.slice(265, 297)),
        gname: fields.gname ?? cString(block.slice(297, 329)),
        linkname: fields.linkpath ?? longLink ?? cString(block.slice(157, 257)),
        data: typeflag === '0' || typeflag === '7' ? data : '',
      });
      longName = undefined;
      longLink = undefined;
      pax = {};
    }
  }
  return entries;
}

interface HeaderFields {
  readonly name: string;
  readonly prefix: string;
  readonly mode: number;
  readonly size: number;
  readonly mtime: number;
  readonly typeflag: string;
}

function header(fields: HeaderFields): string {
  const block =
    field(fields.name, 100) +
    octal(fields.mode, 8) +
    octal(0, 8) +
    octal(0, 8) +
    octal(fields.size, 12) +
    octal(fields.mtime, 12) +
    ' '.repeat(8) +
    fields.typeflag +
    field('', 100) +
    'ustar\x0000' +
    field('root', 32) +
    field('root', 32) +
    octal(0, 8) +
    octal(0, 8) +
    field(fields.prefix, 155) +
    '\0'.repeat(12);
  const sum = [...block].reduce((total, char) => total + char.charCodeAt(0), 0);
  return `${block.slice(0, 148)}${sum.toString(8).padStart(6, '0')}\0 ${block.slice(156)}`;
}

/** Splits a long name into ustar's prefix (≤155) and name (≤100) at a slash, when it can. */
function splitName(name: string): { prefix: string; name: string } | undefined {
  if (name.length <= 100) return { prefix: '', name };
  for (let slash = name.indexOf('/'); slash >= 0; slash = name.indexOf('/', slash + 1)) {
    if (slash <= 155 && name.length - slash - 1 <= 100 && name.length - slash - 1 > 0) return { prefix: name.slice(0, slash), name: name.slice(slash + 1) };
  }
  return undefined;
}

function field(text: string, width: number): string {
  return text.slice(0, width).padEnd(width, '\0');
}

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, '0')}\0`;
}

function pad(data: string): string {
  return data + '\0'.repeat((BLOCK - (data.length % BLOCK)) % BLOCK);
}

function cString(text: string): string {
  const end = text.indexOf('\0');
  return end < 0 ? text : text.slice(0, end);
}

/** An octal field, or GNU's base-256 form (high bit set) for large values. */
function parseNumber(text: string): number {
  if (text.charCodeAt(0) & 0x80) {
    let value = text.charCodeAt(0) & 0x7f;
    for (let i = 1; i < text.length; i++) value = value * 256 + text.charCodeAt(i);
    return value;
  }
  const digits = cString(text).trim();
  return digits === '' ? 0 : parseInt(digits, 8);
}

function checksumMatches(block: string): boolean {
  const stored = parseNumber(block.slice(148, 156));
  let unsigned = 0;
  let signed = 0;
  for (let i = 0; i < BLOCK; i++) {
    const code = i >= 148 && i < 156 ? 32 : block.charCodeAt(i);
    unsigned += code;
    signed += code > 127 ? code - 256 : code;
  }
  return stored === unsigned || stored === signed;
}

/** PAX records: `LEN key=value\n`, LEN counting the whole record in bytes. */
function parsePax(data: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (let offset = 0; offset < data.length; ) {
    const space = data.indexOf(' ', offset);
    const length = Number(data.slice(offset, space));
    if (space < 0 || !Number.isInteger(length) || length <= 0) break;
    const record = data.slice(space + 1, offset + length - 1);
    const equals = record.indexOf('=');
    if (equals > 0) fields[record.slice(0, equals)] = record.slice(equals + 1);
    offset += length;
  }
  return fields;
}

/**
 * busybox `tar c|x|t [-zvmokO] [-f FILE|-] [-C DIR] [FILE]…`, including the
 * two forms kubectl cp runs inside a container: `tar cf - PATH` (copy out)
 * and `tar -xmf - -C DIR` (copy in, with --no-same-permissions and
 * --no-same-owner under --no-preserve). Archives are ustar, optionally gzip.
 */
import { gunzipSync, gzipSync } from 'node:zlib';
import { complain, type CommandContext } from './command-context.js';
import { parseOrUsage } from './applet.js';
import { join } from './file-tree.js';
import { fsFailure } from './fs-failure.js';
import { fnmatchRegex } from './fnmatch.js';
import { permissionBits } from './file-mode.js';
import { readTar, TarFormatError, writeTar, type TarEntry, type TarMember } from './tar-format.js';
import { resolvePath } from '../fs/path.js';

const SYNOPSIS = 'c|x|t [-zJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...';
const OPTIONS = {
  flags: 'cxtzZjJahmvokOp',
  values: 'fCTX',
  long: {
    create: { key: 'c' },
    extract: { key: 'x' },
    list: { key: 't' },
    gzip: { key: 'z' },
    verbose: { key: 'v' },
    file: { key: 'f', value: true },
    directory: { key: 'C', value: true },
    'to-stdout': { key: 'O' },
    touch: { key: 'm' },
    'no-same-owner': { key: 'o' },
    'no-same-permissions': { key: 'no-same-permissions' },
    'same-permissions': { key: 'p' },
    'preserve-permissions': { key: 'p' },
    exclude: { key: 'exclude', value: true },
    'strip-components': { key: 'strip-components', value: true },
    'numeric-owner': { key: 'numeric-owner' },
  },
};
const GZIP_MAGIC = '\x1f\x8b';

/** Creates, extracts or lists an archive. */
export function tar(context: CommandContext): number {
  const args = context.args.length > 0 && !context.args[0].startsWith('-') ? [`-${context.args[0]}`, ...context.args.slice(1)] : [...context.args];
  const parsed = parseOrUsage(context, OPTIONS, SYNOPSIS, args);
  if (typeof parsed === 'number') return parsed;
  const modes = ['c', 'x', 't'].filter((mode) => parsed.flags.has(mode));
  if (modes.length !== 1) return complain(context, modes.length === 0 ? 'need one of c, x or t' : "only one of c, x or t may be given");
  const archive = parsed.values.get('f') ?? '-';
  const directory = context.resolve(parsed.values.get('C') ?? '.');
  if (parsed.values.has('C') && !context.fs.isDir(directory)) return complain(context, `can't change directory to '${parsed.values.get('C')}': No such file or directory`);
  const strip = Number(parsed.values.get('strip-components') ?? '0');
  if (!Number.isInteger(strip) || strip < 0) return complain(context, `invalid number '${parsed.values.get('strip-components')}'`);
  const settings: Settings = {
    verbose: parsed.flags.has('v'),
    gzip: parsed.flags.has('z'),
    archive,
    directory,
    exclude: parsed.values.has('exclude') ? fnmatchRegex(parsed.values.get('exclude')!) : undefined,
    strip,
    toStdout: parsed.flags.has('O'),
  };
  if (modes[0] === 'c') return create(context, settings, parsed.operands);
  return extractOrList(context, settings, parsed.operands, modes[0] === 'x');
}

interface Settings {
  readonly verbose: boolean;
  readonly gzip: boolean;
  readonly archive: string;
  readonly directory: string;
  readonly exclude: RegExp | undefined;
  readonly strip: number;
  readonly toStdout: boolean;
}

function create(context: CommandContext, settings: Settings, operands: readonly string[]): number {
  if (operands.length === 0) return complain(context, 'empty archive');
  const entries: TarMember[] = [];
  let failed = false;
  let warnedSlash = false;
  const verbose = (name: string) => {
    if (!settings.verbose) return;
    if (settings.archive === '-') context.stderr(`${name}\n`);
    else context.stdout(`${name}\n`);
  };
  const add = (path: string, name: string) => {
    const stat = context.fs.stat(path);
    if (!stat || stat.kind === 'device') return;
    if (settings.exclude?.test(name.slice(name.lastIndexOf('/') + 1)) || settings.exclude?.test(name)) return;
    const mtime = Math.floor(stat.modified.getTime() / 1000);
    if (stat.kind === 'dir') {
      const memberName = name.endsWith('/') ? name : `${name}/`;
      entries.push({ name: memberName, type: 'dir', mode: permissionBits('dir'), mtime, data: '' });
      verbose(memberName);
      for (const child of context.fs.list(path)) add(join(path, child), `${memberName}${child}`);
    } else {
      entries.push({ name, type: 'file', mode: permissionBits('file'), mtime, data: context.fs.read(path) });
      verbose(name);
    }
  };
  for (const operand of operands) {
    const path = resolvePath(operand, settings.directory);
    if (!context.fs.exists(path)) {
      complain(context, `${operand}: No such file or directory`);
      failed = true;
      continue;
    }
    let name = operand.replace(/\/+$/, '') || '/';
    if (name.startsWith('/')) {
      if (!warnedSlash) complain(context, "removing leading '/' from member names");
      warnedSlash = true;
      name = name.replace(/^\/+/, '');
    }
    name = name.replace(/^(\.\/)+/, '') || '.';
    add(path, name);
  }
  let archive = writeTar(entries);
  if (settings.gzip) archive = gzipSync(Buffer.from(archive, 'latin1')).toString('latin1');
  if (settings.archive === '-') context.stdout(archive);
  else {
    try {
      context.fs.write(context.resolve(settings.archive), archive);
    } catch (error) {
      return complain(context, `can't open '${settings.archive}': ${fsFailure(error)}`);
    }
  }
  if (failed) return complain(context, 'error exit delayed from previous errors');
  return 0;
}

function extractOrList(context: CommandContext, settings: Settings, operands: readonly string[], extract: boolean): number {
  let data: string;
  if (settings.archive === '-') data = context.input;
  else {
    const path = context.resolve(settings.archive);
    if (!context.fs.isFile(path)) return complain(context, `can't open '${settings.archive}': No such file or directory`);
    data = context.fs.read(path);
  }
  let entries: TarEntry[];
  try {
    if (settings.gzip || data.startsWith(GZIP_MAGIC)) {
      if (!data.startsWith(GZIP_MAGIC)) throw new TarFormatError('invalid magic');
      data = gunzipSync(Buffer.from(data, 'latin1')).toString('latin1');
    }
    entries = readTar(data);
  } catch (error) {
    if (error instanceof TarFormatError) return complain(context, error.message);
    if (error instanceof Error && 'code' in error) return complain(context, 'corrupted data');
    throw error;
  }
  const wanted = operands.map((operand) => operand.replace(/\/+$/, ''));
  const found = new Set<string>();
  let status = 0;
  for (const entry of entries) {
    const name = entry.name.replace(/^\/+/, '');
    const selector = wanted.find((want) => name.replace(/\/+$/, '') === want || name.startsWith(`${want}/`));
    if (wanted.length > 0 && selector === undefined) continue;
    if (selector !== undefined) found.add(selector);
    if (settings.exclude?.test(name.replace(/\/+$/, '')) || settings.exclude?.test(name.replace(/\/+$/, '').slice(name.replace(/\/+$/, '').lastIndexOf('/') + 1))) continue;
    if (!extract) {
      context.stdout(settings.verbose ? `${longListing(entry)}\n` : `${entry.name}\n`);
      continue;
    }
    if (settings.toStdout) {
      if (entry.type === 'file') context.stdout(entry.data);
      continue;
    }
    const relative = name.split('/').filter((part) => part !== '').slice(settings.strip).filter((part) => part !== '.').join('/');
    if (relative === '') continue;
    if (relative.split('/').includes('..')) {
      status = complain(context, `skipping unsafe path '${entry.name}'`);
      continue;
    }
    if (settings.verbose) context.stdout(`${entry.name}\n`);
    const failure = place(context, entry, join(settings.directory, relative), settings.directory);
    if (failure) status = complain(context, failure);
  }
  for (const want of wanted) if (!found.has(want)) status = complain(context, `${want}: not found in archive`);
  return status;
}

/** Writes one member under `target`; returns an error text on failure. */
function place(context: CommandContext, entry: TarEntry, target: string, root: string): string | undefined {
  try {
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    if (!context.fs.isDir(parent)) context.fs.mkdir(parent, { parents: true });
    if (entry.type === 'dir') {
      if (!context.fs.isDir(target)) {
        if (context.fs.exists(target)) context.fs.remove(target);
        context.fs.mkdir(target, { parents: true });
      }
    } else if (entry.type === 'file') {
      if (context.fs.isDir(target)) return `can't remove old file ${entry.name}: Is a directory`;
      context.fs.write(target, entry.data);
    } else if (entry.type === 'symlink' || entry.type === 'hardlink') {
      const source = entry.type === 'hardlink' ? join(root, entry.linkname.replace(/^\/+/, '')) : resolvePath(entry.linkname, parent);
      if (context.fs.isFile(source)) context.fs.write(target, context.fs.read(source));
    }
  } catch (error) {
    return `${entry.name}: ${fsFailure(error)}`;
  }
  return undefined;
}

/** `-rw-r--r-- root/root       123 2025-01-01 12:00:00 name`, as `tar tv` prints a member. */
function longListing(entry: TarEntry): string {
  const type = { dir: 'd', symlink: 'l', hardlink: 'h', file: '-', other: '-' }[entry.type];
  const mode = permissionString(entry.mode);
  const time = new Date(entry.mtime * 1000).toISOString().replace('T', ' ').slice(0, 19);
  const owner = `${entry.uname || entry.uid}/${entry.gname || entry.gid}`;
  const link = entry.type === 'symlink' ? ` -> ${entry.linkname}` : entry.type === 'hardlink' ? ` link to ${entry.linkname}` : '';
  return `${type}${mode} ${owner} ${String(entry.size).padStart(9)} ${time} ${entry.name}${link}`;
}

function permissionString(mode: number): string {
  let text = '';
  for (let shift = 6; shift >= 0; shift -= 3) {
    const triplet = (mode >> shift) & 7;
    text += `${triplet & 4 ? 'r' : '-'}${triplet & 2 ? 'w' : '-'}${triplet & 1 ? 'x' : '-'}`;
  }
  return text;
}

/**
 * Debian 12's apt 2.6 on a node, as the Kubernetes upgrade guides use it: `apt-get update` (Debian's own repositories
 * always unchanged; the lab's pkgs.k8s.io, whose v1.32 and v1.33 repositories answer and any other minor is a 404),
 * `apt-get install [-y] [--allow-change-held-packages] [--allow-downgrades] PKG[=VERSION]…` (a version may be a glob,
 * `1.33.1-*`; held packages and downgrades refused or asked about as apt does), `apt-mark hold|unhold|showhold`,
 * `apt-cache madison|policy`, and `apt` for update and install with its warning to scripts. Everything lives in the
 * node's files (dpkg's status, the sources, the lists; see debian-packages.ts), so a node keeps what was done to it.
 * The shell runs every command as root (id.ts), so apt never meets dpkg's lock as another user.
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import type { CommandContext } from './command-context.js';
import {
  compareVersions, describeSource, DPKG_STATUS, formatStanzas, installedStanza, kubernetesMinor, LISTS_DIR, listsFile, readAvailable, readSources,
  readStatus, readText, repositoryIndex, statusOf, statusStanza, withSelection, withStanza, type AptSource, type AvailableVersion, type Stanza,
} from './debian-packages.js';
import { fnmatchRegex } from './fnmatch.js';

/** apt's exit status for every error. */
const FAILED = 100;
/** The repositories of a Debian 12 image's debian.sources, which the lab always finds unchanged. */
const debianRepositories = ['http://deb.debian.org/debian bookworm', 'http://deb.debian.org/debian bookworm-updates', 'http://deb.debian.org/debian-security bookworm-security'];
/** pkgs.k8s.io's address, as apt names the server that answered. */
const PKGS_K8S_IO_ADDRESS = '34.107.204.206';
/** The size of a pkgs.k8s.io InRelease file. */
const IN_RELEASE_BYTES = 1_227;
/** How many files dpkg finds in its database on a kubeadm node. */
const DPKG_DATABASE_FILES = 29_183;
/** What apt prints as it loads its cache, before it says what it will do. */
const READING_STATE = 'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n';

const print = (context: CommandContext, text: string) => context.stdout(encodeUtf8(text));
const printErrors = (context: CommandContext, lines: readonly string[]) => context.stderr(encodeUtf8(lines.map((line) => `${line}\n`).join('')));

/** Writes a file of the node's disk, making its directory if the image has none. */
function writeText(fs: MemoryFs, path: string, text: string): void {
  fs.mkdir(encodeUtf8(path.slice(0, path.lastIndexOf('/'))), { parents: true });
  fs.write(encodeUtf8(path), encodeUtf8(text));
}

/** apt's SizeToStr and its unit: `6,581 B`, `12.7 MB`, `3,609 kB` (grouped as `%'.0f` groups in an English locale). */
export function aptSize(bytes: number): string {
  const units = ['', 'k', 'M', 'G'];
  let size = Math.abs(bytes);
  for (let unit = 0; ; unit++) {
    if (size < 100 && unit !== 0) return `${size.toFixed(1)} ${units[unit]}B`;
    if (size < 10_000 || unit === units.length - 1) return `${Math.round(size).toLocaleString('en-US')} ${units[unit]}B`;
    size /= 1000;
  }
}

/** Where pkgs.k8s.io redirects apt, which apt then names in its progress lines. */
function redirected(source: AptSource): AptSource {
  return { ...source, uri: source.uri.replace(/^https:\/\/pkgs\.k8s\.io\//, 'https://prod-cdn.packages.k8s.io/repositories/isv:/kubernetes:/') };
}

/** What `apt-get update` does, decided before it writes: its progress lines, errors (E:, N:) and warnings (W:), and the lists it writes and keeps. */
export interface UpdatePlan {
  readonly lines: string[];
  readonly errors: string[];
  readonly warnings: string[];
  readonly fetchedBytes: number;
  /** Lists file → the Packages index fetched into it. */
  readonly writes: Map<string, string>;
  /** The lists files of the sources, which a clean update does not remove. */
  readonly kept: Set<string>;
}

/** Fetches every source's index in order, as the lab's network answers (pkgs.k8s.io's minors or a 404; no other host resolves); `current` is a lists file's text now. */
export function planUpdate(sources: readonly AptSource[], current: (path: string) => string | undefined): UpdatePlan {
  const lines = debianRepositories.map((repository, i) => `Hit:${i + 1} ${repository} InRelease`);
  const errors: string[] = [];
  const warnings: string[] = [];
  const writes = new Map<string, string>();
  const kept = new Set<string>();
  let fetchedBytes = 0;
  let id = debianRepositories.length;
  for (const source of sources) {
    const host = /^[a-z+]+:\/\/([^/:]+)/.exec(source.uri)?.[1] ?? source.uri;
    const minor = kubernetesMinor(source);
    const index = minor === undefined ? undefined : repositoryIndex(minor);
    if (host !== 'pkgs.k8s.io') {
      const inRelease = source.suite === '/' ? `${source.uri.replace(/\/*$/, '/')}InRelease` : `${source.uri.replace(/\/+$/, '')}/dists/${source.suite}/InRelease`;
      lines.push(`Err:${++id} ${describeSource(source, 'InRelease')}`, `  Temporary failure resolving '${host}'`);
      warnings.push(`W: Failed to fetch ${inRelease}  Temporary failure resolving '${host}'`);
    } else if (index === undefined) {
      lines.push(`Ign:${++id} ${describeSource(source, 'InRelease')}`, `Err:${++id} ${describeSource(source, 'Release')}`, `  404  Not Found [IP: ${PKGS_K8S_IO_ADDRESS} 443]`);
      errors.push(
        `E: The repository '${describeSource(source, 'Release')}' does not have a Release file.`,
        'N: Updating from such a repository can\'t be done securely, and is therefore disabled by default.',
        'N: See apt-secure(8) manpage for repository creation and user configuration details.',
      );
    } else {
      const file = listsFile(source);
      kept.add(file);
      if (current(file) === index) lines.push(`Hit:${++id} ${describeSource(redirected(source), 'InRelease')}`);
      else {
        lines.push(`Get:${++id} ${describeSource(redirected(source), 'InRelease')} [${aptSize(IN_RELEASE_BYTES)}]`, `Get:${++id} ${describeSource(redirected(source), 'Packages')} [${aptSize(index.length)}]`);
        writes.set(file, index);
        fetchedBytes += IN_RELEASE_BYTES + index.length;
      }
    }
  }
  if (warnings.length > 0) warnings.push('W: Some index files failed to download. They have been ignored, or old ones used instead.');
  return { lines, errors, warnings, fetchedBytes, writes, kept };
}

/**
 * `update`: fetch each source's index, write the new ones and, when nothing failed, remove the lists of sources no
 * longer listed. `apt` then counts what could be upgraded.
 */
function update(context: CommandContext, countUpgradable: boolean): number {
  const fs = context.fs;
  const plan = planUpdate(readSources(fs), (path) => readText(fs, path));
  for (const [path, text] of plan.writes) writeText(fs, path, text);
  if (plan.errors.length === 0 && plan.warnings.length === 0 && fs.isDir(encodeUtf8(LISTS_DIR))) {
    for (const name of fs.list(encodeUtf8(LISTS_DIR)).map(decodeUtf8)) {
      if (name.endsWith('Packages') && !plan.kept.has(`${LISTS_DIR}/${name}`)) fs.remove(encodeUtf8(`${LISTS_DIR}/${name}`));
    }
  }
  print(context, plan.lines.map((line) => `${line}\n`).join(''));
  if (plan.fetchedBytes > 0 && plan.errors.length === 0) print(context, `Fetched ${aptSize(plan.fetchedBytes)} in 1s (${aptSize(plan.fetchedBytes)}/s)\n`);
  print(context, 'Reading package lists... Done\n');
  if (plan.errors.length > 0) {
    printErrors(context, plan.errors);
    return FAILED;
  }
  printErrors(context, plan.warnings);
  if (countUpgradable) {
    const upgradable = upgradableCount(readStatus(fs), readAvailable(fs), new Set());
    const summary = upgradable === 0 ? 'All packages are up to date.'
      : upgradable === 1 ? '1 package can be upgraded. Run \'apt list --upgradable\' to see it.'
        : `${upgradable} packages can be upgraded. Run 'apt list --upgradable' to see them.`;
    print(context, `Building dependency tree... Done\nReading state information... Done\n${summary}\n`);
  }
  return 0;
}

/** Installed packages a newer version is available for, but those in `changing`: apt's "not upgraded". */
function upgradableCount(status: readonly Stanza[], available: readonly AvailableVersion[], changing: ReadonlySet<string>): number {
  return status.filter((stanza) => {
    const name = stanza.get('Package') ?? '';
    const installed = stanza.get('Version');
    return statusOf(stanza).installed && installed !== undefined && !changing.has(name)
      && available.some((offer) => offer.name === name && compareVersions(offer.version, installed) > 0);
  }).length;
}

/** One package named on an install's command line, with the version (or version glob) after `=` if any. */
export interface InstallRequest {
  readonly name: string;
  readonly version?: string;
}

/** A package an install changes: the version installed now (none: a new package), the one it gets, whether dpkg holds it. */
export interface PackageChange {
  readonly name: string;
  readonly from?: string;
  readonly to: AvailableVersion;
  readonly held: boolean;
}

/** What `apt-get install` decided before it touches anything: apt's errors, or its notes, the changes (by name) and how many others could be upgraded. */
export type InstallPlan =
  | { readonly errors: string[]; readonly unavailable: string[] }
  | { readonly notes: string[]; readonly changes: PackageChange[]; readonly notUpgraded: number };

/** apt's version match: the version itself (with or without its epoch), or an fnmatch glob of it (`1.33.1-*`, `1.33.*`). */
function versionMatches(pattern: string, version: string): boolean {
  const withoutEpoch = version.replace(/^\d+:/, '');
  const glob = fnmatchRegex(pattern);
  return pattern === version || pattern === withoutEpoch || glob.test(version) || glob.test(withoutEpoch);
}

/** The release a pkgs.k8s.io version comes from, as apt's "Selected version" names it: `isv:kubernetes:core:stable:v1.33:pkgs.k8s.io [amd64]`. */
function releaseOf(source: AptSource): string {
  const [, host = '', path = ''] = /^[a-z+]+:\/\/([^/]+)\/(.*?)\/?$/.exec(source.uri) ?? [];
  return `isv:kubernetes:${path.replace(/\/deb$/, '').replace(/:\//g, ':')}:${host} [amd64]`;
}

/**
 * Resolves each request to a version, as apt does: a named version (or glob) is the newest that matches among those the
 * lists offer and the installed one; no version is the candidate, the newest of them. A request for what is installed
 * changes nothing ("already the newest version"); the rest are the changes.
 */
export function planInstall(status: readonly Stanza[], available: readonly AvailableVersion[], requests: readonly InstallRequest[]): InstallPlan {
  const errors: string[] = [];
  const unavailable: string[] = [];
  const already: string[] = [];
  const selected: string[] = [];
  const changes = new Map<string, PackageChange>();
  for (const { name, version } of requests) {
    const stanza = statusStanza(status, name);
    const installed = stanza && statusOf(stanza).installed ? stanza.get('Version') : undefined;
    const offers = available.filter((offer) => offer.name === name);
    const versions = [...new Set([...offers.map((offer) => offer.version), ...(installed === undefined ? [] : [installed])])].sort((a, b) => compareVersions(b, a));
    if (stanza === undefined && versions.length === 0) {
      errors.push(`E: Unable to locate package ${name}`);
      continue;
    }
    const target = version === undefined ? versions[0] : versions.find((candidate) => versionMatches(version, candidate));
    if (target === undefined) {
      errors.push(version === undefined ? `E: Package '${name}' has no installation candidate` : `E: Version '${version}' for '${name}' was not found`);
      unavailable.push(name);
      continue;
    }
    const offer = offers.find((candidate) => candidate.version === target);
    if (version !== undefined && version !== target && offer) selected.push(`Selected version '${target}' (${releaseOf(offer.source)}) for '${name}'`);
    if (target === installed || offer === undefined) already.push(`${name} is already the newest version (${target}).`);
    else changes.set(name, { name, from: installed, to: offer, held: statusOf(stanza ?? new Map()).want === 'hold' });
  }
  if (errors.length > 0) return { errors, unavailable };
  const sorted = [...changes.values()].sort((a, b) => a.name.localeCompare(b.name));
  return { notes: [...already, ...selected], changes: sorted, notUpgraded: upgradableCount(status, available, new Set(changes.keys())) };
}

/** apt's ShowList: a title, then the names on lines of at most 77 columns, each indented by two spaces. */
function showList(title: string, names: readonly string[]): string {
  if (names.length === 0) return '';
  let text = title;
  let used = 0;
  for (const name of names) {
    if (used === 0 || used + name.length >= 77) {
      text += '\n  ';
      used = 0;
    } else {
      text += ' ';
      used++;
    }
    text += name;
    used += name.length;
  }
  return `${text}\n`;
}

const isDowngrade = (change: PackageChange) => change.from !== undefined && compareVersions(change.to.version, change.from) < 0;
const isUpgrade = (change: PackageChange) => change.from !== undefined && compareVersions(change.to.version, change.from) > 0;
const field = (stanza: Stanza | undefined, name: string) => Number(stanza?.get(name) ?? 0);

/** What apt shows of a plan before it asks or acts: the lists of changes and the counts. */
function changesText(changes: readonly PackageChange[], notUpgraded: number): string {
  const names = (keep: (change: PackageChange) => boolean) => changes.filter(keep).map((change) => change.name);
  const downgraded = names(isDowngrade).length;
  return showList('The following NEW packages will be installed:', names((change) => change.from === undefined))
    + showList('The following held packages will be changed:', names((change) => change.held))
    + showList('The following packages will be upgraded:', names(isUpgrade))
    + showList('The following packages will be DOWNGRADED:', names(isDowngrade))
    + `${names(isUpgrade).length} upgraded, ${names((change) => change.from === undefined).length} newly installed, ${downgraded > 0 ? `${downgraded} downgraded, ` : ''}`
    + `0 to remove and ${notUpgraded} not upgraded.\n`;
}

/** How much the install downloads, and how much more (or less) space the installed packages take. */
function sizesText(status: readonly Stanza[], changes: readonly PackageChange[]): string {
  const download = changes.reduce((sum, change) => sum + field(change.to.stanza, 'Size'), 0);
  const grown = 1024 * changes.reduce((sum, change) => sum + field(change.to.stanza, 'Installed-Size') - field(change.from === undefined ? undefined : statusStanza(status, change.name), 'Installed-Size'), 0);
  return `Need to get ${aptSize(download)} of archives.\n`
    + (grown >= 0 ? `After this operation, ${aptSize(grown)} of additional disk space will be used.\n` : `After this operation, ${aptSize(-grown)} disk space will be freed.\n`);
}

/** The download and dpkg's run: each package unpacked over the old one (or selected, when new), then each set up. */
function unpackText(changes: readonly PackageChange[]): string {
  const download = changes.reduce((sum, change) => sum + field(change.to.stanza, 'Size'), 0);
  const gets = changes.map(({ name, to }, i) => `Get:${i + 1} ${describeSource(redirected(to.source), `${name} ${to.version}`)} [${aptSize(field(to.stanza, 'Size'))}]\n`);
  const unpacks = changes.map(({ name, from, to }, i) => {
    const database = i === 0 ? `(Reading database ... ${DPKG_DATABASE_FILES} files and directories currently installed.)\n` : '';
    return from === undefined
      ? `Selecting previously unselected package ${name}.\n${database}Preparing to unpack .../${name}_${to.version}_amd64.deb ...\nUnpacking ${name} (${to.version}) ...\n`
      : `${database}Preparing to unpack .../${name}_${to.version}_amd64.deb ...\nUnpacking ${name} (${to.version}) over (${from}) ...\n`;
  });
  return `${gets.join('')}Fetched ${aptSize(download)} in 1s (${aptSize(download)}/s)\n${unpacks.join('')}${changes.map(({ name, to }) => `Setting up ${name} (${to.version}) ...\n`).join('')}`;
}

/** apt's YnPrompt on standard input: an empty line is its default (yes), a line starting with y or Y goes on; anything else, or the end of input (no terminal to ask), is no. */
async function continues(context: CommandContext): Promise<boolean> {
  print(context, 'Do you want to continue? [Y/n] ');
  const line = context.stdin ? await context.stdin.readLine() : context.input === '' ? undefined : context.input.split('\n')[0];
  const answer = line?.replace(/\r?\n$/, '');
  return answer !== undefined && (answer === '' || /^[yY]/.test(answer));
}

/** apt-get's options for install; the rest of its options are not in this lab. */
interface InstallOptions {
  readonly yes: boolean;
  readonly allowHeld: boolean;
  readonly allowDowngrades: boolean;
}

/**
 * `install PKG[=VERSION]…`: resolve (planInstall), show, refuse a held package's change or a downgrade
 * under -y unless allowed, ask for either without -y, then unpack and record the new versions in dpkg's status (a
 * held package stays held: dpkg keeps the selection).
 */
async function install(context: CommandContext, options: InstallOptions, requests: readonly InstallRequest[]): Promise<number> {
  const status = readStatus(context.fs);
  const plan = planInstall(status, readAvailable(context.fs), requests);
  print(context, READING_STATE);
  if ('errors' in plan) {
    print(context, plan.unavailable.map((name) => `Package ${name} is not available, but is referred to by another package.\n`
      + 'This may mean that the package is missing, has been obsoleted, or\nis only available from another source\n\n').join(''));
    printErrors(context, plan.errors);
    return FAILED;
  }
  const { changes } = plan;
  print(context, `${plan.notes.map((note) => `${note}\n`).join('')}${changesText(changes, plan.notUpgraded)}`);
  if (changes.length === 0) return 0;
  const downgrade = changes.some(isDowngrade);
  const held = changes.some((change) => change.held);
  if (options.yes && downgrade && !options.allowDowngrades) return refuse(context, 'E: Packages were downgraded and -y was used without --allow-downgrades.');
  if (options.yes && held && !options.allowHeld) return refuse(context, 'E: Held packages were changed and -y was used without --allow-change-held-packages.');
  print(context, sizesText(status, changes));
  if ((downgrade || held) && !options.yes && !(await continues(context))) {
    print(context, 'Abort.\n');
    return 1;
  }
  for (const change of changes) {
    if (isDowngrade(change)) context.stderr(`dpkg: warning: downgrading ${change.name} from ${change.from} to ${change.to.version}\n`);
  }
  print(context, unpackText(changes));
  const next = changes.reduce<Stanza[]>((stanzas, change) => withStanza(stanzas, installedStanza(change.to.stanza, change.held ? 'hold' : 'install')), status);
  writeText(context.fs, DPKG_STATUS, formatStanzas(next));
  return 0;
}

/** apt's failure: its E: lines, status 100. */
function refuse(context: CommandContext, ...lines: string[]): number {
  printErrors(context, lines);
  return FAILED;
}

/** apt's command line: its options wherever they are, then the command and its words; an option this lab's apt does not know is apt's error. */
function parseCommandLine(args: readonly string[]): { options: InstallOptions; words: string[] } | { error: string } {
  const options = { yes: false, allowHeld: false, allowDowngrades: false };
  const words: string[] = [];
  for (const arg of args) {
    if (arg === '--yes' || arg === '--assume-yes' || arg === '-y') options.yes = true;
    else if (arg === '--allow-change-held-packages') options.allowHeld = true;
    else if (arg === '--allow-downgrades') options.allowDowngrades = true;
    else if (arg.startsWith('--')) return { error: `E: Command line option ${arg} is not understood in combination with the other options` };
    else if (arg.startsWith('-') && arg !== '-') {
      const letter = [...arg.slice(1)].find((c) => c !== 'y');
      if (letter !== undefined) return { error: `E: Command line option '${letter}' [from ${arg}] is not understood in combination with the other options.` };
      options.yes = true;
    } else words.push(arg);
  }
  return { options, words };
}

/** `apt-get` and `apt`: update and install. */
async function aptCommand(context: CommandContext, binary: 'apt' | 'apt-get'): Promise<number> {
  const parsed = parseCommandLine(context.args.map(decodeUtf8));
  if ('error' in parsed) return refuse(context, parsed.error);
  const [command, ...words] = parsed.words;
  if (command === undefined) {
    print(context, `apt 2.6.1 (amd64)\nUsage: ${binary} [options] command\n\nMost used commands (in this lab):\n  update - Retrieve new lists of packages\n  install - Install new packages (pkg is libc6 not libc6.deb)\n`);
    return 1;
  }
  if (binary === 'apt' && !context.terminal?.output) context.stderr('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  switch (command) {
    case 'update':
      return words.length > 0 ? refuse(context, 'E: The update command takes no arguments') : update(context, binary === 'apt');
    case 'install':
      return install(context, parsed.options, words.map((word) => {
        const at = word.indexOf('=');
        return at < 0 ? { name: word } : { name: word.slice(0, at), version: word.slice(at + 1) };
      }));
    default:
      return refuse(context, `E: Invalid operation ${command} (this lab's ${binary} knows update and install)`);
  }
}

/** `apt-get update|install`, the scripts' apt. */
export function aptGet(context: CommandContext): Promise<number> {
  return aptCommand(context, 'apt-get');
}

/** `apt update|install`, the interactive apt, which warns when its output goes to a script rather than a terminal. */
export function apt(context: CommandContext): Promise<number> {
  return aptCommand(context, 'apt');
}

/**
 * `apt-mark hold|unhold PKG…` (dpkg's selection, in its status: a held package is one apt leaves alone) and
 * `apt-mark showhold [PKG…]`.
 */
export function aptMark(context: CommandContext): number {
  const [command, ...names] = context.args.map(decodeUtf8);
  switch (command) {
    case 'hold':
    case 'unhold':
      return mark(context, names, command === 'hold');
    case 'showhold':
    case 'showholds':
    case 'showheld': {
      const held = readStatus(context.fs).filter((stanza) => statusOf(stanza).want === 'hold').map((stanza) => stanza.get('Package') ?? '');
      print(context, held.filter((name) => names.length === 0 || names.includes(name)).sort().map((name) => `${name}\n`).join(''));
      return 0;
    }
    case undefined:
      print(context, 'apt 2.6.1 (amd64)\nUsage: apt-mark [options] {auto|manual} pkg1 [pkg2 ...]\n\nMost used commands (in this lab):\n  hold - Mark a package as held back\n  unhold - Unset a package set as held back\n  showhold - Print the list of packages on hold\n');
      return 1;
    default:
      return refuse(context, `E: Invalid operation ${command} (this lab's apt-mark knows hold, unhold and showhold)`);
  }
}

/** Holds or releases each named package apt knows (installed, or in the lists), saying which already were. */
function mark(context: CommandContext, names: readonly string[], hold: boolean): number {
  const status = readStatus(context.fs);
  const available = readAvailable(context.fs);
  const known = (name: string) => statusStanza(status, name) !== undefined || available.some((offer) => offer.name === name);
  const errors = names.filter((name) => !known(name)).map((name) => `E: Unable to locate package ${name}`);
  const packages = [...new Set(names.filter(known))];
  if (packages.length === 0) return refuse(context, ...errors, 'E: No packages found');
  const isHeld = (name: string) => statusOf(statusStanza(status, name) ?? new Map()).want === 'hold';
  const unchanged = packages.filter((name) => isHeld(name) === hold);
  const changed = packages.filter((name) => isHeld(name) !== hold);
  print(context, unchanged.map((name) => (hold ? `${name} was already set on hold.\n` : `${name} was already not on hold.\n`)).join(''));
  if (changed.length > 0) {
    const next = changed.reduce<Stanza[]>((stanzas, name) => withStanza(stanzas, withSelection(statusStanza(status, name), name, hold)), status);
    writeText(context.fs, DPKG_STATUS, formatStanzas(next));
  }
  print(context, changed.map((name) => (hold ? `${name} set on hold.\n` : `Canceled hold on ${name}.\n`)).join(''));
  printErrors(context, errors);
  return errors.length > 0 ? FAILED : 0;
}

/** `apt-cache madison PKG…` (every version the lists offer, newest first, and where from) and `apt-cache policy PKG…`. */
export function aptCache(context: CommandContext): number {
  const [command, ...names] = context.args.map(decodeUtf8);
  switch (command) {
    case 'madison':
    case 'policy':
      return names.length === 0 && command === 'policy'
        ? refuse(context, 'E: this lab\'s apt-cache policy shows packages by name (apt-cache policy kubeadm)')
        : showVersions(context, names, command);
    case undefined:
      print(context, 'apt 2.6.1 (amd64)\nUsage: apt-cache [options] command\n\nMost used commands (in this lab):\n  madison - Show source records\n  policy - Show policy settings\n');
      return 1;
    default:
      return refuse(context, `E: Invalid operation ${command} (this lab's apt-cache knows madison and policy)`);
  }
}

/** madison's or policy's view of each named package; a name apt does not know is a notice, not an error. */
function showVersions(context: CommandContext, names: readonly string[], command: 'madison' | 'policy'): number {
  const status = readStatus(context.fs);
  const available = readAvailable(context.fs);
  const notices: string[] = [];
  for (const name of names) {
    const stanza = statusStanza(status, name);
    const offers = available.filter((offer) => offer.name === name).sort((a, b) => compareVersions(b.version, a.version));
    if (stanza === undefined && offers.length === 0) notices.push(`N: Unable to locate package ${name}`);
    else if (command === 'madison') print(context, offers.map((offer) => `${name.padStart(10)} | ${offer.version.padStart(10)} | ${describeSource(offer.source, 'Packages')}\n`).join(''));
    else print(context, policyText(name, stanza && statusOf(stanza).installed ? stanza.get('Version') : undefined, offers));
  }
  printErrors(context, notices);
  return 0;
}

/** apt-cache policy of one package: installed and candidate versions, and each version's priority (500 a repository's, 100 dpkg's status) and files. */
function policyText(name: string, installed: string | undefined, offers: readonly AvailableVersion[]): string {
  const versions = [...new Set([...offers.map((offer) => offer.version), ...(installed === undefined ? [] : [installed])])].sort((a, b) => compareVersions(b, a));
  const table = versions.map((version) => {
    const repositories = offers.filter((offer) => offer.version === version).map((offer) => `        500 ${describeSource(offer.source, 'Packages')}\n`);
    const files = version === installed ? [...repositories, `        100 ${DPKG_STATUS}\n`] : repositories;
    return `${version === installed ? ' *** ' : '     '}${version} ${repositories.length > 0 ? 500 : 100}\n${files.join('')}`;
  });
  return `${name}:\n  Installed: ${installed ?? '(none)'}\n  Candidate: ${versions[0] ?? '(none)'}\n  Version table:\n${table.join('')}`;
}

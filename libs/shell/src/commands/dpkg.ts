/**
 * `dpkg -l [PATTERN…]` and `dpkg -s [PKG…]` on a node, as dpkg 1.21 (Debian 12) answers them through dpkg-query: the
 * package list, each line led by its selection, state and error letters (`ii` installed, `hi` installed and held) in
 * columns as wide as their widest entry, and a package's stanza of dpkg's status. Both read the status apt writes
 * (apt.ts), so they show what an upgrade did.
 */
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import type { CommandContext } from './command-context.js';
import { formatStanza, formatStanzas, readStatus, statusOf, type Stanza } from './debian-packages.js';
import { fnmatchRegex } from './fnmatch.js';

/** dpkg's one-letter forms of a selection and of a state (pkg_abbrev_want, pkg_abbrev_status). */
const wantLetters: Readonly<Record<string, string>> = { unknown: 'u', install: 'i', hold: 'h', deinstall: 'r', purge: 'p' };
const stateLetters: Readonly<Record<string, string>> = {
  'not-installed': 'n', 'config-files': 'c', 'half-installed': 'H', unpacked: 'U', 'half-configured': 'F', 'triggers-awaited': 'W', 'triggers-pending': 't', installed: 'i',
};
/** The legend dpkg-query prints above its list. */
const HEADER = 'Desired=Unknown/Install/Remove/Purge/Hold\n| Status=Not/Inst/Conf-files/Unpacked/halF-conf/Half-inst/trig-aWait/Trig-pend\n|/ Err?=(none)/Reinst-required (Status,Err: uppercase=bad)\n';

/** Runs `dpkg -l` or `dpkg -s`; dpkg's other actions are not in this lab. */
export function dpkg(context: CommandContext): number {
  const [action, ...operands] = context.args.map(decodeUtf8);
  switch (action) {
    case '-l':
    case '--list':
      return list(context, operands);
    case '-s':
    case '--status':
      return status(context, operands);
    default:
      context.stderr(action?.startsWith('-')
        ? `dpkg: error: unknown option ${action} (this lab's dpkg knows -l|--list and -s|--status)\n`
        : 'dpkg: error: need an action option\n\nType dpkg --help for help about installing and deinstalling packages [*];\nUse \'apt\' or \'aptitude\' for user-friendly package management;\n');
      return 2;
  }
}

/** One line of the list, as dpkg-query's list_format_print lays it out. */
function row(flags: string, cells: readonly string[], widths: readonly number[]): string {
  return `${flags} ${cells.map((cell, i) => (i < cells.length - 1 ? cell.padEnd(widths[i]) : cell)).join(' ')}\n`;
}

/** The four cells dpkg-query lists a package with: name, version (`<none>` when not installed), architecture and the description's first line. */
function cellsOf(stanza: Stanza): string[] {
  return [
    stanza.get('Package') ?? '', stanza.get('Version') ?? '<none>', stanza.get('Architecture') ?? '',
    (stanza.get('Description') ?? '(no description available)').split('\n')[0],
  ];
}

/** `dpkg -l`: every installed package, or every package dpkg knows that matches a pattern; a pattern matching none is a notice and status 1. */
function list(context: CommandContext, patterns: readonly string[]): number {
  const stanzas = readStatus(context.fs).sort((a, b) => (a.get('Package') ?? '').localeCompare(b.get('Package') ?? ''));
  const matchers = patterns.map((pattern) => fnmatchRegex(pattern));
  const shown = patterns.length === 0
    ? stanzas.filter((stanza) => (stanza.get('Status') ?? '').split(' ')[2] !== 'not-installed')
    : stanzas.filter((stanza) => matchers.some((matcher) => matcher.test(stanza.get('Package') ?? '')));
  if (shown.length > 0) {
    const rows = shown.map(cellsOf);
    const widths = [14, 12, 12, 33].map((least, i) => Math.max(least, ...rows.map((cells) => cells[i].length)));
    const lines = rows.map((cells, i) => {
      const [want = 'unknown', eflag = 'ok', state = 'not-installed'] = (shown[i].get('Status') ?? '').split(' ');
      return row(`${wantLetters[want] ?? 'u'}${stateLetters[state] ?? 'n'}${eflag === 'ok' ? ' ' : 'R'}`, cells, widths);
    });
    const rule = `+++-${widths.map((width) => '='.repeat(width)).join('-')}\n`;
    context.stdout(encodeUtf8(`${HEADER}${row('||/', ['Name', 'Version', 'Architecture', 'Description'], widths)}${rule}${lines.join('')}`));
  }
  const unmatched = patterns.filter((_, i) => !stanzas.some((stanza) => matchers[i].test(stanza.get('Package') ?? '')));
  context.stderr(encodeUtf8(unmatched.map((pattern) => `dpkg-query: no packages found matching ${pattern}\n`).join('')));
  return unmatched.length > 0 ? 1 : 0;
}

/** `dpkg -s PKG…`: each package's stanza, a blank line between them; dpkg's whole status without a name. */
function status(context: CommandContext, names: readonly string[]): number {
  const stanzas = readStatus(context.fs);
  if (names.length === 0) {
    context.stdout(encodeUtf8(formatStanzas(stanzas)));
    return 0;
  }
  let failures = 0;
  names.forEach((name, i) => {
    const stanza = stanzas.find((s) => s.get('Package') === name);
    if (stanza === undefined || statusOf(stanza).want === 'unknown') {
      context.stderr(encodeUtf8(`dpkg-query: package '${name}' is not installed and no information is available\n`));
      failures++;
    } else context.stdout(encodeUtf8(formatStanza(stanza)));
    if (i < names.length - 1) context.stdout('\n');
  });
  if (failures > 0) context.stderr('Use dpkg --info (= dpkg-deb --info) to examine archive files.\n');
  return failures > 0 ? 1 : 0;
}

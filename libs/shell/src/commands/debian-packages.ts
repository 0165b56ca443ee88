/**
 * Debian's package state on a kubeadm node, kept where dpkg and apt keep it, so that it lasts as the node's disk does:
 * dpkg's status database (/var/lib/dpkg/status), apt's sources (/etc/apt/sources.list.d/*.list) and the Packages index
 * `apt-get update` fetched for each of them (/var/lib/apt/lists). It also holds the lab's pkgs.k8s.io, one repository
 * per Kubernetes minor as "Changing the Kubernetes package repository" describes it, of which this lab has v1.32 and
 * v1.33. Nothing here writes: the commands (apt.ts, dpkg.ts) decide with these functions, then write.
 */
import type { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';

/** dpkg's database of what is installed, and what the administrator wants of each package. */
export const DPKG_STATUS = '/var/lib/dpkg/status';
/** Where apt reads its `deb` lines from (`*.list`; Debian's own repositories are the image's, not listed here). */
const SOURCES_DIR = '/etc/apt/sources.list.d';
/** Where `apt-get update` keeps each repository's Packages index. */
export const LISTS_DIR = '/var/lib/apt/lists';

/** A control-file stanza (dpkg's status, a Packages index): field → value in the file's order; continuation lines stay in the value, each after a `\n`. */
export type Stanza = ReadonlyMap<string, string>;

/** The stanzas of a control file, which blank lines separate. */
export function parseStanzas(text: string): Stanza[] {
  const stanzas: Stanza[] = [];
  let fields = new Map<string, string>();
  let last: string | undefined;
  for (const line of text.split('\n')) {
    if (line.trim() === '') {
      if (fields.size > 0) stanzas.push(fields);
      fields = new Map();
      last = undefined;
    } else if (/^[ \t]/.test(line) && last !== undefined) fields.set(last, `${fields.get(last)}\n${line}`);
    else if (line.indexOf(':') > 0) {
      last = line.slice(0, line.indexOf(':'));
      fields.set(last, line.slice(line.indexOf(':') + 1).trim());
    }
  }
  if (fields.size > 0) stanzas.push(fields);
  return stanzas;
}

/** One stanza as dpkg writes it, each field on its line, without the blank line that ends it in a file. */
export function formatStanza(stanza: Stanza): string {
  return [...stanza].map(([name, value]) => `${name}: ${value}\n`).join('');
}

/** A control file of `stanzas`, each ended by a blank line, as dpkg and apt write theirs. */
export function formatStanzas(stanzas: readonly Stanza[]): string {
  return stanzas.map((stanza) => `${formatStanza(stanza)}\n`).join('');
}

/** What dpkg's `Status: WANT ok STATE` says of a package: the selection (install, hold, deinstall…) and whether it is installed. */
export function statusOf(stanza: Stanza): { want: string; installed: boolean } {
  const [want = 'unknown', , state] = (stanza.get('Status') ?? '').split(' ');
  return { want, installed: state === 'installed' };
}

/** The status stanza of `name`, if dpkg knows the package. */
export function statusStanza(stanzas: readonly Stanza[], name: string): Stanza | undefined {
  return stanzas.find((stanza) => stanza.get('Package') === name);
}

/** dpkg's status stanzas, read from the node's disk (none when there is no database). */
export function readStatus(fs: MemoryFs): Stanza[] {
  const text = readText(fs, DPKG_STATUS);
  return text === undefined ? [] : parseStanzas(text);
}

/** The version of `pkg` dpkg has installed ('1.32.0-1.1'), or undefined when it is not installed: what kubeadm, the kubelet and kubectl run as. */
export function installedVersion(fs: MemoryFs, pkg: string): string | undefined {
  return installedVersionIn(readStatus(fs), pkg);
}

/** The version of `pkg` installed according to dpkg's status (its stanzas, or the text of /var/lib/dpkg/status). */
export function installedVersionIn(status: readonly Stanza[] | string, pkg: string): string | undefined {
  const stanza = statusStanza(typeof status === 'string' ? parseStanzas(status) : status, pkg);
  return stanza && statusOf(stanza).installed ? stanza.get('Version') : undefined;
}

/** The status stanza dpkg writes once it has set `available` up, its selection kept (a held package stays held). */
export function installedStanza(available: Stanza, want: string): Stanza {
  const fields = new Map<string, string>([['Package', available.get('Package') ?? ''], ['Status', `${want} ok installed`]]);
  for (const name of ['Priority', 'Section', 'Installed-Size', 'Maintainer', 'Architecture', 'Version', 'Description']) {
    const value = available.get(name);
    if (value !== undefined) fields.set(name, value);
  }
  return fields;
}

/**
 * The status stanza of `name` once `apt-mark hold|unhold` set its selection: held, or back to install (deinstall for a
 * package that is not installed). A package dpkg does not know yet gets a stanza of its own, as apt makes one for it.
 */
export function withSelection(stanza: Stanza | undefined, name: string, hold: boolean): Stanza {
  const installed = stanza !== undefined && statusOf(stanza).installed;
  const want = hold ? 'hold' : installed ? 'install' : 'deinstall';
  const fields = new Map(stanza ?? [['Package', name], ['Status', ''], ['Architecture', 'amd64']]);
  return fields.set('Status', `${want} ok ${installed ? 'installed' : 'not-installed'}`);
}

/** `stanzas` with `stanza` in place of the one for its package (or added), sorted by name as dpkg keeps its database. */
export function withStanza(stanzas: readonly Stanza[], stanza: Stanza): Stanza[] {
  const name = stanza.get('Package');
  return [...stanzas.filter((s) => s.get('Package') !== name), stanza].sort((a, b) => (a.get('Package') ?? '').localeCompare(b.get('Package') ?? ''));
}

/**
 * dpkg's ordering of versions (`[epoch:]upstream[-revision]`, compared epoch, then upstream, then revision; digits as
 * numbers, letters before other characters, `~` before anything, even the end): negative, zero or positive.
 */
export function compareVersions(a: string, b: string): number {
  const [epochA, upstreamA, revisionA] = splitVersion(a);
  const [epochB, upstreamB, revisionB] = splitVersion(b);
  return epochA - epochB || verrevcmp(upstreamA, upstreamB) || verrevcmp(revisionA, revisionB);
}

function splitVersion(version: string): [number, string, string] {
  const colon = version.indexOf(':');
  const epoch = colon >= 0 ? Number(version.slice(0, colon)) : 0;
  const rest = version.slice(colon + 1);
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? [epoch, rest.slice(0, dash), rest.slice(dash + 1)] : [epoch, rest, ''];
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
/** dpkg's order() of one character of a non-digit run; undefined is the end of the string. */
function characterOrder(c: string | undefined): number {
  if (c === undefined || isDigit(c)) return 0;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c === '~' ? -1 : c.charCodeAt(0) + 256;
}

/** dpkg's verrevcmp: alternating runs of non-digits (by characterOrder) and digits (by value). */
function verrevcmp(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !isDigit(a[i])) || (j < b.length && !isDigit(b[j]))) {
      const difference = characterOrder(a[i]) - characterOrder(b[j]);
      if (difference !== 0) return difference;
      i++;
      j++;
    }
    while (a[i] === '0') i++;
    while (b[j] === '0') j++;
    let firstDifference = 0;
    while (isDigit(a[i]) && isDigit(b[j])) {
      firstDifference ||= a.charCodeAt(i) - b.charCodeAt(j);
      i++;
      j++;
    }
    if (isDigit(a[i])) return 1;
    if (isDigit(b[j])) return -1;
    if (firstDifference !== 0) return firstDifference;
  }
  return 0;
}

/** One `deb` line of apt's sources: `deb [options] URI SUITE [COMPONENT…]`; a SUITE of `/` is a flat repository, as pkgs.k8s.io's are. */
export interface AptSource {
  readonly uri: string;
  readonly suite: string;
  readonly components: readonly string[];
}

/** The `deb` lines of every `*.list` in sources.list.d, files in name order as apt reads them; comments and `deb-src` lines skipped. */
export function readSources(fs: MemoryFs): AptSource[] {
  if (!fs.isDir(SOURCES_DIR)) return [];
  return fs.list(SOURCES_DIR).filter((name) => name.endsWith('.list')).flatMap((name) => {
    const text = readText(fs, `${SOURCES_DIR}/${decodeUtf8(name)}`) ?? '';
    return text.split('\n').flatMap((line) => {
      const words = line.replace(/#.*$/, '').replace(/\[[^\]]*\]/, '').trim().split(/\s+/);
      const [type, uri, suite, ...components] = words;
      return type === 'deb' && uri !== undefined && suite !== undefined ? [{ uri, suite, components }] : [];
    });
  });
}

/** How apt names a repository's files in its output: `https://pkgs.k8s.io/core:/stable:/v1.32/deb  InRelease` (flat: two spaces), `URI SUITE InRelease` otherwise. */
export function describeSource(source: AptSource, file: string): string {
  const base = source.uri.replace(/\/+$/, '');
  return source.suite === '/' ? `${base}  ${file}` : `${base} ${source.suite} ${file}`;
}

/** Where apt keeps a flat repository's Packages index: its URI without the scheme, `/` made `_` (pkgs.k8s.io_core:_stable:_v1.32_deb_Packages). */
export function listsFile(source: AptSource): string {
  const uri = source.uri.replace(/^[a-z+]+:\/\//, '').replace(/\/*$/, '/');
  return `${LISTS_DIR}/${uri.replace(/\//g, '_')}Packages`;
}

/** A version apt can install: its stanza in a repository's Packages index, and the source it came from. */
export interface AvailableVersion {
  readonly name: string;
  readonly version: string;
  readonly stanza: Stanza;
  readonly source: AptSource;
}

/** Every version the lists fetched for the current sources offer, in the sources' order. */
export function readAvailable(fs: MemoryFs): AvailableVersion[] {
  return readSources(fs).filter((source) => source.suite === '/').flatMap((source) => {
    const text = readText(fs, listsFile(source));
    return text === undefined ? [] : parseStanzas(text).map((stanza) => ({ name: stanza.get('Package') ?? '', version: stanza.get('Version') ?? '', stanza, source }));
  });
}

/** The minor repositories of the lab's pkgs.k8s.io: the newest patch of each, the cri-tools it ships, and each package's .deb size (bytes) and installed size (KiB). */
const repositories: Readonly<Record<string, { latestPatch: number; criTools: string; sizes: Readonly<Record<string, readonly [number, number]>> }>> = {
  'v1.32': {
    latestPatch: 4, criTools: '1.32.0',
    sizes: { kubeadm: [12_212_588, 64_316], kubectl: [11_229_312, 57_960], kubelet: [15_216_448, 77_632], 'cri-tools': [15_798_528, 77_908], 'kubernetes-cni': [36_360_908, 91_312] },
  },
  'v1.33': {
    latestPatch: 2, criTools: '1.33.0',
    sizes: { kubeadm: [12_734_592, 67_840], kubectl: [11_689_472, 60_516], kubelet: [15_906_112, 81_208], 'cri-tools': [16_204_288, 79_872], 'kubernetes-cni': [36_360_908, 91_312] },
  },
};
/** The CNI plugins' package, the same in every minor's repository. */
const KUBERNETES_CNI = '1.6.0';
/** The Packages files' descriptions, as the Kubernetes packages' control files give them. */
const synopses: Readonly<Record<string, string>> = {
  'cri-tools': 'Command-line utility for interacting with a container runtime',
  kubeadm: 'Command-line utility for administering a Kubernetes cluster',
  kubectl: 'Command-line utility for interacting with a Kubernetes cluster',
  kubelet: 'Node agent for Kubernetes clusters',
  'kubernetes-cni': 'Binaries required to provision kubernetes container networking',
};

/** The Kubernetes releases the lab's pkgs.k8s.io offers ('v1.32.0' … 'v1.33.2'), oldest first. */
export function kubernetesReleases(): string[] {
  return Object.entries(repositories).flatMap(([minor, repository]) => Array.from({ length: repository.latestPatch + 1 }, (_, patch) => `${minor}.${patch}`));
}

/** The Packages index of pkgs.k8s.io's `core:/stable:/MINOR` repository, or undefined when the lab has no such minor (404). */
export function repositoryIndex(minor: string): string | undefined {
  const repository = repositories[minor];
  if (!repository) return undefined;
  const kubernetes = Array.from({ length: repository.latestPatch + 1 }, (_, patch) => `${minor.slice(1)}.${patch}-1.1`);
  const published: [string, string][] = [
    ['cri-tools', `${repository.criTools}-1.1`],
    ...kubernetes.map((version): [string, string] => ['kubeadm', version]),
    ...kubernetes.map((version): [string, string] => ['kubectl', version]),
    ...kubernetes.map((version): [string, string] => ['kubelet', version]),
    ['kubernetes-cni', `${KUBERNETES_CNI}-1.1`],
  ];
  return formatStanzas(published.map(([name, version]) => {
    const [size, installedSize] = repository.sizes[name];
    return new Map([
      ['Package', name], ['Architecture', 'amd64'], ['Version', version], ['Priority', 'optional'], ['Section', 'admin'],
      ['Maintainer', 'Kubernetes Authors <dev@kubernetes.io>'], ['Installed-Size', String(installedSize)],
      ['Filename', `amd64/${name}_${version}_amd64.deb`], ['Size', String(size)], ['Description', `${synopses[name]}\n ${synopses[name]}.`],
    ]);
  }));
}

/** The minor a pkgs.k8s.io source points at (`https://pkgs.k8s.io/core:/stable:/v1.33/deb/ /` → 'v1.33'), or undefined for any other source. */
export function kubernetesMinor(source: AptSource): string | undefined {
  const match = /^https:\/\/pkgs\.k8s\.io\/core:\/stable:\/(v\d+\.\d+)\/deb\/?$/.exec(source.uri);
  return match && source.suite === '/' ? match[1] : undefined;
}

/** The packages of a Debian 12 kubeadm node besides Kubernetes', as dpkg lists them (a few of the system's, and containerd from Docker's packages). */
const basePackages: readonly { name: string; version: string; priority: string; section: string; installedKiB: number; maintainer: string; description: string }[] = [
  {
    name: 'apt', version: '2.6.1', priority: 'important', section: 'admin', installedKiB: 4_236, maintainer: 'APT Development Team <deity@lists.debian.org>',
    description: 'commandline package manager\n This package provides commandline tools for searching and\n managing as well as querying information about packages.',
  },
  {
    name: 'base-files', version: '12.4+deb12u10', priority: 'required', section: 'admin', installedKiB: 341, maintainer: 'Santiago Vila <sanvila@debian.org>',
    description: 'Debian base system miscellaneous files\n This package contains the basic filesystem hierarchy of a Debian system.',
  },
  {
    name: 'conntrack', version: '1:1.4.7-1+b2', priority: 'optional', section: 'net', installedKiB: 128, maintainer: 'Debian Netfilter Packaging Team <pkg-netfilter-team@lists.alioth.debian.org>',
    description: 'Program to modify the conntrack tables\n conntrack is a userspace command line program targeted at system\n administrators.',
  },
  {
    name: 'containerd.io', version: '1.7.25-1', priority: 'optional', section: 'devel', installedKiB: 125_578, maintainer: 'Containerd team <help@containerd.io>',
    description: 'An open and reliable container runtime',
  },
  {
    name: 'dpkg', version: '1.21.22', priority: 'required', section: 'admin', installedKiB: 6_335, maintainer: 'Dpkg Developers <debian-dpkg@lists.debian.org>',
    description: 'Debian package management system\n This package provides the low-level infrastructure for handling the\n installation and removal of Debian software packages.',
  },
  {
    name: 'iptables', version: '1.8.9-2', priority: 'optional', section: 'net', installedKiB: 2_818, maintainer: 'Debian Netfilter Packaging Team <pkg-netfilter-team@lists.alioth.debian.org>',
    description: 'administration tools for packet filtering and NAT\n iptables is the userspace command line program used to configure\n the Linux packet filtering ruleset.',
  },
];

/**
 * The package files of a node set up by the "Installing kubeadm" guide at Kubernetes `version` ('1.32.0'): kubeadm, the
 * kubelet and kubectl at that version, held (`apt-mark hold`); cri-tools and kubernetes-cni as their minor's repository
 * ships them; a few of Debian's own; the repository of that minor in kubernetes.list, and its Packages index as the
 * last `apt-get update` left it. Throws for a minor the lab's pkgs.k8s.io does not have.
 */
export function kubernetesNodePackageFiles(version = '1.32.0'): Record<string, string> {
  const minor = `v${version.split('.').slice(0, 2).join('.')}`;
  const index = repositoryIndex(minor);
  if (index === undefined) throw new Error(`the lab's pkgs.k8s.io has no ${minor} repository (it has ${Object.keys(repositories).join(', ')})`);
  const available = parseStanzas(index);
  const offered = (name: string) => new Map(available.find((stanza) => stanza.get('Package') === name));
  const kubernetes = ['kubeadm', 'kubectl', 'kubelet'].map((name) => installedStanza(offered(name).set('Version', `${version}-1.1`), 'hold'));
  const status = [
    ...basePackages.map((base) => new Map([
      ['Package', base.name], ['Status', 'install ok installed'], ['Priority', base.priority], ['Section', base.section], ['Installed-Size', String(base.installedKiB)],
      ['Maintainer', base.maintainer], ['Architecture', 'amd64'], ['Version', base.version], ['Description', base.description],
    ])),
    ...['cri-tools', 'kubernetes-cni'].map((name) => installedStanza(offered(name), 'install')),
  ];
  const source: AptSource = { uri: `https://pkgs.k8s.io/core:/stable:/${minor}/deb/`, suite: '/', components: [] };
  return {
    [DPKG_STATUS]: formatStanzas([...kubernetes, ...status].reduce<Stanza[]>(withStanza, [])),
    [`${SOURCES_DIR}/kubernetes.list`]: `deb [signed-by=/etc/apt/keyrings/kubernetes-apt-keyring.gpg] ${source.uri} /\n`,
    [listsFile(source)]: index,
  };
}

/** The text of a file, or undefined when there is none. */
export function readText(fs: MemoryFs, path: string): string | undefined {
  const file = encodeUtf8(path);
  return fs.isFile(file) ? decodeUtf8(fs.read(file)) : undefined;
}

/**
 * `kubeadm upgrade plan|apply|node` 1.32, as the "Upgrading kubeadm clusters" guide runs them: plan reads the cluster's
 * version and each kubelet's and offers the newest patch of the cluster's minor and the newest release of the next one
 * that this kubeadm can install; apply enforces kubeadm's version skew policy (phases/upgrade/policy.go) in its words,
 * asks before it acts unless told `--yes`, moves kubeadm-config and kube-proxy on through the API, and rewrites the
 * control plane's static pod manifests to the new images (the old ones backed up under /etc/kubernetes/tmp), which the
 * kubelet then runs; node refuses a kubelet newer than the control plane (its KubeletVersion preflight check) and
 * rewrites a worker's kubelet configuration, as the kubelet package's upgrade then expects.
 */
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import type { NodeKubeadm } from '../process/process-host.js';
import { alignColumns } from './columns.js';
import type { CommandContext } from './command-context.js';
import { installedVersion, kubernetesReleases } from './debian-packages.js';

interface Version {
  major: number;
  minor: number;
  patch: number;
}

const parseVersion = (text: string): Version | undefined => {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(text);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
};
const show = (v: Version) => `v${v.major}.${v.minor}.${v.patch}`;
const compare = (a: Version, b: Version) => a.major - b.major || a.minor - b.minor || a.patch - b.patch;

/** The version a node's kubeadm package installed ('1.33.1-1.1' → v1.33.1); a disk without dpkg's status has kubeadm 1.32.0, as the lab first installed it. */
export function packageVersion(context: Pick<CommandContext, 'fs'>, pkg: 'kubeadm' | 'kubelet' | 'kubectl'): Version {
  const installed = installedVersion(context.fs, pkg);
  return parseVersion(installed?.replace(/-.*$/, '') ?? '') ?? { major: 1, minor: 32, patch: 0 };
}

/** The node's kubeadm version as `kubeadm version` prints it. */
export const kubeadmGitVersion = (context: Pick<CommandContext, 'fs'>) => show(packageVersion(context, 'kubeadm'));

/** The control-plane programs whose static pods kubeadm upgrades, by manifest. */
const controlPlane = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'] as const;
const manifestPath = (program: string) => `/etc/kubernetes/manifests/${program}.yaml`;
/** The image line of a program's manifest: its registry path kept, its tag the part kubeadm moves on. */
const imageLine = (program: string) => new RegExp(`^(\\s*image:\\s*["']?\\S*${program}):(v[0-9.]+)(["']?\\s*)$`, 'm');
/** etcd and CoreDNS as kubeadm 1.32 and 1.33 both pin them for the lab's releases: plan shows them, apply leaves them. */
const etcdVersion = '3.5.16-0';
const corednsVersion = 'v1.11.3';

function readText(context: CommandContext, path: string): string | undefined {
  const file = encodeUtf8(path);
  return context.fs.isFile(file) ? decodeUtf8(context.fs.read(file)) : undefined;
}

/** kubeadm's fatal error: its words, then klog's hint, exit 1. */
function fatal(context: CommandContext, message: string): number {
  context.stderr(`${message}\nTo see the stack trace of this error execute with --v=5 or higher\n`);
  return 1;
}

/** The version of a control-plane program its manifest runs, or undefined when there is no manifest (or no tag kubeadm knows). */
function manifestVersion(context: CommandContext, program: string): Version | undefined {
  const text = readText(context, manifestPath(program));
  const tag = text === undefined ? undefined : imageLine(program).exec(text)?.[2];
  return tag === undefined ? undefined : parseVersion(tag);
}

/** Go's time layout 2006-01-02-15-04-05, as kubeadm names its backup folders. */
const stamp = (d: Date) => d.toISOString().slice(0, 19).replace(/[T:]/g, '-');

interface Cluster {
  version: Version;
  kubelets: [string, string][];
}

/** The cluster as kubeadm reads it first, or its failure (the API unreachable, kubeadm-config unreadable). */
function readCluster(kubeadm: NodeKubeadm | undefined): Cluster | string {
  const cluster = kubeadm?.cluster();
  const version = cluster === undefined ? undefined : parseVersion(cluster.version);
  if (!cluster || !version) return 'unable to fetch the kubeadm-config ConfigMap: failed to get config map: the server could not find the requested resource';
  return { version, kubelets: Object.entries(cluster.kubelets).sort(([a], [b]) => a.localeCompare(b)) };
}

const configPreamble = (context: CommandContext, phase: string) => context.stdout(
  `[${phase}] Reading configuration from the cluster...\n[${phase}] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n`,
);

/** The releases the lab's dl.k8s.io knows, newest first. */
const releases = () => kubernetesReleases().map((r) => parseVersion(r)!).sort((a, b) => compare(b, a));

/**
 * The upgrades plan offers: the newest patch of the cluster's minor, and the newest release of the next minor when this
 * kubeadm is of that minor (an older kubeadm falls back to its own minor's stable, as its version lookup does).
 */
function availableUpgrades(cluster: Version, kubeadm: Version): { description: string; target: Version }[] {
  const all = releases();
  const series = all.find((r) => r.minor === cluster.minor);
  const stable = all.find((r) => r.minor === Math.min(kubeadm.minor, cluster.minor + 1));
  const upgrades: { description: string; target: Version }[] = [];
  if (series && compare(series, cluster) > 0) upgrades.push({ description: `the latest version in the v${cluster.major}.${cluster.minor} series`, target: series });
  if (stable && stable.minor > cluster.minor) upgrades.push({ description: 'the latest stable version', target: stable });
  return upgrades;
}

function table(rows: string[][]): string {
  return alignColumns(rows, { minWidth: 0, padding: 3 }).map((l) => `${l.trimEnd()}\n`).join('');
}

function plan(context: CommandContext, node: string, kubeadm: NodeKubeadm | undefined): number {
  context.stdout('[preflight] Running pre-flight checks.\n');
  configPreamble(context, 'upgrade/config');
  const cluster = readCluster(kubeadm);
  if (typeof cluster === 'string') return fatal(context, `[upgrade/config] FATAL: ${cluster}`);
  const own = packageVersion(context, 'kubeadm');
  const all = releases();
  const stable = all.find((r) => r.minor === Math.min(own.minor, cluster.version.minor + 1)) ?? own;
  context.stdout('[upgrade] Running cluster health checks\n[upgrade] Fetching available versions to upgrade to\n');
  context.stdout(`[upgrade/versions] Cluster version: ${show(cluster.version)}\n[upgrade/versions] kubeadm version: ${show(own)}\n`);
  context.stdout(`[upgrade/versions] Target version: ${show(stable)}\n`);
  const series = all.find((r) => r.minor === cluster.version.minor);
  if (series) context.stdout(`[upgrade/versions] Latest version in the v${series.major}.${series.minor} series: ${show(series)}\n`);
  const upgrades = availableUpgrades(cluster.version, own);
  if (upgrades.length === 0) {
    context.stdout('\nAwesome, you\'re up-to-date! Enjoy!\n');
    return 0;
  }
  for (const { description, target } of upgrades) {
    const to = show(target);
    context.stdout(`\nComponents that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':\n`);
    context.stdout(table([['COMPONENT', 'NODE', 'CURRENT', 'TARGET'], ...cluster.kubelets.map(([name, version]) => ['kubelet', name, version, to])]));
    context.stdout(`\nUpgrade to ${description}:\n\n`);
    const current = (program: string) => show(manifestVersion(context, program) ?? cluster.version);
    context.stdout(table([
      ['COMPONENT', 'NODE', 'CURRENT', 'TARGET'],
      ...controlPlane.map((program) => [program, node, current(program), to]),
      ['kube-proxy', '', show(cluster.version).slice(1), to],
      ['CoreDNS', '', corednsVersion, corednsVersion],
      ['etcd', node, etcdVersion, etcdVersion],
    ]));
    context.stdout(`\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ${to}\n`);
    if (compare(own, target) < 0) context.stdout(`\nNote: Before you can perform this upgrade, you have to update kubeadm to ${to}.\n`);
    context.stdout('\n_____________________________________________________________________\n');
  }
  context.stdout(`
The table below shows the current state of component configs as understood by this version of kubeadm.
Configs that have a "yes" mark in the "MANUAL UPGRADE REQUIRED" column require manual config upgrade or
resetting to kubeadm defaults before a successful upgrade can be performed. The version to manually
upgrade to is denoted in the "PREFERRED VERSION" column.

API GROUP                 CURRENT VERSION   PREFERRED VERSION   MANUAL UPGRADE REQUIRED
kubeproxy.config.k8s.io   v1alpha1          v1alpha1            no
kubelet.config.k8s.io     v1beta1           v1beta1             no
_____________________________________________________________________

`);
  return 0;
}

/** kubeadm's version skew policy for an upgrade of `cluster` to `target` with this kubeadm: errors nothing can bypass, and those --force can. */
export function versionSkewErrors(cluster: Version, kubeadm: Version, target: Version, kubelets: readonly string[]): { mandatory: string[]; skippable: string[] } {
  const mandatory: string[] = [];
  const skippable: string[] = [];
  const to = show(target);
  if (target.minor > cluster.minor + 1) mandatory.push(`Specified version to upgrade to "${to}" is too high; kubeadm can upgrade only 1 minor version at a time`);
  if (target.minor < cluster.minor - 1) mandatory.push(`Specified version to downgrade to "${to}" is too low; kubeadm can downgrade only 1 minor version at a time`);
  if (compare(kubeadm, target) < 0) {
    if (target.minor > kubeadm.minor) {
      mandatory.push(`Specified version to upgrade to "${to}" is at least one minor release higher than the kubeadm minor release (${target.minor} > ${kubeadm.minor}). Such an upgrade is not supported`);
    } else {
      skippable.push(`Specified version to upgrade to "${to}" is higher than the kubeadm version "${show(kubeadm)}". Upgrade kubeadm first using the tool you used to install kubeadm`);
    }
  }
  if (kubeadm.major > target.major || kubeadm.minor > target.minor) {
    skippable.push(`Kubeadm version ${show(kubeadm)} can only be used to upgrade to Kubernetes version ${kubeadm.major}.${kubeadm.minor}`);
  }
  const tooOld = [...new Set(kubelets)].filter((k) => {
    const v = parseVersion(k);
    return v !== undefined && target.minor > v.minor + 1;
  });
  if (tooOld.length) skippable.push(`There are kubelets in this cluster that are too old that have these versions [${tooOld.join(' ')}]`);
  return { mandatory, skippable };
}

const formatErrors = (errors: string[]) => errors.map((e) => `\t- ${e}\n`).join('');

/** Rewrites each control-plane manifest to `target`'s images, the old one kept in a backup folder, saying each step as kubeadm does. */
function upgradeStaticPods(context: CommandContext, target: Version): number {
  const to = show(target);
  const now = context.runtime.now();
  const backups = `/etc/kubernetes/tmp/kubeadm-backup-manifests-${stamp(now)}`;
  context.stdout(`[upgrade/staticpods] Writing new Static Pod manifests to "/etc/kubernetes/tmp/kubeadm-upgraded-manifests${now.getTime() % 1_000_000_000}"\n`);
  for (const program of controlPlane) {
    const path = manifestPath(program);
    const text = readText(context, path);
    const line = text === undefined ? undefined : imageLine(program).exec(text);
    if (text === undefined || !line) {
      return fatal(context, `[upgrade/apply] FATAL: couldn't complete the static pod upgrade: failed to upgrade the ${program} static pod: open ${path}: no such file or directory`);
    }
    context.stdout(`[upgrade/staticpods] Preparing for "${program}" upgrade\n`);
    if (line[2] === to) {
      context.stdout(`[upgrade/staticpods] Current and new manifests of ${program} are equal, skipping upgrade\n`);
      continue;
    }
    context.fs.mkdir(encodeUtf8(backups), { parents: true });
    context.fs.write(encodeUtf8(`${backups}/${program}.yaml`), encodeUtf8(text));
    context.fs.write(encodeUtf8(path), encodeUtf8(text.replace(imageLine(program), `$1:${to}$3`)));
    context.stdout(`[upgrade/staticpods] Moved new manifest to "${path}" and backed up old manifest to "${backups}/${program}.yaml"\n`);
    context.stdout('[upgrade/staticpods] Waiting for the kubelet to restart the component\n[upgrade/staticpods] This can take up to 5m0s\n');
    context.stdout(`[apiclient] Found 1 Pods for label selector component=${program}\n[upgrade/staticpods] Component "${program}" upgraded successfully!\n`);
  }
  return 0;
}

/** Backs up the kubelet's configuration and writes it again from the cluster's (unchanged between the lab's releases), as upgrade's kubelet-config phase does. */
function rewriteKubeletConfig(context: CommandContext): void {
  const config = readText(context, '/var/lib/kubelet/config.yaml');
  const backup = `/etc/kubernetes/tmp/kubeadm-kubelet-config-${stamp(context.runtime.now())}`;
  if (config !== undefined) {
    context.fs.mkdir(encodeUtf8(backup), { parents: true });
    context.fs.write(encodeUtf8(`${backup}/config.yaml`), encodeUtf8(config));
    context.stdout(`[upgrade] Backing up kubelet config file to ${backup}/config.yaml\n`);
  }
  context.stdout('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n');
  context.stdout('[upgrade/kubelet-config] The kubelet configuration for this node was successfully upgraded!\n');
}

/** The answer to kubeadm's "Are you sure?": a line from standard input, y or Y to go on. */
async function confirmed(context: CommandContext): Promise<boolean> {
  context.stdout('[upgrade] Are you sure you want to proceed? [y/N]: ');
  const line = context.stdin ? await context.stdin.readLine() : context.input.split('\n')[0];
  return /^[yY]$/.test((line ?? '').trim());
}

async function apply(context: CommandContext, kubeadm: NodeKubeadm | undefined, words: string[], flags: Set<string>): Promise<number> {
  const [wanted] = words;
  if (wanted === undefined) return fatal(context, 'missing one or more required arguments. Required arguments: [version]');
  const target = parseVersion(wanted);
  if (!target) return fatal(context, `[upgrade/version] FATAL: couldn't parse version "${wanted}": could not parse "${wanted}" as version`);
  configPreamble(context, 'upgrade');
  context.stdout('[preflight] Running pre-flight checks.\n[upgrade] Running cluster health checks\n');
  const cluster = readCluster(kubeadm);
  if (typeof cluster === 'string') return fatal(context, `[upgrade/config] FATAL: ${cluster}`);
  const own = packageVersion(context, 'kubeadm');
  const to = show(target);
  context.stdout(`[upgrade/preflight] You have chosen to upgrade the cluster version to "${to}"\n`);
  context.stdout(`[upgrade/versions] Cluster version: ${show(cluster.version)}\n[upgrade/versions] kubeadm version: ${show(own)}\n`);
  const force = flags.has('force') || flags.has('f');
  const { mandatory, skippable } = versionSkewErrors(cluster.version, own, target, cluster.kubelets.map(([, v]) => v));
  if (mandatory.length) {
    return fatal(context, `[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors:\n\n${formatErrors(mandatory)}\nPlease fix the misalignments highlighted above and try upgrading again`);
  }
  if (skippable.length && !force) {
    return fatal(context, `[upgrade/version] FATAL: the --version argument is invalid due to these errors:\n\n${formatErrors(skippable)}\nCan be bypassed if you pass the --force flag`);
  }
  if (!(flags.has('yes') || flags.has('y') || force) && !(await confirmed(context))) {
    context.stdout('\n');
    return fatal(context, "won't proceed; the user didn't answer (Y|y) in order to continue");
  }
  try {
    await kubeadm!.upgrade(to, context.runtime.cause);
  } catch (e) {
    return fatal(context, `[upgrade/apply] FATAL: couldn't upgrade the cluster's configuration: ${(e as Error).message}`);
  }
  context.stdout(`[upgrade/control-plane] Upgrading your static Pod-hosted control plane to version "${to}" (timeout: 5m0s)...\n`);
  context.stdout(`[upgrade/etcd] Upgrading to TLS for etcd\n[upgrade/staticpods] Current and new manifests of etcd are equal, skipping upgrade\n`);
  const moved = upgradeStaticPods(context, target);
  if (moved !== 0) return moved;
  context.stdout('[upgrade/control-plane] The control plane instance for this node was successfully upgraded!\n');
  context.stdout('[upload-config] Storing the configuration used in ConfigMap "kubeadm-config" in the "kube-system" Namespace\n');
  context.stdout('[kubelet] Storing the configuration used in ConfigMap "kubelet-config" in namespace kube-system with the configuration for the kubelets in the cluster\n');
  rewriteKubeletConfig(context);
  context.stdout('[upgrade/bootstrap-token] Configuring bootstrap token and cluster-info RBAC rules\n[addons] Applied essential addon: CoreDNS\n[addons] Applied essential addon: kube-proxy\n\n');
  context.stdout(`[upgrade] SUCCESS! A control plane node of the cluster was upgraded to "${to}".\n\n`);
  context.stdout('[upgrade] Now please proceed with upgrading the rest of the nodes by following the right order.\n');
  return 0;
}

async function upgradeNode(context: CommandContext, kubeadm: NodeKubeadm | undefined, isControlPlane: boolean): Promise<number> {
  configPreamble(context, 'upgrade');
  const cluster = readCluster(kubeadm);
  if (typeof cluster === 'string') return fatal(context, `[upgrade/config] FATAL: ${cluster}`);
  context.stdout('[preflight] Running pre-flight checks\n');
  const kubelet = packageVersion(context, 'kubelet');
  if (kubelet.minor > cluster.version.minor) {
    return fatal(context, `error execution phase preflight: [preflight] Some fatal errors occurred:\n\t[ERROR KubeletVersion]: the kubelet version is higher than the control plane version. `
      + `This is not a supported version skew and may lead to a malfunctional cluster. Kubelet version: "${show(kubelet).slice(1)}" Control plane version: "${show(cluster.version).slice(1)}"\n`
      + '[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`');
  }
  if (isControlPlane) {
    context.stdout(`[upgrade/control-plane] Upgrading your Static Pod-hosted control plane instance to version "${show(cluster.version)}"...\n`);
    const moved = upgradeStaticPods(context, cluster.version);
    if (moved !== 0) return moved;
  } else {
    context.stdout('[preflight] Skipping prepull. Not a control plane node.\n[upgrade/control-plane] Skipping phase. Not a control plane node.\n[upgrade/kubeconfig] Skipping phase. Not a control plane node.\n');
  }
  rewriteKubeletConfig(context);
  if (!isControlPlane) context.stdout('[upgrade/addon] Skipping the addon/coredns phase. Not a control plane node.\n[upgrade/addon] Skipping the addon/kube-proxy phase. Not a control plane node.\n');
  context.stdout('[upgrade] The configuration for this node was successfully upgraded!\n[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.\n');
  return 0;
}

/** `kubeadm upgrade VERB [ARGS]`: `words` after `upgrade`, `flags` by name without dashes. */
export async function kubeadmUpgrade(context: CommandContext, words: string[], flags: Set<string>): Promise<number> {
  const services = context.runtime.services;
  const node = services?.hostname ?? 'controlplane';
  const isControlPlane = readText(context, '/etc/kubernetes/admin.conf') !== undefined;
  const [verb, ...rest] = words;
  if ((verb === 'plan' || verb === 'apply') && !isControlPlane) {
    return fatal(context, 'failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory');
  }
  switch (verb) {
    case 'plan':
      return plan(context, node, services?.kubeadm);
    case 'apply':
      return apply(context, services?.kubeadm, rest, flags);
    case 'node':
      return upgradeNode(context, services?.kubeadm, isControlPlane);
    default:
      context.stderr(verb === undefined ? 'missing subcommand; "upgrade" is not meant to be run on its own\n' : `unknown command "${verb}" for "kubeadm upgrade"\n`);
      return 1;
  }
}

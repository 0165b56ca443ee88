/**
 * `kubeadm` on a node, of the version its package installed: `version` (`-o short|json|yaml`), `upgrade plan|apply|node`
 * (kubeadm-upgrade.ts), and on the control-plane node `certs check-expiration` (every certificate kubeadm manages and its
 * CA, when each expires and how long is left, `<invalid>` once it has) and `certs renew all|NAME` (a new year of validity
 * from now, the file rewritten in place, as kubeadm renews with the existing CA), `token create|list` and `join`
 * (kubeadm-join.ts).
 */
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import { alignColumns } from './columns.js';
import { complain, type CommandContext } from './command-context.js';
import { shortHumanDuration } from './human-duration.js';
import { kubeadmJoin, kubeadmToken } from './kubeadm-join.js';
import { kubeadmGitVersion, kubeadmUpgrade } from './kubeadm-upgrade.js';
import { kubeadmAuthorities, kubeadmCertificates, kubeadmPkiFileOf, kubeadmPkiText, certificateValidity, kubeconfigCertificate, withKubeconfigCertificate, type KubeadmCertificate } from './kubeadm-pki.js';

/** kubeadm's version.Info, of the release the node's package installed. */
function versionInfo(context: CommandContext) {
  const gitVersion = kubeadmGitVersion(context);
  return {
    major: '1', minor: gitVersion.split('.')[1], gitVersion, gitCommit: '70d3cc986aa8221cd1dfb1121852688902d3bf53', gitTreeState: 'clean',
    buildDate: '2024-12-11T18:04:20Z', goVersion: 'go1.23.3', compiler: 'gc', platform: 'linux/amd64',
  };
}

function version(context: CommandContext, output: string | undefined): number {
  const v = versionInfo(context);
  switch (output) {
    case undefined:
      context.stdout(`kubeadm version: &version.Info{Major:"${v.major}", Minor:"${v.minor}", GitVersion:"${v.gitVersion}", GitCommit:"${v.gitCommit}", GitTreeState:"${v.gitTreeState}", `
        + `BuildDate:"${v.buildDate}", GoVersion:"${v.goVersion}", Compiler:"${v.compiler}", Platform:"${v.platform}"}\n`);
      return 0;
    case 'short':
      context.stdout(`${v.gitVersion}\n`);
      return 0;
    case 'json':
      context.stdout(`${JSON.stringify({ clientVersion: v }, null, 2)}\n`);
      return 0;
    case 'yaml':
      context.stdout(`clientVersion:\n${Object.entries(v).map(([k, value]) => `  ${k}: ${/^\d|:/.test(value) ? `"${value}"` : value}`).join('\n')}\n`);
      return 0;
    default:
      context.stderr(`error: invalid output format: ${output}\n`);
      return 1;
  }
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Go's "Jan 02, 2006 15:04 MST" in UTC. */
const expires = (d: Date) => `${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, '0')}, ${d.getUTCFullYear()} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')} UTC`;

/** The text of a file, or undefined when there is none. */
function readFile(context: CommandContext, path: string): string | undefined {
  const file = encodeUtf8(path);
  return context.fs.isFile(file) ? decodeUtf8(context.fs.read(file)) : undefined;
}

/** The certificate a kubeadm entry is: the .crt file, or the client certificate a kubeconfig embeds. */
function certificateText(context: CommandContext, cert: Pick<KubeadmCertificate, 'path'>): string | undefined {
  const text = readFile(context, cert.path);
  return text !== undefined && cert.path.endsWith('.conf') ? kubeconfigCertificate(text) : text;
}

const preamble = (context: CommandContext, phase: string) => context.stdout(
  `[${phase}] Reading configuration from the cluster...\n[${phase}] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -o yaml'\n\n`,
);

/** kubeadm's failure without the control plane's admin kubeconfig (a worker): it cannot read its configuration from the cluster. */
function needsControlPlane(context: CommandContext): number | undefined {
  if (readFile(context, '/etc/kubernetes/admin.conf') !== undefined) return undefined;
  context.stderr('failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n');
  return 1;
}

function checkExpiration(context: CommandContext): number {
  const refused = needsControlPlane(context);
  if (refused !== undefined) return refused;
  preamble(context, 'check-expiration');
  const now = context.runtime.now().getTime();
  const when = (text: string | undefined) => {
    const notAfter = text === undefined ? undefined : certificateValidity(text)?.notAfter;
    return notAfter ? [expires(notAfter), shortHumanDuration(notAfter.getTime() - now)] : undefined;
  };
  const rows = kubeadmCertificates.map((c) => {
    const dates = when(certificateText(context, c));
    return dates ? [c.name, ...dates, c.ca, 'no      '] : [`!MISSING! ${c.name}`, '', '', '', ''];
  });
  const table = (header: string[], body: string[][]) => alignColumns([header, ...body], { minWidth: 10, padding: 3 }).map((l) => `${l}\n`).join('');
  context.stdout(table(['CERTIFICATE', 'EXPIRES', 'RESIDUAL TIME', 'CERTIFICATE AUTHORITY', 'EXTERNALLY MANAGED'], rows));
  const authorities = kubeadmAuthorities.map((a) => {
    const dates = when(readFile(context, a.path));
    return dates ? [a.name, ...dates, 'no      '] : [`!MISSING! ${a.name}`, '', '', ''];
  });
  context.stdout(`\n${table(['CERTIFICATE AUTHORITY', 'EXPIRES', 'RESIDUAL TIME', 'EXTERNALLY MANAGED'], authorities)}`);
  return 0;
}

function renew(context: CommandContext, which: string | undefined): number {
  const chosen = which === 'all' ? kubeadmCertificates : kubeadmCertificates.filter((c) => c.name === which);
  if (which === undefined || chosen.length === 0) {
    context.stderr(which === undefined ? 'missing subcommand; "renew" is not meant to be run on its own\n' : `unknown command "${which}" for "kubeadm certs renew"\n`);
    return 1;
  }
  const refused = needsControlPlane(context);
  if (refused !== undefined) return refused;
  preamble(context, 'renew');
  const now = context.runtime.now();
  for (const c of chosen) {
    const text = readFile(context, c.path);
    const certificate = text === undefined ? undefined : certificateText(context, c);
    const name = certificate === undefined ? undefined : kubeadmPkiFileOf(certificate);
    if (text === undefined || name === undefined) return complain(context, `failed to renew certificate ${c.name}: open ${c.path}: no such file or directory`);
    const renewed = kubeadmPkiText(name, now);
    context.fs.write(encodeUtf8(c.path), encodeUtf8(c.path.endsWith('.conf') ? withKubeconfigCertificate(text, renewed) : renewed));
    context.stdout(`${c.renewed} renewed\n`);
  }
  if (which === 'all') context.stdout('\nDone renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n');
  return 0;
}

export function kubeadm(context: CommandContext): number | Promise<number> {
  const args = context.args.map(decodeUtf8);
  const output = args.find((a, i) => a.startsWith('--output=') || a.startsWith('-o=') || (i > 0 && (args[i - 1] === '-o' || args[i - 1] === '--output')));
  const words = args.filter((a, i) => !a.startsWith('-') && !(i > 0 && (args[i - 1] === '-o' || args[i - 1] === '--output')));
  const [command, verb, name] = words;
  if (command === 'version') return version(context, output?.replace(/^-(-output|o)=/, ''));
  if (command === 'certs' && verb === 'check-expiration') return checkExpiration(context);
  if (command === 'certs' && verb === 'renew') return renew(context, name);
  if (command === 'token') return kubeadmToken(context, args);
  if (command === 'join') return kubeadmJoin(context, args);
  if (command === 'upgrade') return kubeadmUpgrade(context, words.slice(1), new Set(args.filter((a) => a.startsWith('-')).map((a) => a.replace(/^-+/, '').replace(/=.*$/, ''))));
  if (command === undefined) {
    context.stdout('\n    ┌──────────────────────────────────────────────────────────┐\n    │ KUBEADM                                                  │\n    │ Easily bootstrap a secure Kubernetes cluster             │\n    └──────────────────────────────────────────────────────────┘\n\nUsage:\n  kubeadm [command]\n\nAvailable Commands (in this lab):\n  certs       Commands related to handling kubernetes certificates\n  join        Run this on any machine you wish to join an existing cluster\n  token       Manage bootstrap tokens\n  upgrade     Upgrade your cluster smoothly to a newer version with this command\n  version     Print the version of kubeadm\n');
    return 0;
  }
  context.stderr(`unknown command "${[command, verb].filter(Boolean).join(' ')}" for "kubeadm" (this lab's kubeadm knows version, certs check-expiration, certs renew, token create|list, join and upgrade plan|apply|node)\n`);
  return 1;
}

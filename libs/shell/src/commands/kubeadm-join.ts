/**
 * `kubeadm token create|list` on the control-plane node and `kubeadm join` on a machine that has not joined, as kubeadm
 * 1.32 words them: a token is a bootstrap token Secret in kube-system (24 h unless --ttl says otherwise), and
 * `--print-join-command` prints the line that joins a node (the API's address, the token, the hash of the cluster CA's
 * public key); join checks its flags, then its preflight (a node that has joined already has kubelet.conf), then
 * discovery (the endpoint, the token, the CA hash pinned), writes the kubelet's files its TLS bootstrap leaves, and starts
 * the kubelet, whose node then registers and turns Ready.
 */
import { encodeUtf8 } from '../io/byte-string.js';
import type { BootstrapToken, NodeKubeadm } from '../process/process-host.js';
import { alignColumns } from './columns.js';
import { shortHumanDuration } from './human-duration.js';
import type { CommandContext } from './command-context.js';

const tokenForm = /^([a-z0-9]{6})\.([a-z0-9]{16})$/;
const stackHint = 'To see the stack trace of this error execute with --v=5 or higher\n';

function fatal(context: CommandContext, message: string): number {
  context.stderr(`${message}\n${stackHint}`);
  return 1;
}

/** A flag's value: `--name=value` or `--name value`. */
function flagValue(args: readonly string[], name: string): string | undefined {
  const at = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) return undefined;
  return args[at].includes('=') ? args[at].slice(args[at].indexOf('=') + 1) : args[at + 1];
}

/** The words that are not flags nor the values of those that take one. */
function positional(args: readonly string[], valued: readonly string[]): string[] {
  return args.filter((a, i) => !a.startsWith('-') && !(i > 0 && valued.includes(args[i - 1].replace(/^--/, '')) && !args[i - 1].includes('=')));
}

/** A Go duration of hours, minutes and seconds (24h0m0s, 2h, 90m; 0 is none) in seconds; undefined when it is not one. */
function durationSeconds(text: string): number | undefined {
  if (text === '0') return 0;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$/.exec(text);
  return m && text !== '' ? Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0) : undefined;
}

function list(context: CommandContext, tokens: readonly BootstrapToken[]): number {
  if (tokens.length === 0) return 0;
  const now = context.runtime.now().getTime();
  const rows = tokens.map((t) => [
    t.token, t.expiration ? shortHumanDuration(new Date(t.expiration).getTime() - now) : '<forever>', t.expiration ?? '<never>',
    t.usages.join(','), t.description ?? '<none>', t.groups.join(','),
  ]);
  context.stdout(alignColumns([['TOKEN', 'TTL', 'EXPIRES', 'USAGES', 'DESCRIPTION', 'EXTRA GROUPS'], ...rows], { minWidth: 0, padding: 3 }).map((l) => `${l.trimEnd()}\n`).join(''));
  return 0;
}

async function create(context: CommandContext, kubeadm: NodeKubeadm, args: readonly string[]): Promise<number> {
  const ttlText = flagValue(args, 'ttl') ?? '24h0m0s';
  const ttlSeconds = durationSeconds(ttlText);
  if (ttlSeconds === undefined) return fatal(context, `invalid argument "${ttlText}" for "--ttl" flag: time: invalid duration "${ttlText}"`);
  const description = flagValue(args, 'description');
  const discovery = kubeadm.discovery();
  let token: BootstrapToken;
  try {
    token = await kubeadm.createToken({ ttlSeconds, ...(description ? { description } : {}) }, context.runtime.cause);
  } catch (e) {
    return fatal(context, `failed to create or update bootstrap token with name bootstrap-token-: ${(e as Error).message}`);
  }
  if (!args.includes('--print-join-command')) {
    context.stdout(`${token.token}\n`);
    return 0;
  }
  if (!discovery) return fatal(context, 'failed to load the cluster CA: open /etc/kubernetes/pki/ca.crt: no such file or directory');
  context.stdout(`kubeadm join ${discovery.endpoint} --token ${token.token} --discovery-token-ca-cert-hash ${discovery.caCertHash} \n`);
  return 0;
}

/** `kubeadm token VERB`: create and list on a node with the admin's kubeconfig. */
export async function kubeadmToken(context: CommandContext, args: readonly string[]): Promise<number> {
  const kubeadm = context.runtime.services?.kubeadm;
  const [verb] = positional(args, ['ttl', 'description']).slice(1);
  if (verb !== 'create' && verb !== 'list') {
    context.stderr(verb === undefined ? 'missing subcommand; "token" is not meant to be run on its own\n' : `unknown command "${verb}" for "kubeadm token"\n`);
    return 1;
  }
  if (!context.fs.isFile(encodeUtf8('/etc/kubernetes/admin.conf')) || !kubeadm) {
    return fatal(context, 'failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory');
  }
  return verb === 'create' ? create(context, kubeadm, args) : list(context, kubeadm.tokens());
}

/** A preflight failure, in kubeadm's words for the checks that failed. */
function preflightFailed(context: CommandContext, errors: string[]): number {
  return fatal(context, `error execution phase preflight: [preflight] Some fatal errors occurred:\n${errors.map((e) => `\t[ERROR ${e}\n`).join('')}`
    + '[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`');
}

/** `kubeadm join ENDPOINT --token TOKEN --discovery-token-ca-cert-hash sha256:HASH` on a machine that has not joined. */
export async function kubeadmJoin(context: CommandContext, args: readonly string[]): Promise<number> {
  const [endpoint] = positional(args, ['token', 'discovery-token-ca-cert-hash', 'ignore-preflight-errors']).slice(1);
  const token = flagValue(args, 'token') ?? flagValue(args, 'discovery-token');
  const hashes = args.flatMap((a, i) => (a === '--discovery-token-ca-cert-hash' ? [args[i + 1]] : a.startsWith('--discovery-token-ca-cert-hash=') ? [a.slice(a.indexOf('=') + 1)] : []));
  const unsafe = args.includes('--discovery-token-unsafe-skip-ca-verification');
  if (token === undefined) return fatal(context, 'discovery: Invalid value: "": bootstrapToken or file must be set');
  if (!tokenForm.test(token)) return fatal(context, `discovery.bootstrapToken.token: Invalid value: "${token}": the bootstrap token "${token}" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"`);
  if (endpoint === undefined) return fatal(context, 'discovery.bootstrapToken.apiServerEndpoint: Invalid value: "": the API server endpoint must be set (kubeadm join HOST:PORT)');
  if (hashes.length === 0 && !unsafe) {
    return fatal(context, 'discovery.bootstrapToken: Invalid value: "": using token-based discovery without caCertHashes can be unsafe. '
      + 'Set unsafeSkipCAVerification as true in your kubeadm config file or pass --discovery-token-unsafe-skip-ca-verification flag to continue');
  }
  context.stdout('[preflight] Running pre-flight checks\n');
  const present = ['/etc/kubernetes/kubelet.conf', '/etc/kubernetes/pki/ca.crt'].filter((path) => context.fs.isFile(encodeUtf8(path)));
  if (present.length) return preflightFailed(context, present.map((path) => `FileAvailable-${path.replace(/\//g, '-')}]: ${path} already exists`));
  const services = context.runtime.services;
  const discovery = services?.kubeadm?.discovery();
  const [host, port = '6443'] = endpoint.split(':');
  if (!services?.kubeadm || !discovery || ![discovery.endpoint, `controlplane:${discovery.endpoint.split(':')[1]}`].includes(`${host}:${port}`)) {
    return fatal(context, `error execution phase preflight: couldn't validate the identity of the API Server: failed to request the cluster-info ConfigMap: `
      + `Get "https://${host}:${port}/api/v1/namespaces/kube-public/configmaps/cluster-info?timeout=10s": dial tcp ${host}:${port}: connect: connection refused`);
  }
  const id = token.slice(0, 6);
  if (!services.kubeadm.tokens().some((t) => t.token === token)) {
    return fatal(context, `error execution phase preflight: couldn't validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "${id}"`);
  }
  if (!unsafe && !hashes.includes(discovery.caCertHash)) {
    return fatal(context, 'error execution phase preflight: couldn\'t validate the identity of the API Server: cluster CA found in cluster-info ConfigMap is not signed by any of the public keys pinned by the discovery token CA cert hash');
  }
  context.stdout('[preflight] Reading configuration from the cluster...\n[preflight] FYI: You can look at this config file with \'kubectl -n kube-system get cm kubeadm-config -o yaml\'\n');
  const files = await services.kubeadm.join(context.runtime.cause);
  for (const [path, text] of Object.entries(files)) {
    context.fs.mkdir(encodeUtf8(path.slice(0, path.lastIndexOf('/'))), { parents: true });
    context.fs.write(encodeUtf8(path), encodeUtf8(text));
  }
  context.stdout('[kubelet-start] Writing kubelet configuration to file "/var/lib/kubelet/config.yaml"\n[kubelet-start] Writing kubelet environment file with flags to file "/var/lib/kubelet/kubeadm-flags.env"\n[kubelet-start] Starting the kubelet\n');
  await services.act('kubelet.service', 'restart', context.runtime.cause);
  context.stdout('[kubelet-check] Waiting for a healthy kubelet at http://127.0.0.1:10248/healthz. This can take up to 4m0s\n');
  if (services.unit('kubelet.service')?.active !== 'active') {
    return fatal(context, '[kubelet-check] The kubelet is not healthy after 4m0s\n\nUnfortunately, an error has occurred, likely caused by:\n\t- The kubelet is not running\n\t- The kubelet is unhealthy due to a misconfiguration of the node in some way (required cgroups disabled)\n\nIf you are on a systemd-powered system, you can try to troubleshoot the error with the following commands:\n\t- \'systemctl status kubelet\'\n\t- \'journalctl -xeu kubelet\'');
  }
  context.stdout(`[kubelet-check] The kubelet is healthy after 1.001s
[kubelet-start] Waiting for the kubelet to perform the TLS Bootstrap

This node has joined the cluster:
* Certificate signing request was sent to apiserver and a response was received.
* The Kubelet was informed of the new secure connection details.

Run 'kubectl get nodes' on the control-plane to see this node join the cluster.

`);
  return 0;
}

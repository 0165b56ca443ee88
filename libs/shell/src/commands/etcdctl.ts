/**
 * `etcdctl` and `etcdutl` on the control-plane node, as etcd 3.5.16's answer the CKA's backup and restore: `etcdctl
 * snapshot save` over TLS with the certificates from /etc/kubernetes/pki/etcd (refused, in etcd's client's words, without
 * them), `snapshot status`, `etcdutl snapshot restore --data-dir DIR` (which etcd carries out when its manifest's data
 * hostPath names DIR), `member list`, `endpoint health|status`, `get KEY --prefix --keys-only`, `version`. The store
 * they reach is the event log (NodeEtcd); off the control-plane node neither program is installed.
 */
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import type { EtcdMember, NodeEtcd } from '../process/process-host.js';
import { ProcessKilled, RunawayProcess } from '../process/runtime.js';
import { notOnThisHost, type CommandContext } from './command-context.js';
import { databasePath, databaseText, etcdTable, etcdVersion, humanBytes, parseSnapshotFile, snapshotFileText, type EtcdSnapshotFile } from './etcd-data.js';
import { fsFailure } from './fs-failure.js';
import { kubeadmPkiFileOf } from './kubeadm-pki.js';

/** etcdctl's exit codes (cobrautl): a failed call, and arguments it cannot use. */
const exitError = 1;
const exitBadArgs = 128;

const valueFlags = new Set([
  'endpoints', 'cacert', 'cert', 'key', 'write-out', 'dial-timeout', 'command-timeout', 'keepalive-time', 'keepalive-timeout', 'user', 'password',
  'discovery-srv', 'discovery-srv-name', 'data-dir', 'wal-dir', 'name', 'initial-cluster', 'initial-cluster-token', 'initial-advertise-peer-urls',
  'limit', 'rev', 'sort-by', 'order', 'max-txn-ops', 'max-request-bytes',
]);
const booleanFlags = new Set([
  'insecure-transport', 'insecure-skip-tls-verify', 'insecure-discovery', 'debug', 'hex', 'prefix', 'keys-only', 'print-value-only', 'count-only',
  'from-key', 'skip-hash-check', 'mark-compacted', 'help',
]);

interface Invocation {
  readonly words: readonly string[];
  readonly flags: ReadonlyMap<string, string>;
}

/** Flags anywhere among the words, as cobra takes them (`--name=value`, `--name value`, `-w table`); the error cobra prints for one it does not know. */
function parseInvocation(args: readonly string[], env: Readonly<Record<string, string>>): Invocation | { error: string } {
  const flags = new Map<string, string>();
  const words: string[] = [];
  for (const [name, variable] of [['endpoints', 'ETCDCTL_ENDPOINTS'], ['cacert', 'ETCDCTL_CACERT'], ['cert', 'ETCDCTL_CERT'], ['key', 'ETCDCTL_KEY'], ['write-out', 'ETCDCTL_WRITE_OUT']]) {
    if (env[variable] !== undefined) flags.set(name, env[variable]);
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      words.push(...args.slice(i + 1));
      break;
    }
    const short = /^-([wh])(=?)(.*)$/.exec(arg);
    const long = /^--([^=]+)(=?)(.*)$/.exec(arg);
    if (!short && !long) {
      words.push(arg);
      continue;
    }
    const name = short ? ({ w: 'write-out', h: 'help' } as const)[short[1] as 'w' | 'h'] : long![1];
    const [, , eq, inline] = (short ?? long)!;
    if (booleanFlags.has(name)) flags.set(name, eq ? inline : 'true');
    else if (valueFlags.has(name)) {
      if (eq || inline) flags.set(name, inline);
      else if (i + 1 < args.length) flags.set(name, args[++i]);
      else return { error: `flag needs an argument: ${arg}` };
    } else return { error: `unknown flag: ${arg}` };
  }
  return { words, flags };
}

/** A file-system failure as Go's os package words it (`no such file or directory`). */
const goError = (e: unknown) => fsFailure(e).toLowerCase();

const failWith = (context: CommandContext, message: string, code = exitError) => {
  context.stderr(`Error: ${message}\n`);
  return code;
};

/** zap's JSON line, as etcdctl logs to stderr. */
function zapJson(context: CommandContext, level: 'info' | 'warn', caller: string, msg: string, fields: Record<string, unknown>, logger?: string): void {
  const ts = context.runtime.now().toISOString().replace('Z', '000Z');
  context.stderr(`${JSON.stringify({ level, ts, ...(logger ? { logger } : {}), caller, msg, ...fields })}\n`);
}

/** zap's console line, as etcdutl logs to stderr. */
function zapConsole(context: CommandContext, caller: string, msg: string, fields: Record<string, unknown>): void {
  const json = JSON.stringify(fields).replace(/":/g, '": ').replace(/,"/g, ', "');
  context.stderr(`${context.runtime.now().toISOString()}\tinfo\t${caller}\t${msg}\t${json}\n`);
}

/** A file a TLS flag names, as Go opens it. */
function readTlsFile(context: CommandContext, path: string): string | { error: string } {
  const file = context.resolve(encodeUtf8(path));
  if (!context.fs.isFile(file)) return { error: `open ${path}: no such file or directory` };
  return decodeUtf8(context.fs.read(file));
}

/** The certificates signed by kubeadm's etcd CA that etcd takes from a client (its client-cert-auth). */
const etcdClientCertificates = new Set(['etcd/server.crt', 'etcd/peer.crt', 'etcd/healthcheck-client.crt', 'apiserver-etcd-client.crt']);

/** How connecting to etcd ends: at its member, refused in gRPC's words (after the command timeout), or failing at once (a file, a key). */
type Handshake = { member: EtcdMember } | { desc: string } | { fatal: string };

function connect(context: CommandContext, etcd: NodeEtcd, flags: ReadonlyMap<string, string>): Handshake & { endpoint: string } {
  const endpoint = (flags.get('endpoints') ?? '127.0.0.1:2379').split(',')[0].trim();
  const tls: Record<'cacert' | 'cert' | 'key', string | undefined> = { cacert: undefined, cert: undefined, key: undefined };
  for (const name of ['cacert', 'cert', 'key'] as const) {
    const path = flags.get(name);
    if (path === undefined || path === '') continue;
    const text = readTlsFile(context, path);
    if (typeof text !== 'string') return { endpoint, fatal: text.error };
    tls[name] = kubeadmPkiFileOf(text) ?? 'unknown';
  }
  if ((tls.cert === undefined) !== (tls.key === undefined)) return { endpoint, fatal: `KeyFile and CertFile must both be present[key: ${flags.get('key') ?? ''}, cert: ${flags.get('cert') ?? ''}]` };
  if (tls.cert && tls.key && tls.cert.replace(/\.crt$/, '') !== tls.key.replace(/\.key$/, '')) return { endpoint, fatal: 'tls: private key does not match public key' };
  const url = /^(?:(\w+):\/\/)?\[?([^\]/]+?)\]?:(\d+)\/?$/.exec(endpoint);
  const [, scheme, host, port] = url ?? [];
  const address = `${host ?? endpoint}:${port ?? ''}`;
  const refused = { endpoint, desc: `connection error: desc = "transport: Error while dialing: dial tcp ${address}: connect: connection refused"` };
  const member = etcd.serving();
  if (!url || !member || port !== '2379') return refused;
  const hosts = new Set(['127.0.0.1', 'localhost', ...member.clientUrls.map((u) => new URL(u).hostname)]);
  if (!hosts.has(host)) return refused;
  const secure = scheme === 'https' || (scheme === undefined && Object.values(tls).some((v) => v !== undefined));
  if (!secure) return { endpoint, desc: 'connection error: desc = "error reading server preface: EOF"' };
  if (tls.cacert !== 'etcd/ca.crt' && flags.get('insecure-skip-tls-verify') !== 'true') {
    return { endpoint, desc: 'connection error: desc = "transport: authentication handshake failed: tls: failed to verify certificate: x509: certificate signed by unknown authority"' };
  }
  if (tls.cert === undefined) return { endpoint, desc: 'connection error: desc = "error reading server preface: remote error: tls: certificate required"' };
  if (!etcdClientCertificates.has(tls.cert)) return { endpoint, desc: 'connection error: desc = "error reading server preface: remote error: tls: bad certificate"' };
  return { endpoint, member };
}

/** Go's time.ParseDuration for the timeouts etcdctl takes (`5s`, `500ms`, `1m`), in seconds. */
function durationSeconds(text: string | undefined, fallback: number): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)$/.exec(text ?? '');
  if (!m) return fallback;
  return Number(m[1]) * ({ ms: 0.001, s: 1, m: 60 } as const)[m[2] as 'ms' | 's' | 'm'];
}

/** Connects as etcdctl does, or waits out its command timeout and fails in its words; the member on success. */
async function reach(context: CommandContext, etcd: NodeEtcd, flags: ReadonlyMap<string, string>): Promise<EtcdMember | number> {
  const handshake = connect(context, etcd, flags);
  if ('fatal' in handshake) return failWith(context, handshake.fatal);
  if ('member' in handshake) return handshake.member;
  await context.runtime.sleep(durationSeconds(flags.get('command-timeout'), 5));
  const target = handshake.endpoint.replace(/^\w+:\/\//, '');
  zapJson(context, 'warn', 'v3@v3.5.16/retry_interceptor.go:62', 'retrying of unary invoker failed', {
    target: `etcd-endpoints://0xc0003a6000/${target}`, attempt: 0, error: `rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: ${handshake.desc}`,
  }, 'etcd-client');
  return failWith(context, 'context deadline exceeded');
}

type Output = 'simple' | 'table' | 'json' | 'fields';

function outputOf(flags: ReadonlyMap<string, string>): Output | undefined {
  const w = flags.get('write-out') ?? 'simple';
  return w === 'simple' || w === 'table' || w === 'json' || w === 'fields' ? w : undefined;
}

const memberId = (member: EtcdMember) => BigInt(`0x${member.id}`);
const clusterHeader = (member: EtcdMember, revision: number) => ({ cluster_id: 0xcdf818194e3a8c32n.toString(), member_id: memberId(member).toString(), revision, raft_term: 2 });

async function snapshotSave(context: CommandContext, etcd: NodeEtcd, flags: ReadonlyMap<string, string>, operands: readonly string[]): Promise<number> {
  if (operands.length !== 1) return failWith(context, 'snapshot save expects one argument', exitBadArgs);
  const path = operands[0];
  const member = await reach(context, etcd, flags);
  if (typeof member === 'number') return member;
  const part = `${path}.part`;
  try {
    context.fs.write(context.resolve(encodeUtf8(part)), '');
  } catch (e) {
    return failWith(context, `could not open ${part} (open ${part}: ${goError(e)})`);
  }
  zapJson(context, 'info', 'snapshot/v3_snapshot.go:65', 'created temporary db file', { path: part });
  const status = await etcd.status();
  const endpoint = (flags.get('endpoints') ?? '127.0.0.1:2379').split(',')[0].trim();
  zapJson(context, 'info', 'v3@v3.5.16/maintenance.go:212', 'opened snapshot stream; downloading', {}, 'client');
  zapJson(context, 'info', 'snapshot/v3_snapshot.go:73', 'fetching snapshot', { endpoint });
  zapJson(context, 'info', 'v3@v3.5.16/maintenance.go:220', 'completed snapshot read; closing', {}, 'client');
  const file: EtcdSnapshotFile = { ...status, version: '3.5.0' };
  try {
    context.fs.remove(context.resolve(encodeUtf8(part)));
    context.fs.write(context.resolve(encodeUtf8(path)), encodeUtf8(snapshotFileText(file)));
  } catch (e) {
    return failWith(context, `could not rename ${part} to ${path} (rename ${part} ${path}: ${goError(e)})`);
  }
  zapJson(context, 'info', 'snapshot/v3_snapshot.go:88', 'fetched snapshot', { endpoint, size: humanBytes(status.totalSize), took: 'now' });
  zapJson(context, 'info', 'snapshot/v3_snapshot.go:97', 'saved', { path });
  context.stdout(`Snapshot saved at ${path}\n`);
  return 0;
}

function readSnapshot(context: CommandContext, path: string): EtcdSnapshotFile | string {
  const file = context.resolve(encodeUtf8(path));
  if (!context.fs.exists(file)) return `stat ${path}: no such file or directory`;
  if (!context.fs.isFile(file)) return `read ${path}: is a directory`;
  return parseSnapshotFile(decodeUtf8(context.fs.read(file))) ?? 'invalid database';
}

function snapshotStatus(context: CommandContext, flags: ReadonlyMap<string, string>, operands: readonly string[]): number {
  if (operands.length !== 1) return failWith(context, 'snapshot status requires exactly one argument', exitBadArgs);
  const snapshot = readSnapshot(context, operands[0]);
  if (typeof snapshot === 'string') return failWith(context, snapshot);
  const row = [snapshot.hash, String(snapshot.revision), String(snapshot.totalKeys), humanBytes(snapshot.totalSize), snapshot.version];
  switch (outputOf(flags)) {
    case 'table':
      context.stdout(etcdTable(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE', 'VERSION'], [row]));
      return 0;
    case 'json':
      context.stdout(`${JSON.stringify({ hash: Number.parseInt(snapshot.hash, 16), revision: snapshot.revision, totalKey: snapshot.totalKeys, totalSize: snapshot.totalSize, version: snapshot.version })}\n`);
      return 0;
    case 'simple':
    case 'fields':
      context.stdout(`${row.join(', ')}\n`);
      return 0;
    default:
      return failWith(context, `unsupported output format: ${flags.get('write-out')}`);
  }
}

function snapshotRestore(context: CommandContext, flags: ReadonlyMap<string, string>, operands: readonly string[]): number {
  if (operands.length !== 1) return failWith(context, 'snapshot restore requires exactly one argument', exitBadArgs);
  const path = operands[0];
  const snapshot = readSnapshot(context, path);
  if (typeof snapshot === 'string') return failWith(context, snapshot);
  const name = flags.get('name') ?? 'default';
  const dataDir = flags.get('data-dir') ?? `${name}.etcd`;
  const dir = context.resolve(encodeUtf8(dataDir));
  if (context.fs.exists(dir) && (!context.fs.isDir(dir) || context.fs.list(dir).length > 0)) return failWith(context, `data-dir "${dataDir}" not empty or could not be read`);
  const walDir = flags.get('wal-dir') ?? `${dataDir}/member/wal`;
  const where = { path, 'wal-dir': walDir, 'data-dir': dataDir, 'snap-dir': `${dataDir}/member/snap`, 'initial-memory-map-size': 10737418240 };
  zapConsole(context, 'snapshot/v3_snapshot.go:265', 'restoring snapshot', where);
  try {
    context.fs.mkdir(context.resolve(encodeUtf8(`${dataDir}/member/snap`)), { parents: true });
    context.fs.mkdir(context.resolve(encodeUtf8(walDir)), { parents: true });
    const restoreId = Array.from(globalThis.crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
    const database = databaseText({ state: 'restored', restoreId, revision: snapshot.revision, snapshot: path, hash: snapshot.hash });
    context.fs.write(context.resolve(encodeUtf8(databasePath(dataDir))), encodeUtf8(database));
    context.fs.write(context.resolve(encodeUtf8(`${dataDir}/member/snap/0000000000000001-0000000000000001.snap`)), '');
    context.fs.write(context.resolve(encodeUtf8(`${walDir}/0000000000000000-0000000000000000.wal`)), '');
  } catch (e) {
    return failWith(context, `mkdir ${dataDir}: ${goError(e)}`);
  }
  zapConsole(context, 'mvcc/kvstore.go:388', 'restored last compact revision', { 'meta-bucket-name': 'meta', 'meta-bucket-name-key': 'finishedCompactRev', 'restored-compact-revision': snapshot.revision });
  const peer = flags.get('initial-advertise-peer-urls') ?? 'http://localhost:2380';
  zapConsole(context, 'membership/cluster.go:421', 'added member', { 'cluster-id': 'cdf818194e3a8c32', 'local-member-id': '0', 'added-peer-id': '8e9e05c52164694d', 'added-peer-peer-urls': [peer] });
  zapConsole(context, 'snapshot/v3_snapshot.go:293', 'restored snapshot', where);
  return 0;
}

async function memberList(context: CommandContext, etcd: NodeEtcd, flags: ReadonlyMap<string, string>): Promise<number> {
  const output = outputOf(flags);
  if (!output) return failWith(context, `unsupported output format: ${flags.get('write-out')}`);
  const member = await reach(context, etcd, flags);
  if (typeof member === 'number') return member;
  const row = [member.id, 'started', member.name, member.peerUrls.join(','), member.clientUrls.join(','), 'false'];
  if (output === 'table') context.stdout(etcdTable(['ID', 'STATUS', 'NAME', 'PEER ADDRS', 'CLIENT ADDRS', 'IS LEARNER'], [row]));
  else if (output === 'json') {
    const revision = (await etcd.status()).revision;
    context.stdout(`${JSON.stringify({ header: clusterHeader(member, revision), members: [{ ID: memberId(member).toString(), name: member.name, peerURLs: member.peerUrls, clientURLs: member.clientUrls }] })}\n`);
  } else context.stdout(`${row.join(', ')}\n`);
  return 0;
}

async function endpoint(context: CommandContext, etcd: NodeEtcd, flags: ReadonlyMap<string, string>, verb: string | undefined): Promise<number> {
  const output = outputOf(flags);
  if (!output) return failWith(context, `unsupported output format: ${flags.get('write-out')}`);
  const url = (flags.get('endpoints') ?? '127.0.0.1:2379').split(',')[0].trim();
  if (verb === 'health') {
    const handshake = connect(context, etcd, flags);
    if ('fatal' in handshake) return failWith(context, handshake.fatal);
    if ('desc' in handshake) {
      await context.runtime.sleep(durationSeconds(flags.get('command-timeout'), 5));
      context.stderr(`${url} is unhealthy: failed to commit proposal: context deadline exceeded\n`);
      return failWith(context, 'unhealthy cluster');
    }
    const took = '8.524113ms';
    if (output === 'table') context.stdout(etcdTable(['ENDPOINT', 'HEALTH', 'TOOK', 'ERROR'], [[url, 'true', took, '']]));
    else context.stdout(`${url} is healthy: successfully committed proposal: took = ${took}\n`);
    return 0;
  }
  if (verb !== 'status') return failWith(context, `unknown command "${verb ?? ''}" for "etcdctl endpoint"`);
  const member = await reach(context, etcd, flags);
  if (typeof member === 'number') return member;
  const status = await etcd.status();
  const row = [url, member.id, etcdVersion, humanBytes(status.totalSize), 'true', 'false', '2', String(status.revision), String(status.revision), ''];
  if (output === 'table') {
    context.stdout(etcdTable(['ENDPOINT', 'ID', 'VERSION', 'DB SIZE', 'IS LEADER', 'IS LEARNER', 'RAFT TERM', 'RAFT INDEX', 'RAFT APPLIED INDEX', 'ERRORS'], [row]));
  } else context.stdout(`${row.join(', ')}\n`);
  return 0;
}

async function get(context: CommandContext, etcd: NodeEtcd, flags: ReadonlyMap<string, string>, operands: readonly string[]): Promise<number> {
  if (operands.length < 1 || operands.length > 2) return failWith(context, 'get command needs one argument as key and an optional argument as range_end', exitBadArgs);
  const limit = Number(flags.get('limit') ?? '0');
  if (!Number.isInteger(limit) || limit < 0) return failWith(context, `invalid argument "${flags.get('limit')}" for "--limit" flag: strconv.ParseInt: parsing "${flags.get('limit')}": invalid syntax`, exitBadArgs);
  const member = await reach(context, etcd, flags);
  if (typeof member === 'number') return member;
  const keysOnly = flags.get('keys-only') === 'true';
  const valueOnly = flags.get('print-value-only') === 'true';
  const range = await etcd.range(decodeUtf8(operands[0]), { prefix: flags.get('prefix') === 'true', values: !keysOnly, limit });
  if (outputOf(flags) === 'json') {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const kvs = range.kvs.map((kv) => ({ key: b64(kv.key), ...(kv.value === undefined ? {} : { value: b64(kv.value) }) }));
    context.stdout(`${JSON.stringify({ header: clusterHeader(member, range.revision), kvs, count: range.count })}\n`);
    return 0;
  }
  if (flags.get('count-only') === 'true') return 0;
  for (const kv of range.kvs) {
    if (!valueOnly) context.stdout(`${kv.key}\n`);
    if (!keysOnly) context.stdout(`${kv.value ?? ''}\n`);
    else context.stdout('\n');
  }
  return 0;
}

const deprecated = (context: CommandContext, verb: string) => context.stderr(`Deprecated: Use \`etcdutl snapshot ${verb}\` instead.\n\n`);

/** etcdctl, or etcdutl (which works on files alone: snapshot status and restore, version); a store that cannot answer fails it as etcd's error does. */
export async function etcdctl(context: CommandContext): Promise<number> {
  try {
    return await run(context);
  } catch (e) {
    if (e instanceof Error && !(e instanceof ProcessKilled || e instanceof RunawayProcess)) return failWith(context, e.message);
    throw e;
  }
}

async function run(context: CommandContext): Promise<number> {
  const etcd = context.runtime.services?.etcd;
  if (!etcd) return notOnThisHost(context);
  const utl = context.name === 'etcdutl';
  const api = context.env.ETCDCTL_API;
  if (!utl && api !== undefined && api !== '' && api !== '3') {
    context.stderr(`unsupported API version: ${api}\n`);
    return 1;
  }
  const parsed = parseInvocation(context.args.map(decodeUtf8), context.env);
  if ('error' in parsed) return failWith(context, parsed.error);
  const { flags } = parsed;
  const [command, verb, ...operands] = parsed.words;
  if (command === 'version') {
    context.stdout(`${context.name} version: ${etcdVersion}\nAPI version: 3.5\n`);
    return 0;
  }
  if (command === 'snapshot' && verb === 'status') {
    if (!utl) deprecated(context, 'status');
    return snapshotStatus(context, flags, operands);
  }
  if (command === 'snapshot' && verb === 'restore') {
    if (!utl) deprecated(context, 'restore');
    return snapshotRestore(context, flags, operands);
  }
  if (!utl) {
    if (command === 'snapshot' && verb === 'save') return snapshotSave(context, etcd, flags, operands);
    if (command === 'member' && verb === 'list') return memberList(context, etcd, flags);
    if (command === 'endpoint') return endpoint(context, etcd, flags, verb);
    if (command === 'get') return get(context, etcd, flags, [verb, ...operands].filter((w) => w !== undefined));
  }
  if (command === undefined) {
    context.stdout(`NAME:\n\t${context.name} - A simple command line client for etcd3.\n\nUSAGE:\n\t${context.name} [flags]\n\nVERSION:\n\t${etcdVersion}\n\nAPI VERSION:\n\t3.5\n`);
    return 0;
  }
  const known = utl ? 'backup, defrag, snapshot, version' : 'get, put, del, member, endpoint, snapshot, version, …';
  return failWith(context, `unknown command "${[command, verb].filter(Boolean).join(' ')}" for "${context.name}" (this lab's ${context.name} knows ${known})`);
}

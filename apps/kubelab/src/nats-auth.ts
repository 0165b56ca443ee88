/**
 * The lab's NATS users: one nkey per process (the api-server, the kubelab CLI, the scheduler,
 * the controller-manager, each node's agent), its seed readable by its owner only, and the
 * nats-server configuration that lets each user reach only the subjects of its part
 * (busPermissions): one file for the lab's server, or one per member of its NATS cluster
 * (`kubelab up --nats-cluster N`), each with the same users. `kubelab up` writes them before NATS
 * starts; a seed made once is kept, so a restarted lab's processes sign in as before.
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { busConnectionOptions, busPermissions, busUserName, nkeyFromSeed, nkeySeedFile, type BusIdentity } from '@kubelab/bus';
import { nkeys, type ConnectionOptions } from 'nats';

/** The lab's NATS folder: JetStream's store, the users' seeds and the server's configuration. */
export const labNatsDir = (dataDir: string) => join(dataDir, 'nats');

/** A member of the lab's NATS cluster: nats-1 … nats-N, each with its client port and its route (cluster) port. */
export interface NatsMember {
  name: string;
  port: number;
  clusterPort: number;
}

/** The name of a cluster member's process, and of its chaos target. */
export const natsMemberName = /^nats-\d+$/;

/** nats-server's configuration file (`-c`) for the lab's server, or for the cluster member `member`. */
export const natsConfigFile = (dataDir: string, member?: string) => join(labNatsDir(dataDir), member === undefined ? 'nats.conf' : `${member}.conf`);

/** Where the members of the lab's NATS cluster are, kept beside their configurations so `kubelab node add` rewrites each one. */
const natsClusterFile = (dataDir: string) => join(labNatsDir(dataDir), 'cluster.json');

/** The members `kubelab up --nats-cluster N` wrote (none for a lab with one server). */
export function readNatsCluster(dataDir: string): NatsMember[] {
  const file = natsClusterFile(dataDir);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as NatsMember[]) : [];
}

/** Where the cluster's members are (none: the lab has one server), written with the configurations. */
export function writeNatsCluster(dataDir: string, members: readonly NatsMember[]): void {
  const file = natsClusterFile(dataDir);
  if (members.length === 0) return rmSync(file, { force: true });
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  writeFileSync(file, `${JSON.stringify(members, null, 2)}\n`);
}

/** The lab's NATS cluster's name, which its members' routes must agree on. */
const natsClusterName = 'kubelab';

/** A cluster member's JetStream store: its own, as each member keeps its own copy of every replicated bucket. */
const natsMemberStoreDir = (dataDir: string, member: NatsMember) => join(labNatsDir(dataDir), member.name);

/**
 * A member's own part of its configuration: its server name (unique: JetStream's peers are named by it) and routes to every
 * other member. No client URLs are advertised: each process is given all of them, and an agent must
 * keep reaching NATS only through the relays the supervisor put between them (a partition drill cuts those).
 */
export function natsMemberConfig(member: NatsMember, members: readonly NatsMember[]): Record<string, unknown> {
  return {
    server_name: member.name,
    cluster: {
      name: natsClusterName, listen: `127.0.0.1:${member.clusterPort}`, no_advertise: true,
      routes: members.filter((m) => m !== member).map((m) => `nats-route://127.0.0.1:${m.clusterPort}`),
    },
  };
}

/** The seed file of `identity`'s NATS user in the lab at `dataDir`. */
export const labNkeyFile = (dataDir: string, identity: BusIdentity) => nkeySeedFile(labNatsDir(dataDir), identity);

/** Every NATS user of a lab whose agents host these nodes (each list one agent's). */
export function labBusIdentities(agents: readonly (readonly string[])[]): BusIdentity[] {
  return [
    { kind: 'api-server' }, { kind: 'admin' }, { kind: 'scheduler' }, { kind: 'controller-manager' },
    ...agents.map((nodes): BusIdentity => ({ kind: 'kubelet', nodes: [...nodes] })),
  ];
}

/**
 * nats-server's configuration (JSON, which its parser reads): JetStream in `storeDir`, a cluster member's own part (`member`),
 * and one user per public key. JetStream is
 * named here as well as by `-js -sd`: a reload (SIGHUP, after `kubelab node add`) takes the file alone and would stop it otherwise.
 */
export function natsServerConfig(storeDir: string, users: readonly { publicKey: string; identity: BusIdentity }[], member: Record<string, unknown> = {}): string {
  return `${JSON.stringify({
    jetstream: { store_dir: storeDir },
    ...member,
    authorization: {
      users: users.map(({ publicKey, identity }) => {
        const p = busPermissions(identity);
        return { nkey: publicKey, permissions: { publish: p.publish, subscribe: p.subscribe, ...(p.allowResponses ? { allow_responses: true } : {}) } };
      }),
    },
  }, null, 2)}\n`;
}

/** The user's seed, made (readable by its owner only) when it is not there yet; returns the user's public key. */
function ensureSeed(file: string): string {
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${new TextDecoder().decode(nkeys.createUser().getSeed())}\n`, { mode: 0o600 });
    renameSync(temporary, file);
  }
  chmodSync(file, 0o600);
  return nkeyFromSeed(readFileSync(file, 'utf8')).publicKey;
}

type AgentIdentity = Extract<BusIdentity, { kind: 'kubelet' }>;

/** The nodes an agent user hosts when it hosts several (`kubelab join-command`, `kubelab up --nodes-per-agent`), kept beside its seed: its seed file alone names only the first. */
const agentNodesFile = (seedFile: string) => seedFile.replace(/\.nk$/, '.nodes');

/** Written to a temporary file and renamed, so a reloading server never reads half a file. */
function writeConfig(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}

/**
 * The agents given a NATS user by `kubelab node add` or `kubelab join-command` (or an earlier start), from their seed files:
 * one node each, or the nodes listed beside the seed.
 */
function joinedAgents(dataDir: string): AgentIdentity[] {
  const users = join(labNatsDir(dataDir), 'users');
  if (!existsSync(users)) return [];
  return readdirSync(users).flatMap((f): AgentIdentity[] => {
    const first = /^kubelet-(.+)\.nk$/.exec(f)?.[1];
    if (first === undefined) return [];
    const listed = agentNodesFile(join(users, f));
    return [{ kind: 'kubelet', nodes: existsSync(listed) ? (JSON.parse(readFileSync(listed, 'utf8')) as string[]) : [first] }];
  });
}

/** Every node of the lab with a NATS user for its agent: the lab's own and those that joined. */
export const labNodesWithUsers = (dataDir: string): string[] => joinedAgents(dataDir).flatMap((i) => i.nodes);

/**
 * Writes the users' seeds (keeping those already made) and the server's configuration for `identities` and for every agent
 * that joined the lab before, so a restarted lab still lets them in: the lab server's, or each member's of its NATS cluster
 * (readNatsCluster), all with the same users.
 */
export function writeNatsAuth(dataDir: string, identities: readonly BusIdentity[]): void {
  const named = new Set(identities.map(busUserName));
  const joined = joinedAgents(dataDir).filter((i) => !named.has(busUserName(i)));
  const users = [...identities, ...joined].map((identity) => ({ identity, publicKey: ensureSeed(labNkeyFile(dataDir, identity)) }));
  // An agent of several nodes has them listed beside its seed; one of a single node has no list, not one left by an earlier start.
  for (const identity of identities) {
    if (identity.kind !== 'kubelet') continue;
    const listed = agentNodesFile(labNkeyFile(dataDir, identity));
    if (identity.nodes.length > 1) writeFileSync(listed, `${JSON.stringify(identity.nodes)}\n`, { mode: 0o600 });
    else rmSync(listed, { force: true });
  }
  const members = readNatsCluster(dataDir);
  if (members.length === 0) return writeConfig(natsConfigFile(dataDir), natsServerConfig(labNatsDir(dataDir), users));
  for (const member of members) {
    writeConfig(natsConfigFile(dataDir, member.name), natsServerConfig(natsMemberStoreDir(dataDir, member), users, natsMemberConfig(member, members)));
  }
}

/** A node name that can stand in a NATS subject and a seed file's name: a DNS label, as kubelet node names usually are. */
export const joinableNodeName = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function checkNodeNames(nodes: readonly string[]): void {
  const bad = nodes.find((node) => !joinableNodeName.test(node));
  if (bad !== undefined) throw new Error(`a node name must be lowercase letters, digits and '-', starting and ending with a letter or digit (at most 63), got "${bad}"`);
}

/**
 * `kubelab node add NAME…`: a NATS user for each node's agent, as a join token is for a kubelet (kubeadm join), with the lab's
 * other users kept, written in one go; returns their seed files. NATS reads the new users when it reloads its configuration.
 */
export function addNodeUsers(dataDir: string, nodes: readonly string[]): string[] {
  checkNodeNames(nodes);
  const shared = joinedAgents(dataDir).find((i) => i.nodes.length > 1 && i.nodes.some((node) => nodes.includes(node)));
  if (shared) throw new Error(`node ${shared.nodes.find((node) => nodes.includes(node))} is hosted already by the agent of ${shared.nodes.join(', ')} (kubelab join-command)`);
  const kubelets = nodes.map((node): BusIdentity => ({ kind: 'kubelet', nodes: [node] }));
  writeNatsAuth(dataDir, [...labBusIdentities([]), ...kubelets]);
  return kubelets.map((identity) => labNkeyFile(dataDir, identity));
}

/** Refuses names that are not DNS labels or that an agent of the lab already hosts. */
function checkNewNodes(dataDir: string, nodes: readonly string[]): void {
  checkNodeNames(nodes);
  const taken = new Set(labNodesWithUsers(dataDir));
  const known = nodes.find((node) => taken.has(node));
  if (known !== undefined) throw new Error(`node ${known} has a NATS user already`);
}

/**
 * `kubelab join-command`: one NATS user for an agent process that hosts all of `nodes` (kubelet-agent --nodes), which may act
 * as the kubelet of each of them and of no other node; the lab's other users are kept. Returns its seed file.
 */
export function addAgentUser(dataDir: string, nodes: readonly string[]): string {
  if (nodes.length === 0) throw new Error('an agent hosts at least one node');
  checkNewNodes(dataDir, nodes);
  const identity: AgentIdentity = { kind: 'kubelet', nodes: [...nodes] };
  writeNatsAuth(dataDir, [...labBusIdentities([]), identity]);
  return labNkeyFile(dataDir, identity);
}

/**
 * How the kubelab CLI connects to a lab's NATS: as its admin user when the lab has one (KUBELAB_NATS_NKEY, or a lab of this
 * data dir), else openly.
 */
export function adminNatsOptions(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): Partial<ConnectionOptions> {
  return busConnectionOptions({ kind: 'admin' }, adminNkeyFile(dataDir, env));
}

/** The nkey seed the kubelab CLI signs in to a lab's NATS with (KUBELAB_NATS_NKEY, or the admin's of the data dir's lab), when there is one. */
export function adminNkeyFile(dataDir: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const seed = env.KUBELAB_NATS_NKEY ?? (dataDir === undefined ? undefined : labNkeyFile(dataDir, { kind: 'admin' }));
  return seed && existsSync(seed) ? seed : undefined;
}

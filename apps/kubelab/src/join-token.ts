/**
 * The join token `kubelab join-command` prints and `kubelab join` reads, as kubeadm's join token
 * and discovery hash are for `kubeadm join`: everything an agent process on another host needs to
 * take part in the lab, in one word for a command line (base64url of a small JSON). It carries
 * the nkey seed of the agent's own NATS user (which may act only as the kubelet of its nodes), the
 * nodes it hosts (PREFIX1…PREFIXN, kubelet-agent's --node-prefix and --nodes), their index in the
 * lab (their pod CIDRs and addresses) and the lab's time scale; no path of the lab's host.
 * Also: the NATS URLs a joining host is given, and which address of the lab's host they name.
 */
import type { NetworkInterfaceInfo } from 'node:os';
import { isUserSeed } from '@kubelab/bus';
import { joinableNodeName } from './nats-auth.js';

/** What an agent that joins the lab needs. */
export interface JoinGrant {
  /** The nkey seed of the agent's NATS user. */
  seed: string;
  /** The agent's nodes are `${nodePrefix}1` … `${nodePrefix}${nodes}`. */
  nodePrefix: string;
  nodes: number;
  /** The lab index of the first node (kubelet-agent --node-index). */
  nodeIndex: number;
  /** Kubernetes seconds per real second: the lab's, which every process shares. */
  timeScale: number;
}

/** A join token that cannot be used; the message says why and what to do. */
export class JoinTokenError extends Error {}

const version = 1;
/** Nodes one join may bring: an agent process hosts many, but not without bound. */
export const maxJoinNodes = 1000;

/** The node names a grant's agent hosts, as kubelet-agent --nodes N --node-prefix P names them. */
export const joinNodeNames = (grant: Pick<JoinGrant, 'nodePrefix' | 'nodes'>): string[] =>
  Array.from({ length: grant.nodes }, (_, i) => `${grant.nodePrefix}${i + 1}`);

export function encodeJoinToken(grant: JoinGrant): string {
  const { seed, nodePrefix, nodes, nodeIndex, timeScale } = grant;
  return Buffer.from(JSON.stringify({ v: version, seed, nodePrefix, nodes, nodeIndex, timeScale })).toString('base64url');
}

const remake = 'print a new one with kubelab join-command on the lab\'s host';

/** The grant a token carries; a JoinTokenError for anything else. */
export function decodeJoinToken(token: string): JoinGrant {
  const text = token.trim();
  const notOne = (why: string) => new JoinTokenError(`this is not a kubelab join token (${why}); ${remake}`);
  if (text === '') throw notOne('it is empty');
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw notOne('it has characters base64url does not use: was it cut or wrapped when copied?');
  let doc: unknown;
  try {
    doc = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw notOne('it does not decode to JSON: was it cut when copied?');
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) throw notOne('it does not decode to an object');
  const { v, seed, nodePrefix, nodes, nodeIndex, timeScale } = doc as Record<string, unknown>;
  if (v !== version) throw new JoinTokenError(`this join token is of format ${JSON.stringify(v)}, and this kubelab reads format ${version}; ${remake}`);
  if (typeof seed !== 'string' || !isUserSeed(seed)) throw notOne('its nkey seed is not a NATS user seed');
  if (!(typeof nodes === 'number' && Number.isInteger(nodes) && nodes >= 1 && nodes <= maxJoinNodes)) throw notOne(`its node count is not a whole number from 1 to ${maxJoinNodes}`);
  if (typeof nodePrefix !== 'string' || !joinNodeNames({ nodePrefix, nodes }).every((n) => joinableNodeName.test(n))) throw notOne('its node names are not DNS labels');
  if (!(typeof nodeIndex === 'number' && Number.isInteger(nodeIndex) && nodeIndex >= 1)) throw notOne('its node index is not a whole number ≥ 1');
  if (!(typeof timeScale === 'number' && timeScale > 0 && Number.isFinite(timeScale))) throw notOne('its time scale is not a positive number');
  return { seed, nodePrefix, nodes, nodeIndex, timeScale };
}

/** The letters Kubernetes' generated name suffixes use (no vowels, no look-alikes), as in `web-5d8f9-x7k2p`. */
const suffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789';

/** The node prefix of a new join: `PREFIX-xxxxx-`, so its nodes are PREFIX-xxxxx-1…N, new names however often it is run. */
export function newNodePrefix(prefix: string, nodes: number, random: () => number = Math.random): string {
  const suffix = Array.from({ length: 5 }, () => suffixAlphabet[Math.floor(random() * suffixAlphabet.length)]).join('');
  const nodePrefix = `${prefix}-${suffix}-`;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(prefix) || !joinableNodeName.test(`${nodePrefix}${nodes}`)) {
    throw new JoinTokenError(`--node-prefix must be lowercase letters, digits and '-', starting and ending with a letter or digit, and short enough that ${prefix}-xxxxx-${nodes} has at most 63 characters, got "${prefix}"`);
  }
  return nodePrefix;
}

/** The NATS servers a list names: nats://HOST:PORT, or several separated by commas (a NATS cluster). */
export function parseNatsUrls(text: string, flag = '--nats-url'): string[] {
  const urls = text.split(',').map((u) => u.trim());
  const bad = urls.find((u) => !/^(nats|tls):\/\/[^/]+$/.test(u) || !URL.canParse(u) || new URL(u).hostname === '');
  if (bad !== undefined) throw new JoinTokenError(`${flag} takes nats://HOST:PORT, or several separated by commas, got "${bad}"`);
  return urls;
}

const isWildcard = (address: string) => address === '0.0.0.0' || address === '::' || address === '[::]';
const isLoopback = (address: string) => /^127\./.test(address) || address === '::1' || address === '[::1]' || address === 'localhost';

/** The host other hosts reach the lab's NATS at, and a note when that is not the case. */
export interface Advertised {
  host: string;
  note?: string;
}

/**
 * Where other hosts reach the lab's NATS, as kubeadm prints the control plane's advertise address: `--advertise` when given;
 * else the address NATS listens on, and for every address (0.0.0.0) the host's first external IPv4 address. NATS on loopback
 * only is reachable from this host alone: the note says how to open it.
 */
export function advertiseHost(listen: string, interfaces: NodeJS.Dict<NetworkInterfaceInfo[]>, advertise?: string): Advertised {
  if (advertise !== undefined) return { host: advertise };
  if (isLoopback(listen)) {
    return { host: listen, note: `the lab's NATS listens on ${listen} only, so this command works on this host alone; for other hosts, start the lab with kubelab up --nats-listen 0.0.0.0` };
  }
  if (!isWildcard(listen)) return { host: listen };
  const external = Object.values(interfaces).flatMap((list) => list ?? []).find((i) => i.family === 'IPv4' && !i.internal);
  if (external) return { host: external.address };
  return { host: '127.0.0.1', note: 'this host has no network address but loopback, so this command works on this host alone; give the address others reach it at with --advertise HOST' };
}

/** The lab's NATS URLs with `host` for their host name (a NATS cluster's members differ by port). */
export function advertisedNatsUrls(natsUrls: readonly string[], host: string): string[] {
  const named = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return natsUrls.map((u) => {
    const url = new URL(u);
    return `${url.protocol}//${named}${url.port ? `:${url.port}` : ''}`;
  });
}

/** The one line a user copies to the joining host. */
export const joinLine = (natsUrls: readonly string[], token: string) => `npx kubelab join --nats-url ${natsUrls.join(',')} --token ${token}`;

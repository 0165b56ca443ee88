/**
 * Who a lab process is on NATS. Each process has its own NATS user (an nkey whose seed only it
 * reads), and the lab's nats-server lets each user publish API requests only on its own subject:
 * `kubelab.api.request.scheduler`, `….controller-manager`, `….node.NODE` for each node an agent
 * hosts, `….admin` for the kubelab CLI. So the subject a request arrives on is proof of who sent
 * it, and the api-server authenticates it from the subject alone: an agent cannot speak for
 * another node however it fills in the request.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionOptions } from 'nats';
import { nkeyAuthenticator } from './nkey-signer.js';

export type BusIdentity =
  | { kind: 'api-server' }
  | { kind: 'admin' }
  | { kind: 'scheduler' }
  | { kind: 'controller-manager' }
  /** A kubelet-agent process, the kubelet of each of `nodes`. */
  | { kind: 'kubelet'; nodes: readonly string[] };

/** The prefix of every API request subject; the api-server listens on `prefix.>`. */
export const apiRequestPrefix = 'kubelab.api.request';

/** The subject `identity` sends its API requests on (for a kubelet, those about `node`). */
export function apiRequestSubject(identity: BusIdentity, node?: string): string {
  if (identity.kind === 'kubelet') return `${apiRequestPrefix}.node.${node ?? identity.nodes[0]}`;
  return `${apiRequestPrefix}.${identity.kind}`;
}

/** Who sent a request that arrived on `subject`; undefined for a subject no process may use. */
export function senderOfSubject(subject: string): BusIdentity | undefined {
  if (!subject.startsWith(`${apiRequestPrefix}.`)) return undefined;
  const rest = subject.slice(apiRequestPrefix.length + 1);
  if (rest.startsWith('node.') && rest.length > 'node.'.length && !rest.slice(5).includes('.')) return { kind: 'kubelet', nodes: [rest.slice(5)] };
  if (rest === 'admin' || rest === 'scheduler' || rest === 'controller-manager') return { kind: rest };
  return undefined;
}

/** The NATS user name of a process: also the folder of its private inbox subjects. */
export function busUserName(identity: BusIdentity): string {
  return identity.kind === 'kubelet' ? `kubelet-${identity.nodes[0]}` : identity.kind;
}

/** The prefix of `identity`'s inbox subjects: replies and streams meant for it, which no other user may subscribe to. */
export const busInboxPrefix = (identity: BusIdentity) => `_INBOX.${busUserName(identity)}`;

/** Where a lab keeps the nkey seed of each NATS user, under its NATS folder. */
export const nkeySeedFile = (natsDir: string, identity: BusIdentity) => `${natsDir}/users/${busUserName(identity)}.nk`;

/**
 * The connection options that make a process `identity` on NATS: replies come to an inbox
 * of its own (`_INBOX.USER.…`, which no other user may subscribe to), and with `nkeyFile` it
 * signs in with that nkey seed. Without one (a test's open nats-server) it connects unauthenticated.
 */
export function busConnectionOptions(identity: BusIdentity, nkeyFile?: string): Partial<ConnectionOptions> {
  const inboxPrefix = busInboxPrefix(identity);
  if (!nkeyFile) return { inboxPrefix };
  let seed: string;
  try {
    seed = readFileSync(nkeyFile, 'utf8');
  } catch (e) {
    throw new Error(`cannot read the NATS nkey seed ${nkeyFile}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { inboxPrefix, authenticator: nkeyAuthenticator(seed) };
}

/**
 * A learner's shell on a node (`kubelab ssh`) is written to the event log before it opens, as the learner's act: an
 * Event on the Node, by `user:kubelab ssh`. What the session then does there (a manifest edited, the kubelet stopped)
 * is recorded with that entry as its cause, so `kubelab why` traces a broken component back to the learner's edit.
 * A lab whose api-server is down (a learner breaking its manifest) still lets the learner in, unrecorded: the shell is
 * how it gets fixed.
 */
import { ApiClient, ApiRequestError, eventNameSuffix } from '@kubelab/bus';
import type { KubeObject } from '@kubelab/api';

/** Who the log names as having opened the session: a person, with the tool they used. */
export const nodeShellActor = 'user:kubelab ssh';
/** The Event's reason. */
export const nodeShellReason = 'NodeShell';
const nodesRef = { group: '', version: 'v1', plural: 'nodes' };
const eventsRef = { group: '', version: 'v1', plural: 'events' };
/** How long the recording may hold the session up: an api-server that does not answer in this time is down. */
const recordTimeoutMs = 3000;

/** The Event recording a session on `node` of the Node `uid`, running `command` (an interactive login when empty). */
export function nodeShellEvent(node: string, uid: string, command: readonly string[], now: Date): KubeObject {
  const time = now.toISOString().replace(/\.\d+Z$/, 'Z');
  const what = command.length ? `root ran ${JSON.stringify(command.join(' '))} on ${node}` : `root logged in to ${node}`;
  return {
    apiVersion: 'v1', kind: 'Event',
    metadata: { name: `${node}.${eventNameSuffix()}`, namespace: 'default' },
    involvedObject: { apiVersion: 'v1', kind: 'Node', name: node, uid },
    reason: nodeShellReason, message: `${what} (kubelab ssh)`, type: 'Normal',
    source: { component: 'sshd', host: node }, reportingComponent: 'sshd', reportingInstance: node,
    firstTimestamp: time, lastTimestamp: time, count: 1,
  } as KubeObject;
}

/** What recording found: the entry's seq; or that the lab has no such node; or nothing, when the api-server did not answer. */
export type SessionRecord = { seq: number } | { noSuchNode: true } | undefined;

/** Records the session as the lab's admin over NATS (`nkeyFile` signs in when the lab's NATS asks for it). */
export async function recordNodeSession(natsUrl: string, nkeyFile: string | undefined, node: string, command: readonly string[]): Promise<SessionRecord> {
  const client = await ApiClient.connect(natsUrl, nodeShellActor, { kind: 'admin' }, nkeyFile, recordTimeoutMs).catch(() => undefined);
  if (!client) return undefined;
  try {
    const found = await client.get(nodesRef, '', node);
    const event = await client.create(eventsRef, 'default', nodeShellEvent(node, found.metadata.uid ?? node, command, new Date()));
    return { seq: Number(event.metadata.resourceVersion) };
  } catch (e) {
    return e instanceof ApiRequestError && e.code === 404 ? { noSuchNode: true } : undefined;
  } finally {
    await client.close();
  }
}

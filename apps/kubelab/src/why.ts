/**
 * `kubelab why KIND/NAME`: the causal chain behind an object's current state. It
 * reads the object's entries (deleted objects too: the log keeps them) and the
 * Events about it, follows `cause` links back entry by entry to their roots (and to
 * the chaos drills on objects along the way), and
 * prints the chain oldest first, with the scheduler's reasons under a Scheduled
 * or FailedScheduling Event. Then what happened to it without changing it: the
 * requests about it that were refused, and for a pod the exec, attach and port-forward
 * sessions into it and the connections NetworkPolicy dropped from it and to it, each
 * naming the policies. For an HTTPRoute or a Gateway, which of its conditions fail, and why.
 */
import { isAuditEntry, storeKindOf, type ResourceType } from '@kubelab/api';
import { causalChain, chaosRoots, decisionLines, dropsOfPod, objectRef, previousObjects, storySeeds, summarize, type LogEntry } from '@kubelab/event-log';
import { logEntry, readLog } from './log-client.js';
import { entryRow, headerRow, painter, type Paint } from './log-format.js';
import { schedulerHeldDown, schedulerHeldDownLine } from './why-control-plane.js';
import { gatewayApiLines } from './why-gateway.js';

/** Fetches causes until the chain reaches its roots or entries the log no longer has. */
async function walkCauses(apiUrl: string, seeds: LogEntry[], known: Map<number, LogEntry>): Promise<{ chain: LogEntry[]; gone: number[] }> {
  const gone = new Set<number>();
  for (;;) {
    const { chain, missing } = causalChain(seeds, known);
    const toFetch = missing.filter((seq) => !gone.has(seq));
    if (toFetch.length === 0) return { chain, gone: [...gone] };
    for (const seq of toFetch) {
      const entry = await logEntry(apiUrl, seq);
      if (entry) known.set(seq, entry);
      else gone.add(seq);
    }
  }
}

/**
 * Every entry of the objects the chain passes through (beside the one asked about, whose entries are at hand and
 * Events, whose summaries need no earlier state) up to the chain's last of each: a change is summarized against the
 * object as the entry before it left it (a node's "Ready True → Unknown"), and that entry is no cause of it when a
 * controller's periodic pass wrote it.
 */
async function historiesOf(apiUrl: string, chain: readonly LogEntry[], asked: string, known: Map<number, LogEntry>): Promise<void> {
  const lastOf = new Map<string, LogEntry>();
  for (const e of chain) if (e.kind !== 'Event') lastOf.set(`${e.kind}/${e.namespace}/${e.name}`, e);
  lastOf.delete(asked);
  for (const e of lastOf.values()) {
    for (const entry of await readLog(apiUrl, { kind: e.kind, namespace: e.namespace, name: e.name, until: String(e.seq) })) known.set(entry.seq, entry);
  }
}

/** The audit entries about the object (refusals; for a pod, sessions into it and drops from and to it) as titled groups of rows. */
async function auditLines(apiUrl: string, t: ResourceType, ns: string, name: string, logged: readonly LogEntry[], paint: Paint): Promise<string[]> {
  const what = `${t.kind} ${ns ? `${ns}/` : ''}${name}`;
  const drops = t.kind === 'Pod' ? dropsOfPod(await readLog(apiUrl, { type: 'ConnectionDropped' }), ns, name) : { from: [], to: [] };
  const groups: [string, LogEntry[]][] = [
    [`requests about ${what} that were refused`, logged.filter((e) => e.type === 'Refused')],
    [`sessions in ${what} (exec, attach, port-forward)`, logged.filter((e) => e.type === 'SessionStarted' || e.type === 'SessionEnded')],
    [`connections from ${what} that NetworkPolicy dropped`, drops.from],
    [`connections to ${what} that NetworkPolicy dropped`, drops.to],
  ];
  return groups.filter(([, entries]) => entries.length > 0).flatMap(([title, entries]) => [paint('yellow', `${title}:`), ...entries.map((e) => entryRow(e, summarize(e), paint))]);
}

/** The lines of the story of one object; throws when the log never saw it. */
export async function why(apiUrl: string, t: ResourceType, namespace: string, name: string, colour: boolean): Promise<string[]> {
  const ns = t.namespaced ? namespace : '';
  const logged = await readLog(apiUrl, { kind: storeKindOf(t), namespace: ns, name });
  const own = logged.filter((e) => !isAuditEntry(e.type));
  const paint = painter(colour);
  const audit = await auditLines(apiUrl, t, ns, name, logged, paint);
  if (own.length === 0 && audit.length === 0) throw new Error(`the event log has no ${t.kind} ${ns ? `${ns}/` : ''}${name}`);
  if (own.length === 0) return [headerRow(paint), ...audit, `${t.kind} ${ns ? `${ns}/` : ''}${name} was never created: the log has no change of it`];
  const kubeEvents = await readLog(apiUrl, { kind: 'Event', namespace: t.namespaced ? ns : undefined });
  const known = new Map([...own, ...kubeEvents].map((e) => [e.seq, e]));
  const story = await walkCauses(apiUrl, storySeeds(own, kubeEvents), known);
  // A chaos drill is a root no cause link reaches: add those about objects the story passes through.
  const drills = chaosRoots(story.chain, await readLog(apiUrl, { kind: 'Event', actor: 'chaos' }));
  const { chain, gone } = drills.length ? await walkCauses(apiUrl, [...story.chain, ...drills], known) : story;
  await historiesOf(apiUrl, chain, `${storeKindOf(t)}/${ns}/${name}`, known);
  const before = previousObjects([...known.values()]);
  const lines = [headerRow(paint)];
  for (const e of chain) {
    lines.push(entryRow(e, summarize(e, before.get(e.seq)), paint));
    lines.push(...decisionLines(e).map((l) => `${' '.repeat(7)}${paint('dim', l)}`));
  }
  if (gone.length) lines.push(paint('yellow', `causes no longer in the log (compacted): ${gone.join(', ')}`));
  lines.push(...audit);
  const newest = own[own.length - 1];
  const heldDown = t.kind === 'Pod' && !newest.type.endsWith('Deleted') ? schedulerHeldDown(newest.object, await readLog(apiUrl, { kind: 'Event', namespace: 'kube-system' })) : undefined;
  if (heldDown) lines.push(paint('yellow', schedulerHeldDownLine(heldDown, heldDown.cause ? await logEntry(apiUrl, heldDown.cause) : undefined)));
  if (!newest.type.endsWith('Deleted')) lines.push(...gatewayApiLines(storeKindOf(t), newest.object).map((l) => paint('yellow', l)));
  lines.push(`${objectRef(newest)} ${newest.type.endsWith('Deleted') ? `was deleted at seq ${newest.seq}` : `is as seq ${newest.seq} left it`}`);
  return lines;
}

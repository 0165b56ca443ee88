/**
 * The story behind an object, as `kubelab why` tells it: the object's own entries
 * (its newest incarnation, so a deleted and recreated name tells one life), the
 * Kubernetes Events about it, the Events its makers wrote while creating it
 * (SuccessfulCreate) or rescaling it (SuccessfulRescale), and every entry their
 * `cause` links lead back to, oldest first. Pure: the shell fetches the seqs reported
 * missing and calls again.
 */
import { isAuditEntry } from '@kubelab/api';
import { rescaledTarget } from './rescale-decision.js';
import { eventOf, eventSubject, type LogEntry } from './log-entry.js';

/** The object's own entries, of its newest incarnation (the uid of its last entry); audit entries about it changed it not. */
export function newestIncarnation(own: readonly LogEntry[]): LogEntry[] {
  const changes = own.filter((e) => !isAuditEntry(e.type));
  const uid = changes[changes.length - 1]?.uid;
  return changes.filter((e) => e.uid === uid);
}

/**
 * The seeds of the story: the object's entries, Events whose involvedObject is it,
 * and Events written by the same actor for the same cause as one of its entries that
 * name it (a ReplicaSet's "Created pod: NAME", an HPA's rescale of it).
 */
export function storySeeds(own: readonly LogEntry[], kubeEvents: readonly LogEntry[]): LogEntry[] {
  const life = newestIncarnation(own);
  const first = life[0];
  if (!first) return [];
  const made = new Set(life.filter((e) => e.cause !== null).map((e) => `${e.actor}@${e.cause}`));
  const about = kubeEvents.filter((e) => {
    const involved = eventSubject(e) ?? {};
    if (involved.kind === first.kind && involved.name === first.name && (!involved.uid || involved.uid === first.uid)) return true;
    if (!made.has(`${e.actor}@${e.cause}`)) return false;
    const rescaled = rescaledTarget(e);
    return rescaled ? (first.kind === rescaled.kind || first.kind.startsWith(`${rescaled.kind}.`)) && rescaled.name === first.name : String(eventOf(e).message ?? '').includes(first.name);
  });
  return [...life, ...about];
}

/** The seeds and all their causes (as far as `known` reaches), in seq order; `missing` to fetch next. */
export function causalChain(seeds: readonly LogEntry[], known: ReadonlyMap<number, LogEntry>): { chain: LogEntry[]; missing: number[] } {
  const inChain = new Map<number, LogEntry>();
  const missing = new Set<number>();
  const queue = [...seeds];
  for (let e = queue.pop(); e; e = queue.pop()) {
    if (inChain.has(e.seq)) continue;
    inChain.set(e.seq, e);
    if (e.cause === null || inChain.has(e.cause)) continue;
    const cause = known.get(e.cause);
    if (cause) queue.push(cause);
    else missing.add(e.cause);
  }
  return { chain: [...inChain.values()].sort((a, b) => a.seq - b.seq), missing: [...missing].sort((a, b) => a - b) };
}

/**
 * The chaos drills behind a chain: a drill (an Event written by actor `chaos`) is
 * outside every cause link — a killed agent's node goes silent, nobody writes why —
 * so it joins the chain when it is about an object the chain passes through and
 * came before that object's last entry in it.
 */
export function chaosRoots(chain: readonly LogEntry[], chaosEvents: readonly LogEntry[]): LogEntry[] {
  const lastSeq = new Map<string, number>();
  for (const e of chain) if (e.kind !== 'Event') lastSeq.set(`${e.kind}/${e.namespace}/${e.name}`, e.seq);
  return chaosEvents.filter((e) => {
    const involved = eventOf(e).involvedObject ?? {};
    const last = lastSeq.get(`${involved.kind}/${involved.namespace ?? ''}/${involved.name}`);
    return e.actor === 'chaos' && last !== undefined && e.seq < last;
  });
}

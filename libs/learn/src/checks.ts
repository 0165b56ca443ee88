/**
 * The checks of a scenario, against what the cluster shows now and what its event log
 * recorded since the scenario started: pure, so a check is a function of the objects,
 * the log, the start's UIDs and fields, and the lab clock. A check that must not pass on
 * a cluster that looks right for a moment (stableFor) reads how long its conditions have
 * held in the log, in lab time.
 */
import { parseGoDuration, type KubeObject, type ObjectMeta, type Pod } from '@kubelab/api';
import { eventOf, type LogEntry, type LogObject } from '@kubelab/event-log';
import type { Check, FieldCondition, Lang, ObjectRef } from './scenario.js';

/** What the checks read. */
export interface Observed {
  /** The live objects of the scenario's namespace. */
  objects: KubeObject[];
  /** The log's entries for the namespace since the scenario started, in seq order. */
  log: LogEntry[];
  /** UIDs and objects as `start` left them (the start's own objects). */
  started: { uids: string[]; objects: KubeObject[] };
  /** Now, in ms of the wall clock, and how many lab seconds pass per real second. */
  now: number;
  timeScale: number;
}

export interface CheckResult {
  id: string;
  ok: boolean;
  /** The check's text when it holds; when not, what is not yet right and what to look at. */
  message: string;
}

/** One step of a path: a key, or the item of a list whose field has a value (conditions[type=Ready]). */
function step(v: unknown, key: string): unknown {
  if (v === undefined || v === null) return undefined;
  const fields = v as Record<string, unknown>;
  const item = /^(.+)\[([^=\]]+)=([^\]]*)\]$/.exec(key);
  if (!item) return fields[key];
  const list = fields[item[1]];
  return Array.isArray(list) ? list.find((x) => String(x?.[item[2]]) === item[3]) : undefined;
}

/** The field at a dotted path (status.containerStatuses.0.ready, status.conditions[type=Ready].status) or a list of keys. */
export function field(o: unknown, path: string | string[]): unknown {
  return (Array.isArray(path) ? path : path.split('.')).reduce<unknown>(step, o);
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `actual` has at least what `wanted` says: its fields (recursively), for a list an item of it for each wanted item. */
function hasAtLeast(actual: unknown, wanted: unknown): boolean {
  if (Array.isArray(wanted)) return Array.isArray(actual) && wanted.every((w) => actual.some((a) => hasAtLeast(a, w)));
  if (wanted !== null && typeof wanted === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    return Object.entries(wanted).every(([k, w]) => hasAtLeast((actual as Record<string, unknown>)[k], w));
  }
  return same(actual, wanted);
}

/** True when the object is of the ref's kind and has its name and labels. */
export function matches(o: { kind?: string; metadata?: ObjectMeta }, ref: ObjectRef): boolean {
  if (o.kind !== ref.kind) return false;
  if (ref.name !== undefined && o.metadata?.name !== ref.name) return false;
  return Object.entries(ref.labels ?? {}).every(([k, v]) => o.metadata?.labels?.[k] === v);
}

function holds(o: LogObject, c: FieldCondition, started: Observed['started']): boolean {
  const v = field(o, c.path);
  if (c.equals !== undefined && !same(v, c.equals)) return false;
  if (c.notEquals !== undefined && same(v, c.notEquals)) return false;
  if (c.atLeast !== undefined && !(typeof v === 'number' && v >= c.atLeast)) return false;
  if (c.exists !== undefined && (v !== undefined && v !== null) !== c.exists) return false;
  if (c.contains !== undefined && !(Array.isArray(v) && v.some((item) => hasAtLeast(item, c.contains)))) return false;
  if (c.sameAs !== undefined && !(v !== undefined && same(v, field(o, c.sameAs)))) return false;
  if (c.changed !== undefined) {
    const before = started.objects.find((s) => s.kind === o.kind && s.metadata?.name === o.metadata?.name);
    if (!before || same(field(before, c.path), v) === c.changed) return false;
  }
  return true;
}

const ms = (t: string) => Date.parse(t);

/** An Event happening: created, or seen again (an aggregated Event's count going up updates it). */
export const occurrence = (e: LogEntry) => e.kind === 'Event' && (e.type === 'EventCreated' || e.type === 'EventUpdated');

/** Since when (wall ms) the object has met every condition without a break, from its log entries; undefined when it does not now. */
function heldSince(o: KubeObject, where: FieldCondition[], observed: Observed): number | undefined {
  const uid = o.metadata?.uid;
  // The entries that carry the object itself: not an exec session's record about it, which says nothing of its fields.
  const own = observed.log.filter((e) => e.uid === uid && e.type !== 'EventCreated' && (e.object as KubeObject | undefined)?.metadata?.uid === uid);
  let since: number | undefined;
  for (const e of own) {
    const ok = e.object && where.every((c) => holds(e.object, c, observed.started));
    if (!ok) since = undefined;
    else since ??= ms(e.time);
  }
  if (since !== undefined || !where.every((c) => holds(o, c, observed.started))) return since;
  // An object whose entries all predate the scenario has held for the whole window; one whose last entry
  // read breaks a condition the live object meets has only just come to hold (the log was read a moment apart).
  return own.length === 0 ? ms(o.metadata?.creationTimestamp ?? new Date(observed.now).toISOString()) : observed.now;
}

/** A container's restarts from the log: when each was recorded (its restartCount went up), and the back-off the kubelet said it waited before it (CrashLoopBackOff's "back-off 20s restarting failed container=…"). */
export function restarts(log: LogEntry[], pod: string): { at: number; backoff?: number }[] {
  const seen: { at: number; backoff?: number }[] = [];
  const count = new Map<string, number>();
  const waiting = new Map<string, number>();
  for (const e of log) {
    if (e.kind !== 'Pod' || e.name !== pod || !e.object) continue;
    for (const s of (e.object as Pod).status?.containerStatuses ?? []) {
      const key = `${e.uid}/${s.name}`;
      const backoff = /^back-off (\S+) restarting/.exec(s.state?.waiting?.message ?? '')?.[1];
      if (s.state?.waiting?.reason === 'CrashLoopBackOff' && backoff) waiting.set(key, (parseGoDuration(backoff) ?? 0) / 1000);
      if ((s.restartCount ?? 0) > (count.get(key) ?? 0)) {
        seen.push({ at: ms(e.time), backoff: waiting.get(key) });
        waiting.delete(key);
        count.set(key, s.restartCount ?? 0);
      }
    }
  }
  return seen;
}

/** Who the log names for what a restore of an etcd snapshot changed. */
const etcdActor = 'etcd';

const lab = (wallMs: number, o: Observed) => (wallMs / 1000) * o.timeScale;
const say = (n: number) => `${Math.round(n)}s`;

function evaluate(check: Check, o: Observed, lang: Lang): { ok: boolean; detail?: string } {
  switch (check.type) {
    case 'objects': {
      const selected = o.objects.filter((x) => matches(x, check.select));
      const meeting = selected.filter((x) => check.where.every((c) => holds(x, c, o.started)));
      const enough = check.count !== undefined ? meeting.length === check.count && selected.length === check.count
        : check.some !== undefined ? meeting.length >= check.some
        : selected.length > 0 && meeting.length === selected.length;
      if (!enough) return { ok: false, detail: selected.length === 0 ? undefined : `${meeting.length}/${check.count ?? check.some ?? selected.length}` };
      if (check.stableFor !== undefined) {
        const since = Math.max(...meeting.map((x) => heldSince(x, check.where, o) ?? o.now));
        const held = lab(o.now - since, o);
        if (held < check.stableFor) return { ok: false, detail: lang === 'ko' ? `${say(held)} 동안 유지됨, ${say(check.stableFor)} 필요` : `held for ${say(held)} of the ${say(check.stableFor)} needed` };
      }
      return { ok: true };
    }
    case 'absent':
      return { ok: !o.objects.some((x) => matches(x, check.select)) };
    case 'events': {
      const events = o.log.filter((e) => occurrence(e) && eventOf(e).reason === check.reason
        && (!check.about || matches({ kind: eventOf(e).involvedObject?.kind, metadata: { name: eventOf(e).involvedObject?.name, labels: {} } }, { ...check.about, labels: undefined })));
      const after = check.after ? o.log.find((e) => occurrence(e) && eventOf(e).reason === check.after)?.seq : undefined;
      if (check.after && after === undefined) return { ok: false, detail: `${check.after}: 0` };
      const counted = events.filter((e) => after === undefined || e.seq > after).length;
      return counted >= check.atLeast ? { ok: true } : { ok: false, detail: `${check.reason}: ${counted}/${check.atLeast}` };
    }
    case 'backoffs': {
      // The back-offs the kubelet announced, in turn, and how long the restarts took in all (lab time). The log's times lag
      // the container, each by its own little (a report that reached the api-server late makes one wait look short and the
      // one before it long, and at time scale 20 a quarter second is 5 lab seconds), so the whole is measured, not each
      // wait: at least half of the back-offs' sum, which a kubelet that restarted at once does not reach.
      const seen = restarts(o.log, check.pod);
      const announced = seen.flatMap((r, i) => (i > 0 && r.backoff !== undefined ? [r] : []));
      const inTurn = check.intervals.every((want, i) => announced[i]?.backoff === want);
      const sum = check.intervals.reduce((a, b) => a + b, 0);
      const ok = inTurn && lab(announced[check.intervals.length - 1].at - seen[0].at, o) >= sum / 2;
      return ok ? { ok: true } : { ok: false, detail: `${lang === 'ko' ? '기록된 백오프' : 'back-offs in the log'}: ${announced.map((r) => say(r.backoff!)).join(', ') || '-'}` };
    }
    case 'terminating': {
      const own = o.log.filter((e) => e.kind === 'Pod' && e.name === check.pod);
      const gone = own.findLast((e) => e.type === 'PodDeleted');
      const asked = gone && own.findLast((e) => e.type === 'PodDeletionRequested' && e.uid === gone.uid && e.seq < gone.seq);
      if (!gone || !asked) return { ok: false };
      const lasted = lab(ms(gone.time) - ms(asked.time), o);
      return lasted >= check.atLeast ? { ok: true } : { ok: false, detail: lang === 'ko' ? `${say(lasted)} 동안 Terminating` : `Terminating for ${say(lasted)}` };
    }
    case 'replaced': {
      const fresh = o.objects.filter((x) => matches(x, check.select) && !o.started.uids.some((uid) => uid === x.metadata?.uid));
      return fresh.length >= check.atLeast ? { ok: true } : { ok: false, detail: `${fresh.length}/${check.atLeast}` };
    }
    case 'recreated': {
      const deleted = new Set<string | undefined>(o.log.filter((e) => e.type === `${e.kind}Deleted` && e.object && matches({ ...e.object, kind: e.kind }, check.select)).map((e) => e.uid));
      const again = o.objects.some((x) => matches(x, check.select) && !deleted.has(x.metadata?.uid) && !x.metadata?.deletionTimestamp);
      const detail = lang === 'ko' ? `삭제 ${deleted.size}번, ${again ? '다시 있음' : '지금 없음'}` : `deleted ${deleted.size} times, ${again ? 'there again' : 'not there now'}`;
      return deleted.size >= check.atLeast && again ? { ok: true } : { ok: false, detail };
    }
    case 'restored': {
      const action = check.back ? 'Created' : 'Deleted';
      const byEtcd = o.log.some((e) => e.actor === etcdActor && e.type === `${e.kind}${action}` && e.object && matches({ ...e.object, kind: e.kind }, check.select));
      const there = o.objects.some((x) => matches(x, check.select) && !x.metadata?.deletionTimestamp);
      const detail = lang === 'ko' ? `etcd 복원 기록 ${byEtcd ? '있음' : '없음'}, 지금 ${there ? '있음' : '없음'}` : `${byEtcd ? 'a' : 'no'} restore by etcd in the log, ${there ? 'there' : 'not there'} now`;
      return byEtcd && there === check.back ? { ok: true } : { ok: false, detail };
    }
    case 'spread': {
      const running = (o.objects as Pod[]).filter((x) => matches(x, check.select) && x.status?.phase === 'Running' && !x.metadata?.deletionTimestamp);
      const perNode = new Map<string | undefined, number>();
      for (const pod of running) perNode.set(pod.spec?.nodeName, (perNode.get(pod.spec?.nodeName) ?? 0) + 1);
      const ok = running.length === check.count && [...perNode.values()].every((n) => n <= check.maxPerNode);
      const detail = [...perNode].sort(([a], [b]) => String(a).localeCompare(String(b))).map(([node, n]) => `${node}: ${n}`).join(', ') || '-';
      return ok ? { ok: true } : { ok: false, detail: `${lang === 'ko' ? '노드별 Running' : 'Running per node'}: ${detail}` };
    }
  }
}

/** Each check's result, in the scenario's order. */
export function runChecks(checks: Check[], observed: Observed, lang: Lang): CheckResult[] {
  return checks.map((c) => {
    const r = evaluate(c, observed, lang);
    return { id: c.id, ok: r.ok, message: r.ok ? c.text[lang] : `${c.failing[lang]}${r.detail ? ` (${r.detail})` : ''}` };
  });
}

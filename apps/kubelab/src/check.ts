/**
 * `kubelab check`: the event log's invariants (./invariants) over a whole log, read
 * from a running lab over HTTP or, with the lab stopped, straight from its SQLite file
 * (read only). A running lab adds two results only it can give: the log replayed
 * equals the live objects (`verify`), and every watch got its events in seq order
 * (GET /kubelab/v1/watch-deliveries, recorded when the api-server runs with
 * --record-watch-deliveries). `checkLab` is incremental, for `chaos random --check`.
 */
import type { KubeObject } from '@kubelab/api';
import { openEventLog, readSnapshot, storedData } from '@kubelab/event-store';
import { readLogFile } from './log-file.js';
import { InvariantChecker, type InvariantReport, type InvariantResult } from './invariants/invariant-checker.js';
import { clusterState, forEachEntry, logStream } from './log-client.js';
import { verify } from './replay.js';

/** A result that could not be judged here says why instead. */
export interface CheckResult extends InvariantResult {
  skipped?: string;
}

export interface CheckReport extends InvariantReport {
  results: CheckResult[];
}

/** Compacted away: the api-server answers 410 for an entry at or before its horizon. */
async function compactedAt(apiUrl: string, seq: number): Promise<boolean> {
  const res = await fetch(`${apiUrl}/kubelab/v1/events/${seq}`);
  await res.body?.cancel();
  return res.status === 410;
}

/**
 * Feeds the checker every entry after `fromSeq` and returns the newest seq fed (call
 * again with it as the log grows). When the log starts after a compaction horizon, the
 * checker first starts from the snapshot's objects; a horizon that overtakes a check
 * under way cannot be bridged and is an error.
 */
export async function checkLab(apiUrl: string, checker: InvariantChecker, fromSeq: number): Promise<number> {
  let last = fromSeq;
  await forEachEntry(await logStream(apiUrl, { since: String(fromSeq) }), async (e) => {
    if (e.seq > last + 1 && (await compactedAt(apiUrl, e.seq - 1))) {
      if (last !== 0) throw new Error(`the log was compacted past seq ${last} while it was being checked; give the api-server a larger --keep-events`);
      const snapshot = await clusterState(apiUrl, { at: String(e.seq - 1) });
      checker.startFrom(snapshot.seq, snapshot.items);
    }
    checker.add(e);
    last = Math.max(last, e.seq);
  });
  return last;
}

/**
 * The whole log of a stopped lab (its SQLite file or PostgreSQL URL), snapshot first; never writes to it.
 * A damaged file is read as far as it goes: the result says where reading stopped.
 */
export async function checkFile(file: string, checker: InvariantChecker): Promise<CheckResult> {
  const { db } = openEventLog(file, { readonly: true });
  let horizon: number;
  try {
    const snapshot = await readSnapshot(db);
    horizon = snapshot.seq;
    if (horizon > 0) checker.startFrom(horizon, snapshot.objects.map((o) => JSON.parse(storedData(o.data, `the snapshot's ${o.kind} ${o.name}`)) as KubeObject));
  } finally {
    await db.destroy();
  }
  const read = await readLogFile(file, { afterSeq: horizon }, (e) => checker.add(e));
  const failures = read.damage ? [{ message: `the log cannot be read after seq ${read.lastGood} (${read.damage}): kubelab export --until ${read.lastGood} keeps what reads`, seqs: [read.lastGood + 1] }] : [];
  return { id: 'log-readable', title: 'every event reads back', pass: failures.length === 0, checked: read.lastGood - horizon, failures };
}

/** `verify` as one more result: the log replayed to one seq equals the live objects then. */
export async function replayEqualsLive(apiUrl: string): Promise<CheckResult> {
  const { agree, lines } = await verify(apiUrl);
  const failures = agree ? [] : (lines.length > 1 ? lines.slice(1) : lines).map((l) => ({ message: l.trim(), seqs: [] }));
  return { id: 'replay-equals-live', title: 'the log replayed equals the live objects', pass: agree, checked: 1, failures };
}

/** GET /kubelab/v1/watch-deliveries: what the api-server sent each watch, as far as it recorded. */
export interface WatchDeliveries {
  watches: number;
  delivered: number;
  outOfOrder: { watch: number; path: string; previous: number; sent: number }[];
}

const watchOrderTitle = 'every watch got its events in seq order';

/** The watch-order result from the endpoint's answer: 404 means the api-server does not record deliveries. */
export function watchOrderResult(httpStatus: number, body?: WatchDeliveries): CheckResult {
  const base = { id: 'watch-order', title: watchOrderTitle };
  if (httpStatus === 404) return { ...base, pass: true, checked: 0, failures: [], skipped: 'start the api-server with --record-watch-deliveries' };
  if (httpStatus !== 200 || !body) return { ...base, pass: false, checked: 0, failures: [{ message: `GET /kubelab/v1/watch-deliveries: the api-server answered ${httpStatus}`, seqs: [] }] };
  const failures = body.outOfOrder.map((o) => ({ message: `watch ${o.watch} (${o.path}) was sent seq ${o.sent} after seq ${o.previous}`, seqs: [o.sent] }));
  return { ...base, title: `${watchOrderTitle} (${body.watches} watches)`, pass: failures.length === 0, checked: body.delivered, failures };
}

/** Asks the running api-server for its record of watch deliveries. */
export async function watchOrder(apiUrl: string): Promise<CheckResult> {
  const res = await fetch(`${apiUrl}/kubelab/v1/watch-deliveries`);
  if (res.status !== 200) {
    await res.body?.cancel();
    return watchOrderResult(res.status);
  }
  return watchOrderResult(200, (await res.json()) as WatchDeliveries);
}

/** A live-only result for a stopped lab. */
export function skippedWithoutLab(id: 'replay-equals-live' | 'watch-order'): CheckResult {
  const title = id === 'watch-order' ? watchOrderTitle : 'the log replayed equals the live objects';
  return { id, title, pass: true, checked: 0, failures: [], skipped: 'no lab is running: it needs the live api-server' };
}

/** One line per result (PASS, FAIL with a line per failure, SKIP) and a summary line. */
export function formatReport(report: CheckReport): string[] {
  const lines: string[] = [];
  for (const r of report.results) {
    if (r.skipped !== undefined) {
      lines.push(`SKIP  ${r.id}  ${r.title}: ${r.skipped}`);
      continue;
    }
    lines.push(`${r.pass ? 'PASS' : 'FAIL'}  ${r.id}  ${r.title}: ${r.checked} checked`);
    for (const f of r.failures) lines.push(`      ${f.seqs.length ? `seqs ${f.seqs.join(', ')}: ` : ''}${f.message}`);
  }
  const count = (p: (r: CheckResult) => boolean) => report.results.filter(p).length;
  const failed = count((r) => r.skipped === undefined && !r.pass);
  const skipped = count((r) => r.skipped !== undefined);
  lines.push(
    `${failed ? 'FAIL' : 'PASS'}: ${report.seqsChecked} entries checked up to seq ${report.lastSeq}; ` +
      `${report.results.length - failed - skipped} passed, ${failed} failed, ${skipped} skipped`,
  );
  return lines;
}

/** Exit 1 when any result failed. */
export const reportFailed = (report: CheckReport) => report.results.some((r) => r.skipped === undefined && !r.pass);

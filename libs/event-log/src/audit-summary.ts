/**
 * How audit entries read (see @kubelab/api's isAuditEntry): a refused request as
 * `alice list pods (default): 403 Forbidden: pods is forbidden: …`, a dropped connection as
 * `default/client → default/web:80/TCP dropped: ingress of default/web is isolated by …`,
 * a session as `alice ran "sh -c 'kill 1'" in container nginx via kubectl exec: exit code 0`,
 * and which dropped connections concern a pod (from it, to it). Pure: entries in, text out.
 */
import { dropEndName, type ConnectionDrop, type ContainerSession, type RefusalRecord } from '@kubelab/api';
import { auditRecordOf, type LogEntry } from './log-entry.js';

/** `(×5)` for an entry standing for a burst of identical ones; nothing for one. */
function times(count: unknown): string {
  return typeof count === 'number' && count > 1 ? ` (×${count})` : '';
}

/** `pods`, `deployments.apps`, `pods/exec`, or the path of a non-resource request. */
export function refusedResource(r: Partial<RefusalRecord>): string {
  if (!r.resource) return r.path ?? '';
  return `${r.resource}${r.group ? `.${r.group}` : ''}${r.subresource ? `/${r.subresource}` : ''}`;
}

/** Who, what and why of a Refused entry; an unauthenticated request (401) says so. */
export function refusalSummary(r: Partial<RefusalRecord>): string {
  const who = r.user?.username ?? '(unauthenticated)';
  const what = [r.verb, refusedResource(r), r.name].filter(Boolean).join(' ');
  const where = r.namespace ? ` (${r.namespace})` : '';
  const dryRun = r.dryRun ? ' [dry run]' : '';
  return `${who} ${what}${where}${dryRun}: ${r.code} ${r.reason}: ${r.message}${times(r.count)}`;
}

/** Source, destination and port of a ConnectionDropped entry, and why NetworkPolicy dropped it. */
export function dropSummary(d: Partial<ConnectionDrop> & { count?: number }): string {
  const to = d.destination ? `${dropEndName(d.destination)}:${d.destination.port}/${d.destination.protocol}` : '?';
  const via = d.service ? ` (Service ${d.service.namespace}/${d.service.name})` : '';
  return `${d.source ? dropEndName(d.source) : '?'} → ${to}${via} dropped: ${d.explanation ?? ''}${times(d.count)}`;
}

/** `sh -c 'exit 3'` as a person would type it back. */
export function commandLine(argv: readonly string[]): string {
  return argv.map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replaceAll("'", `'\\''`)}'`)).join(' ');
}

/** Who did what in which container of a SessionStarted entry, and on a SessionEnded entry how it ended. */
export function sessionSummary(s: Partial<ContainerSession>): string {
  const what = s.stream === 'exec' ? `ran "${commandLine(s.command ?? [])}" in container ${s.container}`
    : s.stream === 'attach' ? `attached to container ${s.container}`
      : `forwarded a connection to port ${s.port}`;
  return `${s.user ?? '?'} ${what} via ${s.client ?? 'unknown'}${s.outcome ? `: ${s.outcome}` : ''}`;
}

/** The ConnectionDropped entries among `entries` from the pod and to it (by namespace and name). */
export function dropsOfPod(entries: readonly LogEntry[], namespace: string, name: string): { from: LogEntry[]; to: LogEntry[] } {
  const drops = entries.filter((e) => e.type === 'ConnectionDropped');
  const from = drops.filter((e) => e.kind === 'Pod' && e.namespace === namespace && e.name === name);
  const to = drops.filter((e) => auditRecordOf(e).destination?.namespace === namespace && auditRecordOf(e).destination?.name === name);
  return { from, to };
}

/**
 * How audit entries read (see @kubelab/api's isAuditEntry): a refused request as
 * `alice list pods (default): 403 Forbidden: pods is forbidden: …`, a dropped connection as
 * `default/client → default/web:80/TCP dropped: ingress of default/web is isolated by …`,
 * and which dropped connections concern a pod (from it, to it). Pure: entries in, text out.
 */
import { dropEndName, type ConnectionDrop, type RefusalRecord } from '@kubelab/api';
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

/** The ConnectionDropped entries among `entries` from the pod and to it (by namespace and name). */
export function dropsOfPod(entries: readonly LogEntry[], namespace: string, name: string): { from: LogEntry[]; to: LogEntry[] } {
  const drops = entries.filter((e) => e.type === 'ConnectionDropped');
  const from = drops.filter((e) => e.kind === 'Pod' && e.namespace === namespace && e.name === name);
  const to = drops.filter((e) => auditRecordOf(e).destination?.namespace === namespace && auditRecordOf(e).destination?.name === name);
  return { from, to };
}

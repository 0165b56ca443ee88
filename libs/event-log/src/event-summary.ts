/**
 * One line per log entry that reads well for people: "bound to node-2", "Running,
 * ready 1/1", "Ready True → Unknown (NodeStatusUnknown)", "Scheduled: Successfully
 * assigned …". Given the object before the change, it says what changed; without
 * it, what the object now is. Pure: entries in, text out.
 */
import { hpaTargets } from '@kubelab/api';
import { dropSummary, refusalSummary } from './audit-summary.js';
import type { LogEntry } from './log-entry.js';

type Obj = Record<string, any>;

const conditionOf = (o: Obj | undefined, type: string): Obj | undefined => (o?.status?.conditions ?? []).find((c: Obj) => c.type === type);

/** A container's state as kubectl would name it: Running, Waiting (Reason), Terminated (Reason, exit N). */
function containerState(s: Obj): string {
  const state = s.state ?? {};
  if (state.running) return 'running';
  if (state.waiting) return `waiting (${state.waiting.reason ?? 'Waiting'})`;
  if (state.terminated) return `terminated (${state.terminated.reason ?? 'Terminated'}, exit ${state.terminated.exitCode ?? '?'})`;
  return 'unknown';
}

function readyCount(pod: Obj): string {
  const statuses: Obj[] = pod.status?.containerStatuses ?? [];
  const total = statuses.length || (pod.spec?.containers ?? []).length;
  return `${statuses.filter((s) => s.ready).length}/${total}`;
}

function podStatus(pod: Obj, before: Obj | undefined): string {
  if (!before) {
    const containers = (pod.status?.containerStatuses ?? []).map((s: Obj) => `${s.name} ${containerState(s)}`);
    return [pod.status?.phase ?? 'Pending', `ready ${readyCount(pod)}`, ...containers].join(', ');
  }
  const parts: string[] = [];
  const phase = pod.status?.phase;
  if (phase !== before.status?.phase) parts.push(`${before.status?.phase ?? 'Pending'} → ${phase}`);
  if (readyCount(pod) !== readyCount(before)) parts.push(`ready ${readyCount(before)} → ${readyCount(pod)}`);
  const previous = new Map<string, Obj>((before.status?.containerStatuses ?? []).map((s: Obj) => [s.name, s]));
  for (const s of pod.status?.containerStatuses ?? []) {
    const old = previous.get(s.name);
    if (!old || containerState(old) !== containerState(s)) parts.push(`${s.name} ${containerState(s)}`);
    if (old && (s.restartCount ?? 0) > (old.restartCount ?? 0)) parts.push(`${s.name} restarts ${s.restartCount}`);
  }
  if (pod.status?.podIP && pod.status.podIP !== before.status?.podIP) parts.push(`IP ${pod.status.podIP}`);
  return parts.length ? parts.join(', ') : `${phase ?? 'Pending'}, ready ${readyCount(pod)} (no change)`;
}

function nodeStatus(node: Obj, before: Obj | undefined): string {
  const now = conditionOf(node, 'Ready');
  const then = conditionOf(before, 'Ready');
  const reason = now?.reason ? ` (${now.reason})` : '';
  if (!before) return `Ready ${now?.status ?? 'Unknown'}${reason}`;
  if (now?.status !== then?.status) return `Ready ${then?.status ?? 'Unknown'} → ${now?.status ?? 'Unknown'}${reason}`;
  const changed = (node.status?.conditions ?? [])
    .filter((c: Obj) => conditionOf(before, c.type)?.status !== c.status)
    .map((c: Obj) => `${c.type} ${conditionOf(before, c.type)?.status ?? '-'} → ${c.status}`);
  return changed.length ? changed.join(', ') : `Ready ${now?.status ?? 'Unknown'} (no change)`;
}

const taintText = (t: Obj) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** What an update of a spec changed that people look for: taints, cordon, replicas, images, labels. */
function specChanges(o: Obj, before: Obj): string[] {
  const parts: string[] = [];
  const taints = (x: Obj) => new Set<string>((x.spec?.taints ?? []).map(taintText));
  const [now, then] = [taints(o), taints(before)];
  for (const t of now) if (!then.has(t)) parts.push(`taint ${t} added`);
  for (const t of then) if (!now.has(t)) parts.push(`taint ${t} removed`);
  if (Boolean(o.spec?.unschedulable) !== Boolean(before.spec?.unschedulable)) parts.push(o.spec?.unschedulable ? 'cordoned' : 'uncordoned');
  if (o.spec?.replicas !== before.spec?.replicas) parts.push(`replicas ${before.spec?.replicas ?? '-'} → ${o.spec?.replicas ?? '-'}`);
  const images = (x: Obj) => (x.spec?.template?.spec?.containers ?? x.spec?.containers ?? []).map((c: Obj) => c.image).join(',');
  if (images(o) !== images(before)) parts.push(`image ${images(before)} → ${images(o)}`);
  if (JSON.stringify(o.metadata?.labels ?? {}) !== JSON.stringify(before.metadata?.labels ?? {})) parts.push('labels changed');
  return parts;
}

function workloadStatus(o: Obj): string {
  const s = o.status ?? {};
  if (o.kind === 'HorizontalPodAutoscaler') return `replicas ${s.currentReplicas ?? 0}, desired ${s.desiredReplicas ?? 0}, targets ${hpaTargets(o)}`;
  if (o.kind === 'Job') return `active ${s.active ?? 0}, succeeded ${s.succeeded ?? 0}, failed ${s.failed ?? 0}`;
  if (s.replicas !== undefined || o.spec?.replicas !== undefined) return `ready ${s.readyReplicas ?? 0}/${o.spec?.replicas ?? s.replicas ?? 0}`;
  return 'status updated';
}

function created(o: Obj): string {
  const owner = (o.metadata?.ownerReferences ?? [])[0];
  const by = owner ? ` for ${owner.kind} ${owner.name}` : '';
  if (o.kind === 'Node') return 'registered';
  if (o.kind === 'Pod') return `created${by}${o.spec?.nodeName ? `, on ${o.spec.nodeName}` : ''}`;
  if (o.spec?.replicas !== undefined) return `created${by}, ${o.spec.replicas} replicas`;
  return `created${by}`;
}

/** A Kubernetes Event object: "Reason: message" (× count when repeated). */
function kubeEvent(o: Obj): string {
  const count = o.count > 1 ? ` (×${o.count})` : '';
  return `${o.reason ?? 'Event'}: ${o.message ?? o.note ?? ''}${count}`;
}

/** The one-line summary of an entry; `before` is the object as the previous entry of it left it. */
export function summarize(e: LogEntry, before?: Obj): string {
  const o: Obj = e.object ?? {};
  if (e.type === 'Refused') return refusalSummary(o);
  if (e.type === 'ConnectionDropped') return dropSummary(o);
  if (e.kind === 'Event' && !e.type.endsWith('Deleted')) return kubeEvent(o);
  const action = e.type.startsWith(e.kind) ? e.type.slice(e.kind.length) : e.type;
  switch (action) {
    case 'Created':
      return created(o);
    case 'Bound':
      return `bound to ${o.spec?.nodeName}`;
    case 'DeletionRequested': {
      const grace = o.metadata?.deletionGracePeriodSeconds;
      return `deletion requested${grace !== undefined ? ` (grace ${grace}s)` : ''}`;
    }
    case 'Deleted':
      return 'deleted';
    case 'Scaled':
      return before ? `scaled ${before.spec?.replicas} → ${o.spec?.replicas}` : `scaled to ${o.spec?.replicas}`;
    case 'StatusReported':
      return e.kind === 'Node' ? nodeStatus(o, before) : podStatus(o, before);
    case 'StatusUpdated':
      return workloadStatus(o);
    case 'EphemeralContainersAdded':
      return `ephemeral containers: ${(o.spec?.ephemeralContainers ?? []).map((c: Obj) => c.name).join(', ')}`;
    case 'Updated': {
      const changes = before ? specChanges(o, before) : [];
      return changes.length ? changes.join(', ') : 'updated';
    }
    default:
      return e.type;
  }
}

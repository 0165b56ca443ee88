/**
 * One line per log entry that reads well for people: "bound to node-2", "Running,
 * ready 1/1", "Ready True → Unknown (NodeStatusUnknown)", "Scheduled: Successfully
 * assigned …". Given the object before the change, it says what changed; without
 * it, what the object now is. Pure: entries in, text out.
 */
import { etcdRestoredType, hpaTargets, type Node, type Pod } from '@kubelab/api';
import type { HorizontalPodAutoscaler } from 'kubernetes-types/autoscaling/v2';
import type { Container, ContainerStatus, Taint } from 'kubernetes-types/core/v1';
import { dropSummary, refusalSummary, sessionSummary } from './audit-summary.js';
import { sessionRecordOf, type AuditRecord, type LogEntry, type LoggedEvent, type LogObject } from './log-entry.js';

/** The spec fields an update's summary compares, whichever kind holds them (a Node's taints, a workload's replicas and template). */
interface ComparedSpec {
  taints?: Taint[];
  unschedulable?: boolean;
  replicas?: number;
  nodeName?: string;
  containers?: Container[];
  ephemeralContainers?: { name: string }[];
  template?: { spec?: { containers?: Container[] } };
}

/** The status fields a workload's summary reads: a Job's counts, an HPA's replicas, a ReplicaSet's or Deployment's readiness. */
interface WorkloadStatus {
  replicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  desiredReplicas?: number;
  active?: number;
  succeeded?: number;
  failed?: number;
}

const specOf = (o: LogObject | undefined) => o?.spec as ComparedSpec | undefined;

const conditionOf = (node: Node | undefined, type: string) => (node?.status?.conditions ?? []).find((c) => c.type === type);

/** A container's state as kubectl would name it: Running, Waiting (Reason), Terminated (Reason, exit N). */
function containerState(s: ContainerStatus): string {
  const state = s.state ?? {};
  if (state.running) return 'running';
  if (state.waiting) return `waiting (${state.waiting.reason ?? 'Waiting'})`;
  if (state.terminated) return `terminated (${state.terminated.reason ?? 'Terminated'}, exit ${state.terminated.exitCode ?? '?'})`;
  return 'unknown';
}

function readyCount(pod: Pod): string {
  const statuses = pod.status?.containerStatuses ?? [];
  const total = statuses.length || (pod.spec?.containers ?? []).length;
  return `${statuses.filter((s) => s.ready).length}/${total}`;
}

function podStatus(pod: Pod, before: Pod | undefined): string {
  if (!before) {
    const containers = (pod.status?.containerStatuses ?? []).map((s) => `${s.name} ${containerState(s)}`);
    return [pod.status?.phase ?? 'Pending', `ready ${readyCount(pod)}`, ...containers].join(', ');
  }
  const parts: string[] = [];
  const phase = pod.status?.phase;
  if (phase !== before.status?.phase) parts.push(`${before.status?.phase ?? 'Pending'} → ${phase}`);
  if (readyCount(pod) !== readyCount(before)) parts.push(`ready ${readyCount(before)} → ${readyCount(pod)}`);
  const previous = new Map((before.status?.containerStatuses ?? []).map((s) => [s.name, s]));
  for (const s of pod.status?.containerStatuses ?? []) {
    const old = previous.get(s.name);
    if (!old || containerState(old) !== containerState(s)) parts.push(`${s.name} ${containerState(s)}`);
    if (old && (s.restartCount ?? 0) > (old.restartCount ?? 0)) parts.push(`${s.name} restarts ${s.restartCount}`);
  }
  if (pod.status?.podIP && pod.status.podIP !== before.status?.podIP) parts.push(`IP ${pod.status.podIP}`);
  return parts.length ? parts.join(', ') : `${phase ?? 'Pending'}, ready ${readyCount(pod)} (no change)`;
}

function nodeStatus(node: Node, before: Node | undefined): string {
  const now = conditionOf(node, 'Ready');
  const then = conditionOf(before, 'Ready');
  const reason = now?.reason ? ` (${now.reason})` : '';
  if (!before) return `Ready ${now?.status ?? 'Unknown'}${reason}`;
  if (now?.status !== then?.status) return `Ready ${then?.status ?? 'Unknown'} → ${now?.status ?? 'Unknown'}${reason}`;
  const changed = (node.status?.conditions ?? [])
    .filter((c) => conditionOf(before, c.type)?.status !== c.status)
    .map((c) => `${c.type} ${conditionOf(before, c.type)?.status ?? '-'} → ${c.status}`);
  return changed.length ? changed.join(', ') : `Ready ${now?.status ?? 'Unknown'} (no change)`;
}

const taintText = (t: Taint) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`;

/** What an update of a spec changed that people look for: taints, cordon, replicas, images, labels. */
function specChanges(o: LogObject, before: LogObject): string[] {
  const parts: string[] = [];
  const [spec, was] = [specOf(o), specOf(before)];
  const taints = (x: ComparedSpec | undefined) => new Set<string>((x?.taints ?? []).map(taintText));
  const [now, then] = [taints(spec), taints(was)];
  for (const t of now) if (!then.has(t)) parts.push(`taint ${t} added`);
  for (const t of then) if (!now.has(t)) parts.push(`taint ${t} removed`);
  if (Boolean(spec?.unschedulable) !== Boolean(was?.unschedulable)) parts.push(spec?.unschedulable ? 'cordoned' : 'uncordoned');
  if (spec?.replicas !== was?.replicas) parts.push(`replicas ${was?.replicas ?? '-'} → ${spec?.replicas ?? '-'}`);
  const images = (x: ComparedSpec | undefined) => (x?.template?.spec?.containers ?? x?.containers ?? []).map((c) => c.image).join(',');
  if (images(spec) !== images(was)) parts.push(`image ${images(was)} → ${images(spec)}`);
  if (JSON.stringify(o.metadata?.labels ?? {}) !== JSON.stringify(before.metadata?.labels ?? {})) parts.push('labels changed');
  return parts;
}

function workloadStatus(o: LogObject): string {
  const s = (o.status ?? {}) as WorkloadStatus;
  const replicas = specOf(o)?.replicas;
  if (o.kind === 'HorizontalPodAutoscaler') return `replicas ${s.currentReplicas ?? 0}, desired ${s.desiredReplicas ?? 0}, targets ${hpaTargets(o as HorizontalPodAutoscaler)}`;
  if (o.kind === 'Job') return `active ${s.active ?? 0}, succeeded ${s.succeeded ?? 0}, failed ${s.failed ?? 0}`;
  if (s.replicas !== undefined || replicas !== undefined) return `ready ${s.readyReplicas ?? 0}/${replicas ?? s.replicas ?? 0}`;
  return 'status updated';
}

function created(o: LogObject): string {
  const owner = (o.metadata?.ownerReferences ?? [])[0];
  const by = owner ? ` for ${owner.kind} ${owner.name}` : '';
  const spec = specOf(o);
  if (o.kind === 'Node') return 'registered';
  if (o.kind === 'Pod') return `created${by}${spec?.nodeName ? `, on ${spec.nodeName}` : ''}`;
  if (spec?.replicas !== undefined) return `created${by}, ${spec.replicas} replicas`;
  return `created${by}`;
}

/** A Kubernetes Event object: "Reason: message" (× count when repeated). */
function kubeEvent(o: LoggedEvent): string {
  const count = (o.count ?? 0) > 1 ? ` (×${o.count})` : '';
  return `${o.reason ?? 'Event'}: ${o.message ?? o.note ?? ''}${count}`;
}

/** The one-line summary of an entry; `before` is the object as the previous entry of it left it. */
export function summarize(e: LogEntry, before?: LogObject): string {
  const o: LogObject = e.object ?? {};
  if (e.type === 'Refused') return refusalSummary(o as AuditRecord);
  if (e.type === 'ConnectionDropped') return dropSummary(o as AuditRecord);
  if (e.type === 'SessionStarted' || e.type === 'SessionEnded') return sessionSummary(sessionRecordOf(e));
  if (e.type === etcdRestoredType) return String((o as { message?: unknown }).message ?? 'etcd restored a snapshot');
  if (e.kind === 'Event' && !e.type.endsWith('Deleted')) return kubeEvent(o as LoggedEvent);
  const action = e.type.startsWith(e.kind) ? e.type.slice(e.kind.length) : e.type;
  switch (action) {
    case 'Created':
      return created(o);
    case 'Bound':
      return `bound to ${specOf(o)?.nodeName}`;
    case 'DeletionRequested': {
      const grace = o.metadata?.deletionGracePeriodSeconds;
      return `deletion requested${grace !== undefined ? ` (grace ${grace}s)` : ''}`;
    }
    case 'Deleted':
      return 'deleted';
    case 'Restored':
      return 'restored as the etcd snapshot holds it';
    case 'Scaled':
      return before ? `scaled ${specOf(before)?.replicas} → ${specOf(o)?.replicas}` : `scaled to ${specOf(o)?.replicas}`;
    case 'StatusReported':
      return e.kind === 'Node' ? nodeStatus(o as Node, before as Node | undefined) : podStatus(o as Pod, before as Pod | undefined);
    case 'StatusUpdated':
      return workloadStatus(o);
    case 'EphemeralContainersAdded':
      return `ephemeral containers: ${(specOf(o)?.ephemeralContainers ?? []).map((c) => c.name).join(', ')}`;
    case 'Updated': {
      const changes = before ? specChanges(o, before) : [];
      return changes.length ? changes.join(', ') : 'updated';
    }
    default:
      return e.type;
  }
}

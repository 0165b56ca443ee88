/**
 * `kubelab deschedule`: the descheduler run once, as a Job would run it on a real
 * cluster. It reads nodes and pods from the lab's API, plans with the pure
 * `planDeschedule` (RemoveDuplicates, LowNodeUtilization), evicts through the
 * eviction API (grace periods honoured) and records a `Descheduled` Event per pod
 * saying which strategy moved it and why, so the event log tells the story.
 */
import { kubeTime, type KubeObject, type Node, type Pod } from '@kubelab/api';
import { ClusterSnapshot, planDeschedule, type DescheduleStrategy } from '@kubelab/scheduling';

export const descheduleStrategies: readonly DescheduleStrategy[] = ['RemoveDuplicates', 'LowNodeUtilization'];

const headers = { 'content-type': 'application/json', 'user-agent': 'descheduler' };

/** The items of a list the api-server answers at `url`, as the kind it serves there. */
async function getItems<T>(url: string): Promise<T[]> {
  const res = await fetch(url, { headers });
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}`);
  return ((await res.json()) as { items: T[] }).items;
}

async function post(url: string, body: unknown): Promise<Response> {
  return fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

/** Plans (and unless `dryRun`, carries out) one descheduling pass; returns the lines to print. */
export async function deschedule(apiUrl: string, strategies: readonly DescheduleStrategy[], dryRun: boolean): Promise<string[]> {
  const nodes = await getItems<Node>(`${apiUrl}/api/v1/nodes`);
  const pods = await getItems<Pod>(`${apiUrl}/api/v1/pods`);
  const snapshot = new ClusterSnapshot();
  for (const node of nodes) snapshot.upsertNode(node);
  for (const pod of pods) if (pod.spec?.nodeName && !pod.metadata.deletionTimestamp) snapshot.upsertPod(pod);
  const plan = planDeschedule(snapshot, { strategies: [...strategies] });
  const lines = [...plan.summary];
  if (plan.evictions.length === 0) return [...lines, 'nothing to evict: the pods are already spread as the strategies want'];
  for (const e of plan.evictions) {
    const { namespace, name } = e.pod.metadata;
    if (dryRun) {
      lines.push(`would evict ${namespace}/${name} from ${e.node} (${e.strategy}): ${e.reason}`);
      continue;
    }
    const res = await post(`${apiUrl}/api/v1/namespaces/${namespace}/pods/${name}/eviction`, {
      apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace },
    });
    if (!res.ok) {
      lines.push(`could not evict ${namespace}/${name}: ${((await res.json().catch(() => ({}))) as { message?: string }).message ?? res.status}`);
      continue;
    }
    await recordDescheduled(apiUrl, e.pod, `pod evicted from ${e.node} by the descheduler (${e.strategy}): ${e.reason}`, e.strategy);
    lines.push(`evicted ${namespace}/${name} from ${e.node} (${e.strategy}): ${e.reason}`);
  }
  return lines;
}

async function recordDescheduled(apiUrl: string, pod: KubeObject, message: string, strategy: string): Promise<void> {
  const { namespace, name, uid } = pod.metadata;
  const now = kubeTime(new Date());
  await post(`${apiUrl}/api/v1/namespaces/${namespace}/events`, {
    apiVersion: 'v1', kind: 'Event',
    metadata: { generateName: `${name}.`, namespace, annotations: { 'kubelab.dev/descheduler-strategy': strategy } },
    involvedObject: { apiVersion: 'v1', kind: 'Pod', namespace, name, uid },
    reason: 'Descheduled', message, type: 'Normal',
    source: { component: 'descheduler' }, reportingComponent: 'descheduler', reportingInstance: 'descheduler',
    firstTimestamp: now, lastTimestamp: now, count: 1,
  });
}

/**
 * The workload `kubelab chaos random --workload` keeps busy while the drills run:
 * Deployments, a StatefulSet, a DaemonSet, a Job and a CronJob in the namespace
 * `soak`, and a writer that changes things as a user would (a ConfigMap counter every
 * few seconds, a Deployment scaled now and then, far enough apart that each change
 * can settle). Every write the api-server acknowledges (2xx) is noted with the
 * resourceVersion it returned, so the log can be checked to hold each one exactly once.
 */
import type { AcknowledgedWrite } from '../invariants/invariant-checker.js';

export const soakNamespace = 'soak';

const labels = (app: string) => ({ app });
const container = (name: string, image: string, command?: string[]) => ({ name, image, ...(command ? { command } : {}) });
const template = (app: string, c: object, extra: object = {}) => ({ metadata: { labels: labels(app) }, spec: { terminationGracePeriodSeconds: 5, containers: [c], ...extra } });

/** Probes give `unhealthy` drills something to fail: a liveness failure restarts the container, a readiness one takes it out of its Service. */
const httpProbe = { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 3 };

/** The objects the soak runs, created in this order. */
export const soakObjects = [
  { path: '/api/v1/namespaces', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: soakNamespace } } },
  { path: `/apis/apps/v1/namespaces/${soakNamespace}/deployments`, body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3, selector: { matchLabels: labels('web') }, template: template('web', { ...container('nginx', 'nginx:1.27'), livenessProbe: httpProbe, readinessProbe: httpProbe }) } } },
  { path: `/apis/apps/v1/namespaces/${soakNamespace}/deployments`, body: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' }, spec: { replicas: 2, selector: { matchLabels: labels('api') }, template: template('api', container('httpd', 'httpd:2.4')) } } },
  { path: `/api/v1/namespaces/${soakNamespace}/services`, body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: labels('db'), ports: [{ port: 6379 }] } } },
  { path: `/apis/apps/v1/namespaces/${soakNamespace}/statefulsets`, body: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' }, spec: { serviceName: 'db', replicas: 3, selector: { matchLabels: labels('db') }, template: template('db', { ...container('redis', 'redis:7'), readinessProbe: { tcpSocket: { port: 6379 }, periodSeconds: 5 } }) } } },
  { path: `/apis/apps/v1/namespaces/${soakNamespace}/daemonsets`, body: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'node-agent' }, spec: { selector: { matchLabels: labels('node-agent') }, template: template('node-agent', container('agent', 'busybox:1.36', ['sleep', '100000'])) } } },
  { path: `/apis/batch/v1/namespaces/${soakNamespace}/jobs`, body: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'batch' }, spec: { completions: 6, parallelism: 2, backoffLimit: 20, template: { spec: { restartPolicy: 'OnFailure', terminationGracePeriodSeconds: 5, containers: [container('work', 'busybox:1.36', ['sh', '-c', 'sleep 20'])] } } } } },
  {
    path: `/apis/batch/v1/namespaces/${soakNamespace}/cronjobs`,
    body: {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'tick' },
      spec: {
        schedule: '*/2 * * * *', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 2,
        jobTemplate: { spec: { completions: 1, backoffLimit: 6, template: { spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 5, containers: [container('tick', 'busybox:1.36', ['sh', '-c', 'sleep 5'])] } } } },
      },
    },
  },
] as const;

/** What the writer did: writes tried, acknowledged, and refused or unanswered (the api-server may be down). */
export interface WriteTally {
  tried: number;
  acknowledged: number;
  failed: number;
}

/** Writes as a user would, noting each acknowledged one. */
export class SoakWriter {
  readonly tally: WriteTally = { tried: 0, acknowledged: 0, failed: 0 };
  private counter = 0;
  private scaled = 0;

  constructor(private readonly apiUrl: string, private readonly acknowledge: (w: AcknowledgedWrite) => void) {}

  /**
   * One write; acknowledged when the api-server answers 2xx with the object. A
   * subresource's answer (a Scale) stands for the object it changed: `logged` names its kind.
   */
  async write(method: string, path: string, body: object, contentType = 'application/json', logged?: string): Promise<boolean> {
    this.tally.tried++;
    const res = await fetch(`${this.apiUrl}${path}`, { method, headers: { 'content-type': contentType }, body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
    const object = res?.ok ? ((await res.json().catch(() => undefined)) as { kind?: string; metadata?: { name?: string; namespace?: string; resourceVersion?: string } } | undefined) : undefined;
    if (!object?.metadata?.resourceVersion || !object.kind) {
      this.tally.failed++;
      return false;
    }
    this.tally.acknowledged++;
    this.acknowledge({ seq: Number(object.metadata.resourceVersion), kind: logged ?? object.kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' });
    return true;
  }

  /** Creates the soak's objects; one that exists already (a second run) is left as it is. */
  async createObjects(): Promise<void> {
    for (const o of soakObjects) await this.write('POST', o.path, o.body);
  }

  /** The counter ConfigMap, created on the first tick and updated on every later one. */
  async tick(): Promise<void> {
    this.counter++;
    const path = `/api/v1/namespaces/${soakNamespace}/configmaps`;
    const data = { count: String(this.counter) };
    if (this.counter === 1) await this.write('POST', path, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'counter' }, data });
    else await this.write('PATCH', `${path}/counter`, { data }, 'application/merge-patch+json');
  }

  /** Scales web between 3 and 4 replicas: a spec change each Deployment check judges. */
  async scale(): Promise<void> {
    this.scaled++;
    await this.write('PATCH', `/apis/apps/v1/namespaces/${soakNamespace}/deployments/web/scale`, { spec: { replicas: 3 + (this.scaled % 2) } }, 'application/merge-patch+json', 'Deployment');
  }
}

interface Workload {
  kind: string;
  metadata: { name: string; generation?: number };
  spec: { replicas?: number; completions?: number };
  status?: Record<string, number | undefined>;
}

/** The soak's workloads not yet settled, named: "deployment/web 2/3". Empty when every one is. */
export async function unsettled(apiUrl: string): Promise<string[]> {
  const get = async (path: string) => ((await fetch(`${apiUrl}${path}`, { signal: AbortSignal.timeout(10_000) }).then((r) => r.json())) as { items: Workload[] }).items;
  const out: string[] = [];
  const n = (v: number | undefined) => v ?? 0;
  for (const d of await get(`/apis/apps/v1/namespaces/${soakNamespace}/deployments`)) {
    const want = d.spec.replicas ?? 1;
    const s = d.status ?? {};
    if (!(n(s.observedGeneration) >= n(d.metadata.generation) && n(s.updatedReplicas) === want && n(s.availableReplicas) === want && n(s.replicas) === want)) out.push(`deployment/${d.metadata.name} ${n(s.availableReplicas)}/${want}`);
  }
  for (const t of await get(`/apis/apps/v1/namespaces/${soakNamespace}/statefulsets`)) {
    const want = t.spec.replicas ?? 1;
    if (n(t.status?.readyReplicas) !== want) out.push(`statefulset/${t.metadata.name} ${n(t.status?.readyReplicas)}/${want}`);
  }
  for (const t of await get(`/apis/apps/v1/namespaces/${soakNamespace}/daemonsets`)) {
    const s = t.status ?? {};
    if (n(s.numberReady) !== n(s.desiredNumberScheduled) || n(s.desiredNumberScheduled) === 0) out.push(`daemonset/${t.metadata.name} ${n(s.numberReady)}/${n(s.desiredNumberScheduled)}`);
  }
  const batch = (await get(`/apis/batch/v1/namespaces/${soakNamespace}/jobs`)).find((j) => j.metadata.name === 'batch');
  if (batch && n(batch.status?.succeeded) < (batch.spec.completions ?? 1)) out.push(`job/batch ${n(batch.status?.succeeded)}/${batch.spec.completions}`);
  return out;
}

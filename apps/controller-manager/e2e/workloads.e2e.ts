import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface LogEvent {
  seq: number;
  type: string;
  name: string;
  uid: string;
  object: any;
}

const timeScale = 60;

const statefulSet = JSON.stringify({
  apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
  spec: {
    serviceName: 'nginx', replicas: 3, selector: { matchLabels: { app: 'nginx' } },
    template: {
      metadata: { labels: { app: 'nginx' } },
      spec: {
        terminationGracePeriodSeconds: 10,
        containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.24', ports: [{ containerPort: 80, name: 'web' }], readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 } }],
      },
    },
  },
});
const headless = JSON.stringify({
  apiVersion: 'v1', kind: 'Service', metadata: { name: 'nginx' },
  spec: { clusterIP: 'None', selector: { app: 'nginx' }, ports: [{ port: 80, name: 'web' }] },
});
const dnsCheck = JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dns-check' },
  spec: { restartPolicy: 'Never', containers: [{ name: 'check', image: 'busybox:1.28', command: ['sh', '-c', 'nslookup web-0.nginx && wget -qO- http://web-2.nginx.default.svc.cluster.local'] }] },
});
const daemonSet = (name: string) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name },
  spec: {
    selector: { matchLabels: { name } },
    template: { metadata: { labels: { name } }, spec: { containers: [{ name: 'fluentd', image: 'quay.io/fluentd_elasticsearch/fluentd:v2.5.2' }] } },
  },
});
const cronJob = (name: string, policy: string, command: string) => JSON.stringify({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name },
  spec: {
    schedule: '* * * * *', concurrencyPolicy: policy, successfulJobsHistoryLimit: 2,
    jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.28', command: ['sh', '-c', command] }] } } } },
  },
});

describe('StatefulSets, DaemonSets and CronJobs with three agents and the real kubectl (time scale 60)', () => {
  let lab: TestLab;
  const apply = async (manifest: string) => {
    const r = await lab.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(r.stderr).toBe('');
  };
  const json = async (args: string[]) => JSON.parse((await lab.kubectl([...args, '-o', 'json'])).stdout);
  const pods = async (selector: string) => (await json(['get', 'pods', '-l', selector])).items as any[];
  const ready = (p: any) => !p.metadata.deletionTimestamp && p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
  const log = async (query: string): Promise<LogEvent[]> =>
    (await lab.fetch(`${lab.apiUrl}/kubelab/v1/events?${query}`).then((r) => r.text())).split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEvent);

  beforeAll(async () => {
    lab = await startLab({ nodes: 3, timeScale });
  });
  afterAll(() => lab?.stop());

  it('brings a StatefulSet up as web-0, web-1, web-2, each once the one before is Ready; a deleted pod comes back under its name; scale-down goes from the top', async () => {
    await apply(headless);
    await apply(statefulSet);
    const up = await waitFor(async () => {
      const p = (await pods('app=nginx')).filter(ready);
      return p.length === 3 && p;
    }, 'three ready pods', 20_000);
    expect(up.map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2']);
    expect(up.map((p) => [p.spec.hostname, p.spec.subdomain])).toContainEqual(['web-1', 'nginx']);
    const entries = await log('kind=Pod');
    const createdAt = (name: string) => entries.find((e) => e.name === name && e.type === 'PodCreated')!.seq;
    const readyAt = (name: string) => entries.find((e) => e.name === name && e.object.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'))!.seq;
    expect(createdAt('web-1')).toBeGreaterThan(readyAt('web-0'));
    expect(createdAt('web-2')).toBeGreaterThan(readyAt('web-1'));

    await apply(dnsCheck);
    await waitFor(async () => (await pods('!app')).find((p) => p.metadata.name === 'dns-check')?.status?.phase === 'Succeeded', 'the DNS check to succeed', 10_000);
    const answers = (await lab.kubectl(['logs', 'dns-check'])).stdout;
    // busybox 1.28's nslookup format, as the StatefulSet tutorial shows it.
    expect(answers).toContain(`Name:      web-0.nginx\nAddress 1: ${up.find((p) => p.metadata.name === 'web-0').status.podIP}\n`);
    expect(answers).toContain('Welcome to nginx!');

    const old = up.find((p) => p.metadata.name === 'web-1');
    await lab.kubectl(['delete', 'pod', 'web-1', '--wait=false']);
    const back = await waitFor(async () => (await pods('app=nginx')).find((p) => p.metadata.name === 'web-1' && p.metadata.uid !== old.metadata.uid && ready(p)), 'web-1 back with a new UID', 20_000);
    expect(back.metadata.uid).not.toBe(old.metadata.uid);

    // The StatefulSet counts web-1 ready once its controller has seen it so, a sync after the pod itself.
    const sts = await waitFor(async () => {
      const shown = (await lab.kubectl(['get', 'statefulsets'])).stdout;
      return /\nweb\s+3\/3\s+\d+s\n/.test(shown) && shown;
    }, 'the StatefulSet 3/3 ready', 20_000);
    expect(sts).toMatch(/^NAME\s+READY\s+AGE\n/);

    const deletedBefore = (await log('kind=Pod')).length;
    expect((await lab.kubectl(['scale', 'sts', 'web', '--replicas=1'])).stdout).toBe('statefulset.apps/web scaled\n');
    await waitFor(async () => (await pods('app=nginx')).length === 1, 'one pod left', 20_000);
    const gone = (await log('kind=Pod')).slice(deletedBefore).filter((e) => e.type === 'PodDeleted').map((e) => e.name);
    expect(gone).toEqual(['web-2', 'web-1']);
    expect((await pods('app=nginx')).map((p) => p.metadata.name)).toEqual(['web-0']);
  });

  it('does not recreate a StatefulSet pod while its old self is Terminating on a lost node; after a force delete it comes back elsewhere', async () => {
    await lab.kubectl(['scale', 'sts', 'web', '--replicas=2']);
    const web1 = await waitFor(async () => (await pods('app=nginx')).find((p) => p.metadata.name === 'web-1' && ready(p)), 'web-1 ready', 20_000);
    const node = web1.spec.nodeName as string;
    expect(lab.kubelab(['chaos', 'kill-agent', node]).status).toBe(0);
    // The node goes Unknown, then after the toleration (300 s, scaled) the pod is evicted: Terminating, never confirmed.
    await waitFor(async () => (await pods('app=nginx')).find((p) => p.metadata.name === 'web-1')?.metadata.deletionTimestamp, 'web-1 Terminating', 20_000);
    const waiting = await waitFor(async () => {
      const events = (await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=web-1,reason=WaitingForPod'])).stdout;
      return events.includes('is waiting for pod web-1 to be deleted (Terminating): its node') && events;
    }, 'the StatefulSet to say it waits', 10_000);
    expect(waiting).toContain('StatefulSet default/web');
    const stillOld = (await pods('app=nginx')).find((p) => p.metadata.name === 'web-1');
    expect(stillOld.metadata.uid).toBe(web1.metadata.uid);

    expect((await lab.kubectl(['delete', 'pod', 'web-1', '--force', '--grace-period=0'])).code).toBe(0);
    const again = await waitFor(async () => (await pods('app=nginx')).find((p) => p.metadata.name === 'web-1' && p.metadata.uid !== web1.metadata.uid && ready(p)), 'web-1 recreated', 20_000);
    expect(again.spec.nodeName).not.toBe(node);
    expect(lab.kubelab(['chaos', 'start-agent', node]).status).toBe(0);
  });

  it('rolls a StatefulSet update from the highest ordinal down to the partition, then the rest when the partition drops', async () => {
    await lab.kubectl(['scale', 'sts', 'web', '--replicas=3']);
    await waitFor(async () => (await pods('app=nginx')).filter(ready).length === 3, 'three ready pods', 20_000);
    const imageOf = async () => Object.fromEntries((await pods('app=nginx')).map((p) => [p.metadata.name, ready(p) ? p.spec.containers[0].image : 'not ready']));
    expect((await lab.kubectl(['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":2}}}}'])).code).toBe(0);
    const before = (await log('kind=Pod')).length;
    expect((await lab.kubectl(['set', 'image', 'sts/web', 'nginx=registry.k8s.io/nginx-slim:0.8'])).code).toBe(0);
    await waitFor(async () => (await json(['get', 'sts', 'web'])).status.updatedReplicas === 1 && (await imageOf())['web-2'] === 'registry.k8s.io/nginx-slim:0.8', 'web-2 updated', 20_000);
    expect(await imageOf()).toMatchObject({ 'web-0': 'registry.k8s.io/nginx-slim:0.24', 'web-1': 'registry.k8s.io/nginx-slim:0.24' });

    expect((await lab.kubectl(['patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"rollingUpdate":{"partition":0}}}}'])).code).toBe(0);
    const status = await lab.kubectl(['rollout', 'status', 'sts/web', '--timeout=30s']);
    expect(status.stdout).toContain('partitioned roll out complete: 3 new pods have been updated');
    expect(Object.values(await imageOf())).toEqual(Array(3).fill('registry.k8s.io/nginx-slim:0.8'));
    const replaced = (await log('kind=Pod')).slice(before).filter((e) => e.type === 'PodDeleted').map((e) => e.name);
    expect(replaced).toEqual(['web-2', 'web-1', 'web-0']);
    expect((await lab.kubectl(['rollout', 'history', 'sts/web'])).stdout).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+<none>\n2\s+<none>\n/);
  });

  it('runs one DaemonSet pod per node, gives a joining node one, none to a tainted node, and kubectl drain --ignore-daemonsets works', async () => {
    await apply(daemonSet('logs'));
    const perNode = async (name: string) => (await pods(`name=${name}`)).filter((p) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp).map((p) => p.spec.nodeName).sort();
    await waitFor(async () => (await perNode('logs')).join() === 'node-1,node-2,node-3', 'one pod on each of the 3 nodes', 20_000);
    const pod = (await pods('name=logs'))[0];
    expect(pod.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0]).toMatchObject({ key: 'metadata.name', operator: 'In' });
    expect(pod.spec.tolerations).toContainEqual({ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' });

    lab.startProcess('kubelet-agent', ['--node-name', 'node-4', '--catalog', 'deploy/images.yaml']);
    await waitFor(async () => (await perNode('logs')).join() === 'node-1,node-2,node-3,node-4', 'a pod on node-4 too', 20_000);
    const ds = (await lab.kubectl(['get', 'daemonsets'])).stdout;
    expect(ds).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+NODE SELECTOR\s+AGE\n/);
    expect(ds).toMatch(/\nlogs\s+4\s+4\s+4\s+4\s+4\s+<none>\s+\d+s\n/);

    expect((await lab.kubectl(['taint', 'node', 'node-3', 'dedicated=db:NoSchedule'])).code).toBe(0);
    await apply(daemonSet('metrics'));
    await waitFor(async () => (await perNode('metrics')).join() === 'node-1,node-2,node-4', 'metrics on every node but the tainted one', 20_000);

    const drain = await lab.kubectl(['drain', 'node-4', '--ignore-daemonsets', '--timeout=20s']);
    expect(drain.stderr).toContain('ignoring DaemonSet-managed Pods');
    expect(drain.stdout).toContain('node/node-4 drained');

    await lab.kubectl(['delete', 'daemonset', 'metrics']);
    await waitFor(async () => (await pods('name=metrics')).length === 0 && !(await lab.kubectl(['get', 'controllerrevisions'])).stdout.includes('metrics-'), 'its pods and revisions collected', 10_000);
  });

  it('fires an every-minute CronJob about once a second at time scale 60, keeps the history limit, and Forbid skips a run while one is active', async () => {
    await apply(cronJob('tick', 'Allow', 'echo tick'));
    const jobs = async (name: string) => ((await json(['get', 'jobs'])).items as any[]).filter((j) => j.metadata.ownerReferences?.[0]?.name === name);
    const startedAt = Date.now();
    const created = new Set<string>();
    await waitFor(async () => {
      for (const j of await jobs('tick')) created.add(j.metadata.name);
      return created.size >= 5;
    }, 'five Jobs', 15_000, 100);
    const perSecond = created.size / ((Date.now() - startedAt) / 1000);
    expect(perSecond).toBeGreaterThan(0.4);
    expect([...created].every((n) => /^tick-\d{8}$/.test(n))).toBe(true);
    await waitFor(async () => (await jobs('tick')).filter((j) => j.status?.succeeded === 1).length <= 2 && (await jobs('tick')).length <= 3, 'the history limit kept', 10_000);
    const cj = (await lab.kubectl(['get', 'cronjobs'])).stdout;
    expect(cj).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\n/);
    expect(cj).toMatch(/\ntick\s+\* \* \* \* \*\s+<none>\s+False\s+\d+\s+\d+s\s+\d+s\n/);
    await lab.kubectl(['delete', 'cronjob', 'tick']);
    await waitFor(async () => (await jobs('tick')).length === 0, 'the garbage collector to take its Jobs', 10_000);

    await apply(cronJob('long', 'Forbid', 'sleep 3600'));
    await waitFor(async () => (await jobs('long')).length === 1, 'the first long Job', 10_000);
    await waitFor(async () => (await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=long,reason=JobAlreadyActive'])).stdout.includes('Not starting job because prior execution is running and concurrency policy is Forbid'), 'a skipped run', 10_000);
    expect(await jobs('long')).toHaveLength(1);

    const manual = await lab.kubectl(['create', 'job', 'by-hand', '--from=cronjob/long']);
    expect(manual.stdout).toBe('job.batch/by-hand created\n');
    await waitFor(async () => (await pods('job-name=by-hand')).some((p) => p.status?.phase === 'Running'), 'the hand-made Job running', 10_000);
  });
});

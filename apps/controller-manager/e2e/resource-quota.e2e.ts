import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A namespace per test, named after the suite: namespaces are cluster-scoped on the shared lab. */
const namespaces = {
  counted: 'resource-quota-counted', compute: 'resource-quota-compute', scaled: 'resource-quota-scaled', ordered: 'resource-quota-ordered', objects: 'resource-quota-objects',
};
// A group of the suite's own: the CRD is cluster-scoped on the shared lab, where other suites define a CronTab too.
const group = 'resource-quota.example.com';

describe('ResourceQuota enforced by admission and counted by the quota controller, with the real kubectl', () => {
  let lab: TestLab;
  const kubectl = (...args: string[]) => lab.kubectl(args);
  const quotaRow = (namespace: string, name: string) => kubectl('get', 'quota', name, '-n', namespace, '--no-headers');

  beforeAll(async () => {
    lab = await sharedLab('resource-quota');
  });
  afterAll(async () => {
    if (lab) await lab.kubectl(['delete', ...Object.values(namespaces).map((n) => `namespace/${n}`), `crd/crontabs.${group}`, '--ignore-not-found', '--wait=false']);
    lab?.stop();
  });

  it('admits pods up to the count, refuses the next as kube-apiserver words it, and frees room when one goes', async () => {
    expect((await kubectl('create', 'namespace', namespaces.counted)).stderr).toBe('');
    expect((await kubectl('create', 'quota', 'q', '--hard=pods=2', '-n', namespaces.counted)).stdout).toBe('resourcequota/q created\n');
    for (const name of ['p1', 'p2']) expect((await kubectl('run', name, '--image=nginx', '-n', namespaces.counted)).stdout).toBe(`pod/${name} created\n`);
    const refused = await kubectl('run', 'p3', '--image=nginx', '-n', namespaces.counted);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe('Error from server (Forbidden): pods "p3" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2\n');
    const dryRun = await kubectl('run', 'p3', '--image=nginx', '-n', namespaces.counted, '--dry-run=server');
    expect(dryRun.stderr).toBe(refused.stderr);
    expect((await kubectl('get', 'pod', 'p3', '-n', namespaces.counted)).stderr).toBe('Error from server (NotFound): pods "p3" not found\n');

    await waitFor(async () => /^q\s+\S+\s+pods: 2\/2\s*$/.test((await quotaRow(namespaces.counted, 'q')).stdout) || undefined, 'kubectl get quota shows pods: 2/2');
    const described = (await kubectl('describe', 'quota', 'q', '-n', namespaces.counted)).stdout;
    expect(described).toMatch(/Resource\s+Used\s+Hard\n\s*--------\s+----\s+----\n\s*pods\s+2\s+2\n/);

    expect((await kubectl('delete', 'pod', 'p1', '-n', namespaces.counted, '--grace-period=1')).stderr).toBe('');
    await waitFor(async () => /pods: 1\/2/.test((await quotaRow(namespaces.counted, 'q')).stdout) || undefined, 'kubectl get quota shows pods: 1/2 after a delete');
    expect((await kubectl('run', 'p3', '--image=nginx', '-n', namespaces.counted)).stdout).toBe('pod/p3 created\n');
    await waitFor(async () => /pods: 2\/2/.test((await quotaRow(namespaces.counted, 'q')).stdout) || undefined, 'kubectl get quota shows pods: 2/2 again');
  });

  it('refuses a pod that declares no cpu request under a requests.cpu quota, and counts the requests of those that do', async () => {
    await kubectl('create', 'namespace', namespaces.compute);
    await kubectl('create', 'quota', 'compute', '--hard=requests.cpu=1,limits.memory=1Gi', '-n', namespaces.compute);
    const refused = await kubectl('run', 'bare', '--image=nginx', '-n', namespaces.compute);
    expect(refused.stderr).toBe('Error from server (Forbidden): pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: bare; requests.cpu for: bare\n');
    const pod = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sized' },
      spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '600m' }, limits: { memory: '256Mi' } } }] },
    };
    expect((await lab.kubectl(['apply', '-n', namespaces.compute, '-f', '-'], { stdin: JSON.stringify(pod) })).stdout).toBe('pod/sized created\n');
    const second = await lab.kubectl(['apply', '-n', namespaces.compute, '-f', '-'], { stdin: JSON.stringify({ ...pod, metadata: { name: 'second' } }) });
    expect(second.stderr).toBe(
      'Error from server (Forbidden): error when creating "STDIN": pods "second" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1\n',
    );
    await waitFor(async () => {
      const row = (await quotaRow(namespaces.compute, 'compute')).stdout;
      return /requests\.cpu: 600m\/1\s+limits\.memory: 256Mi\/1Gi\s*$/.test(row) || undefined;
    }, 'kubectl get quota shows requests.cpu: 600m/1 and limits.memory: 256Mi/1Gi');
  });

  it('leaves a Deployment scaled beyond the quota short, its ReplicaSet reporting FailedCreate with the refusal', async () => {
    await kubectl('create', 'namespace', namespaces.scaled);
    await kubectl('create', 'quota', 'q', '--hard=pods=2', '-n', namespaces.scaled);
    expect((await kubectl('create', 'deployment', 'web', '--image=nginx', '--replicas=3', '-n', namespaces.scaled)).stderr).toBe('');
    const event = await waitFor(async () => {
      const events = JSON.parse((await kubectl('get', 'events', '-n', namespaces.scaled, '--field-selector', 'reason=FailedCreate', '-o', 'json')).stdout).items as any[];
      return events.find((e) => e.involvedObject.kind === 'ReplicaSet');
    }, 'a FailedCreate event on the ReplicaSet');
    expect(event.type).toBe('Warning');
    expect(event.message).toMatch(/^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$/);
    const rs = await waitFor(async () => {
      const found = JSON.parse((await kubectl('get', 'rs', '-n', namespaces.scaled, '-l', 'app=web', '-o', 'json')).stdout).items[0];
      return found?.status?.conditions?.some((c: any) => c.type === 'ReplicaFailure') ? found : undefined;
    }, 'the ReplicaSet reports ReplicaFailure');
    expect(rs.spec.replicas).toBe(3);
    expect(rs.status.conditions).toEqual([expect.objectContaining({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: event.message.replace('Error creating: ', '') })]);
    await waitFor(async () => /ReplicaFailure\s+True\s+FailedCreate/.test((await kubectl('describe', 'deployment', 'web', '-n', namespaces.scaled)).stdout) || undefined, 'kubectl describe deployment shows ReplicaFailure');
    expect((await kubectl('get', 'pods', '-n', namespaces.scaled, '--no-headers')).stdout.trim().split('\n')).toHaveLength(2);
    await waitFor(async () => /pods: 2\/2/.test((await quotaRow(namespaces.scaled, 'q')).stdout) || undefined, 'kubectl get quota shows pods: 2/2');
  });

  it('stops a StatefulSet at the quota, with the FailedCreate event its controller words', async () => {
    await kubectl('create', 'namespace', namespaces.ordered);
    await kubectl('create', 'quota', 'q', '--hard=pods=2', '-n', namespaces.ordered);
    const set = {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db' },
      spec: {
        serviceName: 'db', replicas: 3, selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'nginx' }] } },
      },
    };
    expect((await lab.kubectl(['apply', '-n', namespaces.ordered, '-f', '-'], { stdin: JSON.stringify(set) })).stderr).toBe('');
    const event = await waitFor(async () => {
      const events = JSON.parse((await kubectl('get', 'events', '-n', namespaces.ordered, '--field-selector', 'reason=FailedCreate', '-o', 'json')).stdout).items as any[];
      return events.find((e) => e.involvedObject.kind === 'StatefulSet');
    }, 'a FailedCreate event on the StatefulSet', 30_000);
    expect(event.message).toBe('create Pod db-2 in StatefulSet db failed error: pods "db-2" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
  });

  it('counts any kind by count/<resource>.<group>, custom resources included', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `crontabs.${group}` },
      spec: {
        group, scope: 'Namespaced', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } } } }],
      },
    };
    expect((await lab.kubectl(['create', '-f', '-'], { stdin: JSON.stringify(crd) })).stderr).toBe('');
    await kubectl('create', 'namespace', namespaces.objects);
    await kubectl('create', 'quota', 'objects', `--hard=count/deployments.apps=1,count/crontabs.${group}=1,configmaps=2`, '-n', namespaces.objects);
    const crontab = (name: string) => JSON.stringify({ apiVersion: `${group}/v1`, kind: 'CronTab', metadata: { name }, spec: {} });
    await waitFor(async () => (await lab.kubectl(['create', '-n', namespaces.objects, '-f', '-'], { stdin: crontab('first') })).code === 0 || undefined, 'the first CronTab created');
    expect((await lab.kubectl(['create', '-n', namespaces.objects, '-f', '-'], { stdin: crontab('second') })).stderr).toBe(
      `Error from server (Forbidden): error when creating "STDIN": crontabs.${group} "second" is forbidden: exceeded quota: objects, requested: count/crontabs.${group}=1, used: count/crontabs.${group}=1, limited: count/crontabs.${group}=1\n`,
    );
    expect((await kubectl('create', 'deployment', 'a', '--image=nginx', '--replicas=0', '-n', namespaces.objects)).stderr).toBe('');
    expect((await kubectl('create', 'deployment', 'b', '--image=nginx', '--replicas=0', '-n', namespaces.objects)).stderr).toBe(
      'error: failed to create deployment: deployments.apps "b" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, used: count/deployments.apps=1, limited: count/deployments.apps=1\n',
    );
    await waitFor(async () => {
      const row = (await quotaRow(namespaces.objects, 'objects')).stdout;
      return row.includes(`configmaps: 1/2, count/crontabs.${group}: 1/1, count/deployments.apps: 1/1`) || undefined;
    }, 'kubectl get quota counts the root CA ConfigMap, the CronTab and the Deployment');
  });
});

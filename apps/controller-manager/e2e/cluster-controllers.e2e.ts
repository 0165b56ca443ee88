import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const replicationController = (name: string, replicas: number) => JSON.stringify({
  apiVersion: 'v1', kind: 'ReplicationController', metadata: { name },
  spec: {
    replicas, selector: { app: name },
    template: { metadata: { labels: { app: name } }, spec: { terminationGracePeriodSeconds: 2, containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] } },
  },
});

describe('cluster controllers (service accounts, replication controllers, heartbeat leases, namespace deletion, disruption budgets) with the real kubectl (time scale 20)', () => {
  let lab: TestLab;
  const kubectl = (args: string[], stdin?: string) => lab.kubectl(args, stdin === undefined ? {} : { stdin });
  const stdoutOf = async (args: string[]) => (await kubectl(args)).stdout;
  const readyReplicas = (rc: string, n: number) =>
    waitFor(async () => (await stdoutOf(['get', 'rc', rc, '-o', 'jsonpath={.status.readyReplicas}'])) === String(n), `rc ${rc} ${n} ready`, 30_000);

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20 });
  });
  afterAll(() => lab?.stop());

  it('gives every namespace a default ServiceAccount, recreates it when deleted, and refuses a pod naming a missing one', async () => {
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      await waitFor(async () => (await stdoutOf(['get', 'serviceaccount', 'default', '-n', ns, '-o', 'name'])) === 'serviceaccount/default\n', `default ServiceAccount in ${ns}`);
    }
    expect((await kubectl(['create', 'namespace', 'team-a'])).stderr).toBe('');
    await waitFor(async () => (await stdoutOf(['get', 'sa', '-n', 'team-a', '-o', 'name'])) === 'serviceaccount/default\n', 'default ServiceAccount in team-a');
    const uid = await stdoutOf(['get', 'sa', 'default', '-n', 'team-a', '-o', 'jsonpath={.metadata.uid}']);
    expect((await kubectl(['delete', 'sa', 'default', '-n', 'team-a'])).stdout).toBe('serviceaccount "default" deleted\n');
    await waitFor(async () => {
      const now = await stdoutOf(['get', 'sa', 'default', '-n', 'team-a', '-o', 'jsonpath={.metadata.uid}']);
      return now !== '' && now !== uid;
    }, 'default ServiceAccount recreated');
    const refused = await kubectl(['run', 'robot', '-n', 'team-a', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"robot"}}']);
    expect(refused.stderr).toBe('Error from server (Forbidden): pods "robot" is forbidden: error looking up service account team-a/robot: serviceaccount "robot" not found\n');
    expect((await kubectl(['create', 'serviceaccount', 'robot', '-n', 'team-a'])).stderr).toBe('');
    expect((await kubectl(['run', 'robot', '-n', 'team-a', '--image=nginx', '--overrides={"spec":{"serviceAccountName":"robot"}}'])).stdout).toBe('pod/robot created\n');
    expect(await stdoutOf(['describe', 'pod', 'robot', '-n', 'team-a'])).toMatch(/Service Account:\s+robot\n/);
  });

  it('runs a ReplicationController like a ReplicaSet: pods owned by it, scale, expose, get all, cascading delete', async () => {
    expect((await kubectl(['apply', '-f', '-'], replicationController('nginx', 2))).stdout).toBe('replicationcontroller/nginx created\n');
    await readyReplicas('nginx', 2);
    const pods = JSON.parse(await stdoutOf(['get', 'pods', '-l', 'app=nginx', '-o', 'json'])).items as any[];
    expect(pods).toHaveLength(2);
    expect(pods[0].metadata.ownerReferences).toEqual([expect.objectContaining({ apiVersion: 'v1', kind: 'ReplicationController', name: 'nginx', controller: true, blockOwnerDeletion: true })]);
    const status = JSON.parse(await stdoutOf(['get', 'rc', 'nginx', '-o', 'jsonpath={.status}']));
    expect(status).toEqual({ replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, observedGeneration: 1 });
    expect(await stdoutOf(['describe', 'rc', 'nginx'])).toMatch(/Created pod: nginx-/);

    expect((await kubectl(['scale', 'rc', 'nginx', '--replicas=3'])).stdout).toBe('replicationcontroller/nginx scaled\n');
    await readyReplicas('nginx', 3);
    expect((await kubectl(['expose', 'rc', 'nginx', '--port=80'])).stdout).toBe('service/nginx exposed\n');
    expect(await stdoutOf(['get', 'svc', 'nginx', '-o', 'jsonpath={.spec.selector}'])).toBe('{"app":"nginx"}');
    expect(await stdoutOf(['get', 'all'])).toMatch(/\nreplicationcontroller\/nginx\s/);

    expect((await kubectl(['delete', 'rc', 'nginx'])).stdout).toBe('replicationcontroller "nginx" deleted\n');
    await waitFor(async () => (await stdoutOf(['get', 'pods', '-l', 'app=nginx', '-o', 'name'])) === '', 'the pods of rc nginx gone', 30_000);
  });

  it('shows node heartbeats and leader elections as Leases, renewed, and keeps them out of the event log', async () => {
    const renewTime = () => stdoutOf(['get', 'lease', 'node-1', '-n', 'kube-node-lease', '-o', 'jsonpath={.spec.renewTime}']);
    const first = await waitFor(async () => (await renewTime()) || undefined, 'the lease of node-1');
    expect(first).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    const lease = JSON.parse(await stdoutOf(['get', 'lease', 'node-1', '-n', 'kube-node-lease', '-o', 'json']));
    expect(lease.spec).toMatchObject({ holderIdentity: 'node-1', leaseDurationSeconds: 40 });
    expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: await stdoutOf(['get', 'node', 'node-1', '-o', 'jsonpath={.metadata.uid}']) }]);
    await waitFor(async () => (await renewTime()) > first, 'the lease of node-1 renewed');
    expect(await stdoutOf(['describe', 'node', 'node-1'])).toMatch(/\nLease:\n {2}HolderIdentity: {2}node-1\n {2}AcquireTime: {5}<unset>\n {2}RenewTime: {7}\w{3}, \d\d \w{3} \d{4} /);
    const leaders = await stdoutOf(['get', 'leases', '-n', 'kube-system', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.leaseDurationSeconds}{"\\n"}{end}']);
    expect(leaders).toBe('kube-controller-manager 15\nkube-scheduler 15\n');
    expect(await stdoutOf(['get', 'leases', '-A', '-o', 'name'])).toBe(
      'lease.coordination.k8s.io/node-1\nlease.coordination.k8s.io/node-2\nlease.coordination.k8s.io/kube-controller-manager\nlease.coordination.k8s.io/kube-scheduler\n',
    );
    const logged = await lab.fetch(`${lab.apiUrl}/kubelab/v1/events?kind=Lease`).then((r) => r.text());
    expect(logged).toBe('');
  });

  it('deletes a namespace as a cluster does: Terminating with the namespace controller\'s conditions while pods stop, then gone', async () => {
    expect((await kubectl(['create', 'namespace', 'shop'])).stderr).toBe('');
    const sleeper = JSON.stringify({
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' },
      spec: {
        replicas: 2, selector: { matchLabels: { app: 'web' } },
        // 300 lab seconds (15 s of wall time): the pods must still be stopping when the conditions are read on a loaded machine.
        template: { metadata: { labels: { app: 'web' } }, spec: { terminationGracePeriodSeconds: 300, containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'] }] } },
      },
    });
    expect((await kubectl(['apply', '-f', '-'], sleeper)).stderr).toBe('');
    await waitFor(async () => (await stdoutOf(['get', 'pods', '-n', 'shop', '--field-selector=status.phase=Running', '-o', 'name'])).split('\n').filter(Boolean).length === 2, 'two pods Running in shop');
    expect((await kubectl(['delete', 'namespace', 'shop', '--wait=false'])).stdout).toBe('namespace "shop" deleted\n');
    expect(await stdoutOf(['get', 'namespace', 'shop', '--no-headers'])).toMatch(/^shop\s+Terminating\s+/);
    const conditions = await waitFor(async () => {
      const text = await stdoutOf(['get', 'namespace', 'shop', '-o', 'jsonpath={range .status.conditions[*]}{.type} {.status} {.reason}: {.message}{"\\n"}{end}']);
      return text.includes('NamespaceContentRemaining True') ? text : undefined;
    }, 'the namespace controller\'s conditions');
    expect(conditions).toBe([
      'NamespaceDeletionDiscoveryFailure False ResourcesDiscovered: All resources successfully discovered',
      'NamespaceDeletionGroupVersionParsingFailure False ParsedGroupVersions: All legacy kube types successfully parsed',
      'NamespaceDeletionContentFailure False ContentDeleted: All content successfully deleted, may be waiting on finalization',
      'NamespaceContentRemaining True SomeResourcesRemain: Some resources are remaining: pods. has 2 resource instances',
      'NamespaceFinalizersRemaining False ContentHasNoFinalizers: All content-preserving finalizers finished',
      '',
    ].join('\n'));
    expect(await stdoutOf(['get', 'namespace', 'shop', '-o', 'jsonpath={.spec.finalizers}'])).toBe('["kubernetes"]');
    expect(await stdoutOf(['get', 'deployments,replicasets', '-n', 'shop', '-o', 'name'])).toBe('');
    expect((await kubectl(['delete', 'namespace', 'shop'])).stderr).toBe(
      'Error from server (Conflict): Operation cannot be fulfilled on namespaces "shop": The system is ensuring all content is removed from this namespace.  Upon completion, this namespace will automatically be purged by the system.\n',
    );
    expect((await kubectl(['create', 'configmap', 'late', '-n', 'shop'])).stderr).toBe(
      'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace shop because it is being terminated\n',
    );
    await waitFor(async () => (await kubectl(['get', 'namespace', 'shop'])).stderr === 'Error from server (NotFound): namespaces "shop" not found\n', 'namespace shop gone', 90_000);
  }, 180_000);

  it('deletes the custom resources of a namespace too, the CRD itself staying', async () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: 'crontabs.stable.example.com' },
      spec: {
        group: 'stable.example.com', scope: 'Namespaced', names: { plural: 'crontabs', singular: 'crontab', kind: 'CronTab', shortNames: ['ct'] },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { cronSpec: { type: 'string' } } } } } } }],
      },
    };
    expect((await kubectl(['apply', '-f', '-'], JSON.stringify(crd))).stderr).toBe('');
    expect((await kubectl(['create', 'namespace', 'cron'])).stderr).toBe('');
    const crontab = { apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'nightly', namespace: 'cron' }, spec: { cronSpec: '0 3 * * *' } };
    await waitFor(async () => (await kubectl(['create', '-f', '-'], JSON.stringify(crontab))).code === 0, 'the CronTab to be created once its CRD is served');
    expect((await kubectl(['delete', 'namespace', 'cron', '--wait=false'])).stderr).toBe('');
    await waitFor(async () => (await kubectl(['get', 'namespace', 'cron'])).stderr.includes('NotFound'), 'namespace cron gone with its CronTab', 30_000);
    expect(await stdoutOf(['get', 'crontabs', '--all-namespaces', '-o', 'name'])).toBe('');
    expect(await stdoutOf(['get', 'crd', 'crontabs.stable.example.com', '-o', 'name'])).toBe('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com\n');
  });

  it('holds a drain back with a PodDisruptionBudget in kubectl\'s words, and lets it through once the budget allows', async () => {
    expect((await kubectl(['create', 'deployment', 'web', '--image=nginx:1.14.2', '--replicas=2'])).stderr).toBe('');
    expect((await kubectl(['create', 'pdb', 'web-pdb', '--selector=app=web', '--min-available=2'])).stdout).toBe('poddisruptionbudget.policy/web-pdb created\n');
    const budget = async () => JSON.parse(await stdoutOf(['get', 'pdb', 'web-pdb', '-o', 'json'])).status ?? {};
    const held = await waitFor(async () => {
      const status = await budget();
      return status.currentHealthy === 2 ? status : undefined;
    }, 'web-pdb sees 2 healthy pods', 30_000);
    expect(held).toMatchObject({ observedGeneration: 1, disruptionsAllowed: 0, currentHealthy: 2, desiredHealthy: 2, expectedPods: 2 });
    expect(held.conditions).toEqual([{ type: 'DisruptionAllowed', status: 'False', observedGeneration: 1, lastTransitionTime: expect.any(String), reason: 'InsufficientPods', message: '' }]);
    // Earlier tests leave pods of their own (a bare pod, too): only the budget's pods are drained.
    const victim = JSON.parse(await stdoutOf(['get', 'pods', '-l', 'app=web', '-o', 'json'])).items[0];
    const node = victim.spec.nodeName as string;

    const refused = await lab.kubectl(['drain', node, '--ignore-daemonsets', '--pod-selector=app=web', '--timeout=7s'], { timeoutMs: 20_000 });
    expect(refused.code).not.toBe(0);
    expect(refused.stdout).toContain(`node/${node} cordoned\n`);
    expect(refused.stderr).toContain(`error when evicting pods/"${victim.metadata.name}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`);
    expect(await stdoutOf(['get', 'pod', victim.metadata.name, '-o', 'jsonpath={.metadata.deletionTimestamp}'])).toBe('');

    expect((await kubectl(['patch', 'pdb', 'web-pdb', '--type=merge', '-p', '{"spec":{"minAvailable":1}}'])).stderr).toBe('');
    await waitFor(async () => (await budget()).disruptionsAllowed === 1, 'web-pdb allows one disruption');
    const drained = await lab.kubectl(['drain', node, '--ignore-daemonsets', '--pod-selector=app=web', '--timeout=30s'], { timeoutMs: 40_000 });
    expect(drained.stdout).toContain(`pod/${victim.metadata.name} evicted\nnode/${node} drained\n`);
    const evicted = (await lab.fetch(`${lab.apiUrl}/kubelab/v1/events?kind=PodDisruptionBudget&name=web-pdb`).then((r) => r.text())).split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(evicted.some((e) => e.type === 'PodDisruptionBudgetStatusUpdated' && e.object.status.disruptedPods?.[victim.metadata.name])).toBe(true);
    expect((await kubectl(['uncordon', node])).stdout).toBe(`node/${node} uncordoned\n`);
  });
});

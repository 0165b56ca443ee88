/**
 * Every resource type of a 1.32 cluster through the real kubectl: discovery lists the same
 * rows as a real cluster's `kubectl api-resources`, and each kind the documentation has an
 * example of goes through create → get → list → watch → patch → delete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupVersionOf, resourceTypes } from '@kubelab/api';
import { kubectlFor, waitFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startTestApiServer } from './test-server.js';

const fixture = (name: string) => join(import.meta.dirname, 'fixtures', name);

interface Example {
  text: string;
  kind: string;
  name: string;
  /** `plural.version.group` (the core group's plural alone), unambiguous for kubectl: two groups serve `events`. */
  resource: string;
}

/** The documents of a fixture, each with the fully qualified resource kubectl should address. */
function examples(file: string, plurals: Map<string, string>): Example[] {
  return parseAllDocuments(readFileSync(fixture(file), 'utf8')).map((doc) => {
    const obj = doc.toJS() as { apiVersion: string; kind: string; metadata: { name: string } };
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    const plural = plurals.get(`${obj.apiVersion}/${obj.kind}`)!;
    return { text: doc.toString(), kind: obj.kind, name: obj.metadata.name, resource: group ? `${plural}.${version}.${group}` : plural };
  });
}

/** The columns `kubectl get` prints for each kind on a 1.32 cluster (pkg/printers/internalversion). */
const headers: Record<string, string[]> = {
  ServiceAccount: ['NAME', 'SECRETS', 'AGE'],
  PersistentVolume: ['NAME', 'CAPACITY', 'ACCESS MODES', 'RECLAIM POLICY', 'STATUS', 'CLAIM', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'REASON', 'AGE'],
  PersistentVolumeClaim: ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
  ResourceQuota: ['NAME', 'AGE', 'REQUEST', 'LIMIT'],
  ReplicationController: ['NAME', 'DESIRED', 'CURRENT', 'READY', 'AGE'],
  PodTemplate: ['NAME', 'CONTAINERS', 'IMAGES', 'POD LABELS'],
  HorizontalPodAutoscaler: ['NAME', 'REFERENCE', 'TARGETS', 'MINPODS', 'MAXPODS', 'REPLICAS', 'AGE'],
  IngressClass: ['NAME', 'CONTROLLER', 'PARAMETERS', 'AGE'],
  Ingress: ['NAME', 'CLASS', 'HOSTS', 'ADDRESS', 'PORTS', 'AGE'],
  NetworkPolicy: ['NAME', 'POD-SELECTOR', 'AGE'],
  PodDisruptionBudget: ['NAME', 'MIN AVAILABLE', 'MAX UNAVAILABLE', 'ALLOWED DISRUPTIONS', 'AGE'],
  Role: ['NAME', 'CREATED AT'],
  ClusterRole: ['NAME', 'CREATED AT'],
  RoleBinding: ['NAME', 'ROLE', 'AGE'],
  ClusterRoleBinding: ['NAME', 'ROLE', 'AGE'],
  Lease: ['NAME', 'HOLDER', 'AGE'],
  RuntimeClass: ['NAME', 'HANDLER', 'AGE'],
  StorageClass: ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
  CSIDriver: ['NAME', 'ATTACHREQUIRED', 'PODINFOONMOUNT', 'STORAGECAPACITY', 'TOKENREQUESTS', 'REQUIRESREPUBLISH', 'MODES', 'AGE'],
  CSINode: ['NAME', 'DRIVERS', 'AGE'],
  VolumeAttachment: ['NAME', 'ATTACHER', 'PV', 'NODE', 'ATTACHED', 'AGE'],
  CertificateSigningRequest: ['NAME', 'AGE', 'SIGNERNAME', 'REQUESTOR', 'REQUESTEDDURATION', 'CONDITION'],
  ValidatingWebhookConfiguration: ['NAME', 'WEBHOOKS', 'AGE'],
  MutatingWebhookConfiguration: ['NAME', 'WEBHOOKS', 'AGE'],
  ValidatingAdmissionPolicy: ['NAME', 'VALIDATIONS', 'PARAMKIND', 'AGE'],
  ValidatingAdmissionPolicyBinding: ['NAME', 'POLICYNAME', 'PARAMREF', 'AGE'],
  PriorityLevelConfiguration: ['NAME', 'TYPE', 'NOMINALCONCURRENCYSHARES', 'QUEUES', 'HANDSIZE', 'QUEUELENGTHLIMIT', 'AGE'],
  FlowSchema: ['NAME', 'PRIORITYLEVEL', 'MATCHINGPRECEDENCE', 'DISTINGUISHERMETHOD', 'AGE', 'MISSINGPL'],
  APIService: ['NAME', 'SERVICE', 'AVAILABLE', 'AGE'],
  Event: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
};

describe('every kind a 1.32 cluster serves', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;
  const plurals = new Map<string, string>();

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
    for (const t of resourceTypes) plurals.set(`${groupVersionOf(t)}/${t.kind}`, t.plural);
  });
  afterAll(() => server?.close());

  it('lists in api-resources exactly the rows a 1.32 cluster lists', async () => {
    const r = await kubectl(['api-resources']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(readFileSync(fixture('api-resources-1.32.txt'), 'utf8'));
  });

  it('serves autoscaling/v1 beside v2 and both event groups over one stored object each', async () => {
    await kubectl(['create', 'deployment', 'web', '--image=nginx']);
    const autoscale = await kubectl(['autoscale', 'deployment', 'web', '--cpu-percent=50', '--min=1', '--max=10']);
    expect(autoscale.stdout).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    const v1 = JSON.parse((await kubectl(['get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'json'])).stdout);
    expect(v1.apiVersion).toBe('autoscaling/v1');
    expect(v1.spec).toMatchObject({ minReplicas: 1, maxReplicas: 10, targetCPUUtilizationPercentage: 50 });
    const v2 = JSON.parse((await kubectl(['get', 'horizontalpodautoscalers.v2.autoscaling', 'web', '-o', 'json'])).stdout);
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
    expect(v2.metadata.uid).toBe(v1.metadata.uid);

    const core = await kubectl(['create', '-f', '-'], {
      stdin: JSON.stringify({ apiVersion: 'v1', kind: 'Event', metadata: { name: 'core-event' }, involvedObject: { kind: 'Pod', name: 'web', namespace: 'default' }, reason: 'Checked', message: 'seen from both groups', type: 'Normal' }),
    });
    expect(core.stdout).toBe('event/core-event created\n');
    const asEventsV1 = JSON.parse((await kubectl(['get', 'events.v1.events.k8s.io', 'core-event', '-o', 'json'])).stdout);
    expect(asEventsV1).toMatchObject({ apiVersion: 'events.k8s.io/v1', note: 'seen from both groups', regarding: { kind: 'Pod', name: 'web' } });
  });

  it('answers the review kinds and component statuses without storing them', async () => {
    expect((await kubectl(['auth', 'can-i', 'create', 'pods'])).stdout).toBe('yes\n');
    // The insecure listener's caller, as kube-apiserver's old insecure port named it: a cluster admin nobody checked.
    expect((await kubectl(['auth', 'whoami'])).stdout).toMatch(/^Username +system:unsecured$/m);
    const before = JSON.parse((await kubectl(['get', 'pods', '-o', 'json'])).stdout).metadata.resourceVersion;
    const review = await kubectl(['create', '-o', 'json', '-f', '-'], {
      stdin: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default' } } }),
    });
    // RBAC judges the subject named, not the caller: jane has no binding.
    expect(JSON.parse(review.stdout).status).toEqual({ allowed: false });
    const masters = await kubectl(['create', '-o', 'json', '-f', '-'], {
      stdin: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: 'root', groups: ['system:masters'], resourceAttributes: { verb: 'delete', resource: 'nodes' } } }),
    });
    expect(JSON.parse(masters.stdout).status).toMatchObject({ allowed: true });
    const refused = await kubectl(['create', '-f', '-'], {
      stdin: JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { resourceAttributes: { verb: 'get' } } }),
    });
    expect(refused.stderr).toContain('spec.user: Invalid value: "": at least one of user or group must be specified');
    const cs = await kubectl(['get', 'componentstatuses']);
    expect(cs.stderr).toContain('Warning: v1 ComponentStatus is deprecated in v1.19+');
    expect(cs.stdout).toContain('scheduler');
    expect(JSON.parse((await kubectl(['get', 'pods', '-o', 'json'])).stdout).metadata.resourceVersion).toBe(before);
  });

  it('binds a pod through the older bindings resource, as the pods/binding subresource does', async () => {
    expect((await kubectl(['run', 'bind-me', '--image=nginx'])).stderr).toBe('');
    const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bind-me' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-9' } };
    const res = await fetch(`${server.url}/api/v1/namespaces/default/bindings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(binding) });
    expect(res.status).toBe(201);
    expect((await kubectl(['get', 'pod', 'bind-me', '-o', 'jsonpath={.spec.nodeName}'])).stdout).toBe('node-9');
    const again = await fetch(`${server.url}/api/v1/namespaces/default/bindings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(binding) });
    expect(again.status).toBe(409);
    const listed = await fetch(`${server.url}/api/v1/namespaces/default/bindings`);
    expect(listed.status).toBe(405);
  });

  it('approves a CertificateSigningRequest through its approval subresource', async () => {
    const csr = examples('kinds/apis.yaml', plurals).find((e) => e.kind === 'CertificateSigningRequest')!;
    expect((await kubectl(['create', '-f', '-'], { stdin: csr.text.replace('name: myuser', 'name: approve-me') })).stderr).toBe('');
    const approve = await kubectl(['certificate', 'approve', 'approve-me']);
    expect(approve.stderr).toBe('');
    expect(approve.stdout).toBe('certificatesigningrequest.certificates.k8s.io/approve-me approved\n');
    const row = (await kubectl(['get', 'csr', 'approve-me', '--no-headers'])).stdout;
    expect(row.trim().split(/\s{2,}/).at(-1)).toBe('Approved');
    const conditions = JSON.parse((await kubectl(['get', 'csr', 'approve-me', '-o', 'jsonpath={.status.conditions}'])).stdout);
    expect(conditions).toEqual([expect.objectContaining({ type: 'Approved', status: 'True', reason: 'KubectlApprove' })]);
    const approved = await fetch(`${server.url}/apis/certificates.k8s.io/v1/certificatesigningrequests/approve-me`).then((r) => r.json()) as { status: { conditions: object[] } };
    approved.status.conditions.push({ type: 'Denied', status: 'True', reason: 'Changed', message: 'changed my mind' });
    const both = await fetch(`${server.url}/apis/certificates.k8s.io/v1/certificatesigningrequests/approve-me/approval`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(approved) });
    expect(both.status).toBe(422);
    expect(((await both.json()) as { message: string }).message).toContain('Approved and Denied conditions are mutually exclusive');
  });

  it('prunes with kubectl apply --prune and its default list, every kind of which is served', async () => {
    const cm = (name: string) => `{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"${name}","labels":{"set":"prune"}},"data":{"k":"v"}}`;
    const first = await kubectl(['apply', '--prune', '-l', 'set=prune', '-f', '-'], { stdin: `${cm('keep')}\n${cm('drop')}` });
    // kubectl's own deprecation notice about cluster-scoped kinds is all it may print on stderr.
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.stdout).toBe('configmap/keep created\nconfigmap/drop created\n');
    const second = await kubectl(['apply', '--prune', '-l', 'set=prune', '-f', '-'], { stdin: cm('keep') });
    expect(second.stderr).not.toMatch(/error/i);
    expect(second.stdout).toBe('configmap/keep unchanged\nconfigmap/drop pruned\n');
    expect((await kubectl(['get', 'configmap', 'drop'])).stderr).toContain('configmaps "drop" not found');
  });

  it('creates, gets, lists, watches, patches and deletes each documented example', async () => {
    const all = [...examples('kinds/core.yaml', plurals), ...examples('kinds/apis.yaml', plurals)];
    for (const e of all) {
      const created = await kubectl(['create', '-f', '-'], { stdin: e.text });
      expect(created.stderr, e.kind).toBe('');
      const get = await kubectl(['get', e.resource, e.name, '-o', 'json']);
      expect(get.stderr, e.resource).toBe('');
      const got = JSON.parse(get.stdout);
      expect(got.kind, e.kind).toBe(e.kind);
      expect(got.metadata.uid, e.kind).toBeTruthy();
      const table = await kubectl(['get', e.resource]);
      expect(table.stderr, e.kind).toBe('');
      if (headers[e.kind]) expect(table.stdout.split('\n')[0].trim().split(/\s{2,}/), e.kind).toEqual(headers[e.kind]);
      const names = await kubectl(['get', e.resource, '-o', 'name']);
      expect(names.stdout.split('\n'), e.kind).toContainEqual(expect.stringMatching(new RegExp(`/${e.name.replace(/\./g, '\\.')}$`)));
      const watch = kubectl.spawn(['get', e.resource, '--watch-only', '--output-watch-events', '-o', 'json']);
      try {
        await waitFor(async () => {
          const patched = await kubectl(['label', '--overwrite', e.resource, e.name, `checked=${Date.now()}`]);
          return patched.code === 0 && watch.output().includes('MODIFIED') && watch.output();
        }, `a watch of ${e.resource} to see the label`, 10_000, 300);
      } finally {
        watch.stop();
      }
      const labels = JSON.parse((await kubectl(['get', e.resource, e.name, '-o', 'json'])).stdout).metadata.labels;
      expect(labels.checked, e.kind).toMatch(/^\d+$/);
      // StorageObjectInUseProtection's finalizers go when the controller-manager's protection controllers see the object
      // unused; this lab runs none, so the test lets go of them as they would.
      const protectedByFinalizer = e.kind === 'PersistentVolume' || e.kind === 'PersistentVolumeClaim';
      const deleted = await kubectl(['delete', e.resource, e.name, ...(protectedByFinalizer ? ['--wait=false'] : [])]);
      expect(deleted.code, `${e.kind}: ${deleted.stderr}`).toBe(0);
      if (protectedByFinalizer) await kubectl(['patch', e.resource, e.name, '--type=merge', '-p', '{"metadata":{"finalizers":null}}']);
      await waitFor(async () => (await kubectl(['get', e.resource, e.name])).stderr.includes('NotFound'), `${e.kind} ${e.name} to be gone`);
    }
  }, 300_000); // every documented example through every verb: a minute on a quiet machine, more beside other suites
});

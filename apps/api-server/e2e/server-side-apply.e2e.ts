import * as k8s from '@kubernetes/client-node';
import { kubectlFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const deployment = (name: string, replicas: number, labels: Record<string, string> = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: ${JSON.stringify({ app: name, ...labels })}
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

interface ManagedFieldsEntry {
  manager: string;
  operation: string;
  subresource?: string;
  fieldsV1: Record<string, any>;
}

describe('server-side apply with the real kubectl', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;
  const managedFields = async (name: string): Promise<ManagedFieldsEntry[]> =>
    JSON.parse((await kubectl(['get', 'deployment', name, '-o', 'json', '--show-managed-fields'])).stdout).metadata.managedFields;
  const ownerOf = (entries: ManagedFieldsEntry[], manager: string) => entries.find((e) => e.manager === manager);

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  it('creates with --server-side and records the applier as the owner of what it applied', async () => {
    const r = await kubectl(['apply', '--server-side', '-f', '-'], { stdin: deployment('web', 2) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/web serverside-applied\n');
    const entries = await managedFields('web');
    expect(entries.map((e) => [e.manager, e.operation])).toEqual([['kubectl', 'Apply']]);
    expect(entries[0].fieldsV1['f:spec']['f:replicas']).toEqual({});
    expect(entries[0].fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']).toEqual({ '.': {}, 'f:image': {}, 'f:name': {} });
    expect((await kubectl(['get', 'deployment', 'web', '-o', 'yaml', '--show-managed-fields'])).stdout).toContain('fieldsType: FieldsV1');
  });

  it('reports a conflict between two managers as kube-apiserver does, and --force-conflicts moves ownership', async () => {
    expect((await kubectl(['apply', '--server-side', '--field-manager=a', '-f', '-'], { stdin: deployment('two', 2) })).code).toBe(0);
    const refused = await kubectl(['apply', '--server-side', '--field-manager=b', '-f', '-'], { stdin: deployment('two', 3) });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('Apply failed with 1 conflict: conflict with "a": .spec.replicas\n');
    expect(refused.stderr).toContain('--force-conflicts');

    const forced = await kubectl(['apply', '--server-side', '--field-manager=b', '--force-conflicts', '-f', '-'], { stdin: deployment('two', 3) });
    expect(forced.stdout).toBe('deployment.apps/two serverside-applied\n');
    const entries = await managedFields('two');
    expect(ownerOf(entries, 'a')?.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
    expect(ownerOf(entries, 'b')?.fieldsV1['f:spec']['f:replicas']).toEqual({});
    expect(ownerOf(entries, 'a')?.fieldsV1['f:spec']['f:selector']).toEqual({});
    expect((await kubectl(['get', 'deployment', 'two', '-o', 'jsonpath={.spec.replicas}'])).stdout).toBe('3');
  });

  it('removes a field the applier no longer applies, and keeps one another manager still owns', async () => {
    await kubectl(['apply', '--server-side', '--field-manager=a', '-f', '-'], { stdin: deployment('prune', 1, { tier: 'web', team: 'x' }) });
    await kubectl(['apply', '--server-side', '--field-manager=b', '-f', '-'], { stdin: deployment('prune', 1, { team: 'x' }) });
    await kubectl(['apply', '--server-side', '--field-manager=a', '-f', '-'], { stdin: deployment('prune', 1) });
    const labels = JSON.parse((await kubectl(['get', 'deployment', 'prune', '-o', 'jsonpath={.metadata.labels}'])).stdout);
    expect(labels).toEqual({ app: 'prune', team: 'x' });
  });

  it('keeps the last-applied annotation in step when kubectl moves from client-side to server-side apply', async () => {
    expect((await kubectl(['apply', '-f', '-'], { stdin: deployment('upgrade', 1) })).stdout).toBe('deployment.apps/upgrade created\n');
    const r = await kubectl(['apply', '--server-side', '-f', '-'], { stdin: deployment('upgrade', 4) });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('deployment.apps/upgrade serverside-applied\n');
    const object = JSON.parse((await kubectl(['get', 'deployment', 'upgrade', '-o', 'json', '--show-managed-fields'])).stdout);
    expect(object.spec.replicas).toBe(4);
    const lastApplied = JSON.parse(object.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    expect(lastApplied.spec.replicas).toBe(4);
    const managers = (object.metadata.managedFields as ManagedFieldsEntry[]).map((e) => `${e.manager}/${e.operation}`);
    expect(managers).toContain('kubectl/Apply');
    expect(ownerOf(object.metadata.managedFields, 'kubectl-client-side-apply')?.fieldsV1['f:spec']['f:replicas']).toBeUndefined();
  });

  it('shows a conflict with the "kubectl" scale manager after kubectl scale', async () => {
    await kubectl(['apply', '--server-side', '-f', '-'], { stdin: deployment('scaled', 1) });
    expect((await kubectl(['scale', 'deployment', 'scaled', '--replicas=5'])).stdout).toBe('deployment.apps/scaled scaled\n');
    const entries = await managedFields('scaled');
    expect(entries.find((e) => e.subresource === 'scale')).toMatchObject({ manager: 'kubectl', operation: 'Update', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
    const r = await kubectl(['apply', '--server-side', '-f', '-'], { stdin: deployment('scaled', 1) });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas\n');
  });

  it('refuses an apply without a fieldManager with kube-apiserver\'s 422', async () => {
    const response = await fetch(`${server.url}/apis/apps/v1/namespaces/default/deployments/web`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/apply-patch+yaml' },
      body: deployment('web', 2),
    });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions', causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] },
    });
  });

  it('resets tracking when a write sends managedFields: [{}]', async () => {
    const r = await kubectl(['patch', 'deployment', 'web', '--type=merge', '-p', '{"metadata":{"managedFields":[{}]}}']);
    expect(r.code).toBe(0);
    expect(await managedFields('web')).toBeUndefined();
  });

  it('applies server-side through @kubernetes/client-node, with conflicts as 409', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'lab', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'lab' }],
      contexts: [{ name: 'lab', cluster: 'lab', user: 'lab' }],
      currentContext: 'lab',
    });
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const apply = (data: Record<string, string>, fieldManager: string, force = false) =>
      core.patchNamespacedConfigMap(
        { name: 'settings', namespace: 'default', fieldManager, force, body: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data } },
        k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.ServerSideApply),
      );
    const created = await apply({ color: 'blue' }, 'controller-a');
    expect(created.data).toEqual({ color: 'blue' });
    const error = await apply({ color: 'red' }, 'controller-b').catch((e: unknown) => e as k8s.ApiException<string>);
    expect((error as k8s.ApiException<string>).code).toBe(409);
    expect(JSON.parse((error as k8s.ApiException<string>).body).message).toBe('Apply failed with 1 conflict: conflict with "controller-a": .data.color');
    const forced = await apply({ color: 'red' }, 'controller-b', true);
    expect(forced.data).toEqual({ color: 'red' });
    expect(forced.metadata?.managedFields?.map((m) => m.manager)).toEqual(['controller-b']);
  });
});

import * as k8s from '@kubernetes/client-node';
import { waitFor } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

describe('the official JavaScript client (@kubernetes/client-node)', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kc: k8s.KubeConfig;

  beforeAll(async () => {
    server = await startTestApiServer();
    kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'lab', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'lab' }],
      contexts: [{ name: 'lab', cluster: 'lab', user: 'lab' }],
      currentContext: 'lab',
    });
  });
  afterAll(() => server?.close());

  it('creates, lists, watches and patches pods', async () => {
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const seen: string[] = [];
    const watch = new k8s.Watch(kc);
    const request = await watch.watch('/api/v1/namespaces/default/pods', {}, (type, obj: k8s.V1Pod) => seen.push(`${type} ${obj.metadata?.name} ${obj.metadata?.labels?.tier ?? ''}`.trim()), () => undefined);

    const created = await core.createNamespacedPod({
      namespace: 'default',
      body: { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2' }] } },
    });
    expect(created.metadata?.uid).toBeTruthy();
    expect(created.spec?.restartPolicy).toBe('Always');

    const list = await core.listNamespacedPod({ namespace: 'default', labelSelector: 'app=web' });
    expect(list.items.map((p) => p.metadata?.name)).toEqual(['web']);

    const patched = await core.patchNamespacedPod(
      { name: 'web', namespace: 'default', body: { metadata: { labels: { tier: 'front' } } } },
      k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch),
    );
    expect(patched.metadata?.labels).toEqual({ app: 'web', tier: 'front' });
    expect(Number(patched.metadata?.resourceVersion)).toBeGreaterThan(Number(created.metadata?.resourceVersion));

    await waitFor(() => seen.includes('MODIFIED web front'), 'the watch to see the patch');
    expect(seen[0]).toBe('ADDED web');
    request.abort();
  });
});

/**
 * Pods the api-server holds as text once settled (running and ready, or finished: SettledPod in
 * object-store.ts), here at once (`--settle-pods-after-seconds 0`): through the real kubectl and raw HTTP, each is read
 * byte for byte as it was written, listed, paged and selected by labels, fields and node, changed and deleted as any pod.
 */
import { kubectlFor, waitFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

const pod = (name: string, app: string, nodeName: string) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app } }, spec: { nodeName, containers: [{ name: 'c', image: 'nginx:1.27' }] },
});

describe('settled pods', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;
  const settled = async () => Number(/^kubelab_apiserver_settled_pods (\d+)$/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1]);
  const settledAre = (count: number) => waitFor(async () => (await settled()) === count, `${count} pods held as their text`);
  /** Reports a pod running and ready, as its kubelet would; the text of the pod as the api-server wrote it. */
  const running = async (name: string) => {
    const status = { phase: 'Running', podIP: '10.244.1.5', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', image: 'nginx:1.27', imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: '2026-11-29T10:00:00Z' } } }] };
    const r = await fetch(`${server.url}/api/v1/namespaces/default/pods/${name}/status`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: JSON.stringify({ status }) });
    expect(r.status).toBe(200);
    return r.text();
  };

  beforeAll(async () => {
    server = await startTestApiServer(['--settle-pods-after-seconds', '0']);
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  it('are read, listed, selected, changed and deleted as any pod', async () => {
    for (const [name, app, node] of [['web-1', 'web', 'node-1'], ['web-2', 'web', 'node-2'], ['db', 'db', 'node-1']]) {
      expect((await kubectl(['create', '-f', '-'], { stdin: pod(name, app, node) })).stdout).toBe(`pod/${name} created\n`);
    }
    const written = await running('web-1');
    await running('web-2');
    // db stays Pending: it is not settled, and stays an object.
    await settledAre(2);

    expect(await (await fetch(`${server.url}/api/v1/namespaces/default/pods/web-1`)).text()).toBe(written);
    expect(await kubectl.stdout(['get', 'pods', '-l', 'app=web', '-o', 'name'])).toBe('pod/web-1\npod/web-2\n');
    expect(await kubectl.stdout(['get', 'pods', '-l', 'app!=web', '-o', 'name'])).toBe('pod/db\n');
    expect(await kubectl.stdout(['get', 'pods', '--field-selector', 'status.phase=Running', '-o', 'name'])).toBe('pod/web-1\npod/web-2\n');
    expect(await kubectl.stdout(['get', 'pods', '--field-selector', 'spec.nodeName=node-1', '-o', 'name'])).toBe('pod/db\npod/web-1\n');
    expect(await kubectl.stdout(['get', 'pods', '--chunk-size=1', '--no-headers'])).toMatch(/^db\s+0\/1\s+Pending\s+0\s+\S+\nweb-1\s+1\/1\s+Running\s+0\s+\S+\nweb-2\s+1\/1\s+Running\s+0\s+\S+\n$/);
    const page = await (await fetch(`${server.url}/api/v1/namespaces/default/pods?limit=2`)).json() as { items: { metadata: { name: string } }[]; metadata: { continue: string; remainingItemCount: number } };
    expect([page.items.map((p) => p.metadata.name), page.metadata.remainingItemCount]).toEqual([['db', 'web-1'], 1]);
    const rest = await (await fetch(`${server.url}/api/v1/namespaces/default/pods?limit=2&continue=${page.metadata.continue}`)).json() as { items: { metadata: { name: string } }[] };
    expect(rest.items.map((p) => p.metadata.name)).toEqual(['web-2']);

    expect(await kubectl.stdout(['label', 'pod', 'web-1', 'tier=front'])).toBe('pod/web-1 labeled\n');
    expect(await kubectl.stdout(['get', 'pods', '-l', 'tier=front', '-o', 'name'])).toBe('pod/web-1\n');
    await settledAre(2);
    expect(await kubectl.stdout(['get', 'pods', '-l', 'app=web,tier=front', '-o', 'name'])).toBe('pod/web-1\n');
    expect((await kubectl(['delete', 'pod', 'web-2', '--grace-period=0', '--force'])).stdout).toBe('pod "web-2" force deleted\n');
    await settledAre(1);
    expect(await kubectl.stdout(['get', 'pods', '-o', 'name'])).toBe('pod/db\npod/web-1\n');
  });
});

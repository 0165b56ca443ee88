import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const workload = (kind: 'DaemonSet' | 'StatefulSet', image: string, cause: string) => JSON.stringify({
  apiVersion: 'apps/v1', kind, metadata: { name: 'hist', annotations: { 'kubernetes.io/change-cause': cause } },
  spec: {
    ...(kind === 'StatefulSet' ? { serviceName: 'hist', replicas: 1 } : {}),
    selector: { matchLabels: { app: `hist-${kind}` } },
    template: { metadata: { labels: { app: `hist-${kind}` } }, spec: { containers: [{ name: 'web', image }] } },
  },
});

describe('kubectl rollout history of DaemonSets and StatefulSets (time scale 20)', () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await sharedLab('revision-history');
  });
  afterAll(() => lab?.stop());

  it.each([['DaemonSet', 'ds'], ['StatefulSet', 'sts']] as const)('shows the change cause of each %s revision', async (kind, short) => {
    const apply = async (manifest: string) => expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).stderr).toBe('');
    await apply(workload(kind, 'registry.k8s.io/nginx-slim:0.24', 'first release'));
    await waitFor(async () => (await lab.kubectl(['rollout', 'history', `${short}/hist`])).stdout.includes('first release') || undefined, 'revision 1 with its cause', 20_000);
    await apply(workload(kind, 'registry.k8s.io/nginx-slim:0.8', 'nginx-slim 0.8'));
    const history = await waitFor(async () => {
      const out = (await lab.kubectl(['rollout', 'history', `${short}/hist`])).stdout;
      return out.includes('\n2 ') ? out : undefined;
    }, 'revision 2', 20_000);
    expect(history).toMatch(/REVISION\s+CHANGE-CAUSE\n1\s+first release\n2\s+nginx-slim 0\.8\n/);
  });
});

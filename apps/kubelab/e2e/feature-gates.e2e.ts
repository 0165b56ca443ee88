/**
 * Feature gates at a default 1.32 api-server's settings, with the real kubectl: the
 * documentation's image volume pod (ImageVolume, alpha in 1.32) is accepted with its image
 * volume and that volume's mount silently dropped, as kube-apiserver's dropDisabledFields drops
 * them, and a Deployment's template loses them the same way.
 */
import { sharedLab, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The documentation's example (tasks/configure-pod-container/image-volumes). */
const imageVolumePod = {
  apiVersion: 'v1', kind: 'Pod', metadata: { name: 'image-volume' },
  spec: {
    containers: [{ name: 'shell', command: ['sleep', 'infinity'], image: 'debian', volumeMounts: [{ name: 'volume', mountPath: '/volume' }] }],
    volumes: [{ name: 'volume', image: { reference: 'quay.io/crio/artifact:v1', pullPolicy: 'IfNotPresent' } }],
  },
};

interface PodSpecView {
  volumes?: { name: string; image?: unknown }[];
  containers: { volumeMounts?: { name: string; mountPath: string }[] }[];
}

describe('feature gates as a default 1.32 api-server has them (the real kubectl)', () => {
  let lab: TestLab;

  beforeAll(async () => {
    lab = await sharedLab('feature-gates');
  }, 120_000);
  afterAll(() => lab?.stop());

  it('drops the image volume of the documentation example, and its mount, without a word', async () => {
    const applied = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(imageVolumePod) });
    expect(applied.code, applied.stderr).toBe(0);
    expect(applied.stderr).toBe('');
    const spec = JSON.parse((await lab.kubectl(['get', 'pod', 'image-volume', '-o', 'jsonpath={.spec}'])).stdout) as PodSpecView;
    expect(spec.volumes?.map((v) => v.name)).not.toContain('volume');
    expect(spec.volumes?.some((v) => v.image)).toBe(false);
    expect(spec.containers[0].volumeMounts?.map((m) => m.mountPath)).not.toContain('/volume');
  });

  it("drops it from a Deployment's pod template too", async () => {
    const deployment = {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'image-volume' },
      spec: { replicas: 0, selector: { matchLabels: { app: 'iv' } }, template: { metadata: { labels: { app: 'iv' } }, spec: imageVolumePod.spec } },
    };
    const applied = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(deployment) });
    expect(applied.code, applied.stderr).toBe(0);
    const spec = JSON.parse((await lab.kubectl(['get', 'deployment', 'image-volume', '-o', 'jsonpath={.spec.template.spec}'])).stdout) as PodSpecView;
    expect(spec.volumes).toBeUndefined();
    expect(spec.containers[0].volumeMounts).toBeUndefined();
  });
});

import type { Node, Pod } from '@kubelab/api';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { mirrorPods, mirrorPodsByNode, replacedMirrors } from './static-pods.js';

const node: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', uid: 'node-uid' } };
const log = pino({ level: 'silent' });
const manifest = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n    image: ${image}\n`;
const mirrorOf = (image: string): Pod => mirrorPods([{ file: 'web.yaml', text: manifest(image) }], node, log)[0];

describe('static pods\' mirror pods', () => {
  it('name a manifest\'s pod after its node, owned by the node, with the manifest\'s hash', () => {
    const mirror = mirrorOf('nginx:1.27');
    expect(mirror.metadata).toMatchObject({ name: 'web-node-1', namespace: 'default', ownerReferences: [{ kind: 'Node', name: 'node-1', uid: 'node-uid', controller: true }] });
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
    expect(mirror.spec?.nodeName).toBe('node-1');
  });

  it('are not made of a manifest that is not YAML, which the kubelet says it could not process', () => {
    const said: string[] = [];
    const broken = `${manifest('nginx:1.27')}foo: [\n`;
    expect(mirrorPods([{ file: 'web.yaml', text: broken }], node, log, (file, why) => said.push(`${file}: ${why}`))).toEqual([]);
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^web\.yaml: couldn't parse as pod\(yaml: line \d+: [a-z' ]+\), please check config file$/);
    mirrorPods([{ file: 'web.yaml', text: broken }], node, log, (file, why) => said.push(`${file}: ${why}`));
    expect(said).toEqual([said[0], said[0]]);
  });

  it('are made again from a manifest read before, each time objects of their own', () => {
    const first = mirrorOf('nginx:1.29');
    first.spec!.containers[0].image = 'changed';
    first.metadata.annotations!['kubernetes.io/config.seen'] = 'changed';
    const again = mirrorOf('nginx:1.29');
    expect(again.spec?.containers[0].image).toBe('nginx:1.29');
    expect(again.metadata.annotations?.['kubernetes.io/config.seen']).toBe('web.yaml');
    expect(again.metadata.annotations?.['kubernetes.io/config.mirror']).toBe(first.metadata.annotations?.['kubernetes.io/config.mirror']);
  });

  it('are replaced when their manifest changed, and only then', () => {
    const running = { ...mirrorOf('nginx:1.27'), metadata: { ...mirrorOf('nginx:1.27').metadata, uid: 'running' } };
    expect(replacedMirrors([mirrorOf('nginx:1.27')], [running])).toEqual([]);
    expect(replacedMirrors([mirrorOf('nginx:1.28')], [running])).toEqual([running]);
    // One already on its way out, or one whose manifest is gone (it is deleted, not replaced), is not.
    expect(replacedMirrors([mirrorOf('nginx:1.28')], [{ ...running, metadata: { ...running.metadata, deletionTimestamp: '2026-11-25T00:00:00Z' } }])).toEqual([]);
    expect(replacedMirrors([], [running])).toEqual([]);
  });

  it('are filed under their node in the agent\'s pod cache, and no other pod is', () => {
    const mirror = mirrorOf('nginx:1.27');
    expect(mirrorPodsByNode.valuesOf(mirror)).toEqual(['node-1']);
    expect(mirrorPodsByNode.valuesOf({ ...mirror, metadata: { ...mirror.metadata, annotations: {} } })).toEqual([]);
    expect(mirrorPodsByNode.valuesOf({ ...mirror, spec: { ...mirror.spec!, nodeName: undefined } })).toEqual([]);
  });
});

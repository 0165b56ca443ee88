import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { removeStaticManifests, writeStaticManifest } from './static-manifests.js';

describe('static pod manifests of a scenario', () => {
  it('writes one in the node\'s folder, in the namespace, and removes only those that put a pod there', () => {
    const dataDir = tempDir('manifests');
    const file = writeStaticManifest(dataDir, 'node-1', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } }, 'learn-static-pod');
    expect(file).toBe(join(dataDir, 'manifests', 'node-1', 'web.yaml'));
    expect(parse(readFileSync(file, 'utf8')).metadata).toEqual({ name: 'web', namespace: 'learn-static-pod' });
    mkdirSync(join(dataDir, 'manifests', 'node-2'), { recursive: true });
    writeFileSync(join(dataDir, 'manifests', 'node-2', 'mine.yaml'), 'kind: Pod\nmetadata: {name: mine, namespace: default}\n---\nkind: Pod\nmetadata: {name: also, namespace: learn-static-pod}\n');
    writeFileSync(join(dataDir, 'manifests', 'node-2', 'other.yaml'), 'kind: Pod\nmetadata: {name: other}\n');
    writeFileSync(join(dataDir, 'manifests', 'node-2', 'broken.yaml'), ': : :\n');
    expect(removeStaticManifests(dataDir, 'learn-static-pod').sort()).toEqual([file, join(dataDir, 'manifests', 'node-2', 'mine.yaml')].sort());
    expect(readdirSync(join(dataDir, 'manifests', 'node-2')).sort()).toEqual(['broken.yaml', 'other.yaml']);
    expect(removeStaticManifests(join(dataDir, 'nowhere'), 'learn-static-pod')).toEqual([]);
  });
});

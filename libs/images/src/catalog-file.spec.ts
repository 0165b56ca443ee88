import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { lookupImage, type ResolvedImage } from './lookup-image.js';
import { parseCatalog } from './parse-catalog.js';

const catalog = parseCatalog(parse(readFileSync(new URL('../../../deploy/images.yaml', import.meta.url), 'utf8')));

function image(ref: string): ResolvedImage {
  const lookup = lookupImage(catalog, ref);
  if (!lookup.found) throw new Error(lookup.failure.message);
  return lookup.image;
}

describe('deploy/images.yaml', () => {
  it.each([
    'registry.k8s.io/pause:3.10',
    'nginx:1.14.2',
    'nginx:1.25',
    'nginx:1.27',
    'nginx:latest',
    'nginx:stable',
    'nginx:alpine',
    'busybox:1.28',
    'busybox:1.36',
    'busybox',
    'registry.k8s.io/e2e-test-images/agnhost:2.39',
    'kubelab/hello:1.0',
    'kubelab/hello:2.0',
    'kubelab/crasher:1.0',
    'kubelab/oom:1.0',
    'kubelab/slow-start:1.0',
    'kubelab/unhealthy:1.0',
    'redis:7',
    'postgres:16',
  ])('offers %s', (ref) => {
    expect(image(ref).digest).toMatch(/^sha256:[a-f0-9]{64}$/);
  });

  it('serves the nginx welcome page from a long-running server', () => {
    const { behaviour } = image('nginx:1.14.2');
    expect(behaviour.exitAfterSeconds).toBeUndefined();
    expect(behaviour.listens).toEqual([80]);
    expect(behaviour.http['/'].body).toContain('<title>Welcome to nginx!</title>');
    expect(behaviour.files['/usr/share/nginx/html/index.html']).toBe(behaviour.http['/'].body);
  });

  it('tags latest and 1.27 as one nginx image', () => {
    expect(image('nginx:latest').digest).toBe(image('nginx:1.27').digest);
  });

  it('runs busybox sh through a shell that exits at once', () => {
    expect(image('busybox:1.36').behaviour).toMatchObject({ cmd: ['sh'], shell: true, exitAfterSeconds: 0, exitCode: 0, exitsOnSigterm: false });
  });

  it.each([
    ['kubelab/crasher:1.0', { exitAfterSeconds: 2, exitCode: 1 }],
    ['kubelab/oom:1.0', { memoryGrowthMiBPerSecond: 10 }],
    ['kubelab/slow-start:1.0', { readyAfterSeconds: 20, listens: [8080] }],
    ['kubelab/unhealthy:1.0', { unhealthyAfterSeconds: 30, listens: [8080] }],
  ])('gives %s its lesson', (ref, behaviour) => {
    expect(image(ref).behaviour).toMatchObject(behaviour);
  });
});

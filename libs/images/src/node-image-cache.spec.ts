import { describe, expect, it } from 'vitest';
import { parseImageReference } from './image-reference.js';
import { lookupImage, type ResolvedImage } from './lookup-image.js';
import { addImageToCache, cacheHasImage, EMPTY_NODE_IMAGE_CACHE, findCachedImage, type NodeImageCache, nodeStatusImages, removeImageFromCache } from './node-image-cache.js';
import { parseCatalog } from './parse-catalog.js';

const A = 'sha256:' + 'a'.repeat(64);
const B = 'sha256:' + 'b'.repeat(64);
const catalog = parseCatalog({
  repositories: [
    { name: 'nginx', sizeBytes: 100, pullSeconds: 1, tags: [{ tag: '1.27', aliases: ['latest'], digest: A }, { tag: '1.14.2', digest: B, sizeBytes: 50 }] },
    { name: 'busybox', sizeBytes: 10, pullSeconds: 1, tags: ['1.36'] },
  ],
});

function resolve(ref: string): ResolvedImage {
  const lookup = lookupImage(catalog, ref);
  if (!lookup.found) throw new Error(lookup.failure.message);
  return lookup.image;
}

function pull(...refs: string[]): NodeImageCache {
  return refs.reduce((cache, ref) => addImageToCache(cache, resolve(ref)), EMPTY_NODE_IMAGE_CACHE);
}

describe('NodeImageCache', () => {
  it('records the names an image was pulled under, one entry per digest', () => {
    expect(pull('nginx:1.27', 'nginx', 'nginx:1.27').images).toEqual([
      { digest: A, repoTags: ['docker.io/library/nginx:1.27', 'docker.io/library/nginx:latest'], repoDigests: [`docker.io/library/nginx@${A}`], sizeBytes: 100 },
    ]);
  });

  it('adds only the repo digest for a pull by digest', () => {
    expect(pull(`nginx@${B}`).images).toEqual([{ digest: B, repoTags: [], repoDigests: [`docker.io/library/nginx@${B}`], sizeBytes: 50 }]);
  });

  it('leaves the value it was given untouched', () => {
    const before = pull('busybox:1.36');
    addImageToCache(before, resolve('nginx:1.27'));
    expect(before.images).toHaveLength(1);
  });

  it.each([
    [['nginx:1.27'], 'nginx:1.27', true],
    [['nginx:1.27'], 'docker.io/library/nginx:1.27', true],
    [['nginx:1.27'], 'nginx', false],
    [['nginx:1.27'], `nginx@${A}`, true],
    [['nginx:1.27'], `nginx@${B}`, false],
    [['nginx:1.27'], 'busybox:1.36', false],
    [[`nginx@${B}`], 'nginx:1.14.2', false],
    [['nginx', 'busybox:1.36'], 'busybox:1.36', true],
  ])('after pulling %j the node %s %j', (pulled, ref, present) => {
    const cache = pull(...pulled);
    const reference = parseImageReference(ref);
    expect(cacheHasImage(cache, reference)).toBe(present);
    expect(findCachedImage(cache, reference) !== undefined).toBe(present);
  });

  it('forgets a removed image with all its names, and the next look for it finds nothing', () => {
    const cache = removeImageFromCache(pull('nginx:1.27', 'nginx', 'busybox:1.36'), A);
    expect(cache.images.map((held) => held.repoTags)).toEqual([['docker.io/library/busybox:1.36']]);
    expect(cacheHasImage(cache, parseImageReference('nginx'))).toBe(false);
  });

  it('moves a tag that now points at another digest', () => {
    const moved = catalog.repositories[0].images[1];
    const retagged: ResolvedImage = { ...resolve('nginx:1.14.2'), reference: parseImageReference('nginx:1.27') };
    const cache = addImageToCache(pull('nginx:1.27'), retagged);
    expect(cache.images.map((held) => [held.digest, held.repoTags])).toEqual([
      [A, []],
      [moved.digest, ['docker.io/library/nginx:1.27']],
    ]);
  });

  it('reports Node status images largest first with digests before tags', () => {
    expect(nodeStatusImages(pull('busybox:1.36', 'nginx:1.27', 'nginx:1.14.2'))).toEqual([
      { names: [`docker.io/library/nginx@${A}`, 'docker.io/library/nginx:1.27'], sizeBytes: 100 },
      { names: [`docker.io/library/nginx@${B}`, 'docker.io/library/nginx:1.14.2'], sizeBytes: 50 },
      { names: [expect.stringMatching(/^docker\.io\/library\/busybox@sha256:[a-f0-9]{64}$/), 'docker.io/library/busybox:1.36'], sizeBytes: 10 },
    ]);
  });

  it('caps Node status at 50 images and 5 names each', () => {
    const many = Array.from({ length: 60 }, (_, index) => ({ digest: `d${index}`, repoTags: ['a', 'b', 'c', 'd'], repoDigests: ['x', 'y'], sizeBytes: index }));
    const images = nodeStatusImages({ images: many });
    expect(images).toHaveLength(50);
    expect(images[0]).toEqual({ names: ['x', 'y', 'a', 'b', 'c'], sizeBytes: 59 });
  });
});

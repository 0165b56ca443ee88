import { describe, expect, it } from 'vitest';
import type { NodeImageCache } from './node-image-cache.js';
import { resolveLocalImage } from './resolve-local-image.js';

const nginx = { digest: `sha256:a8758716bb6a${'1'.repeat(52)}`, repoTags: ['docker.io/library/nginx:1.27', 'docker.io/library/nginx:latest'], repoDigests: [`docker.io/library/nginx@sha256:a8758716bb6a${'1'.repeat(52)}`], sizeBytes: 1 };
const nginxOld = { digest: `sha256:a8758716bb6b${'2'.repeat(52)}`, repoTags: ['docker.io/library/nginx:1.14.2'], repoDigests: [], sizeBytes: 1 };
const pause = { digest: `sha256:873ed7510279${'3'.repeat(52)}`, repoTags: ['registry.k8s.io/pause:3.10'], repoDigests: [`registry.k8s.io/pause@sha256:873ed7510279${'3'.repeat(52)}`], sizeBytes: 1 };
const byDigestOnly = { digest: `sha256:ff00${'4'.repeat(60)}`, repoTags: [], repoDigests: [`docker.io/library/busybox@sha256:ff00${'4'.repeat(60)}`], sizeBytes: 1 };
const cache: NodeImageCache = { images: [nginx, nginxOld, pause, byDigestOnly] };

describe('resolveLocalImage: the held image a name or ID given to crictl means, as containerd resolves it', () => {
  it.each([
    ['nginx', nginx],
    ['nginx:1.27', nginx],
    ['docker.io/library/nginx:1.14.2', nginxOld],
    ['registry.k8s.io/pause:3.10', pause],
    [`busybox@sha256:ff00${'4'.repeat(60)}`, byDigestOnly],
    [nginx.digest, nginx],
    [nginx.digest.slice(7), nginx],
    ['a8758716bb6a1', nginx],
    ['sha256:873e', pause],
    ['ff00', byDigestOnly],
  ])('%s', (given, image) => {
    expect(resolveLocalImage(cache, given)).toBe(image);
  });

  it.each(['nginx:1.28', 'busybox', 'NGINX', 'b', 'md5:a875', 'nginx:1.14'])('%s names none', (given) => {
    expect(resolveLocalImage(cache, given)).toBeUndefined();
  });

  it('says a prefix of two image IDs is ambiguous, as go-digest\'s digestset does', () => {
    expect(resolveLocalImage(cache, 'a8758716bb6')).toBe('ambiguous');
    expect(resolveLocalImage(cache, 'sha256:a875')).toBe('ambiguous');
  });
});

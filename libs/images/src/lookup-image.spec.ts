import { describe, expect, it } from 'vitest';
import { parseImageReference } from './image-reference.js';
import { InvalidImageNameError } from './invalid-image-name-error.js';
import { lookupImage } from './lookup-image.js';
import { parseCatalog } from './parse-catalog.js';

const NGINX_DIGEST = 'sha256:' + 'a1'.repeat(32);
const catalog = parseCatalog({
  repositories: [
    {
      name: 'nginx',
      sizeBytes: 72000000,
      pullSeconds: 4,
      behaviour: { listens: [80] },
      tags: [{ tag: '1.27', aliases: ['latest'], digest: NGINX_DIGEST }, '1.14.2'],
    },
    { name: 'registry.k8s.io/pause', sizeBytes: 320000, pullSeconds: 0.5, tags: ['3.10'] },
    { name: 'localhost:5000/team/app', sizeBytes: 1000, pullSeconds: 1, tags: ['v1'] },
  ],
});

describe('lookupImage', () => {
  it.each([
    ['nginx', 'docker.io/library/nginx:latest', ['1.27', 'latest']],
    ['nginx:1.27', 'docker.io/library/nginx:1.27', ['1.27', 'latest']],
    ['docker.io/library/nginx:latest', 'docker.io/library/nginx:latest', ['1.27', 'latest']],
    [`nginx@${NGINX_DIGEST}`, `docker.io/library/nginx@${NGINX_DIGEST}`, ['1.27', 'latest']],
    [`nginx:1.14.2@${NGINX_DIGEST}`, `docker.io/library/nginx:1.14.2@${NGINX_DIGEST}`, ['1.27', 'latest']],
    ['nginx:1.14.2', 'docker.io/library/nginx:1.14.2', ['1.14.2']],
    ['registry.k8s.io/pause:3.10', 'registry.k8s.io/pause:3.10', ['3.10']],
    ['localhost:5000/team/app:v1', 'localhost:5000/team/app:v1', ['v1']],
  ])('resolves %j', (ref, image, tags) => {
    const lookup = lookupImage(catalog, ref);
    expect(lookup.found).toBe(true);
    if (!lookup.found) return;
    expect(lookup.image.image).toBe(image);
    expect(lookup.image.tags).toEqual(tags);
    expect(lookup.image.imageID).toBe(`${lookup.image.reference.name}@${lookup.image.digest}`);
  });

  it('carries the catalog entry', () => {
    const lookup = lookupImage(catalog, parseImageReference('nginx:latest'));
    expect(lookup).toMatchObject({
      found: true,
      image: { imageID: `docker.io/library/nginx@${NGINX_DIGEST}`, digest: NGINX_DIGEST, sizeBytes: 72000000, pullSeconds: 4, behaviour: { listens: [80] } },
    });
  });

  const notFound = (canonical: string) =>
    `rpc error: code = NotFound desc = failed to pull and unpack image "${canonical}": failed to resolve reference "${canonical}": ${canonical}: not found`;
  const accessDenied = (canonical: string) =>
    `rpc error: code = Unknown desc = failed to pull and unpack image "${canonical}": failed to resolve reference "${canonical}": ` +
    'pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed';

  it.each([
    ['nginx:1.0.0-xyz', 'NotFound', notFound('docker.io/library/nginx:1.0.0-xyz')],
    [`nginx@sha256:${'b2'.repeat(32)}`, 'NotFound', notFound(`docker.io/library/nginx@sha256:${'b2'.repeat(32)}`)],
    ['registry.k8s.io/pause:9.9', 'NotFound', notFound('registry.k8s.io/pause:9.9')],
    ['registry.k8s.io/no-such-image:1.0', 'NotFound', notFound('registry.k8s.io/no-such-image:1.0')],
    ['my-app:1.0.0-xyz', 'Unknown', accessDenied('docker.io/library/my-app:1.0.0-xyz')],
    ['someone/app', 'Unknown', accessDenied('docker.io/someone/app:latest')],
  ])('fails %j with containerd wording', (ref, code, message) => {
    expect(lookupImage(catalog, ref)).toEqual({ found: false, failure: { code, message } });
  });

  it('refuses a reference that does not parse', () => {
    expect(() => lookupImage(catalog, 'NGINX')).toThrow(InvalidImageNameError);
  });
});

import { describe, expect, it } from 'vitest';
import { lookupImage } from './lookup-image.js';
import { mergeCatalogs } from './merge-catalogs.js';
import { parseCatalog } from './parse-catalog.js';
import { parseUserCatalog, userImageEntry, withUserImage } from './user-images.js';

const lab = parseCatalog({
  repositories: [{ name: 'nginx', sizeBytes: 7, pullSeconds: 3, behaviour: { listens: [80], programs: ['nginx'] }, tags: [{ tag: '1.27', aliases: ['latest'] }] }],
});

describe('user images', () => {
  it('adds my-app:1.0.0 like nginx, listening on 3000, and nothing else', () => {
    const entry = userImageEntry({ reference: 'my-app:1.0.0', like: 'nginx', port: 3000 }, lab);
    expect(entry).toEqual({ name: 'docker.io/library/my-app', tags: [{ tag: '1.0.0', like: 'docker.io/library/nginx:latest', behaviour: { listens: [3000] } }] });
    const catalog = mergeCatalogs(lab, parseUserCatalog({ repositories: [entry] }, lab));
    expect(lookupImage(catalog, 'my-app:1.0.0')).toMatchObject({ found: true, image: { sizeBytes: 7, behaviour: { listens: [3000], programs: ['nginx'] } } });
    // Loaded onto the nodes, not pushed: Docker Hub has no my-app repository.
    expect(lookupImage(catalog, 'my-app:1.0.0-xyz')).toMatchObject({
      found: false,
      failure: { code: 'Unknown', message: expect.stringContaining('"docker.io/library/my-app:1.0.0-xyz": pull access denied, repository does not exist') },
    });
    const addedNginx = userImageEntry({ reference: 'nginx:9.9', like: 'nginx' }, lab);
    const withNginx = mergeCatalogs(lab, parseUserCatalog({ repositories: [addedNginx] }, lab));
    expect(lookupImage(withNginx, 'nginx:9.9').found).toBe(true);
    expect(lookupImage(withNginx, 'nginx:9.8')).toMatchObject({ found: false, failure: { code: 'NotFound' } });
    expect(lookupImage(catalog, 'nginx:1.27').found).toBe(true);
  });

  it.each([
    [{ reference: 'My-App:1', like: 'nginx' }, 'the image "My-App:1" is no image reference: invalid reference format: repository name (library/My-App) must be lowercase'],
    [{ reference: `my-app@sha256:${'a'.repeat(64)}`, like: 'nginx' }, `give the image a tag, not a digest (my-app@sha256:${'a'.repeat(64)}): an added image gets its digest from its name`],
    [{ reference: 'my-app:1', like: 'nginx:9.9' }, "--like nginx:9.9: the lab's catalog has no docker.io/library/nginx:9.9; kubelab image list shows what it has"],
    [{ reference: 'my-app:1', like: 'nginx', port: 70000 }, '--port must be a whole number between 1 and 65535, got 70000'],
  ])('refuses %j: %s', (request, message) => {
    expect(() => userImageEntry(request, lab)).toThrow(message);
  });

  it('writes an entry into a user catalog, replacing the same tag only', () => {
    const first = userImageEntry({ reference: 'my-app:1.0.0', like: 'nginx' }, lab);
    const again = userImageEntry({ reference: 'my-app:1.0.0', like: 'nginx', port: 3000 }, lab);
    const doc = withUserImage({ repositories: [{ name: 'my-app', tags: ['2.0.0', { tag: '1.0.0', like: 'nginx' }] }] }, first);
    expect(doc).toEqual({ repositories: [{ name: 'my-app', tags: ['2.0.0', first.tags[0]] }] });
    expect(withUserImage(doc, again)).toEqual({ repositories: [{ name: 'my-app', tags: ['2.0.0', again.tags[0]] }] });
    expect(withUserImage(undefined, first)).toEqual({ repositories: [first] });
    expect(withUserImage({ repositories: [{ name: 'other', tags: ['1'] }] }, first)).toEqual({ repositories: [{ name: 'other', tags: ['1'] }, first] });
  });
});

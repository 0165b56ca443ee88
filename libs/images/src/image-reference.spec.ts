import { describe, expect, it } from 'vitest';
import { parseImageReference } from './image-reference.js';
import { InvalidImageNameError } from './invalid-image-name-error.js';

const SHA = 'sha256:' + 'ab'.repeat(32);

describe('parseImageReference', () => {
  it.each([
    ['nginx', 'docker.io', 'library/nginx', 'latest', undefined, 'docker.io/library/nginx:latest'],
    ['nginx:1.14.2', 'docker.io', 'library/nginx', '1.14.2', undefined, 'docker.io/library/nginx:1.14.2'],
    ['library/nginx', 'docker.io', 'library/nginx', 'latest', undefined, 'docker.io/library/nginx:latest'],
    ['docker.io/nginx', 'docker.io', 'library/nginx', 'latest', undefined, 'docker.io/library/nginx:latest'],
    ['index.docker.io/nginx:1.25', 'docker.io', 'library/nginx', '1.25', undefined, 'docker.io/library/nginx:1.25'],
    ['docker.io/library/nginx:1.14.2', 'docker.io', 'library/nginx', '1.14.2', undefined, 'docker.io/library/nginx:1.14.2'],
    ['kubelab/hello:1.0', 'docker.io', 'kubelab/hello', '1.0', undefined, 'docker.io/kubelab/hello:1.0'],
    ['registry.k8s.io/pause:3.9', 'registry.k8s.io', 'pause', '3.9', undefined, 'registry.k8s.io/pause:3.9'],
    [
      'registry.k8s.io/e2e-test-images/agnhost:2.39',
      'registry.k8s.io',
      'e2e-test-images/agnhost',
      '2.39',
      undefined,
      'registry.k8s.io/e2e-test-images/agnhost:2.39',
    ],
    [`nginx@${SHA}`, 'docker.io', 'library/nginx', undefined, SHA, `docker.io/library/nginx@${SHA}`],
    [`nginx:1.25@${SHA}`, 'docker.io', 'library/nginx', '1.25', SHA, `docker.io/library/nginx:1.25@${SHA}`],
    ['localhost:5000/x:y', 'localhost:5000', 'x', 'y', undefined, 'localhost:5000/x:y'],
    ['localhost/app', 'localhost', 'app', 'latest', undefined, 'localhost/app:latest'],
    ['127.0.0.1:5000/team/app:v2', '127.0.0.1:5000', 'team/app', 'v2', undefined, '127.0.0.1:5000/team/app:v2'],
    ['[::1]:5000/app', '[::1]:5000', 'app', 'latest', undefined, '[::1]:5000/app:latest'],
    ['MyRegistry/app', 'MyRegistry', 'app', 'latest', undefined, 'MyRegistry/app:latest'],
    ['nginx:Latest_1.0-rc.1', 'docker.io', 'library/nginx', 'Latest_1.0-rc.1', undefined, 'docker.io/library/nginx:Latest_1.0-rc.1'],
    ['my-app:1.0.0-xyz', 'docker.io', 'library/my-app', '1.0.0-xyz', undefined, 'docker.io/library/my-app:1.0.0-xyz'],
    ['a__b-c---d/e_f', 'docker.io', 'a__b-c---d/e_f', 'latest', undefined, 'docker.io/a__b-c---d/e_f:latest'],
    ['my_host.io/app', '', 'my_host.io/app', 'latest', undefined, 'my_host.io/app:latest'],
  ])('normalises %j', (image, registry, repository, tag, digest, canonical) => {
    expect(parseImageReference(image)).toEqual({
      original: image,
      registry,
      repository,
      tag,
      digest,
      name: registry ? `${registry}/${repository}` : repository,
      canonical,
    });
  });

  it.each([
    ['NGINX', 'invalid reference format: repository name (library/NGINX) must be lowercase'],
    ['Nginx:1.0', 'invalid reference format: repository name (library/Nginx) must be lowercase'],
    ['example.com/Team/app', 'invalid reference format: repository name (Team/app) must be lowercase'],
    ['Foo_Bar/app', 'repository name must be lowercase'],
    ['', 'invalid reference format'],
    ['nginx:', 'invalid reference format'],
    ['nginx:-bad', 'invalid reference format'],
    ['nginx:' + 'a'.repeat(129), 'invalid reference format'],
    ['my app', 'invalid reference format'],
    ['nginx$', 'invalid reference format'],
    ['-nginx', 'invalid reference format'],
    ['nginx/', 'invalid reference format'],
    ['nginx@sha256:abc', 'invalid reference format'],
    ['a'.repeat(64), `invalid repository name (${'a'.repeat(64)}), cannot specify 64-byte hexadecimal strings`],
    ['example.com/' + 'a'.repeat(250), 'repository name must not be more than 255 characters'],
    ['nginx@sha256:' + 'a'.repeat(40), 'invalid checksum digest length'],
    ['nginx@sha256:' + 'A'.repeat(64), 'invalid checksum digest format'],
    ['nginx@md5:' + 'a'.repeat(32), 'unsupported digest algorithm'],
    ['nginx@MD5:' + 'a'.repeat(32), 'invalid reference format: repository name (library/nginx@MD5) must be lowercase'],
  ])('rejects %j with the kubelet wording', (image, detail) => {
    const quoted = JSON.stringify(image);
    const expected = `Failed to apply default image tag ${quoted}: couldn't parse image name ${quoted}: ${detail}`;
    let thrown: unknown;
    try {
      parseImageReference(image);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InvalidImageNameError);
    expect(thrown).toMatchObject({ image, detail, message: expected });
  });
});

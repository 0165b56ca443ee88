import { describe, expect, it } from 'vitest';
import { CatalogError } from './catalog-error.js';
import { fakeDigest } from './fake-digest.js';
import { parseCatalog } from './parse-catalog.js';

const DIGEST = 'sha256:' + '0123456789abcdef'.repeat(4);

function problemsOf(doc: unknown): readonly string[] {
  try {
    parseCatalog(doc);
  } catch (error) {
    if (error instanceof CatalogError) return error.problems;
    throw error;
  }
  throw new Error('the catalog was accepted');
}

describe('parseCatalog', () => {
  it('normalises names, layers tag settings over the repository and fills defaults', () => {
    const catalog = parseCatalog({
      repositories: [
        {
          name: 'nginx',
          sizeBytes: 1000,
          pullSeconds: 2,
          behaviour: { cmd: ['nginx'], listens: [80], env: { PATH: '/bin' }, http: { '/': { body: 'welcome' } } },
          tags: [
            '1.25',
            {
              tag: '1.27',
              aliases: ['latest'],
              digest: DIGEST,
              pullSeconds: 3,
              behaviour: { env: { NGINX_VERSION: '1.27' }, http: { '/healthz': { status: 204 } }, listens: [8080] },
            },
          ],
        },
      ],
    });

    expect(catalog.repositories).toHaveLength(1);
    const [repository] = catalog.repositories;
    expect(repository.name).toBe('docker.io/library/nginx');
    const [plain, pinned] = repository.images;
    expect(plain).toMatchObject({ tags: ['1.25'], digest: fakeDigest('docker.io/library/nginx:1.25'), sizeBytes: 1000, pullSeconds: 2 });
    expect(plain.behaviour).toEqual({
      entrypoint: [],
      cmd: ['nginx'],
      shell: false,
      workingDir: '/',
      env: { PATH: '/bin' },
      logs: [],
      listens: [80],
      http: { '/': { status: 200, body: 'welcome', contentType: 'text/plain; charset=utf-8' } },
      readyAfterSeconds: 0,
      unhealthyAfterSeconds: undefined,
      exitAfterSeconds: undefined,
      exitCode: 0,
      memoryMiB: 1,
      memoryGrowthMiBPerSecond: 0,
      exitsOnSigterm: true,
      files: {},
      requiredEnv: [],
    });
    expect(pinned).toMatchObject({ tags: ['1.27', 'latest'], digest: DIGEST, sizeBytes: 1000, pullSeconds: 3 });
    expect(pinned.behaviour).toMatchObject({
      cmd: ['nginx'],
      listens: [8080],
      env: { PATH: '/bin', NGINX_VERSION: '1.27' },
      http: {
        '/': { status: 200, body: 'welcome', contentType: 'text/plain; charset=utf-8' },
        '/healthz': { status: 204, body: '', contentType: 'text/plain; charset=utf-8' },
      },
    });
  });

  it('reads every behaviour field', () => {
    const behaviour = {
      entrypoint: ['/entry'],
      cmd: ['serve'],
      shell: true,
      workingDir: '/app',
      env: { A: '1' },
      logs: ['hello'],
      listens: [80, 443],
      http: { '*': { status: 404, body: 'nope', contentType: 'text/html' } },
      readyAfterSeconds: 20,
      unhealthyAfterSeconds: 30,
      exitAfterSeconds: 2,
      exitCode: 1,
      memoryMiB: 20.5,
      memoryGrowthMiBPerSecond: 10,
      exitsOnSigterm: false,
      files: { '/etc/app.conf': 'x=1' },
      requiredEnv: [{ name: 'PASSWORD', exitCode: 2, logs: ['no password'] }, { name: 'USER' }],
    };
    const catalog = parseCatalog({ repositories: [{ name: 'kubelab/app', sizeBytes: 1, pullSeconds: 0, behaviour, tags: ['1.0'] }] });
    expect(catalog.repositories[0].images[0].behaviour).toEqual({
      ...behaviour,
      requiredEnv: [
        { name: 'PASSWORD', exitCode: 2, logs: ['no password'] },
        { name: 'USER', exitCode: 1, logs: [] },
      ],
    });
  });

  it('keeps registries other than Docker Hub as written', () => {
    const catalog = parseCatalog({ repositories: [{ name: 'registry.k8s.io/pause', sizeBytes: 1, pullSeconds: 1, tags: ['3.10'] }] });
    expect(catalog.repositories[0].name).toBe('registry.k8s.io/pause');
  });

  it.each<[string, unknown, string[]]>([
    ['a non-mapping document', 'nginx', ['catalog: must be a mapping, got "nginx"']],
    ['a missing repository list', {}, ['repositories: is required']],
    ['an unknown top-level field', { repositories: [], registry: 'x' }, ['catalog.registry: unknown field (known fields: repositories)']],
    ['a repository without name', { repositories: [{ sizeBytes: 1, pullSeconds: 1, tags: ['1'] }] }, ['repositories[0].name: is required']],
    [
      'an uppercase repository',
      { repositories: [{ name: 'NGINX', sizeBytes: 1, pullSeconds: 1, tags: ['1'] }] },
      ['repositories[0].name: invalid reference format: repository name (library/NGINX) must be lowercase'],
    ],
    [
      'a repository name with a tag',
      { repositories: [{ name: 'nginx:1.25', sizeBytes: 1, pullSeconds: 1, tags: ['1'] }] },
      ['repositories[0].name: must name a repository without a tag or digest, got "nginx:1.25"'],
    ],
    [
      'a duplicate repository',
      {
        repositories: [
          { name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: ['1'] },
          { name: 'docker.io/library/nginx', sizeBytes: 1, pullSeconds: 1, tags: ['2'] },
        ],
      },
      ['repositories[1].name: duplicate repository docker.io/library/nginx'],
    ],
    ['no tags', { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: [] }] }, ['repositories[nginx].tags: must list at least one tag']],
    [
      'an unquoted version tag',
      { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: [1.25] }] },
      ['repositories[nginx].tags[0]: must be a string; quote version-like tags such as "1.25", got 1.25'],
    ],
    [
      'a malformed tag',
      { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: [{ tag: '-x', aliases: ['ok', 'bad tag'] }] }] },
      [
        'repositories[nginx].tags[0].tag: must be a tag of letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-"), got "-x"',
        'repositories[nginx].tags[0].aliases[1]: must be a tag of letters, digits, "_", "." and "-" (at most 128, not starting with "." or "-"), got "bad tag"',
      ],
    ],
    [
      'a duplicate tag',
      { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: ['1.27', { tag: 'latest', aliases: ['1.27'] }] }] },
      ['repositories[nginx].tags[latest]: duplicate tag "1.27"'],
    ],
    [
      'a digest shared by two entries',
      { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: [{ tag: 'a', digest: DIGEST }, { tag: 'b', digest: DIGEST }] }] },
      [`repositories[nginx].tags[b]: digest ${DIGEST} already belongs to tag "a"; list both tags as aliases of one entry`],
    ],
    [
      'a malformed digest',
      { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: [{ tag: 'a', digest: 'sha256:abc' }] }] },
      ['repositories[nginx].tags[a].digest: must be "sha256:" followed by 64 lowercase hex digits, got "sha256:abc"'],
    ],
    [
      'missing size and pull time',
      { repositories: [{ name: 'nginx', tags: ['1'] }] },
      [
        'repositories[nginx].tags[1]: sizeBytes is required (on the tag or on its repository)',
        'repositories[nginx].tags[1]: pullSeconds is required (on the tag or on its repository)',
      ],
    ],
    [
      'bad numbers',
      { repositories: [{ name: 'nginx', sizeBytes: 1.5, pullSeconds: -1, tags: [{ tag: '1', sizeBytes: 'big' }] }] },
      [
        'repositories[nginx].sizeBytes: must be an integer of at least 0, got 1.5',
        'repositories[nginx].pullSeconds: must be a number of at least 0, got -1',
        'repositories[nginx].tags[1].sizeBytes: must be an integer of at least 0, got "big"',
      ],
    ],
    [
      'bad behaviour fields',
      {
        repositories: [
          {
            name: 'nginx',
            sizeBytes: 1,
            pullSeconds: 1,
            behaviour: {
              listen: [80],
              listens: [80, 70000, 80],
              cmd: 'nginx',
              shell: 'yes',
              exitCode: 256,
              workingDir: 'app',
              http: { healthz: { status: 999 } },
              files: { 'etc/x': 'y' },
              env: { A: 1 },
              requiredEnv: [{ exitCode: 1 }],
            },
            tags: ['1'],
          },
        ],
      },
      [
        'repositories[nginx].behaviour.listen: unknown field (known fields: entrypoint, cmd, shell, workingDir, env, logs, listens, http, readyAfterSeconds, unhealthyAfterSeconds, exitAfterSeconds, exitCode, memoryMiB, memoryGrowthMiBPerSecond, exitsOnSigterm, files, requiredEnv)',
        'repositories[nginx].behaviour.cmd: must be a list, got "nginx"',
        'repositories[nginx].behaviour.shell: must be true or false, got "yes"',
        'repositories[nginx].behaviour.workingDir: must be an absolute path, got "app"',
        'repositories[nginx].behaviour.env.A: must be a string, got 1',
        'repositories[nginx].behaviour.listens[1]: must be an integer between 1 and 65535, got 70000',
        'repositories[nginx].behaviour.listens[2]: duplicate port 80',
        'repositories[nginx].behaviour.http[healthz]: the path must start with "/" (or be "*" for any other path)',
        'repositories[nginx].behaviour.http[healthz].status: must be an integer between 100 and 599, got 999',
        'repositories[nginx].behaviour.exitCode: must be an integer between 0 and 255, got 256',
        'repositories[nginx].behaviour.files[etc/x]: must be an absolute path',
        'repositories[nginx].behaviour.requiredEnv[0].name: is required',
      ],
    ],
  ])('reports %s', (_case, doc, expected) => {
    expect(problemsOf(doc)).toEqual(expected);
  });

  it('puts every problem in the error message', () => {
    expect(() => parseCatalog({ repositories: [{ name: 'nginx', tags: ['1'] }] })).toThrow(
      'invalid image catalog:\n  repositories[nginx].tags[1]: sizeBytes is required (on the tag or on its repository)\n' +
        '  repositories[nginx].tags[1]: pullSeconds is required (on the tag or on its repository)',
    );
  });
});

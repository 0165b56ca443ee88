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
      programs: [],
      processes: [],
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
      cpuMillicores: 0,
      cpuMillisecondsPerRequest: 0,
      exitsOnSigterm: true,
      files: {},
      directories: [],
      directoryListing: false,
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
      programs: ['sh', 'sleep'],
      processes: [{ match: ['app', 'serve'], portFlag: '--port', portEnv: 'APP_PORT', cpuFlag: '--workers', listens: [8080], logs: ['serving on {{port}}'] }],
      workingDir: '/app',
      env: { A: '1' },
      logs: ['hello'],
      listens: [80, 443],
      http: { '*': { status: 404, body: 'nope from {{hostname}} at {{podIP}}:{{port}}{{path}}', contentType: 'text/html' } },
      readyAfterSeconds: 20,
      unhealthyAfterSeconds: 30,
      exitAfterSeconds: 2,
      exitCode: 1,
      memoryMiB: 20.5,
      memoryGrowthMiBPerSecond: 10,
      cpuMillicores: 3,
      cpuMillisecondsPerRequest: 0.5,
      exitsOnSigterm: false,
      files: { '/etc/app.conf': 'x=1' },
      directories: ['/srv/data'],
      directoryListing: true,
      requiredEnv: [{ name: 'PASSWORD', or: ['NO_PASSWORD'], exitCode: 2, logs: ['no password'] }, { name: 'USER' }, { name: '-text', or: ['TEXT'], exitCode: 127 }],
    };
    const catalog = parseCatalog({ repositories: [{ name: 'kubelab/app', sizeBytes: 1, pullSeconds: 0, behaviour, tags: ['1.0'] }] });
    expect(catalog.repositories[0].images[0].behaviour).toEqual({
      ...behaviour,
      processes: [{ match: ['app', 'serve'], portFlag: '--port', portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: '--workers', portEnv: 'APP_PORT', behaviour: { listens: [8080], logs: ['serving on {{port}}'] } }],
      requiredEnv: [
        { name: 'PASSWORD', alternatives: ['NO_PASSWORD'], exitCode: 2, logs: ['no password'] },
        { name: 'USER', alternatives: [], exitCode: 1, logs: [] },
        { name: '-text', alternatives: ['TEXT'], exitCode: 127, logs: [] },
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
    ['an unknown top-level field', { repositories: [], registry: 'x' }, ['catalog.registry: unknown field (known fields: bases, repositories)']],
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
              exitCode: 256,
              workingDir: 'app',
              http: { healthz: { status: 999 }, '/': { body: 'Hello from {{hostname}} ({{podip}}, {{arg}})' } },
              logs: ['served {{path}}'],
              files: { 'etc/x': 'y' },
              directories: ['srv'],
              busyboxVersion: 'one',
              env: { A: 1 },
              requiredEnv: [{ exitCode: 1 }],
            },
            tags: ['1'],
          },
        ],
      },
      [
        'repositories[nginx].behaviour.listen: unknown field (known fields: base, entrypoint, cmd, workingDir, env, logs, listens, http, readyAfterSeconds, unhealthyAfterSeconds, exitAfterSeconds, exitCode, memoryMiB, memoryGrowthMiBPerSecond, cpuMillicores, cpuMillisecondsPerRequest, exitsOnSigterm, requiredEnv, documentRoot, directoryListing, title, files, directories, busyboxVersion, programs, processes)',
        'repositories[nginx].behaviour.cmd: must be a list, got "nginx"',
        'repositories[nginx].behaviour.workingDir: must be an absolute path, got "app"',
        'repositories[nginx].behaviour.env.A: must be a string, got 1',
        'repositories[nginx].behaviour.logs[0]: {{path}}: path is a request\'s, and a log line has no request',
        'repositories[nginx].behaviour.listens[1]: must be an integer between 1 and 65535, got 70000',
        'repositories[nginx].behaviour.listens[2]: duplicate port 80',
        'repositories[nginx].behaviour.http[healthz]: the path must start with "/" (or be "*" for any other path)',
        'repositories[nginx].behaviour.http[healthz].status: must be an integer between 100 and 599, got 999',
        'repositories[nginx].behaviour.http[/].body: {{podip}}: unknown placeholder "podip" (known: hostname, podIP, port, date, linkLocalIPv6, arg, env, path, query, host, remoteAddr, requestId, headers)',
        'repositories[nginx].behaviour.http[/].body: {{arg}}: arg needs a name, as in {{arg:NAME}}',
        'repositories[nginx].behaviour.exitCode: must be an integer between 0 and 255, got 256',
        'repositories[nginx].behaviour.requiredEnv[0].name: is required',
        'repositories[nginx].behaviour.files[etc/x]: must be an absolute path',
        'repositories[nginx].behaviour.directories: "srv" must be an absolute path',
        'repositories[nginx].behaviour.busyboxVersion: "one" is not a release such as "1.28.4"',
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

  it('compiles tag patterns, a listed tag winning over a pattern', () => {
    const catalog = parseCatalog({
      repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: ['1.{14..27}.{0..5}', { tag: '1.{14..27}-alpine', sizeBytes: 2 }, { tag: '1.27', aliases: ['1.27.3'] }] }],
    });
    const [repository] = catalog.repositories;
    expect(repository.images.map((image) => image.tags)).toEqual([['1.27', '1.27.3']]);
    expect(repository.tagSets.map((set) => [set.pattern.source, set.sizeBytes])).toEqual([
      ['1.{14..27}.{0..5}', 1],
      ['1.{14..27}-alpine', 2],
    ]);
  });

  it('starts a behaviour from a base, which may start from another base', () => {
    const catalog = parseCatalog({
      bases: {
        gnu: { programs: ['sh', 'ls'], env: { PATH: '/bin' } },
        debian: { base: 'gnu', programs: ['apt'], files: { '/etc/os-release': 'ID=debian\n' } },
      },
      repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, behaviour: { base: 'debian', programs: ['nginx'], env: { V: '1' } }, tags: ['1'] }],
    });
    expect(catalog.repositories[0].images[0].behaviour).toMatchObject({
      programs: ['sh', 'ls', 'apt', 'nginx'],
      env: { PATH: '/bin', V: '1' },
      files: { '/etc/os-release': 'ID=debian\n' },
    });
  });

  it("lets a process undo its image's exit with never", () => {
    const catalog = parseCatalog({
      repositories: [{ name: 'python', sizeBytes: 1, pullSeconds: 1, behaviour: { exitAfterSeconds: 0, processes: [{ match: ['python'], exitAfterSeconds: 'never' }] }, tags: ['3'] }],
    });
    const { behaviour } = catalog.repositories[0].images[0];
    expect(behaviour.exitAfterSeconds).toBe(0);
    expect(behaviour.processes[0].behaviour.exitAfterSeconds).toBe(Number.POSITIVE_INFINITY);
  });

  it('copies an image of the lab catalog with like, then applies its own fields', () => {
    const lab = parseCatalog({ repositories: [{ name: 'nginx', sizeBytes: 7, pullSeconds: 3, behaviour: { listens: [80], logs: ['ready'] }, tags: ['1.27', { tag: '1.26', sizeBytes: 6 }] }] });
    const user = parseCatalog(
      { repositories: [{ name: 'my-app', like: 'nginx:1.26', tags: [{ tag: '1.0.0', behaviour: { listens: [3000] } }, { tag: '2.0.0', like: 'nginx:1.27' }] }] },
      { like: lab },
    );
    const [first, second] = user.repositories[0].images;
    expect(first).toMatchObject({ tags: ['1.0.0'], sizeBytes: 6, pullSeconds: 3, behaviour: { listens: [3000], logs: ['ready'] } });
    expect(second).toMatchObject({ tags: ['2.0.0'], sizeBytes: 7, behaviour: { listens: [80] } });
    expect(user.repositories[0].name).toBe('docker.io/library/my-app');
  });

  it.each<[string, unknown, string[]]>([
    [
      'a bad tag pattern',
      { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: ['1.{27..14}', { tag: '1.{1..2}', aliases: ['x'] }] }] },
      ['repositories[nginx].tags[1.{27..14}]: the tag pattern the range {27..14} runs backwards', 'repositories[nginx].tags[1.{1..2}].aliases: a tag pattern names many images, so it has no aliases'],
    ],
    [
      'an unknown base',
      { bases: {}, repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, behaviour: { base: 'debain' }, tags: ['1'] }] },
      ['repositories[nginx].behaviour.base: unknown base "debain" (bases: )'],
    ],
    [
      'like outside a user catalog',
      { repositories: [{ name: 'my-app', like: 'nginx', tags: ['1'] }] },
      [
        'repositories[my-app].like: only a user catalog (added to the lab\'s catalog) can copy an image with like',
        'repositories[my-app].tags[1]: sizeBytes is required (on the tag or on its repository)',
        'repositories[my-app].tags[1]: pullSeconds is required (on the tag or on its repository)',
      ],
    ],
    [
      'a process without match',
      { repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, behaviour: { processes: [{ listens: [80] }, { match: [] }] }, tags: ['1'] }] },
      ['repositories[nginx].behaviour.processes[0].match: is required', 'repositories[nginx].behaviour.processes[1].match: must name the program, e.g. [nginx] or [python, -m, http.server]'],
    ],
  ])('reports %s', (_case, doc, expected) => {
    expect(problemsOf(doc)).toEqual(expected);
  });

  it('reports a like image the lab catalog lacks', () => {
    const lab = parseCatalog({ repositories: [{ name: 'nginx', sizeBytes: 1, pullSeconds: 1, tags: ['1.27'] }] });
    expect(() => parseCatalog({ repositories: [{ name: 'my-app', like: 'nginx:9.9', tags: ['1'] }] }, { like: lab })).toThrow(
      'repositories[my-app].like: "nginx:9.9" is not in the lab\'s catalog (kubelab image list shows it)',
    );
  });
});

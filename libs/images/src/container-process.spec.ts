import { describe, expect, it } from 'vitest';
import type { ImageBehaviour } from './catalog-types.js';
import { decideContainerProcess, decideExec, missingRequiredEnv } from './container-process.js';
import { completeBehaviour } from './parse-behaviour.js';

const shellRuns = (program: string) => ['sh', 'echo', 'sleep'].includes(program);
const nginx = completeBehaviour({
  entrypoint: ['/docker-entrypoint.sh'],
  cmd: ['nginx', '-g', 'daemon off;'],
  listens: [80],
  logs: ['ready'],
  programs: ['sh', 'bash', 'echo', 'sleep', 'nginx', 'docker-entrypoint.sh', 'perl'],
  processes: [{ match: ['nginx'], portFlag: undefined, portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: {} }],
});
const agnhost = completeBehaviour({
  entrypoint: ['/agnhost'],
  cmd: ['pause'],
  programs: ['agnhost'],
  processes: [
    { match: ['agnhost', 'netexec'], portFlag: '--http-port', portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: { listens: [8080], logs: ['Started HTTP server on port 8080'] } },
    { match: ['agnhost', 'pause'], portFlag: undefined, portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: { logs: ['Paused'] } },
  ],
});
const python = completeBehaviour({
  cmd: ['python3'],
  exitAfterSeconds: 0,
  programs: ['sh', 'python', 'python3', 'echo'],
  processes: [{ match: ['python', '-m', 'http.server'], portFlag: undefined, portArgument: true, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: { listens: [8000], exitAfterSeconds: undefined } }],
});
const redis = completeBehaviour({
  entrypoint: ['docker-entrypoint.sh'],
  cmd: ['redis-server'],
  listens: [6379],
  programs: ['redis-server', 'sh', 'docker-entrypoint.sh'],
  processes: [{ match: ['redis-server'], portFlag: '--port', portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: {} }],
});
const busybox = completeBehaviour({ cmd: ['sh'], exitAfterSeconds: 0, programs: ['sh', 'echo', 'sleep'] });
const distroless = completeBehaviour({ entrypoint: ['/pause'], programs: ['pause'] });

function decide(behaviour: ImageBehaviour, command?: string[], args?: string[]) {
  return decideContainerProcess(behaviour, command, args, shellRuns);
}

describe('decideContainerProcess', () => {
  it('runs the image default process when the container names no command', () => {
    expect(decide(nginx)).toMatchObject({ kind: 'image', argv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'], behaviour: { listens: [80] } });
    expect(decide(busybox)).toMatchObject({ kind: 'image', behaviour: { exitAfterSeconds: 0 } });
  });

  it('runs a command through the shell whatever the image', () => {
    expect(decide(nginx, ['sh', '-c', 'echo hi'])).toEqual({ kind: 'shell', argv: ['sh', '-c', 'echo hi'] });
    expect(decide(busybox, undefined, ['sleep', '3600'])).toEqual({ kind: 'shell', argv: ['sleep', '3600'] });
    expect(decide(python, ['/bin/sh', '-c', 'echo hi'])).toMatchObject({ kind: 'shell' });
  });

  it("runs the image's own server when the command starts it", () => {
    expect(decide(nginx, ['nginx', '-g', 'daemon off;'])).toMatchObject({ kind: 'image', behaviour: { listens: [80], logs: ['ready'] } });
    expect(decide(nginx, ['/usr/sbin/nginx'])).toMatchObject({ kind: 'image' });
  });

  it.each([
    [agnhost, undefined, ['netexec', '--http-port=8081'], [8081]],
    [agnhost, undefined, ['netexec', '--http-port', '9000'], [9000]],
    [agnhost, ['/agnhost', 'netexec'], undefined, [8080]],
    [python, ['python', '-m', 'http.server', '8001'], undefined, [8001]],
    [python, ['python', '-m', 'http.server'], undefined, [8000]],
    [redis, undefined, ['--port', '6380'], [6380]],
    [redis, ['redis-server', '--port', '7000'], undefined, [7000]],
  ])('listens where the arguments say (%#)', (behaviour, command, args, listens) => {
    expect(decide(behaviour, command, args)).toMatchObject({ kind: 'image', behaviour: { listens } });
  });

  it("keeps the image's default process for an entrypoint given other args", () => {
    expect(decide(agnhost)).toMatchObject({ kind: 'image', behaviour: { logs: ['Paused'] } });
    expect(decide(python, ['python', '-m', 'http.server'])).toMatchObject({ behaviour: { exitAfterSeconds: undefined } });
  });

  it('fails to start a program the image lacks, as runc words it', () => {
    expect(decide(busybox, ['bash', '-c', 'echo hi'])).toEqual({
      kind: 'missing',
      argv: ['bash', '-c', 'echo hi'],
      exitCode: 128,
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
    });
    expect(decide(distroless, ['/bin/sh', '-c', 'true'])).toMatchObject({ kind: 'missing', message: expect.stringContaining('exec: "/bin/sh": stat /bin/sh: no such file or directory: unknown') });
  });

  it('lets a program the image has but the emulator cannot act out run silently until stopped', () => {
    expect(decide(nginx, ['perl', 'app.pl'])).toMatchObject({ kind: 'opaque', behaviour: { listens: [], logs: [], exitAfterSeconds: undefined } });
  });

  it('takes the memory a process is told to use', () => {
    const stress = completeBehaviour({ programs: ['stress'], processes: [{ match: ['stress'], portFlag: undefined, portArgument: false, memoryFlag: '--vm-bytes', memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: undefined, behaviour: {} }] });
    expect(decide(stress, ['stress'], ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'])).toMatchObject({ kind: 'image', behaviour: { memoryMiB: 250 } });
    expect(decide(stress, ['stress', '--vm-bytes=1G'])).toMatchObject({ behaviour: { memoryMiB: 1024 } });
  });

  const polinuxStress = completeBehaviour({
    programs: ['stress'], memoryMiB: 1,
    processes: [{ match: ['stress'], portFlag: undefined, portArgument: false, memoryFlag: '--vm-bytes', memoryWorkersFlag: '--vm', cpuFlag: '--cpu', portEnv: undefined, behaviour: {} }],
  });
  it.each([
    ['one vm worker of 150M', ['--vm', '1', '--vm-bytes', '150M', '--vm-hang', '1'], 150, 0],
    ['two vm workers of 128M', ['--vm', '2', '--vm-bytes', '128M'], 256, 0],
    ['--vm-bytes without --vm workers: nothing allocated', ['--vm-bytes', '500M'], 1, 0],
    ['two cpu workers', ['--cpu', '2'], 1, 2000],
    ['cpu and vm workers together', ['--cpu=1', '--vm', '1', '--vm-bytes', '64M'], 64, 1000],
    ['a count that is no number', ['--cpu', 'all'], 1, 0],
  ])('stress with %s takes its memory and cores', (_, args, memoryMiB, cpuMillicores) => {
    expect(decide(polinuxStress, ['stress'], args as string[])).toMatchObject({ kind: 'image', behaviour: { memoryMiB, cpuMillicores } });
  });

  it('finds a required variable set by neither its name nor an alternative', () => {
    const mysql = completeBehaviour({ requiredEnv: [{ name: 'MYSQL_ROOT_PASSWORD', alternatives: ['MYSQL_ALLOW_EMPTY_PASSWORD'], exitCode: 1, logs: [] }] });
    expect(missingRequiredEnv(mysql, {})?.name).toBe('MYSQL_ROOT_PASSWORD');
    expect(missingRequiredEnv(mysql, { MYSQL_ROOT_PASSWORD: '' })?.name).toBe('MYSQL_ROOT_PASSWORD');
    expect(missingRequiredEnv(mysql, { MYSQL_ALLOW_EMPTY_PASSWORD: '1' })).toBeUndefined();
  });

  it('finds a required flag (http-echo -text) given neither a value in the argv nor by an alternative variable', () => {
    const echo = completeBehaviour({ requiredEnv: [{ name: '-text', alternatives: ['ECHO_TEXT'], exitCode: 127, logs: ['Missing -text option or ECHO_TEXT env var!'] }] });
    expect(missingRequiredEnv(echo, {}, ['/http-echo'])?.exitCode).toBe(127);
    expect(missingRequiredEnv(echo, {}, ['/http-echo', '-text='])?.exitCode).toBe(127);
    expect(missingRequiredEnv(echo, {}, ['/http-echo', '-text', 'apple'])).toBeUndefined();
    expect(missingRequiredEnv(echo, {}, ['/http-echo', '--text=apple'])).toBeUndefined();
    expect(missingRequiredEnv(echo, { ECHO_TEXT: 'hello-world' }, ['/http-echo'])).toBeUndefined();
  });

  it('listens where its port variable says when no flag does (whoami WHOAMI_PORT_NUMBER, hello-app PORT)', () => {
    const whoami = completeBehaviour({
      entrypoint: ['/whoami'], listens: [80], programs: ['whoami'],
      processes: [{ match: ['whoami'], portFlag: '--port', portArgument: false, memoryFlag: undefined, memoryWorkersFlag: undefined, cpuFlag: undefined, portEnv: 'WHOAMI_PORT_NUMBER', behaviour: {} }],
    });
    const decideWith = (args: string[] | undefined, env: Record<string, string>) => decideContainerProcess(whoami, undefined, args, shellRuns, { env });
    expect(decideWith(undefined, {})).toMatchObject({ kind: 'image', behaviour: { listens: [80] } });
    expect(decideWith(undefined, { WHOAMI_PORT_NUMBER: '8080' })).toMatchObject({ kind: 'image', behaviour: { listens: [8080] } });
    expect(decideWith(['--port', '9000'], { WHOAMI_PORT_NUMBER: '8080' })).toMatchObject({ kind: 'image', behaviour: { listens: [9000] } });
    expect(decideWith(['-port=9001'], {})).toMatchObject({ kind: 'image', behaviour: { listens: [9001] } });
    expect(decideWith(undefined, { WHOAMI_PORT_NUMBER: 'eighty' })).toMatchObject({ kind: 'image', behaviour: { listens: [80] } });
  });

  it("runs sh -c 'exec SERVER …' as the image's server, and an image program in a simple script as a silent process", () => {
    expect(decide(nginx, ['sh', '-c', "exec nginx -g 'daemon off;'"])).toMatchObject({ kind: 'image', behaviour: { listens: [80] } });
    expect(decide(redis, ['sh', '-c', 'redis-server \\\n  --port 7001'])).toMatchObject({ kind: 'image', behaviour: { listens: [7001] } });
    expect(decide(nginx, ['sh', '-c', 'perl app.pl'])).toMatchObject({ kind: 'opaque' });
    expect(decide(nginx, ['sh', '-c', 'echo hi; nginx'])).toMatchObject({ kind: 'shell' });
    expect(decide(nginx, ['sh', '-c', 'sleep 5'])).toMatchObject({ kind: 'shell' });
    expect(decide(busybox, ['sh', '-c', 'missing-tool'])).toMatchObject({ kind: 'shell' });
  });

  it.each<[string, ImageBehaviour, string[], string]>([
    ['a shell command', nginx, ['sh', '-c', 'echo hi'], 'shell'],
    ['an image tool', nginx, ['perl', '-e', '1'], 'opaque'],
    ['an image tool in a simple script', nginx, ['sh', '-c', 'perl -e 1'], 'opaque'],
    ['a program the image lacks', busybox, ['bash'], 'missing'],
  ])('decides an exec of %s', (_case, behaviour, argv, kind) => {
    expect(decideExec(behaviour, argv, shellRuns).kind).toBe(kind);
  });

  it('answers an exec of a missing program with runc exec error and 126', () => {
    expect(decideExec(distroless, ['sh'], shellRuns)).toEqual({
      kind: 'missing',
      exitCode: 126,
      message: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "sh": executable file not found in $PATH: unknown',
    });
  });

  it('keeps a shell reading the attached stdin (kubectl run -it) instead of ending on an empty one', () => {
    expect(decideContainerProcess(busybox, undefined, undefined, shellRuns, { stdin: true })).toEqual({ kind: 'shell', argv: ['sh'] });
    expect(decideContainerProcess(busybox, undefined, undefined, shellRuns, { stdin: false })).toMatchObject({ kind: 'image', behaviour: { exitAfterSeconds: 0 } });
    expect(decideContainerProcess(nginx, undefined, undefined, shellRuns, { stdin: true })).toMatchObject({ kind: 'image' });
  });
});

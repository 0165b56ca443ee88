import { describe, expect, it } from 'vitest';
import { containerArgv, flagValue } from './container-argv.js';

const nginx = { entrypoint: ['/docker-entrypoint.sh'], cmd: ['nginx', '-g', 'daemon off;'] };
const busybox = { entrypoint: [], cmd: ['sh'] };

describe('containerArgv', () => {
  it.each<[typeof nginx, string[] | undefined, string[] | undefined, string[]]>([
    [nginx, undefined, undefined, ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    [nginx, ['nginx'], undefined, ['nginx']],
    [nginx, undefined, ['nginx', '-T'], ['/docker-entrypoint.sh', 'nginx', '-T']],
    [nginx, ['sh', '-c'], ['echo hi'], ['sh', '-c', 'echo hi']],
    [nginx, [], [], ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;']],
    [busybox, undefined, undefined, ['sh']],
    [busybox, undefined, ['sleep', '3600'], ['sleep', '3600']],
    [busybox, ['sleep'], ['3600'], ['sleep', '3600']],
  ])('%j with command %j and args %j → %j', (behaviour, command, args, argv) => {
    expect(containerArgv(behaviour, command, args)).toEqual(argv);
  });
});

describe('flagValue', () => {
  it.each<[string, string[], string | undefined]>([
    ['-text', ['-text=apple'], 'apple'],
    ['-text', ['--text=apple'], 'apple'],
    ['-text', ['-text', 'hello world'], 'hello world'],
    ['--port', ['-port', '8080'], '8080'],
    ['text', ['-listen=:8080', '-text='], ''],
    ['-listen', ['-listen', ':8080'], ':8080'],
    ['--vm', ['--vm-bytes', '250M'], undefined],
    ['-text', ['-text'], undefined],
    ['-text', ['text=apple'], undefined],
  ])('finds %s in %j: %j', (flag, words, value) => {
    expect(flagValue(flag, words)).toBe(value);
  });
});

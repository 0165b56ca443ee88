import type { FsEntryKind } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { hostPathSetUp, localPathProblem } from './host-path.js';

/** A node's disk: /, /var, /var/log, the file /etc/hostname (under /etc), /dev/null. */
const disk = (path: string): FsEntryKind | undefined =>
  ({ '/': 'dir', '/var': 'dir', '/var/log': 'dir', '/etc': 'dir', '/etc/hostname': 'file', '/dev': 'dir', '/dev/null': 'device' } as Record<string, FsEntryKind>)[path];

describe('a hostPath volume\'s set-up (the hostPath plugin\'s type check)', () => {
  it.each([
    ['', '/var/log', { ok: true, path: '/var/log' }],
    ['', '/data', { ok: true, path: '/data', make: 'directory' }],
    ['', '/etc/hostname', { ok: true, path: '/etc/hostname' }],
    ['DirectoryOrCreate', '/var/local/aaa', { ok: true, path: '/var/local/aaa', make: 'directory' }],
    ['DirectoryOrCreate', '/var/log/', { ok: true, path: '/var/log' }],
    ['DirectoryOrCreate', '/etc/hostname', { ok: false, message: 'hostPath type check failed: /etc/hostname is not a directory' }],
    ['DirectoryOrCreate', '/etc/hostname/sub', { ok: false, message: 'mkdir /etc/hostname: not a directory' }],
    ['Directory', '/var/log', { ok: true, path: '/var/log' }],
    ['Directory', '/x', { ok: false, message: 'hostPath type check failed: /x is not a directory' }],
    ['Directory', '/etc/hostname', { ok: false, message: 'hostPath type check failed: /etc/hostname is not a directory' }],
    ['FileOrCreate', '/var/log/app.log', { ok: true, path: '/var/log/app.log', make: 'file' }],
    ['FileOrCreate', '/etc/hostname', { ok: true, path: '/etc/hostname' }],
    ['FileOrCreate', '/var/local/aaa/1.txt', { ok: false, message: 'open /var/local/aaa/1.txt: no such file or directory' }],
    ['FileOrCreate', '/etc/hostname/x', { ok: false, message: 'open /etc/hostname/x: not a directory' }],
    ['FileOrCreate', '/var/log', { ok: false, message: 'hostPath type check failed: /var/log is not a file' }],
    ['File', '/etc/hostname', { ok: true, path: '/etc/hostname' }],
    ['File', '/etc/missing', { ok: false, message: 'hostPath type check failed: /etc/missing is not a file' }],
    ['Socket', '/run/containerd/containerd.sock', { ok: false, message: 'hostPath type check failed: /run/containerd/containerd.sock is not a socket file' }],
    ['CharDevice', '/dev/null', { ok: true, path: '/dev/null' }],
    ['CharDevice', '/var/log', { ok: false, message: 'hostPath type check failed: /var/log is not a character device' }],
    ['BlockDevice', '/dev/sda', { ok: false, message: 'hostPath type check failed: /dev/sda is not a block device' }],
    ['Pipe', '/x', { ok: false, message: 'Pipe is an invalid volume type' }],
  ])('of type %j at %s', (type, path, expected) => {
    expect(hostPathSetUp(path, type, disk)).toEqual(expected);
  });
});

describe('a local volume\'s path', () => {
  it.each([
    ['/var/log', undefined],
    ['/mnt/disks/vol1', 'path "/mnt/disks/vol1" does not exist'],
  ])('%s', (path, expected) => expect(localPathProblem(path, disk)).toBe(expected));
});

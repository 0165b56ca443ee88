import { describe, expect, it } from 'vitest';
import { runProcess } from '../process/launch.js';
import type { CriContainer, CriSandbox, NodeServices } from '../process/process-host.js';
import { virtualHost } from '../testing/virtual-host.js';
import { crictlTable, goUnitsDuration, goUnitsSize } from './crictl.js';

/** The virtual host's clock: 2025-01-01 12:00 UTC. */
const minutesAgo = (m: number) => new Date(Date.UTC(2025, 0, 1, 12, 0, 0) - m * 60_000);

const web: CriSandbox = { id: `9f8e7d6c5b4a3${'0'.repeat(51)}`, createdAt: minutesAgo(5), ready: true, name: 'web', namespace: 'default', uid: 'u-web' };
const dns: CriSandbox = { id: `1a2b3c4d5e6f7${'1'.repeat(51)}`, createdAt: minutesAgo(90), ready: true, name: 'coredns-7c65d6cfc9-abcde', namespace: 'kube-system', uid: 'u-dns' };
const image = { image: 'docker.io/library/nginx:1.27', imageRef: `docker.io/library/nginx@sha256:a8758716bb6aa${'2'.repeat(51)}` };
const running: CriContainer = { id: `c0ffee1234567${'3'.repeat(51)}`, name: 'nginx', attempt: 1, state: 'CONTAINER_RUNNING', createdAt: minutesAgo(2), startedAt: minutesAgo(2), sandbox: web, ...image };
const exited: CriContainer = { ...running, id: `dead00beef123${'4'.repeat(51)}`, attempt: 0, state: 'CONTAINER_EXITED', createdAt: minutesAgo(5), finishedAt: minutesAgo(2), exitCode: 137 };
const coredns: CriContainer = { ...running, id: `beefcafe00001${'5'.repeat(51)}`, name: 'coredns', attempt: 0, createdAt: minutesAgo(90), sandbox: dns };

const services = (): NodeServices => ({
  hostname: 'node-1', unit: () => undefined, act: async () => undefined, enable: () => undefined, journal: () => [],
  cri: {
    images: () => [
      { id: `a8758716bb6aa${'2'.repeat(51)}`, repoTags: ['docker.io/library/nginx:1.27', 'docker.io/library/nginx:stable'], sizeBytes: 72099410 },
      { id: `ff7a7936e9306${'6'.repeat(51)}`, repoTags: ['docker.io/library/busybox:1.36'], sizeBytes: 4276224 },
    ],
    sandboxes: () => [web, dns], containers: () => [exited, running, coredns],
    logs: (id) => (id === running.id ? 'one\ntwo\nthree\n' : id === exited.id ? 'before the restart\n' : undefined),
  },
});

async function run(script: string, node?: NodeServices) {
  const lab = virtualHost();
  const status = await runProcess(['sh', '-c', script], { ...lab.host, ...(node ? { services: node } : {}) });
  return { status, stdout: lab.stdout(), stderr: lab.stderr() };
}

describe('crictl on a node', () => {
  it('lists the running containers, newest first, in crictl\'s columns (ps -a adds the exited runs)', async () => {
    expect((await run('crictl ps', services())).stdout).toBe(crictlTable([
      ['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE'],
      ['c0ffee1234567', 'a8758716bb6aa', '2 minutes ago', 'Running', 'nginx', '1', '9f8e7d6c5b4a3', 'web', 'default'],
      ['beefcafe00001', 'a8758716bb6aa', '2 hours ago', 'Running', 'coredns', '0', '1a2b3c4d5e6f7', 'coredns-7c65d6cfc9-abcde', 'kube-system'],
    ]));
    const all = (await run('crictl ps -a --name nginx', services())).stdout.split('\n');
    expect(all.slice(1, 3).map((line) => line.split(/\s{2,}/).slice(0, 4))).toEqual([
      ['c0ffee1234567', 'a8758716bb6aa', '2 minutes ago', 'Running'], ['dead00beef123', 'a8758716bb6aa', '5 minutes ago', 'Exited'],
    ]);
    expect((await run('crictl ps -q', services())).stdout).toBe(`${running.id}\n${coredns.id}\n`);
    expect((await run('crictl ps -a --pod 1a2b', services())).stdout).toContain('coredns');
  });

  it('pads each column to its widest cell and three spaces, at least 20, and leaves the last one as it is', () => {
    expect(crictlTable([['A', 'B'], ['a-very-long-cell-of-twenty', 'x']])).toBe(`A${' '.repeat(28)}B\na-very-long-cell-of-twenty   x\n`);
  });

  it('lists the pod sandboxes', async () => {
    expect((await run('crictl pods --namespace kube-system', services())).stdout).toBe(crictlTable([
      ['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME'],
      ['1a2b3c4d5e6f7', '2 hours ago', 'Ready', 'coredns-7c65d6cfc9-abcde', 'kube-system', '0', '(default)'],
    ]));
  });

  it('prints a container\'s log by a unique prefix of its ID, the last lines with --tail, and inspects it', async () => {
    expect(await run('crictl logs c0ffee', services())).toEqual({ status: 0, stdout: 'one\ntwo\nthree\n', stderr: '' });
    expect((await run('crictl logs --tail 1 c0ffee', services())).stdout).toBe('three\n');
    expect((await run('crictl logs dead00', services())).stdout).toBe('before the restart\n');
    expect(await run('crictl logs 0000', services())).toEqual({ status: 1, stdout: '', stderr: 'FATA[0000] rpc error: code = NotFound desc = an error occurred when try to find container "0000": not found\n' });
    const inspected = JSON.parse((await run('crictl inspect dead00', services())).stdout);
    expect(inspected.status).toMatchObject({ id: exited.id, state: 'CONTAINER_EXITED', exitCode: 137, metadata: { attempt: 0, name: 'nginx' }, logPath: '/var/log/pods/default_web_u-web/nginx/0.log' });
    expect(inspected.info.sandboxID).toBe(web.id);
  });

  it('lists the images the node holds, a row per tag, and their sizes as go-units says them', async () => {
    expect((await run('crictl images', services())).stdout).toBe(crictlTable([
      ['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'],
      ['docker.io/library/busybox', '1.36', 'ff7a7936e9306', '4.28MB'],
      ['docker.io/library/nginx', '1.27', 'a8758716bb6aa', '72.1MB'],
      ['docker.io/library/nginx', 'stable', 'a8758716bb6aa', '72.1MB'],
    ]));
    expect((await run('crictl images nginx -q', services())).stdout).toBe(`sha256:a8758716bb6aa${'2'.repeat(51)}\n`);
    expect([999, 1000, 112_300_000, 4_276_224].map(goUnitsSize)).toEqual(['999B', '1kB', '112MB', '4.28MB']);
  });

  it('says off a node that there is no containerd to talk to', async () => {
    const off = await run('crictl ps');
    expect(off.status).toBe(1);
    expect(off.stderr).toMatch(/^FATA\[0000\] validate service connection: validate CRI v1 runtime API for endpoint "unix:\/\/\/run\/containerd\/containerd\.sock": /);
  });

  it('says CREATED as go-units does', () => {
    expect([0, 1_000, 59_000, 60_000, 119_000, 3_599_000, 3_600_000, 5_400_000, 47 * 3_600_000, 72 * 3_600_000].map(goUnitsDuration)).toEqual([
      'Less than a second', '1 second', '59 seconds', 'About a minute', 'About a minute', '59 minutes', 'About an hour', '2 hours', '47 hours', '3 days',
    ]);
  });
});

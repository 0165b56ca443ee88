import { describe, expect, it } from 'vitest';
import { runProcess } from '../process/launch.js';
import type { CriContainer, CriImage, CriSandbox, NodeServices, ServiceUnit } from '../process/process-host.js';
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

const nginxImage: CriImage = {
  id: `a8758716bb6aa${'2'.repeat(51)}`, repoTags: ['docker.io/library/nginx:1.27', 'docker.io/library/nginx:stable'], repoDigests: [`docker.io/library/nginx@sha256:a8758716bb6aa${'2'.repeat(51)}`], sizeBytes: 72099410, pinned: false,
};
const busyboxImage: CriImage = { id: `ff7a7936e9306${'6'.repeat(51)}`, repoTags: ['docker.io/library/busybox:1.36'], repoDigests: [], sizeBytes: 4276224, pinned: false };
const pauseImage: CriImage = { id: `873ed75102791${'7'.repeat(51)}`, repoTags: ['registry.k8s.io/pause:3.10'], repoDigests: [], sizeBytes: 320368, pinned: true };
const digestOnly: CriImage = { id: `ab12${'8'.repeat(60)}`, repoTags: [], repoDigests: [`docker.io/library/redis@sha256:ab12${'8'.repeat(60)}`], sizeBytes: 1, pinned: false };

/**
 * A node whose containerd holds these images, sandboxes and containers, in memory: a stopped container exits 137, a
 * removed one or image is gone. An image is named by a tag or digest name, or by an ID prefix (`ab` fits two).
 */
function services(held: CriImage[] = [nginxImage, busyboxImage]): NodeServices {
  let containers = [exited, running, coredns];
  let images = held;
  const imageStatus = (name: string) => {
    const named = images.find((i) => i.repoTags.includes(name) || i.repoDigests.includes(name));
    const byId = images.filter((i) => i.id.startsWith(name.replace(/^sha256:/, '')));
    return named ?? (byId.length > 1 ? 'ambiguous' as const : byId[0]);
  };
  return {
    hostname: 'node-1', act: async () => undefined, enable: () => undefined, journal: () => [],
    unit: (name) => (name === 'containerd.service' ? containerd : undefined),
    cri: {
      images: () => images, sandboxes: () => [web, dns], containers: () => containers,
      logs: (id) => (id === running.id ? 'one\ntwo\nthree\n' : id === exited.id ? 'before the restart\n' : undefined),
      stopContainer: async (id) => {
        containers = containers.map((c) => (c.id === id && c.state === 'CONTAINER_RUNNING' ? { ...c, state: 'CONTAINER_EXITED', exitCode: 137 } : c));
      },
      removeContainer: (id) => void (containers = containers.filter((c) => c.id !== id)),
      imageStatus,
      removeImage: (id) => void (images = images.filter((i) => i.id !== id)),
    },
  };
}

const containerd: ServiceUnit = {
  name: 'containerd.service', description: 'containerd container runtime', fragmentPath: '/usr/lib/systemd/system/containerd.service', dropIns: [], enabled: true,
  active: 'active', sub: 'running', since: minutesAgo(100), mainPid: 402, commandLine: '/usr/bin/containerd', execStart: '/usr/bin/containerd',
};

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

  it('stops a container by a prefix of its ID and prints what it was given; an ID containerd does not hold is no error', async () => {
    const node = services();
    expect(await run('crictl stop c0ffee; crictl ps -q; crictl stop -t 10 0000', node)).toEqual({ status: 0, stdout: `c0ffee\n${coredns.id}\n0000\n`, stderr: '' });
    expect(node.cri.containers().find((c) => c.id === running.id)).toMatchObject({ state: 'CONTAINER_EXITED', exitCode: 137 });
    expect(await run('crictl stop', node)).toMatchObject({ status: 1, stderr: 'FATA[0000] ID cannot be empty\n' });
    expect(await run('crictl stop -t soon c0ffee', node)).toMatchObject({ status: 1, stderr: 'FATA[0000] invalid value "soon" for flag -timeout: parse error\n' });
  });

  it('refuses to remove a running container unless forced, which stops it first; says what failed, all together', async () => {
    const node = services();
    expect(await run('crictl rm c0ffee', node)).toEqual({ status: 1, stdout: '', stderr: 'FATA[0000] container "c0ffee" is running, please stop it first\n' });
    expect(await run('crictl rm -f c0ffee && crictl rm dead00 && crictl ps -a -q', node)).toMatchObject({ status: 0, stdout: `c0ffee\nc0ffee\ndead00\n${coredns.id}\n` });
    expect(await run('crictl rm 0000 beef', node)).toEqual({
      status: 1, stdout: '',
      stderr: 'FATA[0000] [getting container status "0000": rpc error: code = NotFound desc = an error occurred when try to find container "0000": not found, container "beef" is running, please stop it first]\n',
    });
    expect((await run('crictl rm ""', node)).stderr).toBe('FATA[0000] getting container status "": rpc error: code = Unknown desc = an error occurred when try to find container "": prefix can\'t be empty\n');
  });

  it('shows urfave/cli\'s help for rm and rmi given nothing to remove', async () => {
    expect(await run('crictl rmi', services())).toEqual({
      status: 0, stderr: '',
      stdout: 'NAME:\n   crictl rmi - Remove one or more images\n\nUSAGE:\n   crictl rmi command [command options] IMAGE-ID [IMAGE-ID...]\n\nOPTIONS:\n'
        + '   --all, -a    Remove all images (default: false)\n   --prune, -q  Remove all unused images (default: false)\n   --help, -h   show help\n\n',
    });
    expect((await run('crictl rm', services())).stdout).toContain('\n   --keep-logs, -k  Preserve the container log file and its rotations (default: false)\n');
  });

  it('removes an image by name or ID prefix, saying each name it had, and says which it could not find', async () => {
    const node = services([nginxImage, busyboxImage, digestOnly]);
    expect(await run('crictl rmi docker.io/library/nginx:1.27 ab12 && crictl images -q', node)).toEqual({
      status: 0, stderr: '',
      stdout: `Deleted: docker.io/library/nginx:1.27\nDeleted: docker.io/library/nginx:stable\nDeleted: docker.io/library/redis@sha256:ab12${'8'.repeat(60)}\nsha256:${busyboxImage.id}\n`,
    });
    expect(await run('crictl rmi nginx', node)).toEqual({ status: 1, stdout: '', stderr: 'FATA[0000] no such image nginx\n' });
    const twoLikeA = services([nginxImage, digestOnly]);
    expect((await run('crictl rmi a', twoLikeA)).stderr).toBe('FATA[0000] image status request for "a" failed: rpc error: code = Unknown desc = can not resolve "a" locally: ambiguous digest string\n');
  });

  it('prunes the images no container uses, leaving the pinned pause image', async () => {
    const node = services([nginxImage, busyboxImage, pauseImage, digestOnly]);
    expect(await run('crictl rmi --prune && crictl images -q', node)).toEqual({
      status: 0, stderr: '',
      stdout: `Deleted: docker.io/library/busybox:1.36\nDeleted: docker.io/library/redis@sha256:ab12${'8'.repeat(60)}\nsha256:${nginxImage.id}\nsha256:${pauseImage.id}\n`,
    });
    expect(await run('crictl rmi -a', services([]))).toEqual({ status: 0, stdout: '', stderr: 'INFO[0000] No images to remove\n' });
  });

  it('finds nothing on containerd\'s socket while containerd is down: a killed one left it behind', async () => {
    const node = services();
    const down = { ...node, unit: () => ({ ...containerd, active: 'activating' as const, sub: 'auto-restart' as const, lastRun: { started: minutesAgo(100), code: 'killed', status: '9/KILL' } }) };
    expect((await run('crictl ps', down)).stderr).toMatch(/dial unix \/run\/containerd\/containerd\.sock: connect: connection refused"\n$/);
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

/**
 * What an image holds, as a user finds it with the real kubectl on the shared lab: a volume
 * mounted on nginx's document root hides the image's page (403 for an empty one, as the StatefulSet
 * tutorial warns), the tutorial's nginx-slim has curl, nginx's Debian image has no ps, busybox's
 * `/` holds the image's directories and 1.28's nslookup prints 1.28's format, the documentation's
 * basic DaemonSet finds the node's /var/log and runs, and `kubectl debug node/…` gives its pod the
 * node's address.
 */
import { readFileSync } from 'node:fs';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const docsDaemonSet = readFileSync(new URL('../../kubelab/e2e/fixtures/docs-examples/controllers/daemonset.yaml', import.meta.url), 'utf8');

describe('what an image holds and what a mount hides (time scale 20, the real kubectl)', () => {
  let lab: TestLab;
  const apply = async (manifest: object | string) => {
    const result = await lab.kubectl(['apply', '-f', '-'], { stdin: typeof manifest === 'string' ? manifest : JSON.stringify(manifest) });
    expect(result.stderr).toBe('');
  };
  const json = async (...args: string[]) => JSON.parse((await lab.kubectl([...args, '-o', 'json'])).stdout || '{}');
  const running = (pod: string) => waitFor(async () => (await json('get', 'pod', pod)).status?.phase === 'Running', `${pod} Running`, 30_000, 100);

  beforeAll(async () => {
    lab = await sharedLab('image-contents');
  });
  afterAll(() => lab?.stop());

  it('answers 403 from nginx whose document root is an empty hostPath, and serves what is written there', async () => {
    const disk = `/var/local/${lab.namespace}-html`;
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-empty' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [{ name: 'nginx', image: 'nginx:1.27', volumeMounts: [{ name: 'html', mountPath: '/usr/share/nginx/html' }] }],
        volumes: [{ name: 'html', hostPath: { path: disk, type: 'DirectoryOrCreate' } }],
      },
    });
    await running('web-empty');
    expect((await lab.kubectl(['exec', 'web-empty', '--', 'ls', '/usr/share/nginx/html'])).stdout).toBe('');
    const page = await lab.kubectl(['exec', 'web-empty', '--', 'curl', '-s', 'http://localhost/']);
    expect(page.stdout).toContain('<title>403 Forbidden</title>');
    expect(page.stdout).not.toContain('Welcome to nginx!');
    const written = await lab.kubectl(['exec', 'web-empty', '--', 'sh', '-c', 'echo mine > /usr/share/nginx/html/index.html']);
    expect(written.code, written.stderr).toBe(0);
    expect((await lab.kubectl(['exec', 'web-empty', '--', 'curl', '-s', 'http://localhost/'])).stdout).toBe('mine\n');
  });

  it('runs the StatefulSet tutorial\'s curl in nginx-slim: 403 on the fresh claim, then the hostname it was given', async () => {
    await apply({
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' },
      spec: {
        serviceName: 'nginx', replicas: 1, selector: { matchLabels: { app: 'nginx' } },
        template: {
          metadata: { labels: { app: 'nginx' } },
          spec: {
            terminationGracePeriodSeconds: 1,
            containers: [{ name: 'nginx', image: 'registry.k8s.io/nginx-slim:0.21', ports: [{ containerPort: 80, name: 'web' }], volumeMounts: [{ name: 'www', mountPath: '/usr/share/nginx/html' }] }],
          },
        },
        volumeClaimTemplates: [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    await running('web-0');
    expect((await lab.kubectl(['exec', 'web-0', '--', 'curl', 'http://localhost/'])).stdout).toContain('403 Forbidden');
    await lab.kubectl(['exec', 'web-0', '--', 'sh', '-c', 'echo "$(hostname)" > /usr/share/nginx/html/index.html']);
    expect((await lab.kubectl(['exec', 'web-0', '--', 'curl', 'http://localhost/'])).stdout).toBe('web-0\n');
  });

  it('has no ps in nginx\'s Debian image: the exec fails as runc fails it, and its shell does not find it either', async () => {
    await apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-ps' }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'nginx', image: 'nginx:1.27' }] } });
    await running('web-ps');
    const ps = await lab.kubectl(['exec', 'web-ps', '--', 'ps']);
    expect(ps.code).not.toBe(0);
    expect(ps.stdout + ps.stderr).toContain('exec: "ps": executable file not found in $PATH');
    const inShell = await lab.kubectl(['exec', 'web-ps', '--', 'sh', '-c', 'ps']);
    expect(inShell).toMatchObject({ code: 127, stderr: expect.stringContaining('sh: ps: not found') });
    expect((await lab.kubectl(['exec', 'web-ps', '--', 'bash', '-c', 'echo $(pwd) && curl -s http://localhost/ | grep -c "<h1>"'])).stdout).toBe('/\n1\n');
  });

  it('lists the directories busybox\'s image has at /', async () => {
    await apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box-root' }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.28', command: ['ls', '/'] }] } });
    await waitFor(async () => (await json('get', 'pod', 'box-root')).status?.phase === 'Succeeded', 'box-root Succeeded', 30_000, 100);
    expect((await lab.kubectl(['logs', 'box-root'])).stdout.split(/\s+/).filter(Boolean)).toEqual(['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var']);
  });

  it('prints busybox 1.28\'s nslookup as the DNS debugging page shows it', async () => {
    await apply({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'busybox' }, spec: { terminationGracePeriodSeconds: 1, containers: [{ name: 'busybox', image: 'busybox:1.28', command: ['sleep', '3600'] }] } });
    await running('busybox');
    const lookup = await lab.kubectl(['exec', '-i', 'busybox', '--', 'nslookup', 'kubernetes.default']);
    expect(lookup.stdout).toBe('Server:    10.96.0.10\nAddress 1: 10.96.0.10\n\nName:      kubernetes.default\nAddress 1: 10.96.0.1\n');
  });

  it('runs the documentation\'s basic DaemonSet (fluentd on the node\'s /var/log) on every node', async () => {
    await apply(docsDaemonSet.replace('namespace: kube-system', `namespace: ${lab.namespace}`));
    await waitFor(async () => {
      const status = (await json('get', 'daemonset', 'fluentd-elasticsearch')).status ?? {};
      return status.desiredNumberScheduled > 0 && status.numberReady === status.desiredNumberScheduled;
    }, 'every fluentd-elasticsearch pod ready', 60_000, 200);
    const pods = (await json('get', 'pods', '-l', 'name=fluentd-elasticsearch')).items as { status: { phase: string } }[];
    expect(pods.map((p) => p.status.phase)).toEqual(pods.map(() => 'Running'));
  });

  it('finds the node files a log collector mounts by type: /etc/machine-id a File, the journal and Docker\'s containers Directories', async () => {
    const host = (name: string, path: string, type: string) => ({ name, hostPath: { path, type } });
    await apply({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'collector' },
      spec: {
        terminationGracePeriodSeconds: 1,
        containers: [{
          name: 'c', image: 'busybox:1.28', command: ['sleep', '3600'],
          volumeMounts: [
            { name: 'machine-id', mountPath: '/etc/machine-id', readOnly: true }, { name: 'journal', mountPath: '/var/log/journal', readOnly: true },
            { name: 'containers', mountPath: '/var/lib/docker/containers', readOnly: true }, { name: 'cgroup', mountPath: '/host/sys/fs/cgroup', readOnly: true },
          ],
        }],
        volumes: [
          host('machine-id', '/etc/machine-id', 'File'), host('journal', '/var/log/journal', 'Directory'),
          host('containers', '/var/lib/docker/containers', 'Directory'), host('cgroup', '/sys/fs/cgroup', 'Directory'),
        ],
      },
    });
    await running('collector');
    expect((await lab.kubectl(['exec', 'collector', '--', 'cat', '/etc/machine-id'])).stdout).toMatch(/^[0-9a-f]{32}\n$/);
  });

  it('gives kubectl debug node/NODE\'s pod the host\'s namespaces and the node\'s address, and chroot /host reaches the node\'s disk', async () => {
    const node = (await json('get', 'nodes')).items[0];
    const nodeName: string = node.metadata.name;
    const nodeIP: string = node.status.addresses.find((a: { type: string }) => a.type === 'InternalIP').address;
    const debug = await lab.kubectl(['debug', `node/${nodeName}`, '--image=busybox:1.28', '--', 'sleep', '3600']);
    expect(debug.code).toBe(0);
    const name = /pod (node-debugger-\S+)/.exec(debug.stdout)?.[1];
    expect(name).toBeDefined();
    await running(name!);
    const pod = await json('get', 'pod', name!);
    expect(pod.spec).toMatchObject({ nodeName, hostNetwork: true, hostPID: true, hostIPC: true });
    expect(pod.status).toMatchObject({ podIP: nodeIP, hostIP: nodeIP, podIPs: [{ ip: nodeIP }] });
    expect((await lab.kubectl(['exec', name!, '--', 'hostname'])).stdout).toBe(`${nodeName}\n`);
    const machineId = await lab.kubectl(['exec', name!, '--', 'chroot', '/host', 'cat', '/etc/machine-id', '/etc/hostname']);
    expect(machineId.stdout).toMatch(new RegExp(`^[0-9a-f]{32}\n${nodeName}\n$`));
  });
});

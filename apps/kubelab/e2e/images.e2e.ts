import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const timeScale = 10;
/** Seed 000's Deployment: the learner's own image, serving on 3000. */
const deployment = (image: string) => JSON.stringify({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'my-app' },
  spec: {
    replicas: 1, selector: { matchLabels: { app: 'my-app' } },
    template: {
      metadata: { labels: { app: 'my-app' } },
      spec: { containers: [{ name: 'my-app', image, ports: [{ containerPort: 3000 }], readinessProbe: { tcpSocket: { port: 3000 }, periodSeconds: 2 } }] },
    },
  },
});

describe('images as a registry has them (1 node, time scale 10)', () => {
  let lab: TestLab;

  const pods = async (): Promise<any[]> => {
    const response = await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/default/pods?labelSelector=app%3Dmy-app`);
    return ((await response.json()) as { items: any[] }).items.filter((p) => !p.metadata.deletionTimestamp);
  };
  const events = async (pod: string): Promise<string[]> => {
    const response = await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/default/events?fieldSelector=involvedObject.name%3D${pod}`);
    return ((await response.json()) as { items: any[] }).items.map((e) => `${e.reason}: ${e.message}`);
  };

  beforeAll(async () => {
    lab = await startLab({ nodes: 1, timeScale, components: ['nats', 'api-server', 'scheduler', 'controller-manager', 'kubelet-agent'] });
  });
  afterAll(() => lab?.stop());

  it("runs seed 000's walkthrough: my-app:1.0.0 added like nginx on 3000 is Running and Ready, 1.0.0-xyz ends ErrImagePull then ImagePullBackOff", async () => {
    const add = lab.kubelab(['image', 'add', 'my-app:1.0.0', '--like', 'nginx', '--port', '3000']);
    expect(add.stderr).toBe('');
    expect(add.stdout).toContain('kubelab: added docker.io/library/my-app:1.0.0 (like docker.io/library/nginx:latest, listening on 3000)');
    expect(add.stdout).toContain("the lab's nodes can pull it now");
    expect(readFileSync(join(lab.dataDir, 'images.yaml'), 'utf8')).toContain('docker.io/library/my-app');

    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: deployment('my-app:1.0.0') })).code).toBe(0);
    const running = await waitFor(async () => {
      const [pod] = await pods();
      const status = pod?.status?.containerStatuses?.[0];
      return status?.state?.running && status.ready && pod;
    }, 'my-app:1.0.0 Running and Ready on port 3000', 20_000);
    expect(running.status.containerStatuses[0].image).toBe('docker.io/library/my-app:1.0.0');
    expect((await lab.kubectl(['logs', running.metadata.name])).stdout).toContain('Configuration complete; ready for start up');

    expect((await lab.kubectl(['set', 'image', 'deployment/my-app', 'my-app=my-app:1.0.0-xyz'])).code).toBe(0);
    const seen = new Set<string>();
    const failing = await waitFor(async () => {
      const pod = (await pods()).find((p) => p.spec.containers[0].image === 'my-app:1.0.0-xyz');
      const reason = pod?.status?.containerStatuses?.[0]?.state?.waiting?.reason;
      if (reason) seen.add(reason);
      return seen.has('ErrImagePull') && reason === 'ImagePullBackOff' && pod;
    }, 'the 1.0.0-xyz pod to go ErrImagePull, then ImagePullBackOff', 30_000);
    expect(failing.status.containerStatuses[0].state.waiting.message).toBe('Back-off pulling image "my-app:1.0.0-xyz"');
    const recorded = await events(failing.metadata.name);
    expect(recorded).toContain(
      'Failed: Failed to pull image "my-app:1.0.0-xyz": rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/my-app:1.0.0-xyz": ' +
        'failed to resolve reference "docker.io/library/my-app:1.0.0-xyz": pull access denied, repository does not exist or may require authorization: ' +
        'server message: insufficient_scope: authorization failed',
    );
    expect(recorded).toContain('Failed: Error: ErrImagePull');
    // The old pod keeps serving while the rollout is stuck, as on a real cluster.
    expect((await pods()).some((p) => p.metadata.name === running.metadata.name && p.status.containerStatuses[0].ready)).toBe(true);
  });

  it("runs seed 000's Pod as written: my-pod Running 1/1, then configured with my-app:1.0.0-xyz, ErrImagePull, then ImagePullBackOff with 0 restarts", async () => {
    const myPod = (image: string) => `apiVersion: v1
kind: Pod
metadata:
  name: my-pod
spec:
  containers:
    - name: my-container
      image: ${image}
      ports:
        - containerPort: 3000
`;
    const status = async () => (await lab.kubectl(['get', 'pods', 'my-pod', '--no-headers'])).stdout.trim().split(/\s+/).slice(1, 4).join(' ');
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: myPod('my-app:1.0.0') })).stdout).toBe('pod/my-pod created\n');
    await waitFor(async () => (await status()) === '1/1 Running 0', 'my-pod 1/1 Running', 20_000);
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: myPod('my-app:1.0.0-xyz') })).stdout).toBe('pod/my-pod configured\n');
    const seen: string[] = [];
    await waitFor(async () => {
      const now = await status();
      if (seen.at(-1) !== now) seen.push(now);
      return now === '0/1 ImagePullBackOff 0';
    }, 'my-pod to reach ImagePullBackOff', 30_000);
    expect(seen).toContain('0/1 ErrImagePull 0');
    expect(seen.indexOf('0/1 ErrImagePull 0')).toBeLessThan(seen.indexOf('0/1 ImagePullBackOff 0'));
  });

  it('reaches an agent started later with nothing but NATS, and says what to fix', async () => {
    const late = lab.startProcess('kubelet-agent', ['--node-name', 'node-9', '--node-index', '9', '--catalog', 'deploy/images.yaml']);
    await waitFor(async () => (await lab.kubectl(['get', 'node', 'node-9'])).stdout.includes(' Ready'), 'node-9 Ready', 60_000);
    const pinned = JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'on-node-9' },
      spec: { nodeName: 'node-9', containers: [{ name: 'app', image: 'my-app:1.0.0' }] },
    });
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: pinned })).code).toBe(0);
    await waitFor(async () => {
      const pod = await (await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/default/pods/on-node-9`)).json();
      return (pod as any).status?.containerStatuses?.[0]?.state?.running;
    }, 'my-app:1.0.0 running on the late node-9', 60_000);
    late.kill('SIGTERM');
    expect((await lab.kubectl(['delete', 'pod', 'on-node-9', '--force', '--grace-period=0'])).code).toBe(0);
    expect((await lab.kubectl(['delete', 'node', 'node-9'])).code).toBe(0);

    const unknownLike = lab.kubelab(['image', 'add', 'my-app:2.0.0', '--like', 'nginx:9.9']);
    expect(unknownLike.status).toBe(2);
    expect(unknownLike.stderr).toBe("kubelab: --like nginx:9.9: the lab's catalog has no docker.io/library/nginx:9.9; kubelab image list shows what it has\n");
    const badReference = lab.kubelab(['image', 'add', 'My-App:1', '--like', 'nginx']);
    expect(badReference.status).toBe(2);
    expect(badReference.stderr).toContain('is no image reference: invalid reference format: repository name (library/My-App) must be lowercase');
    expect(lab.kubelab(['image', 'list']).stdout).toMatch(/my-app \(added\)\s+72\.1MB\s+3000\s+1\.0\.0/);
    expect(existsSync(join(lab.dataDir, 'images.yaml'))).toBe(true);
  });

  it('acts out images as a cluster runs them: hello-world prints and completes, a program the image lacks is a StartError, a command runs in the shell of any image', async () => {
    const pod = (name: string, container: Record<string, unknown>) => JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { nodeName: 'node-1', restartPolicy: 'Never', containers: [{ name: 'c', ...container }] },
    });
    const read = async (name: string) => (await (await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/default/pods/${name}`)).json()) as any;
    for (const [name, container] of [
      ['hello', { image: 'hello-world' }],
      ['no-bash', { image: 'alpine:3.19', command: ['bash', '-c', 'echo hi'] }],
      ['nginx-shell', { image: 'nginx:1.25', command: ['sh', '-c', 'echo from the shell; exit 3'] }],
    ] as const) {
      expect((await lab.kubectl(['apply', '-f', '-'], { stdin: pod(name, container) })).code).toBe(0);
    }
    const terminated = async (name: string) => waitFor(async () => (await read(name)).status?.containerStatuses?.[0]?.state?.terminated, `${name} to end`, 20_000);

    expect(await terminated('hello')).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect((await lab.kubectl(['logs', 'hello'])).stdout).toContain('Hello from Docker!\nThis message shows that your installation appears to be working correctly.');
    expect(await terminated('no-bash')).toMatchObject({
      exitCode: 128,
      reason: 'StartError',
      startedAt: '1970-01-01T00:00:00Z',
      message: 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown',
    });
    expect(await terminated('nginx-shell')).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect((await lab.kubectl(['logs', 'nginx-shell'])).stdout).toBe('from the shell\n');
  });

  it('keeps added images across a restart; the data dir\'s images.yaml is what the restarted lab offers', async () => {
    const file = join(lab.dataDir, 'images.yaml');
    // An image written into the file by hand while the lab is down is offered once it is up.
    expect(lab.kubelab(['down']).status).toBe(0);
    writeFileSync(file, `${readFileSync(file, 'utf8')}  - name: other-app\n    tags: [{tag: "2.0", like: redis}]\n`);
    const up = lab.kubelab([
      'up', '--detach', '--api-port', new URL(lab.apiUrl).port, '--dashboard-port', '0', '--nodes', '1', '--time-scale', String(timeScale),
      '--components', 'nats,api-server,scheduler,controller-manager,kubelet-agent',
    ]);
    expect(up.stderr).toBe('');
    expect(up.status).toBe(0);
    for (const [name, image] of [['my-app-again', 'my-app:1.0.0'], ['other-app', 'other-app:2.0']]) {
      const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'app', image }] } });
      expect((await lab.kubectl(['apply', '-f', '-'], { stdin: manifest })).code).toBe(0);
    }
    for (const name of ['my-app-again', 'other-app']) {
      await waitFor(async () => {
        const pod = (await (await lab.fetch(`${lab.apiUrl}/api/v1/namespaces/default/pods/${name}`)).json()) as any;
        return pod.status?.containerStatuses?.[0]?.state?.running;
      }, `${name} running after the restart`, 30_000);
    }
    expect((await lab.kubectl(['logs', 'other-app'])).stdout).toContain('Ready to accept connections tcp');
  });
});

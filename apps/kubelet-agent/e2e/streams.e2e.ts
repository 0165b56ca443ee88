import { busConnectionOptions, openContainerStream, type StreamOpen } from '@kubelab/bus';
import { join } from 'node:path';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** The agent's side of exec and port-forward, driven over NATS as the api-server drives it. */
describe('kubelet-agent streams over NATS (time scale 20)', () => {
  let lab: TestLab;
  let nc: NatsConnection;
  const pods = new Map<string, { uid: string; node: string }>();

  const open = (pod: string, request: Partial<StreamOpen>) => {
    const { uid, node } = pods.get(pod)!;
    return openContainerStream(nc, node, {
      kind: 'exec', namespace: lab.namespace, pod, podUid: uid, stdin: false, stdout: true, stderr: true, tty: false, user: 'tester', ...request,
    });
  };

  /** Runs a session to its end: what came out on each channel, and the Status. */
  const run = async (pod: string, request: Partial<StreamOpen>, input?: string) => {
    const opened = await open(pod, request);
    if (!opened.ok) return { refused: opened.status };
    const out = { 1: [] as Buffer[], 2: [] as Buffer[] };
    opened.stream.onData((channel, data) => void out[channel].push(Buffer.from(data)));
    if (input !== undefined) {
      await opened.stream.write(Buffer.from(input));
      opened.stream.end();
    }
    const end = await opened.stream.done;
    return { stdout: Buffer.concat(out[1]).toString(), stderr: Buffer.concat(out[2]).toString(), status: end.status };
  };

  beforeAll(async () => {
    lab = await sharedLab('streams');
    nc = await connect({ servers: lab.state().natsUrl, ...busConnectionOptions({ kind: 'admin' }, join(lab.dataDir, 'nats/users/admin.nk')) });
    const manifest = {
      apiVersion: 'v1', kind: 'List', items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } },
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'box' }, spec: { containers: [{ name: 'box', image: 'busybox:1.36', command: ['sleep', '3600'] }] } },
      ],
    };
    const applied = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(manifest) });
    expect(applied.stderr).toBe('');
    await lab.kubectl(['wait', '--for=condition=Ready', 'pod/web', 'pod/box', '--timeout=60s']);
    for (const name of ['web', 'box']) {
      const pod = JSON.parse((await lab.kubectl(['get', 'pod', name, '-o', 'json'])).stdout);
      pods.set(name, { uid: pod.metadata.uid, node: pod.spec.nodeName });
    }
  });
  afterAll(async () => {
    await nc?.close();
    lab?.stop();
  });

  it('runs a command and carries its output and exit code back', async () => {
    const result = await run('box', { container: 'box', command: ['sh', '-c', 'echo out; echo err >&2; exit 3'] });
    expect(result).toMatchObject({ stdout: 'out\n', stderr: 'err\n', status: { reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } } });
    expect(await run('box', { container: 'box', command: ['hostname'] })).toMatchObject({ stdout: 'box\n', status: { status: 'Success' } });
  });

  it('feeds stdin, shows the process table, and answers a program the image lacks as runc does', async () => {
    expect(await run('box', { container: 'box', command: ['cat'], stdin: true }, 'piped\n')).toMatchObject({ stdout: 'piped\n', status: { status: 'Success' } });
    const ps = await run('box', { container: 'box', command: ['ps'] });
    expect(ps.stdout).toMatch(/^PID\s+USER\s+TIME\s+COMMAND\n\s+1 root\s+\S+ sleep 3600\n/);
    const bash = await run('box', { container: 'box', command: ['bash'] });
    expect(bash.stdout).toBe('OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n');
    expect(bash.status).toMatchObject({ details: { causes: [{ message: '126' }] } });
  });

  it('refuses a container that does not run, with the kubelet\'s words', async () => {
    expect(await run('box', { container: 'nope', command: ['sh'] })).toEqual({ refused: expect.objectContaining({ message: 'container not found ("nope")' }) });
  });

  it('forwards a TCP connection to nginx and answers HTTP over it', async () => {
    const result = await run('web', { kind: 'portforward', port: 80, stdout: true }, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
    expect(result.stdout).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\r\n/);
    expect(result.stdout).toContain('Welcome to nginx!');
  });

  it('refuses a port nothing listens on as containerd does', async () => {
    const result = await run('web', { kind: 'portforward', port: 81 });
    expect(result.refused?.message).toMatch(/^failed to execute portforward in network namespace .*failed to connect to localhost:81 inside namespace .*connect: connection refused/);
  });

  it('ends exec sessions when the client cancels', async () => {
    const opened = await open('box', { container: 'box', command: ['sleep', '1000'] });
    if (!opened.ok) throw new Error('refused');
    opened.stream.cancel();
    expect((await opened.stream.done).status).toMatchObject({ status: 'Success' });
    await waitFor(async () => (await run('box', { container: 'box', command: ['true'] })).status?.status === 'Success', 'the container still answers');
  });
});

import { spawn } from 'node:child_process';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { get } from 'node:http';
import { PassThrough } from 'node:stream';
import * as k8s from '@kubernetes/client-node';
import { kubectlFor, waitFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { bigBody, bigPort, binaryPattern, FakeContainers, httpAnswer, pattern, refusedMessage } from './fake-containers.js';
import { startTestApiServer } from './test-server.js';

const spdyExec = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };
const spdyForward = { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' };

function pod(name: string, options: { containers?: string[]; nodeName?: string | null } = {}) {
  const containers = (options.containers ?? ['main']).map((c) => ({ name: c, image: 'busybox' }));
  const nodeName = options.nodeName === null ? {} : { nodeName: options.nodeName ?? 'node-1' };
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: name } }, spec: { ...nodeName, containers } });
}

function httpGet(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path: '/' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve(`${res.statusCode} ${Buffer.concat(chunks).toString('latin1')}`));
    }).on('error', reject);
  });
}

/** Starts `kubectl port-forward TARGET 0:PORT` and waits for the local port it chose. */
async function portForward(kubectl: Kubectl, target: string, remote: number, env: Record<string, string> = {}) {
  const child = kubectl.spawn(['port-forward', target, `0:${remote}`], { env });
  const local = await waitFor(() => /Forwarding from 127\.0\.0\.1:(\d+)/.exec(child.output())?.[1], 'port-forward to listen');
  return { port: Number(local), ...child };
}

/** kubectl under `script`, so it has a terminal (100x30); `answer` is typed once `prompt` shows. */
function inTerminal(kubectl: Kubectl, args: string, env: Record<string, string>, prompt: RegExp, answer: string) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const command = `stty cols 100 rows 30; exec kubectl --kubeconfig ${kubectl.kubeconfig} ${args}`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...process.env, ...env } });
    let output = '';
    let typed = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.stdout.on('data', (d) => {
      output += d;
      if (!typed && prompt.test(output)) {
        typed = true;
        child.stdin.write(answer);
      }
    });
    child.on('close', (code) => (clearTimeout(timer), resolve({ code, output })));
  });
}

/** A raw WebSocket client of the channel protocols: what it received per channel, and how it closed. */
function channelClient(url: string, protocols: string[]) {
  const ws = new WebSocket(url, protocols);
  const channels: Record<number, string> = {};
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  const opened = new Promise<void>((resolve, reject) => {
    ws.on('open', resolve);
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d));
      res.on('end', () => reject(new Error(`${res.statusCode} ${body}`)));
    });
    ws.on('error', reject);
  });
  ws.on('message', (data: Buffer) => (channels[data[0]] = (channels[data[0]] ?? '') + data.subarray(1).toString('latin1')));
  return { ws, channels, closed, opened };
}

describe('pods/exec, attach and portforward through the real kubectl', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;
  let kc: k8s.KubeConfig;
  let wsUrl: string;
  const fake = new FakeContainers();

  beforeAll(async () => {
    server = await startTestApiServer([], undefined, { openContainerStream: fake.openStream });
    kubectl = kubectlFor(server.url);
    wsUrl = server.url.replace(/^http/, 'ws');
    kc = new k8s.KubeConfig();
    kc.loadFromOptions({
      clusters: [{ name: 'lab', server: server.url, skipTLSVerify: true }],
      users: [{ name: 'lab' }],
      contexts: [{ name: 'lab', cluster: 'lab', user: 'lab' }],
      currentContext: 'lab',
    });
    const pods = [pod('p'), pod('two', { containers: ['app', 'sidecar'] }), pod('pending', { nodeName: null }), pod('done'), pod('stuck', { containers: ['stopped'] })];
    for (const p of pods) expect((await kubectl(['create', '-f', '-'], { stdin: p })).code).toBe(0);
    for (const [name, phase] of [['p', 'Running'], ['two', 'Running'], ['stuck', 'Running'], ['done', 'Succeeded']]) {
      const status = { phase, ...(name === 'p' ? { podIP: '10.244.0.9' } : {}) };
      await kubectl(['patch', 'pod', name, '--subresource=status', '--type=merge', '-p', JSON.stringify({ status })]);
    }
  });
  afterAll(() => server?.close());

  it('lists the streaming subresources in discovery with the verbs kube-apiserver gives them', async () => {
    const r = await kubectl(['get', '--raw', '/api/v1']);
    const resources = (JSON.parse(r.stdout) as { resources: { name: string; verbs: string[]; kind: string }[] }).resources;
    const streaming = resources.filter((x) => ['pods/exec', 'pods/attach', 'pods/portforward', 'pods/proxy'].includes(x.name));
    expect(streaming.map((x) => `${x.name} ${x.kind} ${x.verbs.join(',')}`)).toEqual([
      'pods/attach PodAttachOptions create,get', 'pods/exec PodExecOptions create,get', 'pods/portforward PodPortForwardOptions create,get',
      'pods/proxy PodProxyOptions create,delete,get,patch,update',
    ]);
  });

  for (const [transport, env] of [['WebSocket v5', {}], ['SPDY', spdyExec]] as const) {
    it(`exec carries stdout, stderr and the exit code (${transport})`, async () => {
      const r = await kubectl(['exec', 'p', '--', 'sh', '-c', 'exit 3'], { env });
      expect(r.stdout).toBe('to stdout\n');
      expect(r.stderr).toBe('to stderr\ncommand terminated with exit code 3\n');
      expect(r.code).toBe(3);
      expect(fake.targets.at(-1)).toEqual({
        kind: 'exec', namespace: 'default', pod: 'p', podUid: expect.any(String), node: 'node-1', container: 'main',
        command: ['sh', '-c', 'exit 3'], stdin: false, stdout: true, stderr: true, tty: false, user: 'system:unsecured', client: 'kubectl exec',
      });
    });

    it(`exec pipes stdin through to its end (${transport})`, async () => {
      const r = await kubectl(['exec', '-i', 'p', '--', 'cat'], { stdin: 'hi\nthere\n', env });
      expect(r).toEqual({ code: 0, stdout: 'hi\nthere\n', stderr: '' });
    });

    it(`exec carries megabytes out and in, byte for byte (${transport})`, async () => {
      const size = 3 * 1024 * 1024;
      const out = await kubectl(['exec', 'p', '--', 'head', '-c', String(size)], { env, timeoutMs: 60_000 });
      expect(out.code).toBe(0);
      expect(out.stdout.length).toBe(size);
      expect(out.stdout === pattern(0, size).toString()).toBe(true);
      const input = pattern(5, 2 * 1024 * 1024).toString();
      const echoed = await kubectl(['exec', '-i', 'p', '--', 'cat'], { stdin: input, env, timeoutMs: 60_000 });
      expect(echoed.code).toBe(0);
      expect(echoed.stdout.length).toBe(input.length);
      expect(echoed.stdout === input).toBe(true);
    });

    it(`exec -t gets a terminal and its size (${transport})`, async () => {
      const r = await inTerminal(kubectl, 'exec -it p -- sh', env, /\[size 100x30\]/, 'exit\r');
      expect(r.output).toContain('/ # ');
      expect(r.output).toContain('exit');
      expect(r.code).toBe(0);
      expect(fake.targets.at(-1)).toMatchObject({ kind: 'exec', tty: true, stdin: true, stdout: true, stderr: false });
    });
  }

  it('exec into a pod of several containers goes to the one kubectl defaults to', async () => {
    const r = await kubectl(['exec', 'two', '--', 'sh', '-c', 'exit 0']);
    expect(r).toMatchObject({ code: 0, stdout: 'to stdout\n', stderr: 'Defaulted container "app" out of: app, sidecar\nto stderr\n' });
    expect(fake.targets.at(-1)).toMatchObject({ pod: 'two', container: 'app' });
  });

  it('attach streams the main process', async () => {
    const r = await kubectl(['attach', 'p']);
    expect(r.stdout).toBe('log line from main\n');
    expect(fake.targets.at(-1)).toMatchObject({ kind: 'attach', container: 'main', stdin: false });
    expect(fake.targets.at(-1)?.command).toBeUndefined();
  });

  it('refuses before the upgrade with a Status kubectl prints', async () => {
    for (const env of [{}, spdyExec]) {
      expect(await kubectl(['exec', 'nope', '--', 'true'], { env })).toMatchObject({ code: 1, stderr: 'Error from server (NotFound): pods "nope" not found\n' });
      expect(await kubectl(['exec', 'p', '-c', 'wrong', '--', 'true'], { env })).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): container wrong is not valid for pod p\n' });
      expect(await kubectl(['exec', 'pending', '--', 'true'], { env })).toMatchObject({ code: 1, stderr: 'Error from server (BadRequest): pod pending does not have a host assigned\n' });
    }
    // The kubelet's refusal: after the upgrade over WebSocket, as the upgrade's answer over SPDY.
    expect(await kubectl(['exec', 'stuck', '--', 'true'])).toMatchObject({ code: 1, stderr: 'error: Internal error occurred: unable to upgrade connection: container not found ("stopped")\n' });
    expect(await kubectl(['exec', 'stuck', '--', 'true'], { env: spdyExec })).toMatchObject({ code: 1, stderr: 'error: unable to upgrade connection: container not found ("stopped")\n' });
    // kubectl checks a finished pod itself; other clients hear it from the server.
    expect((await kubectl(['exec', 'done', '--', 'true'])).stderr).toBe('error: cannot exec into a container in a completed pod; current phase is Succeeded\n');
    const raw = channelClient(`${wsUrl}/api/v1/namespaces/default/pods/done/exec?command=true&stdout=true`, ['v4.channel.k8s.io']);
    await expect(raw.opened).rejects.toThrow('400 {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"cannot exec into a container in a completed pod; current phase is Succeeded","reason":"BadRequest","code":400}');
    const several = channelClient(`${wsUrl}/api/v1/namespaces/default/pods/two/exec?command=true&stdout=true`, ['v4.channel.k8s.io']);
    await expect(several.opened).rejects.toThrow('a container name must be specified for pod two, choose one of: [app sidecar]');
    const plain = await fetch(`${server.url}/api/v1/namespaces/default/pods/p/exec?command=ls&stdout=1`, { method: 'POST' });
    expect(plain.status).toBe(400);
    expect(await plain.json()).toMatchObject({ reason: 'BadRequest', message: 'Upgrade request required' });
  });

  for (const [transport, env] of [['WebSocket tunnel', {}], ['SPDY', spdyForward]] as const) {
    it(`port-forward carries an HTTP exchange, and reports a closed port as the kubelet does (${transport})`, async () => {
      const forward = await portForward(kubectl, 'pod/p', 80, env);
      try {
        expect(await httpGet(forward.port)).toBe('200 hello there\n');
        expect(await httpGet(forward.port)).toBe('200 hello there\n');
        expect(fake.targets.at(-1)).toMatchObject({ kind: 'portforward', pod: 'p', port: 80, node: 'node-1' });
      } finally {
        forward.stop();
      }
      const big = await portForward(kubectl, 'pod/p', bigPort, env);
      try {
        const answer = await httpGet(big.port);
        expect(answer.length).toBe(4 + bigBody);
        expect(answer === `200 ${binaryPattern(0, bigBody).toString('latin1')}`).toBe(true);
      } finally {
        big.stop();
      }
      const closed = await portForward(kubectl, 'pod/p', 81, env);
      try {
        await expect(httpGet(closed.port)).rejects.toThrow();
        const message = `an error occurred forwarding ${closed.port} -> 81: error forwarding port 81 to pod `;
        const text = await waitFor(() => closed.output().includes(message) && closed.output(), 'the forwarding error');
        // kubectl's log quotes the message, so the namespace's quotes come out escaped.
        expect(text).toContain(refusedMessage(81).trim().replaceAll('"', '\\"'));
      } finally {
        closed.stop();
      }
    });
  }

  it('port-forward to a Service reaches a pod behind it', async () => {
    const service = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'p' }, ports: [{ port: 8000, targetPort: 80 }] } };
    expect((await kubectl(['create', '-f', '-'], { stdin: JSON.stringify(service) })).code).toBe(0);
    const forward = await portForward(kubectl, 'svc/web', 8000);
    try {
      expect(await httpGet(forward.port)).toBe('200 hello there\n');
      expect(fake.targets.at(-1)).toMatchObject({ kind: 'portforward', pod: 'p', port: 80 });
    } finally {
      forward.stop();
    }
  });

  it('pods/proxy carries an HTTP request to a port of the pod and its answer back', async () => {
    expect(await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/p:80/proxy/'])).toEqual({ code: 0, stdout: 'hello there\n', stderr: '' });
    expect(fake.targets.at(-1)).toMatchObject({ kind: 'portforward', pod: 'p', port: 80 });
    const refused = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/http:p:81/proxy/']);
    expect(refused.stderr).toBe(`Error from server (ServiceUnavailable): error trying to reach service: ${refusedMessage(81)}\n`);
    expect((await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/two/proxy/'])).stderr).toBe('Error from server (BadRequest): address not allowed\n');
    const raw = await fetch(`${server.url}/api/v1/namespaces/default/pods/p/proxy/index.html?x=1`, { method: 'POST', body: 'form' });
    expect([raw.status, raw.headers.get('content-type'), await raw.text()]).toEqual([200, 'text/plain', 'hello there\n']);
    const sent = fake.requests.at(-1) ?? '';
    expect(sent.split('\r\n')[0]).toBe('POST /index.html?x=1 HTTP/1.1');
    expect(sent).toContain('\r\nHost: 10.244.0.9:80\r\n');
    expect(sent).toMatch(/\r\nContent-Length: 4\r\nConnection: close\r\n\r\nform$/);
  });

  it('@kubernetes/client-node Exec (v5) and a v4.channel.k8s.io client get output and the exit Status', async () => {
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (d) => (out += d));
    const status = await new Promise<k8s.V1Status>((resolve) => {
      void new k8s.Exec(kc).exec('default', 'p', 'main', ['sh', '-c', 'exit 3'], stdout, null, null, false, resolve);
    });
    expect(status).toMatchObject({ status: 'Failure', reason: 'NonZeroExitCode', details: { causes: [{ reason: 'ExitCode', message: '3' }] } });
    expect(out).toBe('to stdout\n');

    const v4 = channelClient(`${wsUrl}/api/v1/namespaces/default/pods/p/exec?command=cat&stdin=true&stdout=true&stderr=true`, ['v4.channel.k8s.io']);
    await v4.opened;
    expect(v4.ws.protocol).toBe('v4.channel.k8s.io');
    v4.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('over v4\n')]));
    await waitFor(() => v4.channels[1] === 'over v4\n', 'the echo');
    v4.ws.close();
    expect(await v4.closed).toBe(1005);
    await waitFor(() => server.streams.streams === 0, 'the cat to be cancelled');
  });

  it('speaks base64.channel.k8s.io: text messages led by the channel digit, no Status on success', async () => {
    const ws = new WebSocket(`${wsUrl}/api/v1/namespaces/default/pods/p/exec?command=sh&command=-c&command=exit%200&stdout=true&stderr=true`, ['base64.channel.k8s.io']);
    const messages: string[] = [];
    ws.on('message', (data: Buffer, isBinary: boolean) => messages.push(`${isBinary ? 'binary' : 'text'} ${data.toString()}`));
    const code = await new Promise<number>((resolve) => ws.on('close', resolve));
    expect(ws.protocol).toBe('base64.channel.k8s.io');
    expect(messages).toEqual([`text 1${Buffer.from('to stdout\n').toString('base64')}`, `text 2${Buffer.from('to stderr\n').toString('base64')}`]);
    expect(code).toBe(1000);
  });

  it('without a backend, refuses every stream as a cluster whose kubelets are out of reach', async () => {
    const bare = await startTestApiServer();
    try {
      const k = kubectlFor(bare.url);
      await k(['create', '-f', '-'], { stdin: pod('p') });
      const why = 'no kubelet-agent is reachable for node "node-1"';
      expect(await k(['exec', 'p', '--', 'true'])).toMatchObject({ code: 1, stderr: `error: Internal error occurred: unable to upgrade connection: ${why}\n` });
      expect(await k(['exec', 'p', '--', 'true'], { env: spdyExec })).toMatchObject({ code: 1, stderr: `error: unable to upgrade connection: ${why}\n` });
    } finally {
      await bare.close();
    }
  });

  it('@kubernetes/client-node PortForward carries an HTTP exchange', async () => {
    const forward = new k8s.PortForward(kc);
    const local: Server = createServer((socket) => void forward.portForward('default', 'p', [80], socket, null, socket));
    await new Promise<void>((resolve) => local.listen(0, '127.0.0.1', resolve));
    try {
      expect(await httpGet((local.address() as AddressInfo).port)).toBe('200 hello there\n');
    } finally {
      local.close();
    }
    const raw = channelClient(`${wsUrl}/api/v1/namespaces/default/pods/p/portforward?ports=80`, ['v4.channel.k8s.io']);
    await raw.opened;
    raw.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET / HTTP/1.1\r\n\r\n')]));
    expect(await raw.closed).toBe(1000);
    expect(raw.channels[0]).toBe(`\x50\x00${httpAnswer}`);
    expect(raw.channels[1]).toBe('\x50\x00');
  });

  it('a thousand clients that vanish mid-stream leave no connection or container stream behind', async () => {
    const cancelledBefore = fake.cancelled;
    // Mid-stream: an exec whose echo came back, or a forwarded connection with half a request sent.
    for (let batch = 0; batch < 20; batch++) {
      await Promise.all(Array.from({ length: 50 }, async (_, i) => {
        const exec = i % 2 === 0;
        const path = exec ? 'exec?command=cat&stdin=true&stdout=true' : 'portforward?ports=80';
        const client = channelClient(`${wsUrl}/api/v1/namespaces/default/pods/p/${path}`, [exec && i % 4 === 0 ? 'v5.channel.k8s.io' : 'v4.channel.k8s.io']);
        await client.opened;
        client.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(exec ? 'ping\n' : 'GET / HTTP/1.1\r\n')]));
        if (exec) await waitFor(() => client.channels[1] === 'ping\n', 'the echo');
        else await waitFor(() => client.channels[1] === '\x50\x00', 'the port on the error channel');
        client.ws.terminate();
        await client.closed;
      }));
    }
    const spdySession = kubectl.spawn(['exec', 'p', '--', 'sleep', '1000'], { env: spdyExec });
    await waitFor(() => server.streams.connections > 0 && fake.open > 0, 'the SPDY session to start');
    spdySession.stop();
    for (const env of [{}, spdyForward]) {
      const forward = await portForward(kubectl, 'pod/p', 80, env);
      const local = connect(forward.port, '127.0.0.1');
      local.write('GET / HTTP/1.1\r\n');
      await waitFor(() => server.streams.streams > 0, 'the forwarded connection to open');
      forward.stop();
      local.destroy();
    }
    // A client that breaks the WebSocket framing is dropped like any other.
    const broken = channelClient(`${wsUrl}/api/v1/namespaces/default/pods/p/exec?command=cat&stdin=true&stdout=true`, ['v4.channel.k8s.io']);
    await broken.opened;
    (broken.ws as unknown as { _socket: Socket })._socket.write(Buffer.from([0xff, 0xff, 0xff, 0xff]));
    await broken.closed;
    await waitFor(() => server.streams.connections === 0 && server.streams.streams === 0 && fake.open === 0, 'every session to be gone');
    expect(fake.cancelled - cancelledBefore).toBe(1004);
  });
});

/**
 * Apps that answer as the Kubernetes, Gateway API and Ingress guides show them, asked with curl from a pod through
 * their Services and through kubectl port-forward: hashicorp/http-echo (-text, -listen; 0.2.3 refusing to start
 * without -text), traefik/whoami (its request dump), nginxdemos/hello (plain-text and the HTML page), Google's
 * hello-app and agnhost netexec (/hostname, /echo?msg=, /clientip).
 */
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** A Deployment of one replica labelled app=NAME and its Service at `port` (the target port the same). */
const app = (name: string, image: string, port: number, args: string[] = []) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: ${image}
          args: ${JSON.stringify(args)}
          ports: [{containerPort: ${port}}]
---
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  selector: {app: ${name}}
  ports: [{port: ${port}}]
---`;

const manifest = [
  app('apple', 'hashicorp/http-echo:1.0', 5678, ['-text=apple']),
  app('banana', 'hashicorp/http-echo:0.2.3', 8080, ['-listen=:8080', '-text', 'hello world']),
  app('whoami', 'traefik/whoami:v1.10.3', 80),
  app('hello-text', 'nginxdemos/hello:plain-text', 80),
  app('hello-page', 'nginxdemos/hello:latest', 80),
  app('hello-app', 'gcr.io/google-samples/hello-app:1.0', 8080),
  app('netexec', 'registry.k8s.io/e2e-test-images/agnhost:2.39', 8080, ['netexec', '--http-port=8080']),
  `
apiVersion: v1
kind: Pod
metadata: {name: curl}
spec:
  containers: [{name: curl, image: "curlimages/curl:8.11.1", command: [sleep, "3600"]}]
---
apiVersion: v1
kind: Pod
metadata: {name: no-text}
spec:
  restartPolicy: Never
  containers: [{name: echo, image: "hashicorp/http-echo:0.2.3"}]
`,
].join('\n');

interface PodFacts {
  name: string;
  ip: string;
}

/** The fe80:: address of a pod's eth0 as the lab derives it: the EUI-64 of Docker's MAC for the address (02:42 and its bytes). */
function linkLocal(ip: string): string {
  const [a, b, c, d] = ip.split('.').map(Number);
  const group = (high: number, low: number) => ((high << 8) | low).toString(16);
  return `fe80::42:${group(a, 0xff)}:${group(0xfe, b)}:${group(c, d)}`;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('apps that answer as the guides show them (shared lab)', () => {
  let lab: TestLab;
  const pods = new Map<string, PodFacts>();
  let client: PodFacts;

  /** What curl in the curl pod prints for `url`. */
  const curl = async (url: string) => {
    const r = await lab.kubectl(['exec', 'curl', '--', 'curl', '-s', url]);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const podOf = (app: string) => pods.get(app)!;

  beforeAll(async () => {
    lab = await sharedLab('answering-apps');
    const applied = await lab.kubectl(['apply', '-f', '-'], { stdin: manifest });
    expect(applied.code, applied.stderr).toBe(0);
    const apps = ['apple', 'banana', 'whoami', 'hello-text', 'hello-page', 'hello-app', 'netexec'];
    await waitFor(async () => {
      const items = JSON.parse((await lab.kubectl(['get', 'pods', '-o', 'json'])).stdout || '{"items":[]}').items as {
        metadata: { name: string; labels?: Record<string, string> };
        status: { podIP?: string; conditions?: { type: string; status: string }[] };
      }[];
      pods.clear();
      for (const pod of items) {
        const ready = pod.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
        const key = pod.metadata.labels?.app ?? pod.metadata.name;
        if (ready && pod.status.podIP) pods.set(key, { name: pod.metadata.name, ip: pod.status.podIP });
      }
      return [...apps, 'curl'].every((name) => pods.has(name));
    }, 'every app and the curl pod ready', 90_000, 250);
    client = podOf('curl');
    // A Service answers once its endpoint is known to the node the curl pod runs on.
    for (const [name, port] of [['apple', 5678], ['banana', 8080], ['whoami', 80], ['hello-text', 80], ['hello-page', 80], ['hello-app', 8080], ['netexec', 8080]] as const) {
      await waitFor(async () => (await lab.kubectl(['exec', 'curl', '--', 'curl', '-s', '-o', '/dev/null', '-w', '%{http_code}', `http://${name}:${port}/`])).stdout === '200', `${name} answering through its Service`, 30_000, 250);
    }
  });
  afterAll(() => lab?.stop());

  it('hashicorp/http-echo answers its -text and a newline on every path, on 5678 or where -listen says', async () => {
    expect(await curl('http://apple:5678/apple')).toBe('apple\n');
    expect(await curl('http://apple:5678/')).toBe('apple\n');
    expect(await curl('http://apple:5678/health')).toBe('{"status":"ok"}\n');
    expect(await curl('http://banana:8080/banana?ripe=1')).toBe('hello world\n');
    expect((await lab.kubectl(['logs', 'deploy/apple'])).stdout).toBe('2025/01/01 00:00:00 [INFO] server is listening on :5678\n');
    expect((await lab.kubectl(['logs', 'deploy/banana'])).stdout).toBe('2025/01/01 00:00:00 Server is listening on :8080\n');
  });

  it('hashicorp/http-echo 0.2.3 without -text says so and exits 127', async () => {
    const terminated = await waitFor(async () => {
      const pod = JSON.parse((await lab.kubectl(['get', 'pod', 'no-text', '-o', 'json'])).stdout || '{}');
      return pod.status?.phase === 'Failed' && pod.status.containerStatuses?.[0]?.state?.terminated;
    }, 'the no-text pod failed', 60_000, 250);
    expect(terminated).toMatchObject({ exitCode: 127, reason: 'Error' });
    expect((await lab.kubectl(['logs', 'no-text'])).stdout).toBe('Missing -text option!\n');
  });

  it('traefik/whoami answers its name, its addresses, the client and the request, as Go writes it', async () => {
    const whoami = podOf('whoami');
    const body = await curl('http://whoami/some/path?x=1');
    expect(body).toMatch(new RegExp(`^${escape(
      `Hostname: ${whoami.name}\nIP: 127.0.0.1\nIP: ::1\nIP: ${whoami.ip}\nIP: ${linkLocal(whoami.ip)}\nRemoteAddr: ${client.ip}:`,
    )}\\d+${escape('\nGET /some/path?x=1 HTTP/1.1\r\nHost: whoami\r\nUser-Agent: curl/8.11.1\r\nAccept: */*\r\n\r\n')}$`));
    const api = JSON.parse(await curl('http://whoami/api'));
    expect(api).toMatchObject({ hostname: whoami.name, ip: ['127.0.0.1', '::1', whoami.ip, linkLocal(whoami.ip)], url: '/api', host: 'whoami', method: 'GET' });
    expect((await lab.kubectl(['logs', 'deploy/whoami'])).stdout).toBe('2025/01/01 00:00:00 Starting up on port 80\n');
  });

  it('traefik/whoami through kubectl port-forward sees the client at 127.0.0.1 and the Host the browser asked for', async () => {
    const forward = lab.kubectl.spawn(['port-forward', 'deploy/whoami', ':80']);
    try {
      await waitFor(() => /Forwarding from 127\.0\.0\.1:(\d+)/.test(forward.output()), 'kubectl port-forward deploy/whoami');
      const local = /Forwarding from 127\.0\.0\.1:(\d+)/.exec(forward.output())![1];
      const body = await (await fetch(`http://127.0.0.1:${local}/from-host`)).text();
      expect(body).toMatch(new RegExp(`\nRemoteAddr: 127\\.0\\.0\\.1:\\d+\nGET /from-host HTTP/1\\.1\r\nHost: 127\\.0\\.0\\.1:${local}\r\n`));
    } finally {
      forward.stop();
    }
  });

  it('nginxdemos/hello answers its server address and name, the date, the URI and a request ID; plain-text as text, latest as its page', async () => {
    const text = podOf('hello-text');
    expect(await curl('http://hello-text/some/uri?q=1')).toMatch(new RegExp(
      `^Server address: ${escape(text.ip)}:80\nServer name: ${escape(text.name)}\nDate: \\d\\d/[A-Z][a-z]{2}/\\d{4}:\\d\\d:\\d\\d:\\d\\d \\+0000\nURI: /some/uri\\?q=1\nRequest ID: [0-9a-f]{32}\n$`,
    ));
    const page = podOf('hello-page');
    const html = await curl('http://hello-page/');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Hello World<\/title>\n/);
    expect(html).toContain(`<p><span>Server&nbsp;address:</span> <span>${page.ip}:80</span></p>\n<p><span>Server&nbsp;name:</span> <span>${page.name}</span></p>\n`);
    expect(html).toMatch(/<p class="smaller"><span>URI:<\/span> <span>\/<\/span><\/p>\n/);
    expect(html).toMatch(/Request ID: [0-9a-f]{32}<br\/>/);
  });

  it("Google's hello-app answers hello, its version and its hostname on every path", async () => {
    expect(await curl('http://hello-app:8080/')).toBe(`Hello, world!\nVersion: 1.0.0\nHostname: ${podOf('hello-app').name}\n`);
    expect(await curl('http://hello-app:8080/anything')).toBe(`Hello, world!\nVersion: 1.0.0\nHostname: ${podOf('hello-app').name}\n`);
  });

  it('agnhost netexec answers its hostname, the message it is given and the client\'s address', async () => {
    expect(await curl('http://netexec:8080/hostname')).toBe(podOf('netexec').name);
    expect(await curl('http://netexec:8080/echo?msg=hello')).toBe('hello');
    expect(await curl('http://netexec:8080/clientip')).toMatch(new RegExp(`^${escape(client.ip)}:\\d+$`));
    expect(await curl('http://netexec:8080/')).toMatch(/^NOW: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)? \+0000 UTC m=\+\d+\.\d{9}$/);
  });
});

/**
 * Ingress from the host, as kind's ingress-nginx guide ends: the IngressClass nginx (the default) is there, an Ingress
 * without a class routes by host and path (Prefix by path elements, Exact exactly) to its Services' pods at the
 * controller's HTTP port, what matches nothing gets nginx's 404 and a backend without a ready pod its 503; the address
 * shown is localhost; a TLS section serves the Secret's certificate for that host and redirects HTTP there;
 * rewrite-target rewrites the path upstream; a missing Service and a missing Secret are Warning Events.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { createCa, issueServingCertificate } from '@kubelab/pki';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Answer {
  status: number;
  body: string;
  location?: string;
  /** The certificate's subject CN, over HTTPS. */
  subject?: string;
}

describe('Ingress through the lab\'s ingress-nginx (shared lab)', () => {
  let lab: TestLab;
  let urls: { http: string; https: string };
  const kubectlOk = async (args: string[], stdin?: string) => {
    const r = await lab.kubectl(args, stdin === undefined ? {} : { stdin });
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  /** A request to the controller for `host` (its Host header; over HTTPS its SNI too), not following redirects. */
  const get = (host: string, path: string, tls = false): Promise<Answer> => new Promise((resolve, reject) => {
    const url = new URL(path, tls ? urls.https : urls.http);
    const answered = (res: IncomingMessage) => {
      // Read while the connection is the response's: it is let go at its end.
      const subject = tls ? { subject: String((res.socket as TLSSocket).getPeerCertificate().subject?.CN) } : {};
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, ...(res.headers.location ? { location: res.headers.location } : {}), ...subject }));
    };
    const req = tls
      ? httpsRequest(url, { headers: { host }, servername: host, rejectUnauthorized: false, timeout: 10_000, agent: false }, answered)
      : httpRequest(url, { headers: { host }, timeout: 10_000, agent: false }, answered);
    req.on('error', reject);
    req.end();
  });
  const deploy = async (name: string, args: string) => {
    await kubectlOk(['create', 'deployment', name, '--image=registry.k8s.io/e2e-test-images/agnhost:2.39', '--', '/agnhost', ...args.split(' ')]);
    await kubectlOk(['expose', 'deployment', name, '--port=80', `--target-port=${args.startsWith('netexec') ? 8080 : 9376}`]);
  };
  const ingress = (name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) => JSON.stringify({
    apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name, annotations }, spec,
  });
  const path = (p: string, service: string, pathType = 'Prefix') => ({ path: p, pathType, backend: { service: { name: service, port: { number: 80 } } } });
  const eventsOf = async (name: string) => (await lab.kubectl(['get', 'events', '--field-selector', `involvedObject.kind=Ingress,involvedObject.name=${name}`, '-o', 'jsonpath={range .items[*]}{.type} {.reason}: {.message}{"\\n"}{end}'])).stdout;

  beforeAll(async () => {
    lab = await sharedLab('ingress');
    urls = lab.state().ingressUrls!;
    await deploy('apple', 'serve-hostname');
    await deploy('banana', 'serve-hostname');
    await deploy('echo', 'netexec');
    for (const app of ['apple', 'banana', 'echo']) {
      await waitFor(async () => (await lab.kubectl(['get', 'deployment', app, '-o', 'jsonpath={.status.readyReplicas}'])).stdout === '1', `${app} ready`, 60_000, 250);
    }
  });
  afterAll(() => lab?.stop());

  it('has the IngressClass nginx, marked the default', async () => {
    const cls = JSON.parse(await kubectlOk(['get', 'ingressclass', 'nginx', '-o', 'json']));
    expect(cls.spec.controller).toBe('k8s.io/ingress-nginx');
    expect(cls.metadata.annotations['ingressclass.kubernetes.io/is-default-class']).toBe('true');
  });

  it('routes by host and path to the Services\' pods, answers 404 for what matches nothing, and shows localhost as its address', async () => {
    await kubectlOk(['apply', '-f', '-'], ingress('fruits', { rules: [{ host: 'fruits.example', http: { paths: [path('/apple', 'apple'), path('/banana', 'banana'), path('/exact', 'apple', 'Exact')] } }] }));
    await waitFor(async () => (await get('fruits.example', '/apple')).body.startsWith('apple-'), 'fruits.example/apple served by apple', 30_000, 250);
    expect((await get('fruits.example', '/banana/split?ripe=1')).body).toMatch(/^banana-/);
    expect((await get('fruits.example', '/exact')).body).toMatch(/^apple-/);
    const misses = await Promise.all([get('fruits.example', '/applesauce'), get('fruits.example', '/exact/more'), get('other.example', '/apple')]);
    for (const miss of misses) expect([miss.status, miss.body]).toEqual([404, expect.stringContaining('<center><h1>404 Not Found</h1></center>')]);
    await waitFor(async () => /\nfruits\s+nginx\s+fruits\.example\s+localhost\s+80\s/.test((await lab.kubectl(['get', 'ingress', 'fruits'])).stdout), 'ADDRESS localhost', 30_000, 250);
    expect(await eventsOf('fruits')).toContain('Normal Sync: Scheduled for sync');
  });

  it('serves a TLS Secret\'s certificate for its host and redirects HTTP to HTTPS; without the Secret, the fake certificate and a Warning', async () => {
    const ca = await createCa(new Date());
    const pair = await issueServingCertificate(ca, { dns: ['secure.example'], ips: [] }, new Date());
    const spec = { tls: [{ hosts: ['secure.example'], secretName: 'secure-tls' }], rules: [{ host: 'secure.example', http: { paths: [path('/', 'banana')] } }] };
    await kubectlOk(['apply', '-f', '-'], ingress('secure', spec));
    await waitFor(async () => (await eventsOf('secure')).includes('Warning'), 'a Warning for the missing Secret', 30_000, 250);
    expect(await eventsOf('secure')).toContain('Error obtaining X.509 certificate');
    expect((await get('secure.example', '/', true)).subject).toBe('Kubernetes Ingress Controller Fake Certificate');
    await kubectlOk(['apply', '-f', '-'], JSON.stringify({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secure-tls' }, type: 'kubernetes.io/tls',
      data: { 'tls.crt': Buffer.from(pair.cert).toString('base64'), 'tls.key': Buffer.from(pair.key).toString('base64') },
    }));
    const secured = await waitFor(async () => {
      const answer = await get('secure.example', '/', true);
      return answer.subject === 'kube-apiserver' && answer;
    }, 'the Secret\'s certificate served', 30_000, 250);
    expect(secured.body).toMatch(/^banana-/);
    const redirected = await get('secure.example', '/path?q=1');
    expect([redirected.status, redirected.location]).toEqual([308, `https://secure.example:${new URL(urls.https).port}/path?q=1`]);
  });

  it('rewrites the path upstream with rewrite-target, and answers 503 for a backend Service that does not exist, with a Warning', async () => {
    await kubectlOk(['apply', '-f', '-'], ingress('rewrite', {
      rules: [{ host: 'rewrite.example', http: { paths: [path('/something(/|$)(.*)', 'echo', 'ImplementationSpecific'), path('/missing', 'nowhere')] } }],
    }, { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' }));
    const pod = (await kubectlOk(['get', 'pods', '-l', 'app=echo', '-o', 'jsonpath={.items[0].metadata.name}']));
    await waitFor(async () => (await get('rewrite.example', '/something/hostname')).body === pod, '/something/hostname rewritten to /hostname', 30_000, 250);
    const missing = await get('rewrite.example', '/missing');
    expect([missing.status, missing.body]).toEqual([503, expect.stringContaining('503 Service Temporarily Unavailable')]);
    await waitFor(async () => (await eventsOf('rewrite')).includes('Warning'), 'a Warning for the missing Service', 30_000, 250);
  });

  it('is subject to the backend pods\' NetworkPolicies, as ingress-nginx\'s pod is: denied, a 504 and a drop; admitted from the ingress-nginx namespace, answered', async () => {
    await kubectlOk(['apply', '-f', '-'], ingress('guarded', { rules: [{ host: 'guarded.example', http: { paths: [path('/', 'apple')] } }] }));
    await waitFor(async () => (await get('guarded.example', '/')).body.startsWith('apple-'), 'guarded.example served', 30_000, 250);
    const policy = (from: unknown[]) => JSON.stringify({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'apple-ingress' },
      spec: { podSelector: { matchLabels: { app: 'apple' } }, policyTypes: ['Ingress'], ingress: from.length ? [{ from }] : [] },
    });
    await kubectlOk(['apply', '-f', '-'], policy([]));
    const denied = await waitFor(async () => {
      const answer = await get('guarded.example', '/');
      return answer.status === 504 && answer;
    }, 'the Ingress refused by the policy', 30_000, 250);
    expect(denied.body).toContain('504 Gateway Time-out');
    await kubectlOk(['apply', '-f', '-'], policy([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }]));
    await waitFor(async () => (await get('guarded.example', '/')).body.startsWith('apple-'), 'the Ingress admitted from ingress-nginx', 30_000, 250);
    await kubectlOk(['delete', 'networkpolicy', 'apple-ingress']);
  });
});

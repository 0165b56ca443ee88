/**
 * Gateway API from the host, as the Gateway API's guides use it with the lab's GatewayClass kubelab in place of their
 * placeholder `example`: the standard channel's CRDs are served out of the box (and the upstream bundle applies over them
 * server-side), a Gateway gets an address on the host's loopback where its listener answers, an HTTPRoute splits 90/10,
 * matches a header, redirects and rewrites, a backend in another namespace is refused without a ReferenceGrant and
 * routed with one (and kubelab why says so), every status says so in the spec's words, and a NetworkPolicy denies what
 * enters through the Gateway.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { createCa, issueServingCertificate } from '@kubelab/pki';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Answer {
  status: number;
  body: string;
  headers: IncomingMessage['headers'];
}

const crds = fileURLToPath(new URL('../../../deploy/gateway-api/standard-crds.yaml', import.meta.url));

describe('Gateway API through the lab\'s Gateway controller (shared lab)', () => {
  let lab: TestLab;
  let ns: string;
  /** Another namespace for the backend a cross-namespace route names; deleted after. */
  const other = `gw-backends-${Math.random().toString(36).slice(2, 7)}`;
  let address: string;
  const kubectlOk = async (args: string[], stdin?: string) => {
    const r = await lab.kubectl(args, stdin === undefined ? {} : { stdin });
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const apply = (object: Record<string, unknown>) => kubectlOk(['apply', '-f', '-'], JSON.stringify(object));
  /** A request to the Gateway's listener on port 80 with `host` as its Host header, not following redirects. */
  const get = (host: string, path: string, headers: Record<string, string> = {}): Promise<Answer> => new Promise((resolve, reject) => {
    const req = httpRequest(`http://${address}${path}`, { headers: { host, ...headers }, timeout: 10_000, agent: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
  const echo = async (name: string, text: string, namespace = ns) => {
    await kubectlOk(['create', 'deployment', name, '-n', namespace, '--image=hashicorp/http-echo:1.0', '--', '/http-echo', `-text=${text}`]);
    await kubectlOk(['expose', 'deployment', name, '-n', namespace, '--port=8080', '--target-port=5678']);
  };
  const condition = async (kind: string, name: string, path: string) =>
    (await lab.kubectl(['get', kind, name, '-o', `jsonpath=${path}`])).stdout;
  const route = (name: string, spec: Record<string, unknown>) => apply({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name }, spec: { parentRefs: [{ name: 'shop' }], ...spec } });

  beforeAll(async () => {
    lab = await sharedLab('gateway');
    ns = (await lab.kubectl(['config', 'view', '--minify', '-o', 'jsonpath={..namespace}'])).stdout;
    await kubectlOk(['create', 'namespace', other]);
    await echo('v1', 'version one');
    await echo('v2', 'version two');
    await echo('elsewhere', 'from another namespace', other);
    await kubectlOk(['create', 'deployment', 'whoami', '--image=traefik/whoami:v1.10']);
    await kubectlOk(['expose', 'deployment', 'whoami', '--port=80']);
    for (const [app, namespace] of [['v1', ns], ['v2', ns], ['whoami', ns], ['elsewhere', other]]) {
      await waitFor(async () => (await lab.kubectl(['get', 'deployment', app, '-n', namespace, '-o', 'jsonpath={.status.readyReplicas}'])).stdout === '1', `${app} ready`, 60_000, 250);
    }
    await apply({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'shop' },
      spec: { gatewayClassName: 'kubelab', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, allowedRoutes: { namespaces: { from: 'Same' } } }] },
    });
    await waitFor(async () => (await condition('gateway', 'shop', '{.status.conditions[?(@.type=="Programmed")].status}')) === 'True', 'Gateway shop Programmed', 30_000, 250);
    address = await condition('gateway', 'shop', '{.status.addresses[0].value}');
  });
  afterAll(async () => {
    await lab?.kubectl(['delete', 'namespace', other, '--wait=false']);
    lab?.stop();
  });

  it('serves the standard channel\'s CRDs out of the box, and the upstream bundle applies over them server-side', async () => {
    const applied = await lab.kubectl(['apply', '--server-side', '-f', crds]);
    expect(applied.stderr).toBe('');
    expect(applied.stdout.trim().split('\n')).toHaveLength(10);
    expect(applied.stdout).toContain('customresourcedefinition.apiextensions.k8s.io/httproutes.gateway.networking.k8s.io serverside-applied');
    expect(await condition('gatewayclass', 'kubelab', '{.spec.controllerName} {.status.conditions[?(@.type=="Accepted")].status}')).toBe('kubelab.dev/gateway-controller True');
  });

  it('validates the kinds by their CRDs\' CEL rules, in kube-apiserver\'s words, and lets a route no controller took up be changed', async () => {
    const refused = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'bad' },
      spec: { gatewayClassName: 'kubelab', listeners: [{ name: 'http', protocol: 'HTTP', port: 80, tls: { mode: 'Terminate', certificateRefs: [{ name: 'x' }] } }] },
    }) });
    expect(refused.stderr).toContain('The Gateway "bad" is invalid: spec.listeners: Invalid value: "array": tls must not be specified for protocols [\'HTTP\', \'TCP\', \'UDP\']');
    await apply({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'orphan' }, spec: { parentRefs: [{ name: 'nowhere' }], rules: [{ backendRefs: [{ name: 'v1', port: 8080 }] }] } });
    expect((await lab.kubectl(['label', 'httproute', 'orphan', 'team=shop'])).stderr).toBe('');
    expect(lab.kubelab(['why', 'httproute/orphan', '-n', ns]).stdout).toContain(`HTTPRoute ${ns}/orphan is not served: no Gateway controller has taken it up; it names Gateway ${ns}/nowhere`);
  });

  it('gives the Gateway an address on the host\'s loopback, and says what its listener holds', async () => {
    expect(address).toMatch(/^127\.(240\.0\.\d+|0\.0\.1)$/);
    expect(await condition('gateway', 'shop', '{.status.conditions[?(@.type=="Accepted")].reason}')).toBe('Accepted');
    const listener = JSON.parse(await kubectlOk(['get', 'gateway', 'shop', '-o', 'jsonpath={.status.listeners[0]}']));
    expect(listener.name).toBe('http');
    expect(listener.supportedKinds).toContainEqual({ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute' });
    expect((await kubectlOk(['get', 'gateway', 'shop'])).split('\n')[1]).toMatch(new RegExp(`^shop\\s+kubelab\\s+${address.replace(/\./g, '\\.')}\\s+True\\s+`));
    expect((await get('nothing.example', '/')).status).toBe(404);
  });

  it('splits a 90/10 canary within a few percent over 200 requests, matches a header, redirects, rewrites and changes headers', async () => {
    await route('canary', {
      hostnames: ['shop.example'],
      rules: [
        { matches: [{ path: { type: 'PathPrefix', value: '/' }, headers: [{ name: 'x-canary', value: 'always' }] }], backendRefs: [{ name: 'v2', port: 8080 }] },
        { backendRefs: [{ name: 'v1', port: 8080, weight: 90 }, { name: 'v2', port: 8080, weight: 10 }] },
        { matches: [{ path: { type: 'PathPrefix', value: '/old' } }], filters: [{ type: 'RequestRedirect', requestRedirect: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/new' }, statusCode: 301 } }] },
        {
          matches: [{ path: { type: 'PathPrefix', value: '/api' } }],
          filters: [
            { type: 'URLRewrite', urlRewrite: { hostname: 'whoami.internal', path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } } },
            { type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'X-Gateway', value: 'kubelab' }], remove: ['X-Secret'] } },
            { type: 'ResponseHeaderModifier', responseHeaderModifier: { add: [{ name: 'X-Served-By', value: 'kubelab' }] } },
          ],
          backendRefs: [{ name: 'whoami', port: 80 }],
        },
      ],
    });
    await waitFor(async () => (await condition('httproute', 'canary', '{.status.parents[0].conditions[?(@.type=="Accepted")].status}')) === 'True', 'HTTPRoute canary Accepted', 30_000, 250);
    expect(await condition('httproute', 'canary', '{.status.parents[0].controllerName} {.status.parents[0].conditions[?(@.type=="ResolvedRefs")].reason}')).toBe('kubelab.dev/gateway-controller ResolvedRefs');
    // Both backends answer before the split is sampled: the gateway learns each Service's endpoints on its own, and a
    // loaded machine may bring v2's after the route already answers from v1.
    await waitFor(async () => (await get('shop.example', '/')).body === 'version one\n', 'the canary route to answer from v1', 30_000, 250);
    await waitFor(async () => (await get('shop.example', '/', { 'X-Canary': 'always' })).body === 'version two\n', 'the canary route to answer from v2', 30_000, 250);
    expect(await condition('gateway', 'shop', '{.status.listeners[0].attachedRoutes}')).toBe('1');

    const answers = await Promise.all(Array.from({ length: 200 }, () => get('shop.example', '/')));
    const twos = answers.filter((a) => a.body === 'version two\n').length;
    expect(answers.filter((a) => a.body !== 'version one\n' && a.body !== 'version two\n').map((a) => `${a.status} ${a.body}`)).toEqual([]);
    // 20 expected; a fair 10% draw falls outside 5–40 once in 60,000 runs, a 50/50 split never falls inside.
    expect(twos).toBeGreaterThanOrEqual(5);
    expect(twos).toBeLessThanOrEqual(40);

    for (let i = 0; i < 5; i++) expect((await get('shop.example', '/', { 'X-Canary': 'always' })).body).toBe('version two\n');
    const moved = await get('shop.example', '/old/page?x=1');
    expect([moved.status, moved.headers.location]).toEqual([301, 'http://shop.example/new/page?x=1']);
    const rewritten = await get('shop.example', '/api/items?page=2', { 'User-Agent': 'curl/7.88.1', 'X-Secret': 'hidden', 'X-Trace': '1' });
    expect(rewritten.body).toContain('GET /items?page=2 HTTP/1.1\r\nHost: whoami.internal\r\nUser-Agent: curl/7.88.1\r\nX-Gateway: kubelab\r\nX-Trace: 1\r\n\r\n');
    expect(rewritten.headers['x-served-by']).toBe('kubelab');
    expect((await get('other.example', '/')).status).toBe(404);
  });

  it('refuses a backend in another namespace until a ReferenceGrant there allows it', async () => {
    await route('across', { hostnames: ['across.example'], rules: [{ backendRefs: [{ name: 'elsewhere', namespace: other, port: 8080 }] }] });
    const resolved = () => condition('httproute', 'across', '{.status.parents[0].conditions[?(@.type=="ResolvedRefs")].status}/{.status.parents[0].conditions[?(@.type=="ResolvedRefs")].reason}');
    await waitFor(async () => (await resolved()) === 'False/RefNotPermitted', 'RefNotPermitted without a grant', 30_000, 250);
    expect((await get('across.example', '/')).status).toBe(500);
    const why = lab.kubelab(['why', 'httproute/across', '-n', ns]);
    expect(why.stdout).toContain(`HTTPRoute ${ns}/across does not route through Gateway ${ns}/shop:\n  ResolvedRefs is False (RefNotPermitted): `);
    await kubectlOk(['apply', '-n', other, '-f', '-'], JSON.stringify({
      apiVersion: 'gateway.networking.k8s.io/v1beta1', kind: 'ReferenceGrant', metadata: { name: 'from-shop-routes' },
      spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: ns }], to: [{ group: '', kind: 'Service' }] },
    }));
    await waitFor(async () => (await resolved()) === 'True/ResolvedRefs', 'ResolvedRefs with the grant', 30_000, 250);
    await waitFor(async () => (await get('across.example', '/')).body === 'from another namespace\n', 'the route to reach the other namespace', 30_000, 250);
  });

  it('terminates TLS on an HTTPS listener with its certificateRefs\' Secret, until then saying InvalidCertificateRef', async () => {
    const ca = await createCa(new Date());
    const pair = await issueServingCertificate(ca, { dns: ['secure.example'], ips: [] }, new Date());
    await apply({
      apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'secure' },
      spec: { gatewayClassName: 'kubelab', listeners: [{ name: 'https', protocol: 'HTTPS', port: 8443, hostname: 'secure.example', tls: { mode: 'Terminate', certificateRefs: [{ name: 'secure-tls' }] } }] },
    });
    const refs = () => condition('gateway', 'secure', '{.status.listeners[0].conditions[?(@.type=="ResolvedRefs")].reason}');
    await waitFor(async () => (await refs()) === 'InvalidCertificateRef', 'InvalidCertificateRef without the Secret', 30_000, 250);
    await apply({
      apiVersion: 'v1', kind: 'Secret', metadata: { name: 'secure-tls' }, type: 'kubernetes.io/tls',
      data: { 'tls.crt': Buffer.from(pair.cert).toString('base64'), 'tls.key': Buffer.from(pair.key).toString('base64') },
    });
    await waitFor(async () => (await refs()) === 'ResolvedRefs', 'ResolvedRefs with the Secret', 30_000, 250);
    await apply({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'secure' }, spec: { parentRefs: [{ name: 'secure' }], rules: [{ backendRefs: [{ name: 'v1', port: 8080 }] }] } });
    const secureAddress = await condition('gateway', 'secure', '{.status.addresses[0].value}');
    const getTls = () => new Promise<{ subject: string; body: string }>((resolve, reject) => {
      const req = httpsRequest(`https://${secureAddress}:8443/`, { headers: { host: 'secure.example' }, servername: 'secure.example', ca: ca.cert, timeout: 10_000, agent: false }, (res) => {
        const subject = String((res.socket as TLSSocket).getPeerCertificate().subject?.CN);
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ subject, body }));
      });
      req.on('error', reject);
      req.end();
    });
    const answered = await waitFor(async () => {
      const answer = await getTls().catch(() => undefined);
      return answer?.body === 'version one\n' && answer;
    }, 'the HTTPS listener to answer with the route', 30_000, 250);
    expect(answered.subject).toBe('kube-apiserver');
  });

  it('lists the listener in kubelab status, and a NetworkPolicy denies what enters through the Gateway', async () => {
    const status = lab.kubelab(['status']);
    expect(status.stdout).toMatch(new RegExp(`^Gateway\\s+${ns}/shop\\s+80\\s+http://${address.replace(/\./g, '\\.')}:80$`, 'm'));
    await route('denied', { hostnames: ['denied.example'], rules: [{ backendRefs: [{ name: 'v1', port: 8080 }] }] });
    await waitFor(async () => (await get('denied.example', '/')).body === 'version one\n', 'denied.example routed before the policy', 30_000, 250);
    await apply({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'v1-closed' }, spec: { podSelector: { matchLabels: { app: 'v1' } }, policyTypes: ['Ingress'] } });
    await waitFor(async () => (await get('denied.example', '/')).status === 503, 'the Gateway\'s request dropped by the policy', 30_000, 250);
  });
});

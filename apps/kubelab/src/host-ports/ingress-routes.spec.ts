import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Ingress, IngressClass, Service } from '@kubelab/api';
import type { ServicePort } from 'kubernetes-types/core/v1';
import type { HTTPIngressPath, IngressSpec } from 'kubernetes-types/networking/v1';
import { ingressesOfOurs, ingressTable, misconfigurations, routeRequest, tlsSecretFor, type IngressDecision, type IngressTable } from './ingress-routes.js';

const nginxClass = (name = 'nginx', isDefault = true): IngressClass => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
  metadata: { name, annotations: isDefault ? { 'ingressclass.kubernetes.io/is-default-class': 'true' } : {} },
  spec: { controller: 'k8s.io/ingress-nginx' },
});
const otherClass: IngressClass = { apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass', metadata: { name: 'traefik' }, spec: { controller: 'traefik.io/ingress-controller' } };

/** An Ingress created `age` seconds into the lab's life (older ones win conflicts). */
const ingress = (name: string, spec: IngressSpec, options: { age?: number; annotations?: Record<string, string>; namespace?: string } = {}): Ingress => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
  metadata: { name, namespace: options.namespace ?? 'default', creationTimestamp: `2025-01-01T00:00:${String(options.age ?? 0).padStart(2, '0')}Z`, annotations: options.annotations ?? {} },
  spec: { ingressClassName: 'nginx', ...spec },
});
const path = (p: string, service: string, pathType = 'Prefix', port: { number?: number; name?: string } = { number: 80 }): HTTPIngressPath => ({ path: p, pathType, backend: { service: { name: service, port } } });
const rule = (host: string | undefined, ...paths: HTTPIngressPath[]) => ({ ...(host ? { host } : {}), http: { paths } });

const service = (name: string, ports: ServicePort[]): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { ports } });
const slice = (name: string, ports: { name?: string; port: number }[], endpoints: { ip: string; node: string; ready?: boolean }[]): EndpointSlice => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { name: `${name}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } },
  ports: ports.map((p) => ({ ...p, protocol: 'TCP' })),
  endpoints: endpoints.map((e) => ({ addresses: [e.ip], nodeName: e.node, conditions: { ready: e.ready ?? true } })),
});

/** Services `web`, `api`, `docs` and `fallback`, each with port 80 (named http) leading to one ready pod. */
const services = ['web', 'api', 'docs', 'fallback'].map((name) => service(name, [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }]));
const podOf: Record<string, string> = { web: '10.244.1.2', api: '10.244.1.3', docs: '10.244.2.4', fallback: '10.244.2.5' };
const slices = Object.entries(podOf).map(([name, ip]) => slice(name, [{ name: 'http', port: 8080 }], [{ ip, node: 'node-1' }]));

const tableOf = (...ingresses: Ingress[]) => ingressTable([nginxClass()], ingresses, services, slices);
const get = (table: IngressTable, url: string, options: { tls?: boolean; httpsPort?: number } = {}): IngressDecision => {
  const { host, pathname, search } = new URL(url);
  return routeRequest(table, { host, path: `${pathname}${search}`, tls: options.tls ?? url.startsWith('https:') }, options.httpsPort);
};
/** The decision that proxies to `svc`'s pod on behalf of `ing` (in default), at `path`. */
const toService = (ing: string, svc: string, upstreamPath: string, port: string | number = 80): IngressDecision => ({
  kind: 'backend', ingress: `default/${ing}`, service: `default/${svc}:${port}`, endpoints: [{ ip: podOf[svc], port: 8080, node: 'node-1' }], path: upstreamPath,
});
/** Which Service each URL reaches: the Service's name, or the decision's kind when it reaches none. */
const reached = (table: IngressTable, ...urls: string[]) => urls.map((url) => {
  const decision = get(table, url);
  return decision.kind === 'backend' ? decision.service.replace(/^default\/(.*):.*$/, '$1') : decision.kind;
});

describe('which Ingresses the lab controller serves', () => {
  const classes = [nginxClass('nginx', false), nginxClass('nginx-internal', false), otherClass];
  const table = (...ingresses: Ingress[]) => ingressTable(classes, ingresses, services, slices);

  it('serves those whose ingressClassName is a class of k8s.io/ingress-nginx, and those annotated kubernetes.io/ingress.class: nginx without a class', () => {
    const web = rule('web.example.com', path('/', 'web'));
    const served = table(
      ingress('by-class', { rules: [web] }),
      ingress('by-second-class', { ingressClassName: 'nginx-internal', rules: [web] }),
      ingress('by-other-class', { ingressClassName: 'traefik', rules: [web] }),
      ingress('by-missing-class', { ingressClassName: 'haproxy', rules: [web] }),
      ingress('by-annotation', { ingressClassName: undefined, rules: [web] }, { annotations: { 'kubernetes.io/ingress.class': 'nginx' } }),
      ingress('by-other-annotation', { ingressClassName: undefined, rules: [web] }, { annotations: { 'kubernetes.io/ingress.class': 'traefik' } }),
      ingress('classless', { ingressClassName: undefined, rules: [web] }),
      ingress('by-class', { rules: [web] }, { namespace: 'apps' }),
    );
    expect(ingressesOfOurs(served)).toEqual(['apps/by-class', 'default/by-annotation', 'default/by-class', 'default/by-second-class']);
  });

  it('serves those without a class while one of its classes is the default', () => {
    const classless = ingress('classless', { ingressClassName: undefined, rules: [rule('web.example.com', path('/', 'web'))] });
    expect(ingressesOfOurs(ingressTable([nginxClass('nginx', true)], [classless], services, slices))).toEqual(['default/classless']);
    expect(ingressesOfOurs(ingressTable([nginxClass('nginx', false), { ...otherClass, metadata: { ...otherClass.metadata, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } } }], [classless], services, slices))).toEqual([]);
    expect(ingressesOfOurs(ingressTable([], [classless], services, slices))).toEqual([]);
  });

  it('routes nothing for the Ingresses of other controllers', () => {
    const theirs = table(ingress('theirs', { ingressClassName: 'traefik', rules: [rule('web.example.com', path('/', 'web'))] }));
    expect(get(theirs, 'http://web.example.com/')).toEqual({ kind: 'not-found' });
  });
});

describe('which server a request goes to, by its host', () => {
  const table = tableOf(
    ingress('exact', { rules: [rule('bar.foo.com', path('/', 'web'))] }),
    ingress('wildcard', { rules: [rule('*.foo.com', path('/', 'api'))] }),
    ingress('hostless', { rules: [rule(undefined, path('/', 'docs'))] }),
  );

  it('an exact host before its wildcard, a wildcard before the rules without host', () => {
    expect(get(table, 'http://bar.foo.com/')).toEqual(toService('exact', 'web', '/'));
    expect(get(table, 'http://baz.foo.com/')).toEqual(toService('wildcard', 'api', '/'));
    expect(get(table, 'http://localhost/')).toEqual(toService('hostless', 'docs', '/'));
  });

  it('a wildcard stands for exactly one DNS label', () => {
    expect(reached(table, 'http://qux.foo.com/', 'http://baz.bar.foo.com/', 'http://foo.com/')).toEqual(['api', 'docs', 'docs']);
  });

  it('takes the host without case or a final dot', () => {
    expect(routeRequest(table, { host: 'BAR.Foo.com.', path: '/', tls: false })).toEqual(toService('exact', 'web', '/'));
  });

  it('does not fall through to another server when no path of the host matches', () => {
    const narrow = tableOf(
      ingress('narrow', { rules: [rule('shop.example.com', path('/cart', 'web'))] }),
      ingress('everything', { rules: [rule(undefined, path('/', 'docs'))] }),
      ingress('wildcard', { rules: [rule('*.example.com', path('/', 'api'))] }),
    );
    expect(reached(narrow, 'http://shop.example.com/cart', 'http://shop.example.com/', 'http://blog.example.com/', 'http://example.com/')).toEqual(['web', 'not-found', 'api', 'docs']);
  });
});

describe('which path of a server matches', () => {
  it('Exact: the path exactly, case-sensitive, no trailing-slash leniency', () => {
    const table = tableOf(ingress('exact', { rules: [rule('web.example.com', path('/foo', 'web', 'Exact'))] }));
    expect(reached(table, 'http://web.example.com/foo', 'http://web.example.com/foo/', 'http://web.example.com/Foo', 'http://web.example.com/foo/bar')).toEqual(['web', 'not-found', 'not-found', 'not-found']);
  });

  it('Prefix: by /-separated elements, case-sensitive, a trailing slash on either side ignored', () => {
    const table = tableOf(ingress('prefix', { rules: [rule('web.example.com', path('/foo', 'web'), path('/docs/', 'docs'))] }));
    expect(reached(table, 'http://web.example.com/foo', 'http://web.example.com/foo/', 'http://web.example.com/foo/bar', 'http://web.example.com/foobar', 'http://web.example.com/Foo'))
      .toEqual(['web', 'web', 'web', 'not-found', 'not-found']);
    expect(reached(table, 'http://web.example.com/docs', 'http://web.example.com/docs/intro', 'http://web.example.com/docsite')).toEqual(['docs', 'docs', 'not-found']);
  });

  it('Prefix /: every path', () => {
    const table = tableOf(ingress('root', { rules: [rule('web.example.com', path('/', 'web'))] }));
    expect(reached(table, 'http://web.example.com/', 'http://web.example.com/a/b/c', 'http://web.example.com/?q=1')).toEqual(['web', 'web', 'web']);
  });

  it('ImplementationSpecific: nginx\'s prefix of the string, case-sensitive', () => {
    const table = tableOf(ingress('impl', { rules: [rule('web.example.com', path('/foo', 'web', 'ImplementationSpecific'))] }));
    expect(reached(table, 'http://web.example.com/foo', 'http://web.example.com/foobar', 'http://web.example.com/foo/bar', 'http://web.example.com/FOO', 'http://web.example.com/fo'))
      .toEqual(['web', 'web', 'web', 'not-found', 'not-found']);
  });

  it('an empty path is /', () => {
    const table = tableOf(ingress('empty', { rules: [rule('web.example.com', { pathType: 'ImplementationSpecific', backend: { service: { name: 'web', port: { number: 80 } } } })] }));
    expect(get(table, 'http://web.example.com/anything')).toEqual(toService('empty', 'web', '/anything'));
  });

  it('the longest matching path wins; on equal length Exact, then Prefix, then ImplementationSpecific', () => {
    const table = tableOf(ingress('many', { rules: [rule('web.example.com',
      path('/', 'fallback'), path('/app', 'api', 'ImplementationSpecific'), path('/app', 'web'), path('/app', 'docs', 'Exact'), path('/app/v2', 'api'))] }));
    expect(reached(table, 'http://web.example.com/app', 'http://web.example.com/app/x', 'http://web.example.com/apple', 'http://web.example.com/app/v2/x', 'http://web.example.com/other'))
      .toEqual(['docs', 'web', 'api', 'api', 'fallback']);
  });

  it('matches the path without its query, and forwards the query', () => {
    const table = tableOf(ingress('exact', { rules: [rule('web.example.com', path('/search', 'web', 'Exact'))] }));
    expect(get(table, 'http://web.example.com/search?q=pods&page=2')).toEqual(toService('exact', 'web', '/search?q=pods&page=2'));
  });
});

describe('Ingresses that share a host', () => {
  const older = ingress('older', { rules: [rule('shop.example.com', path('/', 'web'), path('/api', 'api'))] }, { age: 1 });
  const newer = ingress('newer', { rules: [rule('shop.example.com', path('/api', 'docs'), path('/docs', 'docs'), path('/api', 'docs', 'Exact'))] }, { age: 2 });

  it('merges their paths into the host, the oldest keeping a path both define with the same type, whatever order they are listed in', () => {
    for (const table of [tableOf(older, newer), tableOf(newer, older)]) {
      expect(get(table, 'http://shop.example.com/api/orders')).toEqual(toService('older', 'api', '/api/orders'));
      expect(get(table, 'http://shop.example.com/api')).toEqual(toService('newer', 'docs', '/api'));
      expect(get(table, 'http://shop.example.com/docs/x')).toEqual(toService('newer', 'docs', '/docs/x'));
      expect(get(table, 'http://shop.example.com/')).toEqual(toService('older', 'web', '/'));
      expect(misconfigurations(table)).toEqual([{ ingress: 'default/newer', reason: 'PathConflict', message: 'host "shop.example.com" and path "/api" is already defined in ingress default/older' }]);
    }
  });

  it('orders Ingresses of the same age by namespace and name', () => {
    const a = ingress('a', { rules: [rule('shop.example.com', path('/', 'web'))] });
    const b = ingress('b', { rules: [rule('shop.example.com', path('/', 'api'))] });
    expect(get(tableOf(b, a), 'http://shop.example.com/')).toEqual(toService('a', 'web', '/'));
  });
});

describe('default backends', () => {
  it('an Ingress\'s spec.defaultBackend answers the paths of its hosts that no path matches', () => {
    const table = tableOf(ingress('shop', { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } }, rules: [rule('shop.example.com', path('/cart', 'web'))] }));
    expect(get(table, 'http://shop.example.com/cart?id=1')).toEqual(toService('shop', 'web', '/cart?id=1'));
    expect(get(table, 'http://shop.example.com/elsewhere?id=1')).toEqual(toService('shop', 'fallback', '/elsewhere?id=1'));
    expect(get(table, 'http://other.example.com/')).toEqual({ kind: 'not-found' });
  });

  it('a host\'s default backend is that of the oldest Ingress naming the host', () => {
    const first = ingress('first', { rules: [rule('shop.example.com', path('/cart', 'web'))] }, { age: 1 });
    const second = ingress('second', { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } }, rules: [rule('shop.example.com', path('/pay', 'api'))] }, { age: 2 });
    expect(reached(tableOf(first, second), 'http://shop.example.com/pay', 'http://shop.example.com/elsewhere')).toEqual(['api', 'not-found']);
    expect(reached(tableOf({ ...first, metadata: { ...first.metadata, creationTimestamp: '2025-01-01T00:00:03Z' } }, second), 'http://shop.example.com/elsewhere')).toEqual(['fallback']);
  });

  it('a host named without http rules sends everything to the default backend', () => {
    const table = tableOf(ingress('bare', { defaultBackend: { service: { name: 'fallback', port: { number: 80 } } }, rules: [{ host: 'bare.example.com' }] }));
    expect(get(table, 'http://bare.example.com/x')).toEqual(toService('bare', 'fallback', '/x'));
  });

  it('the oldest Ingress without rules answers for every host and path nothing else matches, before a rule without host for /', () => {
    const table = tableOf(
      ingress('catch-all', { defaultBackend: { service: { name: 'fallback', port: { name: 'http' } } } }, { age: 2 }),
      ingress('later-catch-all', { defaultBackend: { service: { name: 'web', port: { number: 80 } } } }, { age: 3 }),
      ingress('hostless', { rules: [rule(undefined, path('/', 'web'), path('/api', 'api'))] }, { age: 1 }),
      ingress('shop', { rules: [rule('shop.example.com', path('/cart', 'web'))] }, { age: 1 }),
    );
    expect(get(table, 'http://anything.test/page')).toEqual(toService('catch-all', 'fallback', '/page', 'http'));
    expect(get(table, 'http://anything.test/api/x')).toEqual(toService('hostless', 'api', '/api/x'));
    expect(get(table, 'http://shop.example.com/elsewhere')).toEqual({ kind: 'not-found' });
    expect(misconfigurations(table)).toEqual([{ ingress: 'default/hostless', reason: 'PathConflict', message: 'host "_" and path "/" is already defined in ingress default/catch-all' }]);
  });

  it('answers 404, as ingress-nginx\'s own default backend, with nothing to match', () => {
    expect(get(tableOf(), 'http://localhost/')).toEqual({ kind: 'not-found' });
  });
});

describe('the backend of a path', () => {
  const withPort = (port: { number?: number; name?: string }, svc = 'web') => tableOf(ingress('web', { rules: [rule('web.example.com', path('/', svc, 'Prefix', port))] }));

  it('is the Service port named or numbered, its endpoints at the port the EndpointSlice gives for that port\'s name', () => {
    const twoPorts = service('multi', [{ name: 'http', port: 80, targetPort: 'web' }, { name: 'metrics', port: 9090, targetPort: 9100 }]);
    const multiSlice = slice('multi', [{ name: 'http', port: 8080 }, { name: 'metrics', port: 9100 }], [{ ip: '10.244.3.2', node: 'node-2' }, { ip: '10.244.3.3', node: 'node-3' }]);
    const table = (port: { number?: number; name?: string }) => ingressTable([nginxClass()], [ingress('multi', { rules: [rule('m.example.com', path('/', 'multi', 'Prefix', port))] })], [twoPorts], [multiSlice]);
    const endpoints = (port: number) => [{ ip: '10.244.3.2', port, node: 'node-2' }, { ip: '10.244.3.3', port, node: 'node-3' }];
    expect(get(table({ number: 9090 }), 'http://m.example.com/')).toEqual({ kind: 'backend', ingress: 'default/multi', service: 'default/multi:9090', endpoints: endpoints(9100), path: '/' });
    expect(get(table({ name: 'http' }), 'http://m.example.com/')).toEqual({ kind: 'backend', ingress: 'default/multi', service: 'default/multi:http', endpoints: endpoints(8080), path: '/' });
  });

  it('takes, as ingress-nginx does, a number that is a Service port\'s targetPort for that port', () => {
    expect(get(withPort({ number: 8080 }), 'http://web.example.com/')).toEqual(toService('web', 'web', '/', 8080));
  });

  it('leaves out endpoints that are not ready; with none ready, 503', () => {
    const mixed = slice('web', [{ name: 'http', port: 8080 }], [{ ip: '10.244.1.2', node: 'node-1', ready: false }, { ip: '10.244.2.2', node: 'node-2' }]);
    const table = ingressTable([nginxClass()], [ingress('web', { rules: [rule('web.example.com', path('/', 'web'))] })], services, [mixed]);
    expect(get(table, 'http://web.example.com/')).toEqual({ kind: 'backend', ingress: 'default/web', service: 'default/web:80', endpoints: [{ ip: '10.244.2.2', port: 8080, node: 'node-2' }], path: '/' });
    const down = slice('web', [{ name: 'http', port: 8080 }], [{ ip: '10.244.1.2', node: 'node-1', ready: false }]);
    const none = ingressTable([nginxClass()], [ingress('web', { rules: [rule('web.example.com', path('/', 'web'))] })], services, [down]);
    expect(get(none, 'http://web.example.com/')).toEqual({ kind: 'unavailable', ingress: 'default/web', service: 'default/web:80' });
    expect(misconfigurations(none)).toEqual([]);
  });

  it('answers 503 for a Service or a port that does not exist, and says why', () => {
    const missing = withPort({ number: 80 }, 'nope');
    expect(get(missing, 'http://web.example.com/')).toEqual({ kind: 'unavailable', ingress: 'default/web', service: 'default/nope:80' });
    expect(misconfigurations(missing)).toEqual([{ ingress: 'default/web', reason: 'ServiceNotFound', message: 'Service "default/nope" not found' }]);
    const byNumber = withPort({ number: 81 });
    expect(get(byNumber, 'http://web.example.com/')).toEqual({ kind: 'unavailable', ingress: 'default/web', service: 'default/web:81' });
    expect(misconfigurations(byNumber)).toEqual([{ ingress: 'default/web', reason: 'ServicePortNotFound', message: 'Service "default/web" has no port 81' }]);
    expect(misconfigurations(withPort({ name: 'grpc' }))).toEqual([{ ingress: 'default/web', reason: 'ServicePortNotFound', message: 'Service "default/web" has no port named "grpc"' }]);
  });

  it('leaves out a path with a resource backend, as ingress-nginx does, and says so', () => {
    const table = tableOf(ingress('assets', {
      defaultBackend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } },
      rules: [rule('web.example.com', path('/', 'web'), { path: '/static', pathType: 'Prefix', backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static' } } })],
    }));
    expect(get(table, 'http://web.example.com/static/logo.png')).toEqual(toService('assets', 'web', '/static/logo.png'));
    expect(misconfigurations(table)).toEqual([
      { ingress: 'default/assets', reason: 'UnsupportedBackend', message: 'spec.defaultBackend has a resource backend (StorageBucket "static"), which ingress-nginx does not serve' },
      { ingress: 'default/assets', reason: 'UnsupportedBackend', message: 'path "/static" has a resource backend (StorageBucket "static"), which ingress-nginx does not serve' },
    ]);
  });
});

describe('regular expressions and rewrite-target', () => {
  const regex = { 'nginx.ingress.kubernetes.io/use-regex': 'true' };

  it('use-regex: ImplementationSpecific paths are case-insensitive regexes anchored at the start', () => {
    const table = tableOf(ingress('regex', { rules: [rule('web.example.com', path('/users/[0-9]+', 'api', 'ImplementationSpecific'), path('/', 'web'))] }, { annotations: regex }));
    expect(reached(table, 'http://web.example.com/users/42', 'http://web.example.com/USERS/42/posts', 'http://web.example.com/users/me', 'http://web.example.com/x/users/42')).toEqual(['api', 'api', 'web', 'web']);
  });

  it('holds for the ImplementationSpecific paths of every Ingress of that host, and only that host', () => {
    const plain = ingress('plain', { rules: [rule('web.example.com', path('/v[12]', 'web', 'ImplementationSpecific')), rule('docs.example.com', path('/v[12]', 'docs', 'ImplementationSpecific'))] }, { age: 1 });
    const table = tableOf(plain, ingress('regex', { rules: [rule('web.example.com', path('/api/.*', 'api', 'ImplementationSpecific'))] }, { age: 2, annotations: regex }));
    expect(reached(table, 'http://web.example.com/V2/x', 'http://docs.example.com/V2/x', 'http://docs.example.com/v[12]/x')).toEqual(['web', 'not-found', 'docs']);
  });

  it('a path nginx would refuse as a regex is left out, and said', () => {
    const table = tableOf(ingress('broken', { rules: [rule('web.example.com', path('/(unclosed', 'api', 'ImplementationSpecific'), path('/', 'web'))] }, { annotations: regex }));
    expect(get(table, 'http://web.example.com/(unclosed')).toEqual(toService('broken', 'web', '/(unclosed'));
    expect(misconfigurations(table)).toEqual([{ ingress: 'default/broken', reason: 'InvalidPath', message: expect.stringMatching(/^path "\/\(unclosed" is not a valid regular expression: /) }]);
  });

  it('rewrite-target: the upstream path is the target with the path regex\'s groups, the query kept (the ingress-nginx rewrite example)', () => {
    const table = tableOf(ingress('rewrite', { rules: [rule('rewrite.bar.com', path('/something(/|$)(.*)', 'web', 'ImplementationSpecific'))] },
      { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } }));
    expect(get(table, 'http://rewrite.bar.com/something')).toEqual(toService('rewrite', 'web', '/'));
    expect(get(table, 'http://rewrite.bar.com/something/')).toEqual(toService('rewrite', 'web', '/'));
    expect(get(table, 'http://rewrite.bar.com/something/new?x=1')).toEqual(toService('rewrite', 'web', '/new?x=1'));
    expect(get(table, 'http://rewrite.bar.com/SomeThing/new')).toEqual(toService('rewrite', 'web', '/new'));
    expect(get(table, 'http://rewrite.bar.com/somethingelse')).toEqual({ kind: 'not-found' });
    expect(get(table, 'http://rewrite.bar.com/other')).toEqual({ kind: 'not-found' });
  });

  it('rewrite-target on a Prefix path replaces the whole path, the Prefix still matching by elements', () => {
    const table = tableOf(ingress('pay', { rules: [rule('shop.example.com', path('/pay', 'api'), path('/', 'web'))] }, { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' } }));
    expect(get(table, 'http://shop.example.com/pay/card?id=7')).toEqual(toService('pay', 'api', '/?id=7'));
    expect(get(table, 'http://shop.example.com/payment')).toEqual(toService('pay', 'web', '/payment'));
  });

  it('a target with its own query gets the request\'s after it, unless it ends in ?', () => {
    const at = (target: string) => tableOf(ingress('q', { rules: [rule('q.example.com', path('/old/(.*)', 'web', 'ImplementationSpecific'))] }, { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': target } }));
    expect(get(at('/new?page=$1'), 'http://q.example.com/old/7?sort=asc')).toEqual(toService('q', 'web', '/new?page=7&sort=asc'));
    expect(get(at('/new/$1?'), 'http://q.example.com/old/7?sort=asc')).toEqual(toService('q', 'web', '/new/7'));
  });

  it('a rewrite-target equal to the path rewrites nothing and turns no regex on', () => {
    const table = tableOf(ingress('same', { rules: [rule('web.example.com', path('/app', 'web', 'ImplementationSpecific'))] }, { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/app' } }));
    expect(reached(table, 'http://web.example.com/app/x', 'http://web.example.com/APP')).toEqual(['web', 'not-found']);
    expect(get(table, 'http://web.example.com/app/x')).toEqual(toService('same', 'web', '/app/x'));
  });
});

describe('redirects to HTTPS', () => {
  const tlsIngress = (annotations: Record<string, string> = {}, tls: IngressSpec['tls'] = [{ hosts: ['secure.example.com'], secretName: 'secure-tls' }]) =>
    ingress('secure', { tls, rules: [rule('secure.example.com', path('/app', 'web'))] }, { annotations });

  it('ssl-redirect (on by default): an http request for a host with TLS is sent 308 to https, path and query kept, the port said when not 443', () => {
    const table = tableOf(tlsIngress());
    expect(get(table, 'http://secure.example.com/app/page?x=1', { httpsPort: 8443 })).toEqual({ kind: 'redirect', status: 308, location: 'https://secure.example.com:8443/app/page?x=1' });
    expect(get(table, 'http://secure.example.com/app/page?x=1')).toEqual({ kind: 'redirect', status: 308, location: 'https://secure.example.com/app/page?x=1' });
    expect(get(table, 'https://secure.example.com/app/page?x=1')).toEqual(toService('secure', 'web', '/app/page?x=1'));
  });

  it('drops a trailing slash, as ingress-nginx\'s redirect does, unless preserve-trailing-slash', () => {
    expect(get(tableOf(tlsIngress()), 'http://secure.example.com/app/')).toEqual({ kind: 'redirect', status: 308, location: 'https://secure.example.com/app' });
    expect(get(tableOf(tlsIngress({ 'nginx.ingress.kubernetes.io/preserve-trailing-slash': 'true' })), 'http://secure.example.com/app/'))
      .toEqual({ kind: 'redirect', status: 308, location: 'https://secure.example.com/app/' });
  });

  it('redirects before a path is known to match: the host\'s root follows the annotations of the Ingress that named it', () => {
    expect(get(tableOf(tlsIngress()), 'http://secure.example.com/', { httpsPort: 8443 })).toEqual({ kind: 'redirect', status: 308, location: 'https://secure.example.com:8443' });
    expect(get(tableOf(tlsIngress()), 'https://secure.example.com/')).toEqual({ kind: 'not-found' });
  });

  it('ssl-redirect: "false" serves http too', () => {
    expect(get(tableOf(tlsIngress({ 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' })), 'http://secure.example.com/app')).toEqual(toService('secure', 'web', '/app'));
  });

  it('needs a certificate for the host: none without a TLS section, none for the rules without host', () => {
    const plain = tableOf(ingress('plain', { rules: [rule('plain.example.com', path('/', 'web')), rule(undefined, path('/', 'docs'))] }));
    expect(reached(plain, 'http://plain.example.com/', 'http://localhost/')).toEqual(['web', 'docs']);
    const hostlessTls = tableOf(ingress('hostless', { tls: [{ secretName: 'any-tls' }], rules: [rule(undefined, path('/', 'docs'))] }));
    expect(reached(hostlessTls, 'http://localhost/')).toEqual(['docs']);
  });

  it('counts ingress-nginx\'s default certificate: a host of an Ingress with a TLS section that does not list it is redirected too', () => {
    const table = tableOf(ingress('mixed', { tls: [{ hosts: ['a.example.com'], secretName: 'a-tls' }], rules: [rule('a.example.com', path('/', 'web')), rule('b.example.com', path('/', 'api'))] }));
    expect(get(table, 'http://b.example.com/x')).toEqual({ kind: 'redirect', status: 308, location: 'https://b.example.com/x' });
    expect(tlsSecretFor(table, 'b.example.com')).toBeUndefined();
  });

  it('force-ssl-redirect: "true" redirects without TLS, ssl-redirect notwithstanding', () => {
    const table = tableOf(ingress('forced', { rules: [rule('web.example.com', path('/', 'web')), rule(undefined, path('/', 'docs'))] },
      { annotations: { 'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true', 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } }));
    expect(get(table, 'http://web.example.com/a?b=c', { httpsPort: 8443 })).toEqual({ kind: 'redirect', status: 308, location: 'https://web.example.com:8443/a?b=c' });
    expect(get(table, 'http://localhost/a', { httpsPort: 8443 })).toEqual({ kind: 'redirect', status: 308, location: 'https://localhost:8443/a' });
    expect(get(table, 'https://web.example.com/a')).toEqual(toService('forced', 'web', '/a'));
  });

  it('follows the annotations of the Ingress whose path matched', () => {
    const secure = tlsIngress({}, [{ hosts: ['secure.example.com'], secretName: 'secure-tls' }]);
    const open = ingress('open', { rules: [rule('secure.example.com', path('/public', 'docs'))] }, { age: 5, annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' } });
    const table = tableOf(secure, open);
    expect(reached(table, 'http://secure.example.com/public', 'http://secure.example.com/app')).toEqual(['docs', 'redirect']);
  });
});

describe('the certificate for a host', () => {
  it('is the Secret of the TLS entry listing the host, in the Ingress\'s namespace', () => {
    const table = tableOf(ingress('shop', {
      tls: [{ hosts: ['other.example.com'], secretName: 'other-tls' }, { hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [rule('shop.example.com', path('/', 'web')), rule('other.example.com', path('/', 'web'))],
    }, { namespace: 'store' }));
    expect(tlsSecretFor(table, 'shop.example.com')).toEqual({ namespace: 'store', secretName: 'shop-tls' });
    expect(tlsSecretFor(table, 'Other.Example.com')).toEqual({ namespace: 'store', secretName: 'other-tls' });
    expect(tlsSecretFor(table, 'unknown.example.com')).toBeUndefined();
  });

  it('is that of an entry whose wildcard covers the host by one label, or of an entry without hosts', () => {
    const wildcard = tableOf(ingress('wild', { tls: [{ hosts: ['*.example.com'], secretName: 'wild-tls' }], rules: [rule('a.example.com', path('/', 'web')), rule('a.b.example.com', path('/', 'web'))] }));
    expect(tlsSecretFor(wildcard, 'a.example.com')).toEqual({ namespace: 'default', secretName: 'wild-tls' });
    expect(tlsSecretFor(wildcard, 'a.b.example.com')).toBeUndefined();
    const hostless = tableOf(ingress('any', { tls: [{ secretName: 'any-tls' }], rules: [rule('a.example.com', path('/', 'web')), rule('b.example.com', path('/', 'web'))] }));
    expect([tlsSecretFor(hostless, 'a.example.com'), tlsSecretFor(hostless, 'b.example.com')]).toEqual([{ namespace: 'default', secretName: 'any-tls' }, { namespace: 'default', secretName: 'any-tls' }]);
  });

  it('comes from the oldest Ingress with a TLS section naming the host in a rule', () => {
    const older = ingress('older', { rules: [rule('shop.example.com', path('/', 'web'))] }, { age: 1 });
    const middle = ingress('middle', { tls: [{ hosts: ['shop.example.com'], secretName: 'middle-tls' }], rules: [rule('shop.example.com', path('/b', 'web'))] }, { age: 2 });
    const newer = ingress('newer', { tls: [{ hosts: ['shop.example.com'], secretName: 'newer-tls' }], rules: [rule('shop.example.com', path('/c', 'web'))] }, { age: 3 });
    expect(tlsSecretFor(tableOf(newer, older, middle), 'shop.example.com')).toEqual({ namespace: 'default', secretName: 'middle-tls' });
  });

  it('of a wildcard rule serves the hosts under it, even one with a server of its own and no certificate', () => {
    const table = tableOf(
      ingress('wild', { tls: [{ hosts: ['*.example.com'], secretName: 'wild-tls' }], rules: [rule('*.example.com', path('/', 'web'))] }),
      ingress('plain', { rules: [rule('plain.example.com', path('/', 'api'))] }),
    );
    expect(tlsSecretFor(table, 'x.example.com')).toEqual({ namespace: 'default', secretName: 'wild-tls' });
    expect(tlsSecretFor(table, 'plain.example.com')).toEqual({ namespace: 'default', secretName: 'wild-tls' });
    expect(get(table, 'http://plain.example.com/')).toEqual({ kind: 'redirect', status: 308, location: 'https://plain.example.com' });
  });
});

describe('canary Ingresses', () => {
  it('are served (their status written) but take no traffic: their weights are not modelled', () => {
    const main = ingress('main', { rules: [rule('web.example.com', path('/', 'web'))] }, { age: 2 });
    const canary = ingress('canary', { rules: [rule('web.example.com', path('/', 'api'))] }, { age: 1, annotations: { 'nginx.ingress.kubernetes.io/canary': 'true', 'nginx.ingress.kubernetes.io/canary-weight': '50' } });
    const table = tableOf(main, canary);
    expect(ingressesOfOurs(table)).toEqual(['default/canary', 'default/main']);
    expect(get(table, 'http://web.example.com/')).toEqual(toService('main', 'web', '/'));
    expect(misconfigurations(table)).toEqual([]);
  });
});

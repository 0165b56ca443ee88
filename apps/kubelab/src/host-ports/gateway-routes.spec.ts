import { describe, expect, it } from 'vitest';
import type { EndpointSlice, Namespace, Secret, Service } from '@kubelab/api';
import type {
  Condition, Gateway, GatewayClass, GatewayStatus, GRPCRoute, HTTPBackendRef, HTTPRoute, HTTPRouteFilter, HTTPRouteRule, HTTPRouteStatus, Listener, ParentReference, ReferenceGrant,
} from './gateway-api.js';
import {
  gatewayTable, listenerForHost, routeGatewayRequest, type GatewayDecision, type GatewayInput, type GatewayRequest, type GatewayTable, type ServedListener, type StatusWrite,
} from './gateway-routes.js';

const controllerName = 'kubelab.dev/gateway-controller';
const now = '2026-11-25T21:00:00Z';
const earlier = '2026-11-25T20:00:00Z';
const address = '127.240.0.3';
const group = 'gateway.networking.k8s.io';

const gatewayClass = (name: string, controller = controllerName): GatewayClass => ({
  apiVersion: `${group}/v1`, kind: 'GatewayClass', metadata: { name, generation: 1 }, spec: { controllerName: controller },
});

const http = (extra: Partial<Listener> = {}): Listener => ({ name: 'http', port: 80, protocol: 'HTTP', ...extra });
const https = (extra: Partial<Listener> = {}): Listener => ({ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] }, ...extra });

const gateway = (name: string, listeners: Listener[], options: { namespace?: string; className?: string; generation?: number; status?: GatewayStatus; spec?: Partial<Gateway['spec']> } = {}): Gateway => ({
  apiVersion: `${group}/v1`, kind: 'Gateway',
  metadata: { name, namespace: options.namespace ?? 'infra', generation: options.generation ?? 1 },
  spec: { gatewayClassName: options.className ?? 'kubelab', listeners, ...options.spec },
  ...(options.status ? { status: options.status } : {}),
});

/** An HTTPRoute created `age` seconds into the lab's life (older ones win ties), attached to infra/gw unless told otherwise. */
const route = (name: string, rules: HTTPRouteRule[] | undefined, options: { namespace?: string; hostnames?: string[]; age?: number; parentRefs?: ParentReference[]; status?: HTTPRouteStatus; generation?: number } = {}): HTTPRoute => ({
  apiVersion: `${group}/v1`, kind: 'HTTPRoute',
  metadata: { name, namespace: options.namespace ?? 'infra', generation: options.generation ?? 1, creationTimestamp: `2026-01-01T00:00:${String(options.age ?? 0).padStart(2, '0')}Z` },
  spec: { parentRefs: options.parentRefs ?? [{ name: 'gw', namespace: 'infra' }], ...(options.hostnames ? { hostnames: options.hostnames } : {}), ...(rules ? { rules } : {}) },
  ...(options.status ? { status: options.status } : {}),
});
const to = (name: string, extra: Partial<HTTPBackendRef> = {}): HTTPBackendRef => ({ name, port: 8080, ...extra });
/** A rule sending PathPrefix `path` to `backend`. */
const rule = (path: string, backend: string, extra: Partial<HTTPRouteRule> = {}): HTTPRouteRule => ({ matches: [{ path: { type: 'PathPrefix', value: path } }], backendRefs: [to(backend)], ...extra });

/** Services with port 8080 (named http, target 3000) and 9090 (admin, target 9000), each with one ready pod; infra/empty has none ready. */
const pods: Record<string, string> = { 'infra/web': '10.244.1.2', 'infra/api': '10.244.1.3', 'infra/docs': '10.244.2.4', 'infra/mirror': '10.244.2.5', 'apps/backend': '10.244.3.6' };
const service = (key: string): Service => {
  const [namespace, name] = key.split('/');
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { ports: [{ name: 'http', port: 8080, targetPort: 3000 }, { name: 'admin', port: 9090, targetPort: 9000 }] } };
};
const slice = (key: string, endpoints: { ip: string; ready?: boolean }[]): EndpointSlice => {
  const [namespace, name] = key.split('/');
  return {
    apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
    metadata: { name: `${name}-abcde`, namespace, labels: { 'kubernetes.io/service-name': name } },
    ports: [{ name: 'http', port: 3000, protocol: 'TCP' }, { name: 'admin', port: 9000, protocol: 'TCP' }],
    endpoints: endpoints.map((e) => ({ addresses: [e.ip], nodeName: 'node-1', conditions: { ready: e.ready ?? true } })),
  };
};
const services = [...Object.keys(pods), 'infra/empty'].map(service);
const slices = [...Object.entries(pods).map(([key, ip]) => slice(key, [{ ip }])), slice('infra/empty', [{ ip: '10.244.9.9', ready: false }])];
const namespace = (name: string, labels: Record<string, string> = {}): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } });
const namespaces = [namespace('infra'), namespace('apps', { team: 'apps' }), namespace('other', { team: 'other' })];

const pem = (label: string) => Buffer.from(`-----BEGIN ${label}-----\nMIIBszCCAVmgAwIBAgIUQ\n-----END ${label}-----\n`).toString('base64');
const tlsSecret = (key: string, data: Record<string, string> = { 'tls.crt': pem('CERTIFICATE'), 'tls.key': pem('EC PRIVATE KEY') }, type = 'kubernetes.io/tls'): Secret => {
  const [ns, name] = key.split('/');
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, type, data };
};
const grant = (ns: string, from: { kind: string; namespace: string; group?: string }, toKind: string, name?: string): ReferenceGrant => ({
  apiVersion: `${group}/v1beta1`, kind: 'ReferenceGrant', metadata: { name: `grant-${from.kind.toLowerCase()}`, namespace: ns },
  spec: { from: [{ group: from.group ?? group, kind: from.kind, namespace: from.namespace }], to: [{ group: '', kind: toKind, ...(name ? { name } : {}) }] },
});

const inputOf = (input: Partial<GatewayInput>): GatewayInput => ({
  controllerName, classes: [gatewayClass('kubelab')], gateways: [gateway('gw', [http()])], routes: [], grants: [], services, slices, namespaces,
  secrets: [tlsSecret('infra/cert')], addresses: new Map([['infra/gw', address]]), now, ...input,
});
const tableOf = (input: Partial<GatewayInput>) => gatewayTable(inputOf(input));
/** The table serving `routes` on infra/gw (an HTTP listener on port 80 unless `listeners` says). */
const serving = (routes: HTTPRoute[], listeners?: Listener[]) => tableOf({ routes, ...(listeners ? { gateways: [gateway('gw', listeners)] } : {}) });

/** Sends `url` to the Gateway's address (its port from the URL, HTTPS for https:). */
function send(table: GatewayTable, url: string, options: { method?: string; headers?: GatewayRequest['headers']; random?: () => number } = {}): GatewayDecision {
  const target = new URL(url);
  const tls = target.protocol === 'https:';
  const headers = Object.fromEntries(Object.entries(options.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]));
  return routeGatewayRequest(table, `${address}:${target.port || (tls ? 443 : 80)}`, {
    method: options.method ?? 'GET', host: target.hostname, path: `${target.pathname}${target.search}`, headers: { host: target.host, ...headers }, tls,
  }, options.random ?? (() => 0));
}
/** The name of the Service a decision sends to, or its kind when it sends to none. */
const answerOf = (decision: GatewayDecision) => (decision.kind === 'backend' ? decision.service.replace(/^.*\/(.*):\d+$/, '$1') : decision.kind);
/** Which Service each URL reaches (its name), or the decision's kind when it reaches none. */
const reached = (table: GatewayTable, ...urls: string[]) => urls.map((url) => answerOf(send(table, url)));
const backendOf = (decision: GatewayDecision) => {
  if (decision.kind !== 'backend') throw new Error(`expected a backend, got ${JSON.stringify(decision)}`);
  return decision;
};

const writeOf = (table: GatewayTable, plural: StatusWrite['plural'], name: string, ns = 'infra') => table.statuses.find((w) => w.plural === plural && w.name === name && w.namespace === ns);
const gatewayStatusOf = (table: GatewayTable, name = 'gw') => writeOf(table, 'gateways', name)?.status as unknown as GatewayStatus;
const parentsOf = (table: GatewayTable, name: string, ns = 'infra') => (writeOf(table, 'httproutes', name, ns)?.status as unknown as HTTPRouteStatus).parents;
/** Conditions as `type: 'status reason'`. */
const brief = (conditions: readonly Condition[] | undefined) => Object.fromEntries((conditions ?? []).map((c) => [c.type, `${c.status} ${c.reason}`]));
const listenerOf = (table: GatewayTable, name: string) => gatewayStatusOf(table).listeners!.find((l) => l.name === name)!;
const routeConditions = (table: GatewayTable, name: string, ns = 'infra') => brief(parentsOf(table, name, ns)[0].conditions);

/** mulberry32: a seeded pseudo-random sequence in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('GatewayClass status', () => {
  it('accepts the classes of our controllerName, with observedGeneration and lastTransitionTime, and leaves the others alone', () => {
    const table = tableOf({ classes: [gatewayClass('kubelab'), gatewayClass('envoy', 'gateway.envoyproxy.io/gatewayclass-controller')], gateways: [] });
    expect(table.statuses).toEqual([{
      plural: 'gatewayclasses', namespace: '', name: 'kubelab',
      status: { conditions: [{ type: 'Accepted', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'Accepted', message: 'Valid GatewayClass' }] },
    }]);
  });

  it('writes nothing when the class already has that status', () => {
    const first = tableOf({ gateways: [] });
    const written = { ...gatewayClass('kubelab'), status: first.statuses[0].status as GatewayClass['status'] };
    expect(tableOf({ classes: [written], gateways: [], now: '2026-11-25T22:00:00Z' }).statuses).toEqual([]);
  });
});

describe('Gateway status', () => {
  it('gives a Gateway of ours its address, Accepted, Programmed and one status per listener', () => {
    const table = serving([route('web', [rule('/', 'web')])]);
    expect(gatewayStatusOf(table)).toEqual({
      addresses: [{ type: 'IPAddress', value: address }],
      conditions: [
        { type: 'Accepted', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'Accepted', message: 'Gateway is accepted' },
        { type: 'Programmed', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'Programmed', message: `Listening on ${address}` },
      ],
      listeners: [{
        name: 'http', supportedKinds: [{ group, kind: 'HTTPRoute' }], attachedRoutes: 1,
        conditions: [
          { type: 'Accepted', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'Accepted', message: 'Listener is accepted' },
          { type: 'Programmed', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'Programmed', message: `Listening on ${address}:80` },
          { type: 'ResolvedRefs', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'ResolvedRefs', message: 'All references are resolved' },
          { type: 'Conflicted', status: 'False', observedGeneration: 1, lastTransitionTime: now, reason: 'NoConflicts', message: 'No conflicts' },
        ],
      }],
    });
    expect(table.ports).toEqual(new Map([[`${address}:80`, [{ gateway: 'infra/gw', name: 'http', protocol: 'HTTP', certificates: [] }]]]));
  });

  it('is not Programmed (AddressNotAssigned) and serves nothing until it has an address', () => {
    const table = tableOf({ addresses: new Map() });
    const status = gatewayStatusOf(table);
    expect(status.addresses).toBeUndefined();
    expect(brief(status.conditions)).toEqual({ Accepted: 'True Accepted', Programmed: 'False AddressNotAssigned' });
    expect(brief(status.listeners![0].conditions).Programmed).toBe('False Pending');
    expect(table.ports.size).toBe(0);
  });

  it('writes no status for, and serves nothing of, Gateways of other controllers\' classes or of classes that do not exist', () => {
    const table = tableOf({
      classes: [gatewayClass('kubelab'), gatewayClass('envoy', 'gateway.envoyproxy.io/gatewayclass-controller')],
      gateways: [gateway('theirs', [http()], { className: 'envoy' }), gateway('orphan', [http()], { className: 'missing' })],
      addresses: new Map([['infra/theirs', address], ['infra/orphan', address]]),
    });
    expect(table.statuses.map((w) => w.plural)).toEqual(['gatewayclasses']);
    expect(table.ports.size).toBe(0);
  });

  it.each([
    { protocol: 'TCP' }, { protocol: 'UDP' }, { protocol: 'TLS' }, { protocol: 'example.com/quic' },
  ])('refuses a $protocol listener (UnsupportedProtocol), accepting the Gateway with ListenersNotValid while another listener is valid', ({ protocol }) => {
    const table = tableOf({ gateways: [gateway('gw', [http(), { name: 'other', port: 9000, protocol }])] });
    const status = gatewayStatusOf(table);
    expect(brief(status.conditions)).toEqual({ Accepted: 'True ListenersNotValid', Programmed: 'True Programmed' });
    expect(listenerOf(table, 'other')).toMatchObject({ supportedKinds: [], attachedRoutes: 0 });
    expect(brief(listenerOf(table, 'other').conditions)).toEqual({ Accepted: 'False UnsupportedProtocol', Programmed: 'False Invalid', ResolvedRefs: 'True ResolvedRefs', Conflicted: 'False NoConflicts' });
    expect([...table.ports.keys()]).toEqual([`${address}:80`]);
  });

  it('does not accept a Gateway none of whose listeners is valid, nor program it', () => {
    const table = tableOf({ gateways: [gateway('gw', [{ name: 'tcp', port: 5432, protocol: 'TCP' }])] });
    expect(brief(gatewayStatusOf(table).conditions)).toEqual({ Accepted: 'False ListenersNotValid', Programmed: 'False Invalid' });
    expect(table.ports.size).toBe(0);
  });

  it('does not accept a Gateway whose infrastructure names parameters (InvalidParameters): the lab takes none', () => {
    const table = tableOf({ gateways: [gateway('gw', [http()], { spec: { infrastructure: { parametersRef: { group: 'example.com', kind: 'Config', name: 'big' } } } })] });
    expect(brief(gatewayStatusOf(table).conditions)).toEqual({ Accepted: 'False InvalidParameters', Programmed: 'False Invalid' });
    expect(brief(gatewayStatusOf(table).listeners![0].conditions).Programmed).toBe('False Invalid');
    expect(table.ports.size).toBe(0);
  });

  it.each([
    { kinds: [{ kind: 'InvalidRoute' }], supportedKinds: [], served: [] },
    { kinds: [{ kind: 'InvalidRoute' }, { kind: 'HTTPRoute' }], supportedKinds: [{ group, kind: 'HTTPRoute' }], served: ['web'] },
    { kinds: [{ group: 'example.com', kind: 'HTTPRoute' }], supportedKinds: [], served: [] },
  ])('reports allowedRoutes.kinds it does not take (InvalidRouteKinds), still serving HTTPRoutes when named: $kinds', ({ kinds, supportedKinds, served }) => {
    const table = tableOf({ gateways: [gateway('gw', [http({ allowedRoutes: { kinds } })])], routes: [route('web', [rule('/', 'web')])] });
    expect(listenerOf(table, 'http').supportedKinds).toEqual(supportedKinds);
    expect(brief(listenerOf(table, 'http').conditions).ResolvedRefs).toBe('False InvalidRouteKinds');
    expect(brief(gatewayStatusOf(table).conditions).Accepted).toBe('True ListenersNotValid');
    expect(reached(table, 'http://example.com/').filter((r) => r !== 'not-found')).toEqual(served);
  });

  describe('HTTPS listeners\' certificates', () => {
    const cases: { name: string; listener: Listener; secrets?: Secret[]; grants?: ReferenceGrant[]; resolved: string; certificates: string[] }[] = [
      { name: 'a kubernetes.io/tls Secret of its namespace', listener: https(), resolved: 'True ResolvedRefs', certificates: ['infra/cert'] },
      { name: 'a Secret that does not exist', listener: https({ tls: { certificateRefs: [{ name: 'missing' }] } }), resolved: 'False InvalidCertificateRef', certificates: [] },
      { name: 'a Secret that is not kubernetes.io/tls', listener: https(), secrets: [tlsSecret('infra/cert', undefined, 'Opaque')], resolved: 'False InvalidCertificateRef', certificates: [] },
      {
        name: 'a kubernetes.io/tls Secret without PEM', listener: https(), resolved: 'False InvalidCertificateRef', certificates: [],
        secrets: [tlsSecret('infra/cert', { 'tls.crt': Buffer.from('Hello world\n').toString('base64'), 'tls.key': Buffer.from('Hello world\n').toString('base64') })],
      },
      { name: 'a kind other than Secret', listener: https({ tls: { certificateRefs: [{ kind: 'WrongKind', name: 'cert' }] } }), resolved: 'False InvalidCertificateRef', certificates: [] },
      { name: 'a group other than the core one', listener: https({ tls: { certificateRefs: [{ group: 'wrong.group.company.io', name: 'cert' }] } }), resolved: 'False InvalidCertificateRef', certificates: [] },
      { name: 'no certificateRefs', listener: https({ tls: {} }), resolved: 'False InvalidCertificateRef', certificates: [] },
      { name: 'a Secret of another namespace without a ReferenceGrant', listener: https({ tls: { certificateRefs: [{ name: 'cert', namespace: 'apps' }] } }), secrets: [tlsSecret('apps/cert')], resolved: 'False RefNotPermitted', certificates: [] },
      {
        name: 'a Secret of another namespace a ReferenceGrant from Gateways lets it have', listener: https({ tls: { certificateRefs: [{ name: 'cert', namespace: 'apps' }] } }),
        secrets: [tlsSecret('apps/cert')], grants: [grant('apps', { kind: 'Gateway', namespace: 'infra' }, 'Secret', 'cert')], resolved: 'True ResolvedRefs', certificates: ['apps/cert'],
      },
      {
        name: 'a Secret of another namespace a ReferenceGrant to all its Secrets lets it have', listener: https({ tls: { certificateRefs: [{ name: 'cert', namespace: 'apps' }] } }),
        secrets: [tlsSecret('apps/cert')], grants: [grant('apps', { kind: 'Gateway', namespace: 'infra' }, 'Secret')], resolved: 'True ResolvedRefs', certificates: ['apps/cert'],
      },
      {
        name: 'a Secret of another namespace whose ReferenceGrants name another Secret, another kind, another source kind or namespace',
        listener: https({ tls: { certificateRefs: [{ name: 'cert', namespace: 'apps' }] } }), secrets: [tlsSecret('apps/cert')], resolved: 'False RefNotPermitted', certificates: [],
        grants: [
          grant('apps', { kind: 'Gateway', namespace: 'infra' }, 'Secret', 'other'), grant('apps', { kind: 'Gateway', namespace: 'infra' }, 'Service'),
          grant('apps', { kind: 'HTTPRoute', namespace: 'infra' }, 'Secret'), grant('apps', { kind: 'Gateway', namespace: 'other' }, 'Secret'),
          grant('apps', { kind: 'Gateway', namespace: 'infra', group: 'not-the-group' }, 'Secret'), grant('other', { kind: 'Gateway', namespace: 'infra' }, 'Secret'),
        ],
      },
      {
        name: 'a Secret the ReferenceGrant does not permit, though it does not exist either (RefNotPermitted first)',
        listener: https({ tls: { certificateRefs: [{ name: 'missing', namespace: 'apps' }] } }), resolved: 'False RefNotPermitted', certificates: [],
      },
    ];
    it.each(cases)('$name: ResolvedRefs $resolved', ({ listener, secrets, grants, resolved, certificates }) => {
      const table = tableOf({ gateways: [gateway('gw', [listener])], ...(secrets ? { secrets } : {}), ...(grants ? { grants } : {}) });
      const conditions = brief(listenerOf(table, 'https').conditions);
      expect(conditions.ResolvedRefs).toBe(resolved);
      expect(conditions.Accepted).toBe('True Accepted');
      expect(conditions.Programmed).toBe(certificates.length ? 'True Programmed' : 'False Invalid');
      expect(table.ports.get(`${address}:443`) ?? []).toEqual(certificates.length ? [{ gateway: 'infra/gw', name: 'https', protocol: 'HTTPS', certificates }] : []);
    });

    it('refuses an HTTPS listener that would pass TLS through, or validate client certificates (UnsupportedValue)', () => {
      const passthrough = tableOf({ gateways: [gateway('gw', [https({ tls: { mode: 'Passthrough' } })])] });
      expect(brief(listenerOf(passthrough, 'https').conditions).Accepted).toBe('False UnsupportedValue');
      const validating = tableOf({ gateways: [gateway('gw', [https()], { spec: { tls: { frontend: { default: { validation: { caCertificateRefs: [{ group: '', kind: 'ConfigMap', name: 'ca' }] } } } } } })] });
      expect(brief(listenerOf(validating, 'https').conditions).Accepted).toBe('False UnsupportedValue');
    });

    it('marks HTTPS listeners of one port whose hostnames overlap (OverlappingTLSConfig), only when they do', () => {
      const secrets = [tlsSecret('infra/cert')];
      const table = tableOf({
        secrets, gateways: [gateway('gw', [
          https({ name: 'a', hostname: 'foo.example.com' }), https({ name: 'b', hostname: 'foo.example.org' }), https({ name: 'c', hostname: '*.example.com' }),
          https({ name: 'd', port: 8443, hostname: 'bar.example.com' }),
        ])],
      });
      expect(['a', 'b', 'c', 'd'].map((name) => brief(listenerOf(table, name).conditions).OverlappingTLSConfig)).toEqual(['True OverlappingHostnames', undefined, 'True OverlappingHostnames', undefined]);
      expect(table.ports.get(`${address}:443`)?.map((l) => l.name)).toEqual(['a', 'b', 'c']);
    });
  });

  describe('listener conflicts', () => {
    const cases: { name: string; listeners: Listener[]; conflicted: Record<string, string> }[] = [
      {
        name: 'HTTP listeners of one port with different hostnames are distinct',
        listeners: [http({ name: 'a', hostname: 'a.example.com' }), http({ name: 'b', hostname: 'b.example.com' }), http({ name: 'c' })],
        conflicted: { a: 'False NoConflicts', b: 'False NoConflicts', c: 'False NoConflicts' },
      },
      {
        name: 'HTTP listeners of one port with the same hostname conflict, all of them',
        listeners: [http({ name: 'a', hostname: 'a.example.com' }), http({ name: 'b', hostname: 'a.example.com' }), http({ name: 'c', hostname: 'c.example.com' })],
        conflicted: { a: 'True HostnameConflict', b: 'True HostnameConflict', c: 'False NoConflicts' },
      },
      {
        name: 'listeners without hostname on one port conflict',
        listeners: [http({ name: 'a' }), http({ name: 'b' }), http({ name: 'c', port: 8080 })],
        conflicted: { a: 'True HostnameConflict', b: 'True HostnameConflict', c: 'False NoConflicts' },
      },
      {
        name: 'HTTP and HTTPS on one port conflict by protocol, whatever their hostnames',
        listeners: [http({ name: 'a', hostname: 'a.example.com' }), https({ name: 'b', port: 80, hostname: 'b.example.com' }), https({ name: 'c' })],
        conflicted: { a: 'True ProtocolConflict', b: 'True ProtocolConflict', c: 'False NoConflicts' },
      },
      {
        name: 'a listener of a protocol the lab does not serve conflicts with none',
        listeners: [http({ name: 'a' }), { name: 'b', port: 80, protocol: 'TCP' }],
        conflicted: { a: 'False NoConflicts', b: 'False NoConflicts' },
      },
    ];
    it.each(cases)('$name', ({ listeners, conflicted }) => {
      const table = tableOf({ gateways: [gateway('gw', listeners)] });
      const got = Object.fromEntries(listeners.map((l) => [l.name, brief(listenerOf(table, l.name).conditions).Conflicted]));
      expect(got).toEqual(conflicted);
      for (const l of listeners.filter((l) => conflicted[l.name].startsWith('True'))) {
        expect(brief(listenerOf(table, l.name).conditions)).toMatchObject({ Accepted: `False ${conflicted[l.name].slice(5)}`, Programmed: 'False Invalid' });
      }
      const served = [...table.ports.values()].flat().map((l) => l.name).sort();
      expect(served).toEqual(listeners.filter((l) => conflicted[l.name] === 'False NoConflicts' && l.protocol !== 'TCP').map((l) => l.name).sort());
    });
  });

  describe('conditions over time', () => {
    it('keeps a condition\'s lastTransitionTime while its status and reason stay, and writes nothing when nothing changed', () => {
      const first = tableOf({ addresses: new Map() });
      const written = gateway('gw', [http()], { status: gatewayStatusOf(first) });
      const later = '2026-11-25T22:00:00Z';
      expect(tableOf({ gateways: [written], addresses: new Map(), now: later }).statuses.filter((w) => w.plural === 'gateways')).toEqual([]);
      const programmed = gatewayStatusOf(tableOf({ gateways: [written], now: later }));
      const byType = Object.fromEntries(programmed.conditions!.map((c) => [c.type, c.lastTransitionTime]));
      expect(byType).toEqual({ Accepted: now, Programmed: later });
      expect(programmed.listeners![0].conditions.map((c) => c.lastTransitionTime)).toEqual([now, later, now, now]);
    });

    it('records the generation it observed', () => {
      const table = tableOf({ gateways: [gateway('gw', [http()], { generation: 7 })] });
      expect(gatewayStatusOf(table).conditions!.map((c) => c.observedGeneration)).toEqual([7, 7]);
      expect(gatewayStatusOf(table).listeners![0].conditions.every((c) => c.observedGeneration === 7)).toBe(true);
    });

    it('starts a new transition when only the reason changes', () => {
      const written = gateway('gw', [http()], { status: { conditions: [{ type: 'Accepted', status: 'True', reason: 'ListenersNotValid', message: '', lastTransitionTime: earlier }] } });
      expect(gatewayStatusOf(tableOf({ gateways: [written] })).conditions![0]).toMatchObject({ reason: 'Accepted', lastTransitionTime: now });
      const same = gateway('gw', [http()], { status: { conditions: [{ type: 'Accepted', status: 'True', reason: 'Accepted', message: 'old', lastTransitionTime: earlier }] } });
      expect(gatewayStatusOf(tableOf({ gateways: [same] })).conditions![0]).toMatchObject({ reason: 'Accepted', message: 'Gateway is accepted', lastTransitionTime: earlier });
    });
  });
});

describe('HTTPRoute status', () => {
  it('writes one parent entry per parentRef naming a Gateway of ours, the parentRef as the route gives it', () => {
    const table = serving([route('web', [rule('/', 'web')], { parentRefs: [{ name: 'gw' }] })]);
    expect(writeOf(table, 'httproutes', 'web')?.status).toEqual({
      parents: [{
        parentRef: { name: 'gw' }, controllerName,
        conditions: [
          { type: 'Accepted', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'Accepted', message: 'Route is accepted' },
          { type: 'ResolvedRefs', status: 'True', observedGeneration: 1, lastTransitionTime: now, reason: 'ResolvedRefs', message: 'All references are resolved' },
        ],
      }],
    });
  });

  it('keeps the entries of other controllers, drops ours for parentRefs gone, and writes nothing for routes of no Gateway of ours', () => {
    const theirs = { parentRef: { name: 'envoy-gw' }, controllerName: 'gateway.envoyproxy.io/gatewayclass-controller', conditions: [] };
    const stale = { parentRef: { name: 'old' }, controllerName, conditions: [] };
    const table = tableOf({
      classes: [gatewayClass('kubelab'), gatewayClass('envoy', theirs.controllerName)],
      gateways: [gateway('gw', [http()]), gateway('envoy-gw', [http()], { className: 'envoy' })],
      routes: [
        route('both', [rule('/', 'web')], { parentRefs: [{ name: 'envoy-gw' }, { name: 'gw' }], status: { parents: [theirs, stale] } }),
        route('left', [rule('/', 'web')], { parentRefs: [{ name: 'envoy-gw' }], status: { parents: [theirs, stale] } }),
        route('foreign', [rule('/', 'web')], { parentRefs: [{ name: 'envoy-gw' }], status: { parents: [theirs] } }),
        route('unknown', [rule('/', 'web')], { parentRefs: [{ name: 'nowhere' }, { name: 'gw', kind: 'Service', group: '' }] }),
      ],
    });
    expect(parentsOf(table, 'both').map((p) => [p.parentRef.name, p.controllerName])).toEqual([['envoy-gw', theirs.controllerName], ['gw', controllerName]]);
    expect(parentsOf(table, 'left')).toEqual([theirs]);
    expect(writeOf(table, 'httproutes', 'foreign')).toBeUndefined();
    expect(writeOf(table, 'httproutes', 'unknown')).toBeUndefined();
  });

  it('writes nothing when the route already has that status, keeping lastTransitionTime', () => {
    const first = serving([route('web', [rule('/', 'web')])]);
    const written = route('web', [rule('/', 'web')], { status: writeOf(first, 'httproutes', 'web')!.status as unknown as HTTPRouteStatus });
    expect(writeOf(tableOf({ routes: [written], now: '2026-11-25T22:00:00Z' }), 'httproutes', 'web')).toBeUndefined();
  });

  describe('Accepted, by the listeners a parentRef attaches to', () => {
    const listeners = [http(), http({ name: 'alt', port: 8080 }), { name: 'tls', port: 443, protocol: 'TLS', allowedRoutes: { kinds: [{ kind: 'TLSRoute' }] } }];
    const cases: { name: string; parentRef: ParentReference; routeNamespace?: string; hostnames?: string[]; accepted: string; attached: Record<string, number> }[] = [
      { name: 'the whole Gateway', parentRef: { name: 'gw', namespace: 'infra' }, accepted: 'True Accepted', attached: { http: 1, alt: 1, tls: 0 } },
      { name: 'a listener by sectionName', parentRef: { name: 'gw', sectionName: 'alt' }, accepted: 'True Accepted', attached: { http: 0, alt: 1, tls: 0 } },
      { name: 'listeners by port', parentRef: { name: 'gw', port: 80 }, accepted: 'True Accepted', attached: { http: 1, alt: 0, tls: 0 } },
      { name: 'a sectionName no listener has', parentRef: { name: 'gw', sectionName: 'nope' }, accepted: 'False NoMatchingParent', attached: { http: 0, alt: 0, tls: 0 } },
      { name: 'a port no listener has', parentRef: { name: 'gw', port: 81 }, accepted: 'False NoMatchingParent', attached: { http: 0, alt: 0, tls: 0 } },
      { name: 'a sectionName whose listener has another port', parentRef: { name: 'gw', sectionName: 'http', port: 8080 }, accepted: 'False NoMatchingParent', attached: { http: 0, alt: 0, tls: 0 } },
      { name: 'a listener that takes only TLSRoutes', parentRef: { name: 'gw', sectionName: 'tls' }, accepted: 'False NotAllowedByListeners', attached: { http: 0, alt: 0, tls: 0 } },
      { name: 'from another namespace, to listeners of the Same one', parentRef: { name: 'gw', namespace: 'infra' }, routeNamespace: 'apps', accepted: 'False NotAllowedByListeners', attached: { http: 0, alt: 0, tls: 0 } },
      { name: 'hostnames of its own, to listeners without one', parentRef: { name: 'gw' }, hostnames: ['a.example.com'], accepted: 'True Accepted', attached: { http: 1, alt: 1, tls: 0 } },
    ];
    it.each(cases)('$name: $accepted', ({ parentRef, routeNamespace, hostnames, accepted, attached }) => {
      const table = tableOf({ gateways: [gateway('gw', listeners)], routes: [route('web', [rule('/', 'web')], { parentRefs: [parentRef], ...(routeNamespace ? { namespace: routeNamespace } : {}), ...(hostnames ? { hostnames } : {}) })] });
      expect(routeConditions(table, 'web', routeNamespace).Accepted).toBe(accepted);
      expect(Object.fromEntries(listeners.map((l) => [l.name, listenerOf(table, l.name).attachedRoutes]))).toEqual(attached);
    });

    it('refuses a route no listener\'s hostname intersects (NoMatchingListenerHostname)', () => {
      const table = tableOf({ gateways: [gateway('gw', [http({ hostname: 'very.specific.com' }), http({ name: 'wild', hostname: '*.wildcard.io' })])], routes: [route('web', [rule('/', 'web')], { hostnames: ['specific.but.wrong.com', 'wildcard.io'] })] });
      expect(routeConditions(table, 'web').Accepted).toBe('False NoMatchingListenerHostname');
      expect(send(table, 'http://wildcard.io/')).toEqual({ kind: 'not-found' });
    });

    it('counts a route once on a listener two of its parentRefs attach it to', () => {
      const table = tableOf({ routes: [route('web', [rule('/', 'web')], { parentRefs: [{ name: 'gw', sectionName: 'http' }, { name: 'gw', port: 80 }] })] });
      expect(listenerOf(table, 'http').attachedRoutes).toBe(1);
      expect(parentsOf(table, 'web').map((p) => brief(p.conditions).Accepted)).toEqual(['True Accepted', 'True Accepted']);
    });
  });

  describe('allowedRoutes.namespaces', () => {
    const cases: { from: Listener['allowedRoutes']; accepted: Record<string, string> }[] = [
      { from: undefined, accepted: { infra: 'True Accepted', apps: 'False NotAllowedByListeners', other: 'False NotAllowedByListeners' } },
      { from: { namespaces: { from: 'Same' } }, accepted: { infra: 'True Accepted', apps: 'False NotAllowedByListeners', other: 'False NotAllowedByListeners' } },
      { from: { namespaces: { from: 'All' } }, accepted: { infra: 'True Accepted', apps: 'True Accepted', other: 'True Accepted' } },
      { from: { namespaces: { from: 'Selector', selector: { matchLabels: { team: 'apps' } } } }, accepted: { infra: 'False NotAllowedByListeners', apps: 'True Accepted', other: 'False NotAllowedByListeners' } },
      { from: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'Exists' }] } } }, accepted: { infra: 'False NotAllowedByListeners', apps: 'True Accepted', other: 'True Accepted' } },
      { from: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'NotIn', values: ['apps'] }] } } }, accepted: { infra: 'True Accepted', apps: 'False NotAllowedByListeners', other: 'True Accepted' } },
      { from: { namespaces: { from: 'Selector', selector: { matchExpressions: [{ key: 'team', operator: 'Bogus' }] } } }, accepted: { infra: 'False NotAllowedByListeners', apps: 'False NotAllowedByListeners', other: 'False NotAllowedByListeners' } },
      { from: { namespaces: { from: 'Selector' } }, accepted: { infra: 'False NotAllowedByListeners', apps: 'False NotAllowedByListeners', other: 'False NotAllowedByListeners' } },
    ];
    it.each(cases)('$from', ({ from, accepted }) => {
      const routes = ['infra', 'apps', 'other'].map((ns) => route('web', [rule('/', 'web')], { namespace: ns, parentRefs: [{ name: 'gw', namespace: 'infra' }] }));
      const table = tableOf({ gateways: [gateway('gw', [http(from ? { allowedRoutes: from } : {})])], routes });
      expect(Object.fromEntries(['infra', 'apps', 'other'].map((ns) => [ns, routeConditions(table, 'web', ns).Accepted]))).toEqual(accepted);
      expect(listenerOf(table, 'http').attachedRoutes).toBe(Object.values(accepted).filter((a) => a.startsWith('True')).length);
    });
  });

  describe('ResolvedRefs, by the route\'s backendRefs', () => {
    const cases: { name: string; ref: HTTPBackendRef; grants?: ReferenceGrant[]; resolved: string; answer: string }[] = [
      { name: 'a Service port of its namespace', ref: to('web'), resolved: 'True ResolvedRefs', answer: 'web' },
      { name: 'a Service that does not exist', ref: to('nonexistent'), resolved: 'False BackendNotFound', answer: 'invalid-backend' },
      { name: 'a port the Service does not have', ref: to('web', { port: 8081 }), resolved: 'False BackendNotFound', answer: 'invalid-backend' },
      { name: 'a Service without a port', ref: { name: 'web' }, resolved: 'False BackendNotFound', answer: 'invalid-backend' },
      { name: 'a kind other than Service', ref: to('web', { group: 'unknownkind.example.com', kind: 'NonExistent' }), resolved: 'False InvalidKind', answer: 'invalid-backend' },
      { name: 'a Service of the core group written out', ref: to('web', { group: '', kind: 'Service' }), resolved: 'True ResolvedRefs', answer: 'web' },
      { name: 'another namespace\'s Service without a ReferenceGrant', ref: to('backend', { namespace: 'apps' }), resolved: 'False RefNotPermitted', answer: 'invalid-backend' },
      {
        name: 'another namespace\'s Service with a ReferenceGrant for it', ref: to('backend', { namespace: 'apps' }),
        grants: [grant('apps', { kind: 'HTTPRoute', namespace: 'infra' }, 'Service', 'backend')], resolved: 'True ResolvedRefs', answer: 'backend',
      },
      {
        name: 'another namespace\'s Service with a ReferenceGrant for all its Services', ref: to('backend', { namespace: 'apps' }),
        grants: [grant('apps', { kind: 'HTTPRoute', namespace: 'infra' }, 'Service')], resolved: 'True ResolvedRefs', answer: 'backend',
      },
      {
        name: 'another namespace\'s Service whose ReferenceGrant names another Service', ref: to('backend', { namespace: 'apps' }),
        grants: [grant('apps', { kind: 'HTTPRoute', namespace: 'infra' }, 'Service', 'other')], resolved: 'False RefNotPermitted', answer: 'invalid-backend',
      },
      {
        name: 'another namespace\'s Service whose ReferenceGrant is for Gateways', ref: to('backend', { namespace: 'apps' }),
        grants: [grant('apps', { kind: 'Gateway', namespace: 'infra' }, 'Service')], resolved: 'False RefNotPermitted', answer: 'invalid-backend',
      },
    ];
    it.each(cases)('$name: $resolved', ({ ref, grants, resolved, answer }) => {
      const table = tableOf({ routes: [route('web', [{ backendRefs: [ref] }])], ...(grants ? { grants } : {}) });
      expect(routeConditions(table, 'web')).toEqual({ Accepted: 'True Accepted', ResolvedRefs: resolved });
      expect(reached(table, 'http://example.com/')).toEqual([answer]);
    });

    it('answers 500 only for the rule whose backend is not permitted, its sibling rule served', () => {
      const grants = [grant('apps', { kind: 'HTTPRoute', namespace: 'infra' }, 'Service', 'backend')];
      const table = tableOf({ grants, routes: [route('web', [rule('/v2', 'web', { backendRefs: [to('secret', { namespace: 'apps' })] }), { backendRefs: [to('backend', { namespace: 'apps' })] }])] });
      expect(routeConditions(table, 'web').ResolvedRefs).toBe('False RefNotPermitted');
      expect(reached(table, 'http://example.com/v2', 'http://example.com/')).toEqual(['invalid-backend', 'backend']);
    });

    it('resolves RequestMirror backendRefs too, and reports an ExtensionRef filter (InvalidKind), answering 500 for its rule', () => {
      const mirrorTo = (name: string): HTTPRouteFilter => ({ type: 'RequestMirror', requestMirror: { backendRef: to(name) } });
      const mirrored = tableOf({ routes: [route('web', [rule('/', 'web', { filters: [mirrorTo('nonexistent')] })])] });
      expect(routeConditions(mirrored, 'web').ResolvedRefs).toBe('False BackendNotFound');
      expect(backendOf(send(mirrored, 'http://example.com/')).mirrors).toEqual([]);
      const extended = tableOf({ routes: [route('web', [rule('/', 'web', { filters: [{ type: 'ExtensionRef', extensionRef: { group: 'example.com', kind: 'Auth', name: 'a' } }] })])] });
      expect(routeConditions(extended, 'web').ResolvedRefs).toBe('False InvalidKind');
      expect(send(extended, 'http://example.com/')).toEqual({ kind: 'invalid-backend', route: 'infra/web' });
    });
  });

  describe('rules the lab cannot implement', () => {
    const bad: { name: string; rule: HTTPRouteRule; reason: string }[] = [
      { name: 'an unknown path match type', rule: { matches: [{ path: { type: 'Glob' as 'Exact', value: '/*' } }], backendRefs: [to('web')] }, reason: 'UnsupportedValue' },
      { name: 'an unknown header match type', rule: { matches: [{ headers: [{ type: 'Prefix' as 'Exact', name: 'x', value: 'y' }] }], backendRefs: [to('web')] }, reason: 'UnsupportedValue' },
      { name: 'an invalid regular expression', rule: { matches: [{ path: { type: 'RegularExpression', value: '/(' } }], backendRefs: [to('web')] }, reason: 'UnsupportedValue' },
      { name: 'an unknown method', rule: { matches: [{ method: 'BREW' as 'GET' }], backendRefs: [to('web')] }, reason: 'UnsupportedValue' },
      { name: 'an unknown filter type', rule: { filters: [{ type: 'Teapot' as 'CORS' }], backendRefs: [to('web')] }, reason: 'UnsupportedValue' },
      { name: 'CORS', rule: { filters: [{ type: 'CORS', cors: { allowOrigins: ['*'] } }], backendRefs: [to('web')] }, reason: 'IncompatibleFilters' },
      {
        name: 'RequestRedirect with URLRewrite',
        rule: { filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'a.example.com' } }, { type: 'URLRewrite', urlRewrite: { hostname: 'b.example.com' } }], backendRefs: [to('web')] }, reason: 'IncompatibleFilters',
      },
      { name: 'a filter given twice', rule: { filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: {} }, { type: 'RequestHeaderModifier', requestHeaderModifier: {} }], backendRefs: [to('web')] }, reason: 'IncompatibleFilters' },
      {
        name: 'ReplacePrefixMatch with an Exact match',
        rule: { matches: [{ path: { type: 'Exact', value: '/a' } }], filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/b' } } }], backendRefs: [to('web')] }, reason: 'UnsupportedValue',
      },
      { name: 'a redirect status code out of the enum', rule: { filters: [{ type: 'RequestRedirect', requestRedirect: { statusCode: 305 } }] }, reason: 'UnsupportedValue' },
      { name: 'a redirect scheme out of the enum', rule: { filters: [{ type: 'RequestRedirect', requestRedirect: { scheme: 'ftp' as 'http' } }] }, reason: 'UnsupportedValue' },
      { name: 'an unknown path modifier type', rule: { filters: [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplaceRegex' as 'ReplaceFullPath' } } }], backendRefs: [to('web')] }, reason: 'UnsupportedValue' },
    ];
    it.each(bad)('drops a rule with $name ($reason), keeping the others (PartiallyInvalid)', ({ rule: badRule, reason }) => {
      const table = serving([route('web', [{ ...badRule, matches: badRule.matches ?? [{ path: { type: 'PathPrefix', value: '/bad' } }] }, rule('/', 'api')])]);
      const parent = parentsOf(table, 'web')[0];
      expect(brief(parent.conditions)).toEqual({ Accepted: 'True Accepted', ResolvedRefs: 'True ResolvedRefs', PartiallyInvalid: `True ${reason}` });
      expect(parent.conditions!.find((c) => c.type === 'PartiallyInvalid')!.message).toMatch(/^Dropped Rule 0: /);
      expect(reached(table, 'http://example.com/bad', 'http://example.com/a')).toEqual(['api', 'api']);
    });

    it('does not accept a route whose every rule is dropped, though it still counts as attached', () => {
      const table = serving([route('web', [bad[0].rule])]);
      expect(routeConditions(table, 'web')).toEqual({ Accepted: 'False UnsupportedValue', ResolvedRefs: 'True ResolvedRefs' });
      expect(listenerOf(table, 'http').attachedRoutes).toBe(1);
      expect(reached(table, 'http://example.com/')).toEqual(['not-found']);
    });
  });
});

describe('hostnames', () => {
  describe('a route\'s hostnames intersected with its listeners\' (conformance HTTPRouteHostnameIntersection)', () => {
    const listeners = [http({ name: 'listener-1', hostname: 'very.specific.com' }), http({ name: 'listener-2', hostname: '*.wildcard.io' }), http({ name: 'listener-3', hostname: '*.anotherwildcard.io' })];
    const routes = [
      route('s1', [rule('/s1', 'web')], { hostnames: ['non.matching.com', '*.nonmatchingwildcard.io', 'very.specific.com'] }),
      route('s2', [rule('/s2', 'api')], { hostnames: ['non.matching.com', 'wildcard.io', 'foo.wildcard.io', 'bar.wildcard.io', 'foo.bar.wildcard.io'] }),
      route('s3', [rule('/s3', 'docs')], { hostnames: ['non.matching.com', '*.specific.com'] }),
      route('s4', [rule('/s4', 'mirror')], { hostnames: ['*.anotherwildcard.io'] }),
    ];
    const table = serving(routes, listeners);
    it.each([
      ['http://very.specific.com/s1', 'web'], ['http://non.matching.com/s1', 'not-found'], ['http://foo.nonmatchingwildcard.io/s1', 'not-found'],
      ['http://foo.wildcard.io/s1', 'not-found'], ['http://very.specific.com/non-matching-prefix', 'not-found'],
      ['http://foo.wildcard.io/s2', 'api'], ['http://bar.wildcard.io/s2', 'api'], ['http://foo.bar.wildcard.io/s2', 'api'], ['http://wildcard.io/s2', 'not-found'], ['http://very.specific.com/s2', 'not-found'],
      ['http://very.specific.com/s3', 'docs'], ['http://foo.specific.com/s3', 'not-found'], ['http://foo.wildcard.io/s3', 'not-found'],
      ['http://foo.anotherwildcard.io/s4', 'mirror'], ['http://foo.bar.anotherwildcard.io/s4', 'mirror'], ['http://anotherwildcard.io/s4', 'not-found'], ['http://foo.wildcard.io/s4', 'not-found'],
    ])('%s → %s', (url, answer) => {
      expect(reached(table, url)).toEqual([answer]);
    });

    it('attaches each route to the listeners it intersects', () => {
      expect(listeners.map((l) => listenerOf(table, l.name).attachedRoutes)).toEqual([2, 1, 1]);
    });
  });

  it('ignores the port of the Host header', () => {
    const table = serving([route('web', [rule('/', 'web')], { hostnames: ['very.specific.com'] })]);
    const decision = routeGatewayRequest(table, `${address}:80`, { method: 'GET', host: 'very.specific.com', path: '/', headers: { host: 'very.specific.com:1234' }, tls: false }, () => 0);
    expect(backendOf(decision).host).toBe('very.specific.com:1234');
  });

  it.each([
    { listener: undefined, hostnames: ['first.com', 'sub.first.com'], hosts: { 'first.com': 'web', 'sub.first.com': 'web', 'third.com': 'not-found' } },
    { listener: 'foo.example.com', hostnames: undefined, hosts: { 'foo.example.com': 'web', 'bar.example.com': 'not-found' } },
    { listener: '*.example.com', hostnames: ['*.foo.example.com'], hosts: { 'a.foo.example.com': 'web', 'foo.example.com': 'not-found', 'a.example.com': 'not-found' } },
    { listener: '*.foo.example.com', hostnames: ['*.example.com'], hosts: { 'a.foo.example.com': 'web', 'a.example.com': 'not-found' } },
    { listener: 'a.example.com', hostnames: ['*.example.com'], hosts: { 'a.example.com': 'web', 'b.example.com': 'not-found' } },
    { listener: '*.example.com', hostnames: ['example.com', 'a.example.com'], hosts: { 'a.example.com': 'web', 'example.com': 'not-found' } },
  ])('listener $listener, route $hostnames', ({ listener, hostnames, hosts }) => {
    const table = serving([route('web', [rule('/', 'web')], hostnames ? { hostnames } : {})], [http(listener ? { hostname: listener } : {})]);
    expect(Object.fromEntries(Object.keys(hosts).map((host) => [host, reached(table, `http://${host}/`)[0]]))).toEqual(hosts);
  });

  it('sends a request only to the listener naming its host most closely: exact, then the longer wildcard, then none (listener isolation)', () => {
    const listeners = [http({ name: 'any' }), http({ name: 'wild', hostname: '*.example.com' }), http({ name: 'wilder', hostname: '*.foo.example.com' }), http({ name: 'exact', hostname: 'bar.foo.example.com' })];
    const routes = listeners.map((l, i) => route(l.name, [rule('/', ['web', 'api', 'docs', 'mirror'][i])], { parentRefs: [{ name: 'gw', sectionName: l.name }] }));
    routes.push(route('only-any', [rule('/only', 'web')], { parentRefs: [{ name: 'gw', sectionName: 'any' }] }));
    const table = serving(routes, listeners);
    expect(reached(table, 'http://bar.foo.example.com/', 'http://baz.foo.example.com/', 'http://baz.example.com/', 'http://example.com/', 'http://baz.example.com/only'))
      .toEqual(['mirror', 'docs', 'api', 'web', 'api']);
    const served = table.ports.get(`${address}:80`)!;
    expect(['bar.foo.example.com', 'x.foo.example.com', 'x.example.com', 'example.org'].map((host) => listenerForHost(served, host)?.name)).toEqual(['exact', 'wilder', 'wild', 'any']);
  });

  it('finds no listener for a host none names', () => {
    const served: ServedListener[] = [{ gateway: 'infra/gw', name: 'a', protocol: 'HTTPS', hostname: '*.example.com', certificates: [] }];
    expect(listenerForHost(served, 'example.com')).toBeUndefined();
  });
});

describe('which rule a request matches', () => {
  it('orders path matches as the spec does (conformance HTTPRoutePathMatchOrder)', () => {
    const exact = (value: string, backend: string): HTTPRouteRule => ({ matches: [{ path: { type: 'Exact', value } }], backendRefs: [to(backend)] });
    const table = serving([route('order', [exact('/match', 'web'), exact('/match/exact', 'api'), exact('/match/exact/one', 'docs'), rule('/match/', 'docs'), rule('/match/prefix/', 'web'), rule('/match/prefix/one', 'api')])]);
    expect(reached(table, 'http://example.com/match/exact/one', 'http://example.com/match/exact', 'http://example.com/match', 'http://example.com/match/prefix/one/any', 'http://example.com/match/prefix/any', 'http://example.com/match/any'))
      .toEqual(['docs', 'api', 'web', 'api', 'web', 'docs']);
  });

  it.each([
    ['Exact: the whole path, case-sensitive', { type: 'Exact', value: '/foo' }, { '/foo': true, '/foo/': false, '/Foo': false, '/foo/bar': false, '/foo?x=1': true }],
    ['PathPrefix: by elements, a trailing / ignored', { type: 'PathPrefix', value: '/foo' }, { '/foo': true, '/foo/': true, '/foo/bar': true, '/foobar': false, '/Foo': false }],
    ['PathPrefix with a trailing /', { type: 'PathPrefix', value: '/foo/' }, { '/foo': true, '/foo/bar': true, '/foobar': false }],
    ['PathPrefix /: every path', { type: 'PathPrefix', value: '/' }, { '/': true, '/a/b': true }],
    ['RegularExpression: the whole path', { type: 'RegularExpression', value: '/v[0-9]+/.*' }, { '/v1/users': true, '/v12/': true, '/api/v1/users': false, '/v1': false }],
  ] as const)('%s', (_, path, expected) => {
    const table = serving([route('web', [{ matches: [{ path }], backendRefs: [to('web')] }])]);
    expect(Object.fromEntries(Object.keys(expected).map((p) => [p, reached(table, `http://example.com${p}`)[0] === 'web']))).toEqual(expected);
  });

  it('matches every request for a rule without matches, or a match without a path', () => {
    const table = serving([route('a', [{ backendRefs: [to('web')] }]), route('b', [{ matches: [{ method: 'POST' }], backendRefs: [to('api')] }], { age: 1 })]);
    expect(reached(table, 'http://example.com/anything')).toEqual(['web']);
    expect(backendOf(send(table, 'http://example.com/x', { method: 'POST' })).service).toBe('infra/api:8080');
  });

  it('serves a route without rules as the CRD defaults it: every request, no backend (500)', () => {
    expect(reached(serving([route('web', undefined)]), 'http://example.com/x')).toEqual(['invalid-backend']);
  });

  it('matches headers by name case-insensitively (the first entry of a name only), values exactly or by regular expression', () => {
    const table = serving([route('web', [
      { matches: [{ headers: [{ name: 'Version', value: 'one' }, { name: 'version', value: 'ignored' }] }], backendRefs: [to('web')] },
      { matches: [{ headers: [{ name: 'x-env', type: 'RegularExpression', value: 'prod-[a-z]+' }] }], backendRefs: [to('api')] },
    ])]);
    const sent = [{ version: 'one' }, { VERSION: 'one' }, { version: 'One' }, { 'x-env': 'prod-eu' }, { 'x-env': 'prod-eu1' }, { 'x-env': 'my-prod-eu' }, {}];
    expect(sent.map((headers) => answerOf(send(table, 'http://example.com/', { headers })))).toEqual(['web', 'web', 'not-found', 'api', 'not-found', 'not-found', 'not-found']);
  });

  it('matches query parameters by exact name, the first value, exactly or by regular expression', () => {
    const table = serving([route('web', [
      { matches: [{ queryParams: [{ name: 'animal', value: 'whale' }] }], backendRefs: [to('web')] },
      { matches: [{ queryParams: [{ name: 'color', type: 'RegularExpression', value: 'bl(ue|ack)' }] }], backendRefs: [to('api')] },
    ])]);
    expect(reached(table, 'http://example.com/?animal=whale', 'http://example.com/?animal=dolphin&animal=whale', 'http://example.com/?ANIMAL=whale', 'http://example.com/?color=blue', 'http://example.com/?color=blues', 'http://example.com/'))
      .toEqual(['web', 'not-found', 'not-found', 'api', 'not-found', 'not-found']);
  });

  it('matches methods (conformance HTTPRouteMethodMatching)', () => {
    const table = serving([route('method', [
      { matches: [{ method: 'POST' }], backendRefs: [to('web')] },
      { matches: [{ method: 'GET' }], backendRefs: [to('api')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/path1' }, method: 'GET' }], backendRefs: [to('web')] },
      { matches: [{ headers: [{ name: 'version', value: 'one' }], method: 'PUT' }], backendRefs: [to('api')] },
      { matches: [{ path: { type: 'PathPrefix', value: '/path2' }, headers: [{ name: 'version', value: 'two' }], method: 'POST' }], backendRefs: [to('docs')] },
    ])]);
    const at = (method: string, path: string, headers: Record<string, string> = {}) => answerOf(send(table, `http://example.com${path}`, { method, headers }));
    expect([at('POST', '/'), at('GET', '/'), at('HEAD', '/'), at('GET', '/path1'), at('PUT', '/', { version: 'one' }), at('POST', '/path2', { version: 'two' }), at('PUT', '/')])
      .toEqual(['web', 'api', 'not-found', 'web', 'api', 'docs', 'not-found']);
  });

  it('matches across routes (conformance HTTPRouteMatchingAcrossRoutes)', () => {
    const table = serving([
      route('matching-part1', [{ matches: [{ path: { type: 'PathPrefix', value: '/' } }, { headers: [{ name: 'version', value: 'one' }] }], backendRefs: [to('web')] }], { hostnames: ['example.com', 'example.net'] }),
      route('matching-part2', [{ matches: [{ path: { type: 'PathPrefix', value: '/v2' } }, { headers: [{ name: 'version', value: 'two' }] }], backendRefs: [to('api')] }], { hostnames: ['example.com'] }),
    ]);
    expect(reached(table, 'http://example.com/', 'http://example.com/example', 'http://example.net/example', 'http://example.com/v2', 'http://example.net/v2', 'http://example.com/v2/example'))
      .toEqual(['web', 'web', 'web', 'api', 'web', 'api']);
    expect(backendOf(send(table, 'http://example.com/', { headers: { version: 'two' } })).service).toBe('infra/api:8080');
    expect(backendOf(send(table, 'http://example.com/example', { headers: { version: 'one' } })).service).toBe('infra/web:8080');
  });

  describe('precedence, each criterion deciding only when those before it tie', () => {
    /** Route `a` (sent to web) and route `b` (sent to api), b older and first by name unless told otherwise. */
    const cases: { name: string; a: HTTPRoute; b: HTTPRoute; request?: { host?: string; path?: string; method?: string; headers?: Record<string, string> }; winner: 'web' | 'api' }[] = [
      {
        name: 'the more characters of a matching exact hostname, before any path', winner: 'web', request: { path: '/longer/x' },
        a: route('z', [rule('/', 'web')], { hostnames: ['foo.example.com'], age: 9 }), b: route('a', [rule('/longer', 'api')], { hostnames: ['*.example.com'] }),
      },
      {
        name: 'the more characters of a matching wildcard hostname', winner: 'web', request: { host: 'x.foo.example.com' },
        a: route('z', [rule('/', 'web')], { hostnames: ['*.foo.example.com'], age: 9 }), b: route('a', [rule('/', 'api')], { hostnames: ['*.example.com'] }),
      },
      {
        name: 'an Exact path before a PathPrefix, however long', winner: 'web', request: { path: '/a' },
        a: route('z', [{ matches: [{ path: { type: 'Exact', value: '/a' } }], backendRefs: [to('web')] }], { age: 9 }), b: route('a', [rule('/a', 'api')]),
      },
      {
        name: 'the longer PathPrefix', winner: 'web', request: { path: '/a/b/c' },
        a: route('z', [rule('/a/b', 'web')], { age: 9 }), b: route('a', [rule('/a', 'api')]),
      },
      {
        name: 'a method match', winner: 'web',
        a: route('z', [{ matches: [{ method: 'GET' }], backendRefs: [to('web')] }], { age: 9 }), b: route('a', [{ matches: [{ headers: [{ name: 'x', value: '1' }] }], backendRefs: [to('api')] }]),
        request: { headers: { x: '1' } },
      },
      {
        name: 'the more header matches', winner: 'web', request: { headers: { x: '1', y: '2' } },
        a: route('z', [{ matches: [{ headers: [{ name: 'x', value: '1' }, { name: 'y', value: '2' }] }], backendRefs: [to('web')] }], { age: 9 }),
        b: route('a', [{ matches: [{ headers: [{ name: 'x', value: '1' }], queryParams: [{ name: 'q', value: '1' }] }], backendRefs: [to('api')] }]),
      },
      {
        name: 'the more query parameter matches', winner: 'web', request: { path: '/?q=1&r=2' },
        a: route('z', [{ matches: [{ queryParams: [{ name: 'q', value: '1' }, { name: 'r', value: '2' }] }], backendRefs: [to('web')] }], { age: 9 }),
        b: route('a', [{ matches: [{ queryParams: [{ name: 'q', value: '1' }] }], backendRefs: [to('api')] }]),
      },
      { name: 'the older route', winner: 'web', a: route('z', [rule('/', 'web')], { age: 1 }), b: route('a', [rule('/', 'api')], { age: 2 }) },
      { name: 'the route first by namespace/name', winner: 'web', a: route('a', [rule('/', 'web')]), b: route('b', [rule('/', 'api')]) },
    ];
    it.each(cases)('$name', ({ a, b, request, winner }) => {
      const table = serving([b, a]);
      const decision = send(table, `http://${request?.host ?? 'foo.example.com'}${request?.path ?? '/'}`, { method: request?.method ?? 'GET', headers: request?.headers ?? {} });
      expect(backendOf(decision).service).toBe(`infra/${winner}:8080`);
    });

    it('the first rule of a route, then its first match', () => {
      const table = serving([route('web', [rule('/', 'web'), rule('/', 'api')])]);
      expect(reached(table, 'http://example.com/')).toEqual(['web']);
    });

    it('ranks a RegularExpression path after an Exact one and before any PathPrefix', () => {
      const regex = { matches: [{ path: { type: 'RegularExpression' as const, value: '/a/.*' } }], backendRefs: [to('api')] };
      const table = serving([route('web', [rule('/a/b/c/d', 'web'), regex, { matches: [{ path: { type: 'Exact', value: '/a/x' } }], backendRefs: [to('docs')] }])]);
      expect(reached(table, 'http://example.com/a/b/c/d', 'http://example.com/a/x')).toEqual(['api', 'docs']);
    });
  });
});

describe('filters', () => {
  const modifier = (type: 'RequestHeaderModifier' | 'ResponseHeaderModifier', change: { set?: [string, string][]; add?: [string, string][]; remove?: string[] }): HTTPRouteFilter => {
    const headers = (pairs: [string, string][] | undefined) => (pairs ?? []).map(([name, value]) => ({ name, value }));
    const filter = { set: headers(change.set), add: headers(change.add), remove: change.remove ?? [] };
    return type === 'RequestHeaderModifier' ? { type, requestHeaderModifier: filter } : { type, responseHeaderModifier: filter };
  };

  it.each([
    { name: 'set overwrites', change: { set: [['X-Header-Set', 'set-overwrites-values']] as [string, string][] }, sent: { 'x-header-set': 'some-other-value', 'some-other-header': 'val' }, got: { 'x-header-set': 'set-overwrites-values', 'some-other-header': 'val' } },
    { name: 'set adds a header not there', change: { set: [['X-Header-Set', 'v']] as [string, string][] }, sent: {}, got: { 'x-header-set': 'v' } },
    { name: 'add appends with a comma', change: { add: [['X-Header-Add', 'add-appends-values']] as [string, string][] }, sent: { 'x-header-add': 'some-other-value' }, got: { 'x-header-add': 'some-other-value,add-appends-values' } },
    { name: 'add adds a header not there', change: { add: [['X-Header-Add', 'add-appends-values']] as [string, string][] }, sent: {}, got: { 'x-header-add': 'add-appends-values' } },
    { name: 'remove removes, whatever the case', change: { remove: ['X-Header-Remove'] }, sent: { 'x-header-remove': 'val', another: 'x' }, got: { another: 'x' } },
    {
      name: 'all at once, names case-insensitive',
      change: { set: [['X-Header-Set', 'header-set']] as [string, string][], add: [['X-Header-Add', 'header-add']] as [string, string][], remove: ['X-Header-Remove'] },
      sent: { 'x-header-set': 'original-val-set', 'x-header-add': 'original-val-add', 'x-header-remove': 'original-val-remove', 'another-header': 'another-header-val' },
      got: { 'x-header-set': 'header-set', 'x-header-add': 'original-val-add,header-add', 'another-header': 'another-header-val' },
    },
  ])('RequestHeaderModifier: $name', ({ change, sent, got }) => {
    const table = serving([route('web', [rule('/', 'web', { filters: [modifier('RequestHeaderModifier', change)] })])]);
    expect(backendOf(send(table, 'http://example.com/', { headers: sent })).requestHeaders).toEqual({ host: 'example.com', ...got });
  });

  it('gives the request headers along unchanged without a filter, repeated ones joined', () => {
    const table = serving([route('web', [rule('/', 'web')])]);
    expect(backendOf(send(table, 'http://example.com:80/', { headers: { accept: '*/*', 'x-many': ['a', 'b'] } })).requestHeaders).toEqual({ host: 'example.com', accept: '*/*', 'x-many': 'a, b' });
  });

  it('ResponseHeaderModifier: the changes to make to the answer, in order', () => {
    const table = serving([route('web', [rule('/', 'web', {
      filters: [modifier('ResponseHeaderModifier', { set: [['X-Header-Set-1', 'header-set-1']], add: [['X-Header-Add-1', 'header-add-1']], remove: ['X-Header-Remove-1'] })],
    })])]);
    expect(backendOf(send(table, 'http://example.com/')).responseHeaders).toEqual({ set: [['X-Header-Set-1', 'header-set-1']], add: [['X-Header-Add-1', 'header-add-1']], remove: ['X-Header-Remove-1'] });
    expect(backendOf(send(serving([route('web', [rule('/', 'web')])]), 'http://example.com/')).responseHeaders).toEqual({ set: [], add: [], remove: [] });
  });

  it('applies a backendRef\'s own filters after the rule\'s, only to requests sent to it', () => {
    const table = serving([route('web', [{
      filters: [modifier('RequestHeaderModifier', { set: [['X-Rule', 'yes']] }), modifier('ResponseHeaderModifier', { add: [['X-Rule', 'yes']] })],
      backendRefs: [
        to('web', { filters: [modifier('RequestHeaderModifier', { set: [['X-Backend', 'web'], ['X-Rule', 'overridden']] }), modifier('ResponseHeaderModifier', { add: [['X-Backend', 'web']] })] }),
        to('api'),
      ],
    }])]);
    const toWeb = backendOf(send(table, 'http://example.com/', { random: () => 0 }));
    expect(toWeb.requestHeaders).toEqual({ host: 'example.com', 'x-rule': 'overridden', 'x-backend': 'web' });
    expect(toWeb.responseHeaders.add).toEqual([['X-Rule', 'yes'], ['X-Backend', 'web']]);
    const toApi = backendOf(send(table, 'http://example.com/', { random: () => 0.99 }));
    expect(toApi.requestHeaders).toEqual({ host: 'example.com', 'x-rule': 'yes' });
  });

  describe('RequestRedirect', () => {
    const redirectRule = (path: string, redirect: NonNullable<HTTPRouteFilter['requestRedirect']>): HTTPRouteRule => ({ matches: [{ path: { type: 'PathPrefix', value: path } }], filters: [{ type: 'RequestRedirect', requestRedirect: redirect }] });
    const schemesAndPorts = [
      redirectRule('/scheme-nil-and-port-nil', { hostname: 'example.org' }),
      redirectRule('/scheme-nil-and-port-80', { hostname: 'example.org', port: 80 }),
      redirectRule('/scheme-nil-and-port-8080', { hostname: 'example.org', port: 8080 }),
      redirectRule('/scheme-nil-and-port-443', { hostname: 'example.org', port: 443 }),
      redirectRule('/scheme-nil-and-port-8443', { hostname: 'example.org', port: 8443 }),
      redirectRule('/scheme-https-and-port-nil', { scheme: 'https', hostname: 'example.org' }),
      redirectRule('/scheme-https-and-port-443', { scheme: 'https', hostname: 'example.org', port: 443 }),
      redirectRule('/scheme-https-and-port-8443', { scheme: 'https', hostname: 'example.org', port: 8443 }),
      redirectRule('/scheme-http-and-port-nil', { scheme: 'http', hostname: 'example.org' }),
      redirectRule('/scheme-http-and-port-80', { scheme: 'http', hostname: 'example.org', port: 80 }),
      redirectRule('/scheme-http-and-port-8080', { scheme: 'http', hostname: 'example.org', port: 8080 }),
    ];
    const table = tableOf({
      gateways: [gateway('gw', [http(), http({ name: 'http-8080', port: 8080 }), https()])],
      routes: [route('redirects', schemesAndPorts)],
    });
    it.each([
      ['http://example.com/scheme-nil-and-port-nil', 'http://example.org/scheme-nil-and-port-nil'],
      ['http://example.com/scheme-nil-and-port-80', 'http://example.org/scheme-nil-and-port-80'],
      ['http://example.com/scheme-nil-and-port-8080', 'http://example.org:8080/scheme-nil-and-port-8080'],
      ['http://example.com/scheme-https-and-port-nil', 'https://example.org/scheme-https-and-port-nil'],
      ['http://example.com/scheme-https-and-port-443', 'https://example.org/scheme-https-and-port-443'],
      ['http://example.com/scheme-https-and-port-8443', 'https://example.org:8443/scheme-https-and-port-8443'],
      ['http://example.com:8080/scheme-nil-and-port-nil', 'http://example.org:8080/scheme-nil-and-port-nil'],
      ['http://example.com:8080/scheme-nil-and-port-80', 'http://example.org/scheme-nil-and-port-80'],
      ['http://example.com:8080/scheme-https-and-port-nil', 'https://example.org/scheme-https-and-port-nil'],
      ['https://example.org/scheme-nil-and-port-nil', 'https://example.org/scheme-nil-and-port-nil'],
      ['https://example.org/scheme-nil-and-port-443', 'https://example.org/scheme-nil-and-port-443'],
      ['https://example.org/scheme-nil-and-port-8443', 'https://example.org:8443/scheme-nil-and-port-8443'],
      ['https://example.org/scheme-http-and-port-nil', 'http://example.org/scheme-http-and-port-nil'],
      ['https://example.org/scheme-http-and-port-80', 'http://example.org/scheme-http-and-port-80'],
      ['https://example.org/scheme-http-and-port-8080', 'http://example.org:8080/scheme-http-and-port-8080'],
    ])('scheme and port: %s → %s (302)', (url, location) => {
      expect(send(table, url)).toEqual({ kind: 'redirect', route: 'infra/redirects', status: 302, location });
    });

    it.each([
      { filter: { path: { type: 'ReplacePrefixMatch' as const, replacePrefixMatch: '/replacement-prefix' } }, url: '/original-prefix/lemon', status: 302, location: 'http://example.com/replacement-prefix/lemon' },
      { filter: { path: { type: 'ReplaceFullPath' as const, replaceFullPath: '/full-path-replacement' } }, url: '/original-prefix/path/original', status: 302, location: 'http://example.com/full-path-replacement' },
      { filter: { hostname: 'example.org', path: { type: 'ReplacePrefixMatch' as const, replacePrefixMatch: '/replacement-prefix' } }, url: '/original-prefix', status: 302, location: 'http://example.org/replacement-prefix' },
      { filter: { statusCode: 301, path: { type: 'ReplacePrefixMatch' as const, replacePrefixMatch: '/replacement-prefix' } }, url: '/original-prefix', status: 301, location: 'http://example.com/replacement-prefix' },
      { filter: { statusCode: 301, hostname: 'example.org', path: { type: 'ReplaceFullPath' as const, replaceFullPath: '/replacement-full' } }, url: '/original-prefix/x', status: 301, location: 'http://example.org/replacement-full' },
      { filter: { statusCode: 308 }, url: '/original-prefix/x?keep=1&this=2', status: 308, location: 'http://example.com/original-prefix/x?keep=1&this=2' },
      { filter: { path: { type: 'ReplacePrefixMatch' as const, replacePrefixMatch: '/new' } }, url: '/original-prefix/x?q=a', status: 302, location: 'http://example.com/new/x?q=a' },
    ])('path, host and status: $url with $filter → $status $location', ({ filter, url, status, location }) => {
      const redirects = serving([route('redirect', [redirectRule('/original-prefix', filter)])]);
      expect(send(redirects, `http://example.com${url}`)).toEqual({ kind: 'redirect', route: 'infra/redirect', status, location });
    });

    it('redirects before choosing a backend, and from a backendRef\'s own filter when that backend is chosen', () => {
      const table = serving([route('web', [
        { ...redirectRule('/rule', { hostname: 'rule.example.org' }), backendRefs: [to('web')] },
        { matches: [{ path: { type: 'PathPrefix', value: '/backend' } }], backendRefs: [to('web', { filters: [{ type: 'RequestRedirect', requestRedirect: { hostname: 'backend.example.org' } }] }), to('api')] },
      ])]);
      expect(send(table, 'http://example.com/rule')).toMatchObject({ kind: 'redirect', location: 'http://rule.example.org/rule' });
      expect(send(table, 'http://example.com/backend', { random: () => 0 })).toMatchObject({ kind: 'redirect', location: 'http://backend.example.org/backend' });
      expect(send(table, 'http://example.com/backend', { random: () => 0.9 })).toMatchObject({ kind: 'backend', service: 'infra/api:8080' });
    });
  });

  describe('URLRewrite', () => {
    const rewriteRule = (prefix: string, rewrite: NonNullable<HTTPRouteFilter['urlRewrite']>, extra: HTTPRouteFilter[] = []): HTTPRouteRule => ({
      matches: [{ path: { type: 'PathPrefix', value: prefix } }], filters: [{ type: 'URLRewrite', urlRewrite: rewrite }, ...extra], backendRefs: [to('web')],
    });

    it.each([
      ['/foo/bar', '/foo', '/xyz', '/xyz/bar'], ['/foo/bar', '/foo', '/xyz/', '/xyz/bar'], ['/foo/bar', '/foo/', '/xyz', '/xyz/bar'], ['/foo/bar', '/foo/', '/xyz/', '/xyz/bar'],
      ['/foo', '/foo', '/xyz', '/xyz'], ['/foo/', '/foo', '/xyz', '/xyz/'], ['/foo/bar', '/foo', '', '/bar'], ['/foo/', '/foo', '', '/'], ['/foo', '/foo', '', '/'],
      ['/foo/', '/foo', '/', '/'], ['/foo', '/foo', '/', '/'], ['/foo/bar?q=1', '/foo', '/xyz', '/xyz/bar?q=1'], ['/foo/bar', '/', '/xyz', '/xyz/foo/bar'],
    ])('ReplacePrefixMatch: %s, prefix %s, replaced by "%s" → %s (the spec\'s table)', (path, prefix, replacement, rewritten) => {
      const table = serving([route('web', [rewriteRule(prefix, { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: replacement } })])]);
      expect(backendOf(send(table, `http://example.com${path}`)).path).toBe(rewritten);
    });

    it('rewrites paths as conformance HTTPRouteRewritePath does, the headers modified as well', () => {
      const headers = modifier('RequestHeaderModifier', { set: [['X-Header-Set', 'set-overwrites-values']], add: [['X-Header-Add', 'header-val-1'], ['X-Header-Add-Append', 'header-val-2']], remove: ['X-Header-Remove'] });
      const table = serving([route('rewrite-path', [
        rewriteRule('/prefix/one', { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/one' } }),
        rewriteRule('/strip-prefix', { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/' } }),
        rewriteRule('/full/one', { path: { type: 'ReplaceFullPath', replaceFullPath: '/one' } }),
        rewriteRule('/full/rewrite-path-and-modify-headers', { path: { type: 'ReplaceFullPath', replaceFullPath: '/test' } }, [headers]),
        rewriteRule('/prefix/rewrite-path-and-modify-headers', { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/prefix' } }, [headers]),
      ])]);
      const paths = ['/prefix/one/two', '/strip-prefix/three', '/strip-prefix', '/full/one/two', '/full/one/two?x=y'].map((p) => backendOf(send(table, `http://example.com${p}`)).path);
      expect(paths).toEqual(['/one/two', '/three', '/', '/one', '/one?x=y']);
      const sent = { 'X-Header-Remove': 'remove-val', 'X-Header-Add-Append': 'append-val-1', 'X-Header-Set': 'set-val' };
      const full = backendOf(send(table, 'http://example.com/full/rewrite-path-and-modify-headers/test', { headers: sent }));
      expect([full.path, full.requestHeaders]).toEqual(['/test', { host: 'example.com', 'x-header-set': 'set-overwrites-values', 'x-header-add': 'header-val-1', 'x-header-add-append': 'append-val-1,header-val-2' }]);
      expect(backendOf(send(table, 'http://example.com/prefix/rewrite-path-and-modify-headers/one', { headers: sent })).path).toBe('/prefix/one');
    });

    it('rewrites the Host the backend gets', () => {
      const table = serving([route('web', [rewriteRule('/', { hostname: 'one.example.org' })])]);
      const decision = backendOf(send(table, 'http://rewrite.example/one'));
      expect([decision.host, decision.requestHeaders.host, decision.path]).toEqual(['one.example.org', 'one.example.org', '/one']);
    });
  });

  describe('RequestMirror', () => {
    const mirror = (extra: Partial<NonNullable<HTTPRouteFilter['requestMirror']>> = {}): HTTPRouteFilter => ({ type: 'RequestMirror', requestMirror: { backendRef: to('mirror'), ...extra } });
    const mirrorPod = { ip: pods['infra/mirror'], port: 3000, node: 'node-1' };

    it('sends a copy to one ready endpoint of the mirror\'s Service port, the request itself to the backend', () => {
      const decision = backendOf(send(serving([route('web', [rule('/mirror', 'web', { filters: [mirror()] })])]), 'http://example.com/mirror'));
      expect([decision.service, decision.mirrors]).toEqual(['infra/web:8080', [mirrorPod]]);
    });

    it.each([
      { share: { percent: 0 }, draws: [0], mirrored: 0 },
      { share: { percent: 100 }, draws: [0.999], mirrored: 1 },
      { share: { percent: 20 }, draws: [0.1, 0.3], mirrored: 1 },
      { share: { fraction: { numerator: 1, denominator: 4 } }, draws: [0.2, 0.3], mirrored: 1 },
      { share: { fraction: { numerator: 30 } }, draws: [0.29, 0.31], mirrored: 1 },
    ])('copies the share of requests percent or fraction says: $share', ({ share, draws, mirrored }) => {
      const table = serving([route('web', [{ filters: [mirror(share)], backendRefs: [to('web')] }])]);
      const copies = draws.map((draw) => backendOf(send(table, 'http://example.com/', { random: () => draw })).mirrors.length);
      expect(copies.reduce((a, b) => a + b, 0)).toBe(mirrored);
    });

    it('copies to none when the mirror\'s Service has no ready endpoint', () => {
      const table = serving([route('web', [rule('/', 'web', { filters: [{ type: 'RequestMirror', requestMirror: { backendRef: to('empty') } }] })])]);
      expect(backendOf(send(table, 'http://example.com/')).mirrors).toEqual([]);
    });
  });
});

describe('backends', () => {
  it('sends to one ready endpoint of the Service port, found in its EndpointSlices by the port\'s name', () => {
    const table = tableOf({
      routes: [route('web', [rule('/admin', 'web', { backendRefs: [to('web', { port: 9090 })] }), rule('/', 'web')])],
      slices: [slice('infra/web', [{ ip: '10.244.1.2' }, { ip: '10.244.1.9', ready: false }, { ip: '10.244.2.2' }])],
    });
    expect(['/', '/admin'].map((p) => backendOf(send(table, `http://example.com${p}`, { random: () => 0 })).endpoint)).toEqual([
      { ip: '10.244.1.2', port: 3000, node: 'node-1' }, { ip: '10.244.1.2', port: 9000, node: 'node-1' },
    ]);
    expect(backendOf(send(table, 'http://example.com/', { random: () => 0.99 })).endpoint.ip).toBe('10.244.2.2');
    expect(backendOf(send(table, 'http://example.com/admin')).service).toBe('infra/web:9090');
  });

  it('answers 503 for a valid backend without a ready endpoint', () => {
    expect(send(serving([route('web', [rule('/', 'empty')])]), 'http://example.com/')).toEqual({ kind: 'unavailable', route: 'infra/web', service: 'infra/empty:8080' });
  });

  it('answers 500 for a rule without backendRefs (filters or not), or whose weights are all 0 (conformance HTTPRouteOmittedBackendRefs)', () => {
    const table = serving([route('web', [
      rule('/forward', 'web'), { matches: [{ path: { type: 'PathPrefix', value: '/omitted-no-forward' } }] },
      { matches: [{ path: { type: 'PathPrefix', value: '/empty-no-forward' } }], backendRefs: [] },
      { matches: [{ path: { type: 'PathPrefix', value: '/zero' } }], backendRefs: [to('web', { weight: 0 }), to('api', { weight: 0 })] },
      { matches: [{ path: { type: 'PathPrefix', value: '/headers-only' } }], filters: [{ type: 'RequestHeaderModifier', requestHeaderModifier: { set: [{ name: 'x', value: 'y' }] } }] },
    ])]);
    expect(reached(table, 'http://example.com/forward', 'http://example.com/omitted-no-forward', 'http://example.com/empty-no-forward', 'http://example.com/zero', 'http://example.com/headers-only'))
      .toEqual(['web', 'invalid-backend', 'invalid-backend', 'invalid-backend', 'invalid-backend']);
    expect(routeConditions(table, 'web')).toEqual({ Accepted: 'True Accepted', ResolvedRefs: 'True ResolvedRefs' });
  });

  it('splits 90/10 by weight over 1,000 requests, within a few percent', () => {
    const table = serving([route('web', [{ backendRefs: [to('web', { weight: 90 }), to('api', { weight: 10 })] }])]);
    const random = seeded(42);
    const counts = { web: 0, api: 0 };
    for (let i = 0; i < 1000; i++) {
      const service = backendOf(send(table, 'http://example.com/', { random })).service;
      counts[service === 'infra/web:8080' ? 'web' : 'api']++;
    }
    expect(Math.abs(counts.web - 900)).toBeLessThan(30);
    expect(counts.web + counts.api).toBe(1000);
  });

  it('never picks a backend of weight 0 (conformance HTTPRouteWeight 70/30/0), and weighs 1 by default', () => {
    const weighted = serving([route('web', [{ backendRefs: [to('web', { weight: 70 }), to('api', { weight: 30 }), to('docs', { weight: 0 })] }])]);
    const random = seeded(7);
    const seen = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const service = backendOf(send(weighted, 'http://example.com/', { random })).service;
      seen.set(service, (seen.get(service) ?? 0) + 1);
    }
    expect(seen.has('infra/docs:8080')).toBe(false);
    expect(Math.abs((seen.get('infra/web:8080') ?? 0) - 700)).toBeLessThan(40);
    const even = serving([route('web', [{ backendRefs: [to('web'), to('api')] }])]);
    expect([0, 0.49, 0.5, 0.99].map((draw) => backendOf(send(even, 'http://example.com/', { random: () => draw })).service)).toEqual(['infra/web:8080', 'infra/web:8080', 'infra/api:8080', 'infra/api:8080']);
  });

  it('answers 500 for the share of requests that would go to an invalid backend', () => {
    const table = serving([route('web', [{ backendRefs: [to('web'), to('nonexistent')] }])]);
    const random = seeded(3);
    let failed = 0;
    for (let i = 0; i < 1000; i++) if (send(table, 'http://example.com/', { random }).kind === 'invalid-backend') failed++;
    expect(Math.abs(failed - 500)).toBeLessThan(50);
  });
});

describe('serving', () => {
  it('serves an HTTPS listener only to TLS requests, and an HTTP one only to plain ones', () => {
    const table = serving([route('web', [rule('/', 'web')])], [http(), https({ port: 443 })]);
    expect(reached(table, 'http://example.com/', 'https://example.com/', 'http://example.com:443/', 'https://example.com:80/')).toEqual(['web', 'web', 'not-found', 'not-found']);
  });

  it('answers 404 at an address nothing listens on', () => {
    expect(routeGatewayRequest(serving([route('web', [rule('/', 'web')])]), '127.240.0.9:80', { method: 'GET', host: 'example.com', path: '/', headers: {}, tls: false }, () => 0)).toEqual({ kind: 'not-found' });
  });

  it('takes a Host with a final dot as without it', () => {
    const table = serving([route('web', [rule('/', 'web')], { hostnames: ['example.com'] })]);
    expect(routeGatewayRequest(table, `${address}:80`, { method: 'GET', host: 'example.com.', path: '/', headers: {}, tls: false }, () => 0).kind).toBe('backend');
  });

  it('lists the listeners of each Gateway at its own address, several on one port', () => {
    const table = tableOf({
      gateways: [gateway('gw', [http({ name: 'a', hostname: 'a.example.com' }), http({ name: 'b', hostname: 'b.example.com' })]), gateway('other', [https({ hostname: 'secure.example.com' })], { namespace: 'apps' })],
      secrets: [tlsSecret('apps/cert')],
      addresses: new Map([['infra/gw', address], ['apps/other', '127.240.0.4']]),
    });
    expect(table.ports).toEqual(new Map([
      [`${address}:80`, [{ gateway: 'infra/gw', name: 'a', protocol: 'HTTP', hostname: 'a.example.com', certificates: [] }, { gateway: 'infra/gw', name: 'b', protocol: 'HTTP', hostname: 'b.example.com', certificates: [] }]],
      ['127.240.0.4:443', [{ gateway: 'apps/other', name: 'https', protocol: 'HTTPS', hostname: 'secure.example.com', certificates: ['apps/cert'] }]],
    ]));
  });
});

describe('GRPCRoutes, which no listener of the lab supports', () => {
  const grpc = (name: string, parentRefs: ParentReference[], backend: string): GRPCRoute => ({
    apiVersion: `${group}/v1`, kind: 'GRPCRoute', metadata: { name, namespace: 'infra', generation: 1 },
    spec: { parentRefs, rules: [{ backendRefs: [{ name: backend, port: 8080 }] }] },
  });

  it('says NotAllowedByListeners to each parent Gateway of ours, NoMatchingParent for a listener it lacks, with the backends resolved or not', () => {
    const table = tableOf({ grpcRoutes: [grpc('echo', [{ name: 'gw' }, { name: 'gw', sectionName: 'grpc' }, { name: 'elsewhere' }], 'missing')] });
    const write = table.statuses.find((w) => w.plural === 'grpcroutes')!;
    const parents = (write.status as unknown as HTTPRouteStatus).parents;
    expect(parents.map((p) => [p.parentRef.sectionName ?? '', p.conditions!.map((c) => `${c.type}=${c.status}/${c.reason}`)])).toEqual([
      ['', ['Accepted=False/NotAllowedByListeners', 'ResolvedRefs=False/BackendNotFound']],
      ['grpc', ['Accepted=False/NoMatchingParent', 'ResolvedRefs=False/BackendNotFound']],
    ]);
    expect(table.ports.get(`${address}:80`)).toHaveLength(1);
    const resolved = tableOf({ grpcRoutes: [grpc('echo', [{ name: 'gw' }], 'web')] }).statuses.find((w) => w.plural === 'grpcroutes')!;
    expect((resolved.status as unknown as HTTPRouteStatus).parents[0].conditions!.map((c) => c.reason)).toEqual(['NotAllowedByListeners', 'ResolvedRefs']);
  });
});

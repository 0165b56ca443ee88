/**
 * The lab's Gateway API controller, as cloud-provider-kind is one for kind: the standard channel's CRDs served out of the
 * box (serveGatewayApi creates them from deploy/gateway-api when the cluster lacks one), the GatewayClass `kubelab` for its controller, and
 * each Gateway of that class given an address on the host's loopback (as a LoadBalancer Service gets one) where its HTTP
 * and HTTPS listeners listen at their ports. Each request is routed as the Gateway API specifies (gateway-routes.ts) and
 * carried to one ready endpoint of the chosen backend through the agent of its node, entering the cluster as through a
 * node, as Envoy outside kind's nodes sends it; what it cannot route is answered as Envoy answers (404, 500, 503). The
 * statuses of GatewayClasses, Gateways and HTTPRoutes say what is accepted, programmed and resolved, with the spec's reasons.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import { readFileSync } from 'node:fs';
import type { SecureContext } from 'node:tls';
import type { EndpointSlice, KubeObject, Namespace, Secret, Service } from '@kubelab/api';
import { ApiClient, ApiRequestError, type Informer } from '@kubelab/bus';
import { followed } from './followed.js';
import { gatewayGroup, type Gateway, type GatewayClass, type GRPCRoute, type HTTPRoute, type ReferenceGrant } from './gateway-api.js';
import { gatewayTable, listenerForHost, routeGatewayRequest, type GatewayDecision, type GatewayTable, type ServedListener } from './gateway-routes.js';
import { freeHostAddress, isHostPoolAddress, refusal } from './host-addresses.js';
import { loadBalancerIp } from './node-port-routes.js';
import type { ReachedPods } from './reached-pods.js';
import { SecretContexts } from './secret-contexts.js';
import { answerWith, askPod, passedHeaders } from './upstream.js';

/** The controllerName of the lab's GatewayClass. */
export const gatewayControllerName = 'kubelab.dev/gateway-controller';

/** A custom kind is logged, and so followed, as `Kind.group` (it never collides with a built-in kind). */
const classesRef = { group: gatewayGroup, version: 'v1', plural: 'gatewayclasses', kind: `GatewayClass.${gatewayGroup}` };
const gatewaysRef = { group: gatewayGroup, version: 'v1', plural: 'gateways', kind: `Gateway.${gatewayGroup}` };
const routesRef = { group: gatewayGroup, version: 'v1', plural: 'httproutes', kind: `HTTPRoute.${gatewayGroup}` };
const grpcRoutesRef = { group: gatewayGroup, version: 'v1', plural: 'grpcroutes', kind: `GRPCRoute.${gatewayGroup}` };
const grantsRef = { group: gatewayGroup, version: 'v1beta1', plural: 'referencegrants', kind: `ReferenceGrant.${gatewayGroup}` };
const namespacesRef = { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace' };
const secretsRef = { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' };
const crdsRef = { group: 'apiextensions.k8s.io', version: 'v1', plural: 'customresourcedefinitions' };
const statusRefs = { gatewayclasses: classesRef, gateways: gatewaysRef, httproutes: routesRef, grpcroutes: grpcRoutesRef } as const;

/** The GatewayClass the lab makes when the cluster has none of its controller: the name a Gateway's spec.gatewayClassName gives. */
const labClass = {
  apiVersion: `${gatewayGroup}/v1`, kind: 'GatewayClass', metadata: { name: 'kubelab' },
  spec: { controllerName: gatewayControllerName, description: 'Gateways on addresses of the host\'s loopback' },
} as KubeObject;

/**
 * Creates the bundle's CRDs that the cluster lacks (the bundle, deploy/gateway-api's JSON copy, is read only then): the
 * Gateway API, served out of the box. The lab does it before its other components start: their informers, starting,
 * would each hold the CRDs' large entries for a moment, and their heaps keep the room (25 MB in each agent).
 */
export async function serveGatewayApi(natsUrl: string, nkeyFile: string | undefined, bundle: string): Promise<void> {
  const client = await ApiClient.connect(natsUrl, 'gateway-controller', { kind: 'admin' }, nkeyFile);
  try {
    const present = new Set((await client.list(crdsRef)).items.map((crd) => crd.metadata.name));
    if ([...gatewayCrdNames].every((name) => present.has(name))) return;
    for (const crd of JSON.parse(readFileSync(bundle, 'utf8')) as KubeObject[]) {
      if (present.has(crd.metadata.name)) continue;
      await client.create(crdsRef, '', crd).catch((e: unknown) => {
        if (!(e instanceof ApiRequestError && e.code === 409)) throw e;
      });
    }
  } finally {
    await client.close();
  }
}

/** The CRDs the controller itself follows: without one of them, the bundle is applied. */
const gatewayCrdNames = new Set(['gatewayclasses', 'gateways', 'httproutes', 'grpcroutes', 'referencegrants'].map((plural) => `${plural}.${gatewayGroup}`));

/** Envoy's answers when it has nothing to send a request to, or its upstream does not answer. */
const envoyAnswers = {
  'not-found': { status: 404, body: '' },
  'invalid-backend': { status: 500, body: '' },
  unavailable: { status: 503, body: 'no healthy upstream' },
  'no-answer': { status: 503, body: 'upstream connect error or disconnect/reset before headers. reset reason: connection timeout' },
} as const;

export class GatewayController {
  private table?: GatewayTable;
  /** The address each Gateway of ours has on the host, by namespace/name. */
  private readonly addresses = new Map<string, string>();
  private readonly assigning = new Set<string>();
  /** What listens, by `ip:port`, and the protocol it speaks. */
  private readonly servers = new Map<string, { server: Server | TlsServer; tls: boolean }>();
  /** Listener addresses the host would not let the lab have: said once each. */
  private readonly refused = new Set<string>();

  /** The contexts of the TLS Secrets it serves. */
  private readonly tls: SecretContexts;

  private constructor(
    private readonly client: ApiClient,
    private readonly services: Informer<Service>,
    private readonly slices: Informer<EndpointSlice>,
    private readonly classes: Informer<GatewayClass>,
    private readonly gateways: Informer<Gateway>,
    private readonly routes: Informer<HTTPRoute>,
    private readonly grpcRoutes: Informer<GRPCRoute>,
    private readonly grants: Informer<ReferenceGrant>,
    private readonly namespaces: Informer<Namespace>,
    private readonly secrets: Informer<Secret>,
    private readonly reached: ReachedPods,
    private readonly say: (line: string) => void,
    private readonly changed: () => void,
  ) {
    this.tls = new SecretContexts(this.secrets);
  }

  /** Follows the Gateway API's objects (besides the proxy's Services and slices), and serves the Gateways of its class. */
  static async start(
    proxyClient: ApiClient, services: Informer<Service>, slices: Informer<EndpointSlice>, reached: ReachedPods, say: (line: string) => void, changed: () => void,
  ): Promise<GatewayController> {
    // Its writes are the Gateway controller's in the log, as the Service controller's are the proxy's.
    const client = proxyClient.as('gateway-controller');
    const controller = new GatewayController(
      client, services, slices, followed<GatewayClass>(client, classesRef), followed<Gateway>(client, gatewaysRef),
      followed<HTTPRoute>(client, routesRef), followed<GRPCRoute>(client, grpcRoutesRef),
      followed<ReferenceGrant>(client, grantsRef), followed<Namespace>(client, namespacesRef), followed<Secret>(client, secretsRef), reached, say, changed,
    );
    for (const informer of controller.informers()) {
      informer.onChange(changed);
      await informer.start();
    }
    if (!controller.classes.list().some((c) => c.spec?.controllerName === gatewayControllerName)) {
      await client.create(classesRef, '', labClass).catch((e: Error) => {
        if (!(e instanceof ApiRequestError && e.code === 409)) say(`kubelab: the GatewayClass kubelab could not be made: ${e.message}`);
      });
    }
    controller.reconcile();
    return controller;
  }

  stop(): void {
    for (const informer of this.informers()) informer.stop();
    for (const { server } of this.servers.values()) server.close();
    this.servers.clear();
  }

  /** The Gateways as the cluster holds them now. */
  list(): Gateway[] {
    return this.gateways.list();
  }

  /** The host addresses its Gateways hold, which no load balancer may take. */
  heldAddresses(): Set<string> {
    return new Set(this.addresses.values());
  }

  /** Gives new Gateways their address, writes the statuses that changed, and listens where the Gateways' listeners are. */
  reconcile(): void {
    const ours = this.ourGateways();
    for (const key of this.addresses.keys()) if (!ours.some((g) => keyOf(g) === key)) this.addresses.delete(key);
    for (const gateway of ours) this.ensureAddress(gateway);
    const table = gatewayTable({
      controllerName: gatewayControllerName, classes: this.classes.list(), gateways: this.gateways.list(), routes: this.routes.list(), grpcRoutes: this.grpcRoutes.list(), grants: this.grants.list(),
      services: this.services.list(), slices: this.slices.list(), namespaces: this.namespaces.list(), secrets: this.secrets.list(),
      addresses: this.addresses, now: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    });
    this.table = table;
    for (const write of table.statuses) {
      void this.client.patchStatus(statusRefs[write.plural], write.namespace, write.name, { status: write.status }, undefined, 'merge').catch(() => undefined);
    }
    for (const [address, { server, tls }] of this.servers) {
      const listeners = table.ports.get(address);
      if (listeners && listeners[0].protocol === 'HTTPS' === tls) continue;
      server.close();
      this.servers.delete(address);
    }
    for (const [address, listeners] of table.ports) {
      const tls = listeners[0].protocol === 'HTTPS';
      if (!this.servers.has(address) && !this.refused.has(address)) this.listen(address, tls);
      if (tls) this.presentDefaultCertificate(address, listeners);
    }
  }

  private informers(): Informer<KubeObject>[] {
    return [this.classes, this.gateways, this.routes, this.grpcRoutes, this.grants, this.namespaces, this.secrets] as Informer<KubeObject>[];
  }

  private ourGateways(): Gateway[] {
    const classes = new Set(this.classes.list().filter((c) => c.spec?.controllerName === gatewayControllerName).map((c) => c.metadata.name));
    return this.gateways.list().filter((g) => classes.has(g.spec?.gatewayClassName));
  }

  /** A Gateway keeps the address its status gives (a lab started again), else gets the first free one at its listeners' ports. */
  private ensureAddress(gateway: Gateway): void {
    const key = keyOf(gateway);
    if (this.addresses.has(key) || this.assigning.has(key)) return;
    const taken = new Set([...this.addresses.values(), ...this.services.list().flatMap((svc) => loadBalancerIp(svc) ?? [])]);
    const had = gateway.status?.addresses?.[0]?.value;
    if (had && isHostPoolAddress(had) && !taken.has(had)) return void this.addresses.set(key, had);
    this.assigning.add(key);
    const ports = [...new Set((gateway.spec?.listeners ?? []).map((l) => l.port))];
    void freeHostAddress(ports, taken).then((address) => {
      this.assigning.delete(key);
      if (!address) return this.say(`kubelab: Gateway ${key} has no address: no address of 127.240.0.0/24 is free at its ports on the host`);
      this.addresses.set(key, address);
      this.changed();
    });
  }

  private listen(address: string, tls: boolean): void {
    const at = address.lastIndexOf(':');
    const [host, port] = [address.slice(0, at), Number(address.slice(at + 1))];
    const handle = (request: IncomingMessage, response: ServerResponse) => void this.serve(address, request, response, tls);
    const server = tls
      ? createTlsServer({ SNICallback: (servername, done) => done(null, this.contextFor(address, servername)) }, handle)
      : createServer(handle);
    server.on('error', (e: NodeJS.ErrnoException) => {
      this.servers.delete(address);
      this.refused.add(address);
      this.say(`kubelab: a Gateway listener is not reachable from the host: ${address} ${refusal(e.code)}`);
    });
    server.listen(port, host);
    this.servers.set(address, { server, tls });
  }

  /** A client that names no server (curl to the address itself) gets the first listener's certificate. */
  private presentDefaultCertificate(address: string, listeners: readonly ServedListener[]): void {
    const served = this.servers.get(address);
    const [namespace, name] = listeners.flatMap((l) => l.certificates)[0]?.split('/') ?? [];
    const pair = name && this.tls.keyPair(namespace, name);
    if (served?.tls && pair) (served.server as TlsServer).setSecureContext(pair);
  }

  /** The certificate of the listener on `address` whose hostname matches `servername` most closely. */
  private contextFor(address: string, servername: string): SecureContext | undefined {
    const [namespace, name] = listenerForHost(this.table?.ports.get(address) ?? [], servername.toLowerCase())?.certificates[0]?.split('/') ?? [];
    return name ? this.tls.contextOf(namespace, name) : undefined;
  }

  private async serve(address: string, request: IncomingMessage, response: ServerResponse, tls: boolean): Promise<void> {
    const decision: GatewayDecision = this.table
      ? routeGatewayRequest(this.table, address, {
        method: request.method ?? 'GET', host: (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase(), path: request.url ?? '/', headers: request.headers, tls,
      }, Math.random)
      : { kind: 'not-found' };
    const envoy = (answer: { status: number; body: string }) => {
      response.writeHead(answer.status, { 'Content-Type': 'text/plain', 'Content-Length': Buffer.byteLength(answer.body) });
      response.end(request.method === 'HEAD' ? undefined : answer.body);
    };
    switch (decision.kind) {
      case 'backend': {
        const headers = passedHeaders(decision.requestHeaders);
        const gateway = this.table?.ports.get(address)?.[0]?.gateway;
        if (gateway) this.reached.record(`Gateway ${gateway}`, decision.endpoint);
        for (const mirror of decision.mirrors) void askPod(this.client, mirror, decision.path, decision.host, headers, 'node');
        const answer = await askPod(this.client, decision.endpoint, decision.path, decision.host, headers, 'node');
        if (!answer) return envoy(envoyAnswers['no-answer']);
        return answerWith({ ...answer, headers: modifiedHeaders(answer.headers ?? [], decision.responseHeaders) }, request, response);
      }
      case 'redirect':
        response.writeHead(decision.status, { Location: decision.location, 'Content-Length': 0 });
        return void response.end();
      case 'not-found':
      case 'invalid-backend':
      case 'unavailable':
        return envoy(envoyAnswers[decision.kind]);
      default: {
        const unknown: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
      }
    }
  }
}

/** The answer's headers after a ResponseHeaderModifier: `set` replaces, `add` appends to a header there (`a,b`) or adds it, `remove` drops. */
function modifiedHeaders(headers: readonly (readonly [string, string])[], change: Extract<GatewayDecision, { kind: 'backend' }>['responseHeaders']): [string, string][] {
  const lower = (name: string) => name.toLowerCase();
  const dropped = new Set([...change.set.map(([name]) => lower(name)), ...change.remove.map(lower)]);
  const result: [string, string][] = [...headers.filter(([name]) => !dropped.has(lower(name))).map(([name, value]): [string, string] => [name, value]), ...change.set];
  for (const [name, value] of change.add) {
    const there = result.find(([had]) => lower(had) === lower(name));
    if (there) there[1] = `${there[1]},${value}`;
    else result.push([name, value]);
  }
  return result;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

/**
 * The way in from the host, as kind's port mappings and cloud-provider-kind give it, without root. The lab's supervisor
 * listens on 127.0.0.1 at every node port the cluster's Services hold (node ports are above 1024, and 127.0.0.1 is
 * there on every OS), and gives each LoadBalancer Service a load balancer: an address of its own on the host's
 * loopback (127.240.0.1, .2 …, which Linux routes to loopback; on a host that has only 127.0.0.1, as macOS, that one)
 * written to status.loadBalancer.ingress, where it listens at the Service's ports, with the service controller's
 * EnsuringLoadBalancer and EnsuredLoadBalancer Events. Each HTTP request is carried, as kube-proxy does, to one ready
 * endpoint of that Service port through the agent of the endpoint's node. An address with no ready endpoint refuses
 * connections, as kube-proxy's REJECT rule does; one the host will not let the lab have is said once and left out.
 * The lab's Ingress controller (ingress-controller.ts) shares its view of the Services.
 */
import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { EndpointSlice, Service } from '@kubelab/api';
import { ApiClient, type Informer } from '@kubelab/bus';
import { followed } from './followed.js';
import { GatewayController } from './gateway-controller.js';
import { IngressController, type IngressListeners } from './ingress-controller.js';
import { hostRoutes, loadBalancerIp, pickEndpoint, type AffinityTable, type NodePortRoute } from './node-port-routes.js';
import { recordControllerEvent } from './controller-event.js';
import { freeHostAddress, refusal } from './host-addresses.js';
import { hostReach, type HostReach } from './host-reach.js';
import { podAt, ReachedPods, type ReachedPod } from './reached-pods.js';
import { carry } from './upstream.js';

const servicesRef = { group: '', version: 'v1', plural: 'services', kind: 'Service' };
const slicesRef = { group: 'discovery.k8s.io', version: 'v1', plural: 'endpointslices', kind: 'EndpointSlice' };
/** Changes that arrive together (a rollout's slices) are served once, this long after the first. */
const settleMs = 50;

/** A line of what the host reaches, with the pods its requests reached. */
export type HostReachWithPods = HostReach & { reached: ReachedPod[] };

export class HostProxy {
  private routes = new Map<string, NodePortRoute>();
  private readonly listening = new Map<string, Server>();
  /** Addresses the host would not let the lab have: said once each. */
  private readonly refused = new Set<string>();
  private readonly affinity: AffinityTable = new Map();
  /** LoadBalancer Services whose load balancer is being made, by namespace/name. */
  private readonly ensuring = new Set<string>();
  private settling: NodeJS.Timeout | undefined;
  private ingress?: IngressController;
  private gateways?: GatewayController;
  private readonly reached = new ReachedPods((ip) => podAt(this.slices.list(), ip));

  private constructor(
    private readonly client: ApiClient,
    private readonly services: Informer<Service>,
    private readonly slices: Informer<EndpointSlice>,
    private readonly say: (line: string) => void,
  ) {}

  /**
   * Follows the lab's Services and EndpointSlices as the lab's admin, and serves their node ports and load balancers from
   * then on, the Ingresses of its Ingress controller on `ingress`, and the Gateways of its Gateway controller.
   */
  static async start(natsUrl: string, nkeyFile: string | undefined, ingress: IngressListeners, say: (line: string) => void): Promise<HostProxy> {
    const client = await ApiClient.connect(natsUrl, 'service-controller', { kind: 'admin' }, nkeyFile);
    const proxy = new HostProxy(client, followed<Service>(client, servicesRef), followed<EndpointSlice>(client, slicesRef), say);
    for (const informer of [proxy.services, proxy.slices]) {
      informer.onChange(() => proxy.settle());
      await informer.start();
    }
    proxy.ingress = await IngressController.start(client, proxy.services, proxy.slices, ingress, proxy.reached, () => proxy.settle());
    proxy.gateways = await GatewayController.start(client, proxy.services, proxy.slices, proxy.reached, say, () => proxy.settle()).catch((e: Error) => {
      say(`kubelab: Gateways are not served on the host: ${e.message}`);
      return undefined;
    });
    proxy.reconcile();
    return proxy;
  }

  /** What the host reaches now (as `kubelab status` lists it), each with the pods its requests reached. */
  reach(): HostReachWithPods[] {
    const served = this.ingress?.served();
    return hostReach(this.services.list(), served?.ingresses ?? [], this.gateways?.list() ?? [], served?.urls).map((row) => {
      const through = row.kind === 'NodePort' || row.kind === 'LoadBalancer' ? 'Service' : row.kind;
      return { ...row, reached: this.reached.of(`${through} ${row.name}`) };
    });
  }

  async stop(): Promise<void> {
    clearTimeout(this.settling);
    this.ingress?.stop();
    this.gateways?.stop();
    this.services.stop();
    this.slices.stop();
    for (const server of this.listening.values()) server.close();
    this.listening.clear();
    await this.client.close();
  }

  /** Reconciles once the changes arriving together are in. */
  private settle(): void {
    this.settling ??= setTimeout(() => {
      this.settling = undefined;
      this.reconcile();
    }, settleMs);
  }

  /** Makes the load balancers the Services lack, and listens where the Services lead with a ready endpoint, and no longer elsewhere. */
  private reconcile(): void {
    const services = this.services.list();
    const taken = new Set([...services.flatMap((svc) => loadBalancerIp(svc) ?? []), ...this.gateways?.heldAddresses() ?? []]);
    for (const svc of services) {
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      if (svc.spec?.type === 'LoadBalancer' && !loadBalancerIp(svc) && !this.ensuring.has(key)) {
        this.ensuring.add(key);
        void this.ensureLoadBalancer(svc, taken).finally(() => this.ensuring.delete(key));
      } else if (svc.spec?.type !== 'LoadBalancer' && svc.status?.loadBalancer?.ingress?.length) {
        // No longer a LoadBalancer: the service controller deletes its load balancer and clears the status.
        void this.client.patchStatus(servicesRef, svc.metadata.namespace ?? '', svc.metadata.name ?? '', { status: { loadBalancer: { ingress: null } } }, undefined, 'merge').catch(() => undefined);
      }
    }
    this.ingress?.reconcile();
    this.gateways?.reconcile();
    this.routes = hostRoutes(services, this.slices.list());
    const served = new Set([...this.routes].filter(([, route]) => route.endpoints.length > 0).map(([address]) => address));
    for (const [address, server] of this.listening) {
      if (served.has(address)) continue;
      server.close();
      this.listening.delete(address);
    }
    for (const address of served) if (!this.listening.has(address) && !this.refused.has(address)) this.listen(address);
  }

  /**
   * Gives a LoadBalancer Service the first free address of the pool where the host lets the lab listen at its ports (another
   * lab or program may hold one), or 127.0.0.1 on a host whose loopback has no other address; a port below 1024 the host
   * keeps for root still gets its address, and is said when listened on.
   */
  private async ensureLoadBalancer(svc: Service, taken: ReadonlySet<string>): Promise<void> {
    await this.event(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    const ports = (svc.spec?.ports ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP').map((p) => p.port);
    const chosen = await freeHostAddress(ports, taken);
    if (!chosen) return this.event(svc, 'Warning', 'SyncLoadBalancerFailed', 'Error syncing load balancer: failed to ensure load balancer: no address of 127.240.0.0/24 is free at these ports on the host');
    try {
      await this.client.patchStatus(servicesRef, svc.metadata.namespace ?? '', svc.metadata.name ?? '', { status: { loadBalancer: { ingress: [{ ip: chosen, ipMode: 'VIP' }] } } }, undefined, 'merge');
    } catch {
      return;
    }
    await this.event(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
  }

  /** An Event on the Service from the service-controller. */
  private event(svc: Service, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    return recordControllerEvent(this.client, 'service-controller', { ...svc, apiVersion: 'v1', kind: 'Service' }, type, reason, message);
  }

  private listen(address: string): void {
    const at = address.lastIndexOf(':');
    const [host, port] = [address.slice(0, at), Number(address.slice(at + 1))];
    const server = createServer((request, response) => void this.forward(address, request, response));
    server.on('error', (e: NodeJS.ErrnoException) => {
      this.listening.delete(address);
      this.refused.add(address);
      this.say(`kubelab: ${this.routes.get(address)?.service ?? 'a Service'} is not reachable from the host: ${address} ${refusal(e.code)}`);
    });
    server.listen(port, host);
    this.listening.set(address, server);
  }

  /** One request to a node port or load balancer, carried to an endpoint's pod and its answer back; no endpoint drops the connection. */
  private async forward(address: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
    const route = this.routes.get(address);
    const endpoint = route && pickEndpoint(route, request.socket.remoteAddress ?? '', this.affinity, Date.now(), (below) => randomInt(below));
    if (!endpoint) return void request.socket.destroy();
    this.reached.record(`Service ${route.service.slice(0, route.service.lastIndexOf(':'))}`, endpoint);
    // No answer (a NetworkPolicy dropped it, or nothing listens): the connection ends without one, as a dropped packet leaves it.
    const client = (request.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, '');
    if (!(await carry(this.client, endpoint, request.url ?? '/', request, response, route.keepsClientIP ? { client } : 'node'))) request.socket.destroy();
  }
}

/**
 * The lab's Ingress controller, as ingress-nginx behaves on a kind cluster: the IngressClass `nginx` (marked default)
 * made when the cluster has none of this controller, HTTP and HTTPS listeners on the host's loopback (ports `kubelab up`
 * prints), each request routed as ingress-nginx routes it (ingress-routes.ts) to one ready pod of the backend, or
 * answered as its nginx answers (404 from its default backend, 503 without an endpoint, 308 to HTTPS); the certificate
 * served for a host is the TLS Secret its Ingress names, else ingress-nginx's fake one. Every Ingress it serves gets
 * `localhost` as its address (status.loadBalancer, as kind's guide publishes it) and a `Sync` Event, and a Warning
 * Event for what it cannot serve.
 */
import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SecureContext } from 'node:tls';
import type { EndpointSlice, Ingress, IngressClass, KubeObject, Secret, Service } from '@kubelab/api';
import type { ApiClient, Informer } from '@kubelab/bus';
import { followed } from './followed.js';
import { issueFakeIngressCertificate } from '@kubelab/pki';
import { ingressesOfOurs, ingressNginxController, ingressTable, misconfigurations, routeRequest, tlsSecretFor, type IngressTable } from './ingress-routes.js';
import { recordControllerEvent } from './controller-event.js';
import type { ReachedPods } from './reached-pods.js';
import { SecretContexts } from './secret-contexts.js';
import { carry } from './upstream.js';

const ingressesRef = { group: 'networking.k8s.io', version: 'v1', plural: 'ingresses', kind: 'Ingress' };
const classesRef = { group: 'networking.k8s.io', version: 'v1', plural: 'ingressclasses', kind: 'IngressClass' };
const secretsRef = { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' };

/** The address every Ingress it serves shows, as kind's ingress-nginx publishes it. */
const publishedAddress = 'localhost';

/** nginx's own page for a status, as ingress-nginx sends it. */
const nginxPage = (status: string) => `<html>\r\n<head><title>${status}</title></head>\r\n<body>\r\n<center><h1>${status}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;

/** Where the controller listens on the host: HTTP and HTTPS ports on 127.0.0.1 (0: free ones). */
export interface IngressPorts {
  http: number;
  https: number;
}

/** The IngressClass ingress-nginx's manifest installs, marked the cluster's default. */
const nginxClass = {
  apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
  metadata: { name: 'nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' }, annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
  spec: { controller: ingressNginxController },
} as KubeObject;

/** Listens on `port` of 127.0.0.1, or on a free port when that one is taken; resolves to the port it got. */
function listenOn(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const listening = () => resolve((server.address() as AddressInfo).port);
    server.once('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE' && e.code !== 'EACCES') return reject(e);
      server.listen(0, '127.0.0.1', listening);
    });
    server.listen(port, '127.0.0.1', listening);
  });
}

/**
 * The controller's HTTP and HTTPS listeners, bound before it follows the cluster, so `kubelab up` says at once where they
 * are; until the controller takes them (`serveWith`), a request is answered 503, as nginx answers before its first sync.
 */
export class IngressListeners {
  private controller?: IngressController;
  private readonly http = createServer((request, response) => this.serve(request, response, false));
  private readonly https = createTlsServer({ SNICallback: (servername, done) => done(null, this.controller?.contextFor(servername)) },
    (request, response) => this.serve(request, response, true));
  /** Where they listen, once bound. */
  ports: IngressPorts = { http: 0, https: 0 };

  static async bind(ports: IngressPorts): Promise<IngressListeners> {
    const listeners = new IngressListeners();
    listeners.ports = { http: await listenOn(listeners.http, ports.http), https: await listenOn(listeners.https, ports.https) };
    return listeners;
  }

  /** The URLs they answer at. */
  urls(): { http: string; https: string } {
    return { http: `http://127.0.0.1:${this.ports.http}`, https: `https://127.0.0.1:${this.ports.https}` };
  }

  /** From now on `controller` answers, with `certificate` for a host no Ingress gives a Secret. */
  serveWith(controller: IngressController, certificate: { cert: string; key: string }): void {
    this.https.setSecureContext(certificate);
    this.controller = controller;
  }

  close(): void {
    this.http.close();
    this.https.close();
  }

  private serve(request: IncomingMessage, response: ServerResponse, tls: boolean): void {
    if (this.controller) return void this.controller.serve(request, response, tls);
    const body = nginxPage('503 Service Temporarily Unavailable');
    response.writeHead(503, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
    response.end(body);
  }
}

export class IngressController {
  private table: IngressTable = ingressTable([], [], [], []);
  /** The Ingresses already announced (by uid and generation), and the warnings already given. */
  private readonly synced = new Set<string>();
  private readonly warned = new Set<string>();

  /** The contexts of the TLS Secrets it serves. */
  private readonly tls: SecretContexts;

  private constructor(
    private readonly client: ApiClient,
    private readonly services: Informer<Service>,
    private readonly slices: Informer<EndpointSlice>,
    private readonly ingresses: Informer<Ingress>,
    private readonly classes: Informer<IngressClass>,
    private readonly secrets: Informer<Secret>,
    private readonly listeners: IngressListeners,
    private readonly reached: ReachedPods,
  ) {
    this.tls = new SecretContexts(this.secrets);
  }

  /** Follows the Ingresses, their classes and Secrets (besides the proxy's Services and slices), and answers on `listeners`. */
  static async start(
    client: ApiClient, services: Informer<Service>, slices: Informer<EndpointSlice>, listeners: IngressListeners, reached: ReachedPods, changed: () => void,
  ): Promise<IngressController> {
    const controller = new IngressController(
      client, services, slices, followed<Ingress>(client, ingressesRef), followed<IngressClass>(client, classesRef), followed<Secret>(client, secretsRef), listeners, reached,
    );
    for (const informer of [controller.ingresses, controller.classes, controller.secrets]) {
      informer.onChange(changed);
      await informer.start();
    }
    if (!controller.classes.list().some((c) => c.spec?.controller === ingressNginxController)) {
      await client.create(classesRef, '', nginxClass).catch(() => undefined);
    }
    controller.reconcile();
    const fake = await issueFakeIngressCertificate(new Date());
    listeners.serveWith(controller, { cert: fake.cert, key: fake.key });
    return controller;
  }

  /** The Ingresses as the cluster holds them now, and where the controller answers. */
  served(): { ingresses: Ingress[]; urls: { http: string; https: string } } {
    return { ingresses: this.ingresses.list(), urls: this.listeners.urls() };
  }

  stop(): void {
    for (const informer of [this.ingresses, this.classes, this.secrets]) informer.stop();
    this.listeners.close();
  }

  /** Routes from what the cluster holds now; publishes the address of the Ingresses it serves, announces new ones, warns of what it cannot serve. */
  reconcile(): void {
    this.table = ingressTable(this.classes.list(), this.ingresses.list(), this.services.list(), this.slices.list());
    const ours = new Set(ingressesOfOurs(this.table));
    for (const ing of this.ingresses.list()) {
      const key = `${ing.metadata.namespace}/${ing.metadata.name}`;
      if (!ours.has(key)) continue;
      const announced = `${ing.metadata.uid}@${ing.metadata.generation ?? 1}`;
      if (!this.synced.has(announced)) {
        this.synced.add(announced);
        void this.event(ing, 'Normal', 'Sync', 'Scheduled for sync');
      }
      const address = ing.status?.loadBalancer?.ingress;
      if (address?.length !== 1 || address[0].hostname !== publishedAddress) {
        void this.client.patchStatus(ingressesRef, ing.metadata.namespace ?? '', ing.metadata.name ?? '', { status: { loadBalancer: { ingress: [{ hostname: publishedAddress }] } } }, undefined, 'merge').catch(() => undefined);
      }
    }
    for (const problem of misconfigurations(this.table)) {
      const ing = this.ingresses.list().find((i) => `${i.metadata.namespace}/${i.metadata.name}` === problem.ingress);
      const said = `${ing?.metadata.uid}|${problem.message}`;
      if (!ing || this.warned.has(said)) continue;
      this.warned.add(said);
      void this.event(ing, 'Warning', problem.reason, problem.message);
    }
    for (const ref of tlsSecretsOf(this.ingresses.list(), ours)) {
      const ing = this.ingresses.list().find((i) => `${i.metadata.namespace}/${i.metadata.name}` === ref.ingress)!;
      const said = `${ing.metadata.uid}|secret ${ref.secretName}`;
      if (this.secrets.get(ref.namespace, ref.secretName) || this.warned.has(said)) continue;
      this.warned.add(said);
      void this.event(ing, 'Warning', 'MissingSecret', `Error obtaining X.509 certificate: no object matching key "${ref.namespace}/${ref.secretName}" in local store`);
    }
  }

  /** The certificate for `servername`: its Ingress's TLS Secret when that holds a usable pair, else none (the listener's, the fake one). */
  contextFor(servername: string): SecureContext | undefined {
    const ref = tlsSecretFor(this.table, servername.toLowerCase());
    return ref && this.tls.contextOf(ref.namespace, ref.secretName);
  }

  async serve(request: IncomingMessage, response: ServerResponse, tls: boolean): Promise<void> {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const decision = routeRequest(this.table, { host, path: request.url ?? '/', tls }, this.listeners.ports.https);
    const page = (status: number, text: string) => {
      const body = nginxPage(`${status} ${text}`);
      response.writeHead(status, { 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    switch (decision.kind) {
      case 'backend': {
        if (decision.endpoints.length === 0) return page(503, 'Service Temporarily Unavailable');
        const endpoint = decision.endpoints[randomInt(decision.endpoints.length)];
        this.reached.record(`Ingress ${decision.ingress}`, endpoint);
        // An upstream that does not answer (a NetworkPolicy dropped it): nginx's 504 once its connect timeout passes.
        if (!(await carry(this.client, endpoint, decision.path, request, response, 'ingress'))) page(504, 'Gateway Time-out');
        return;
      }
      case 'redirect': {
        const body = nginxPage('308 Permanent Redirect');
        response.writeHead(decision.status, { Location: decision.location, 'Content-Type': 'text/html', 'Content-Length': Buffer.byteLength(body) });
        return void response.end(request.method === 'HEAD' ? undefined : body);
      }
      case 'unavailable':
        return page(503, 'Service Temporarily Unavailable');
      case 'not-found':
        return page(404, 'Not Found');
      default: {
        const unknown: never = decision;
        throw new Error(`unknown decision ${JSON.stringify(unknown)}`);
      }
    }
  }

  /** An Event on an Ingress from the controller, as `kubectl describe ingress` lists them. */
  private event(ing: Ingress, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    return recordControllerEvent(this.client, 'nginx-ingress-controller', { ...ing, apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' }, type, reason, message);
  }
}

/** The TLS Secrets the Ingresses it serves name. */
function tlsSecretsOf(ingresses: readonly Ingress[], ours: ReadonlySet<string>): { ingress: string; namespace: string; secretName: string }[] {
  return ingresses.flatMap((ing) => {
    const key = `${ing.metadata.namespace}/${ing.metadata.name}`;
    if (!ours.has(key)) return [];
    return (ing.spec?.tls ?? []).flatMap((t) => (t.secretName ? [{ ingress: key, namespace: ing.metadata.namespace ?? 'default', secretName: t.secretName }] : []));
  });
}

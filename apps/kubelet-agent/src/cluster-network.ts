/**
 * The emulated cluster network as containers see it: Service names resolve to
 * their ClusterIP (`svc`, `svc.ns`, `svc.ns.svc.cluster.local`), a pod with a
 * hostname and a subdomain naming a headless Service to its own IP (`web-0.nginx`,
 * a StatefulSet pod's stable name), and HTTP to a Service or pod IP reaches a ready
 * pod's emulated container on this agent. Names and addresses outside the cluster
 * reach the emulated internet (emulated-internet.ts), as a lab with internet access does.
 * NetworkPolicy is enforced as a dropping CNI does: a connection the policies deny gets no
 * answer at all, and is reported (with the policies that dropped it) for the event log.
 * In a lab whose DNS is served by pods, names are answered only while a DNS server the pod's resolv.conf names answers: the cluster DNS
 * Service (kube-dns) while a ready CoreDNS pod backs it; an address in the cluster's ranges that no
 * Service or ready pod holds answers nothing, and the node's own resolver always answers. There, names
 * resolve as the Corefile CoreDNS serves says (its kubernetes plugin's zones, its forward). DNS
 * queries are not policed by NetworkPolicy. The `kubernetes` Service leads to
 * the api-server (over NATS), which shows a certificate of the lab's CA.
 */
import {
  connectionDenials, connectionDrop, definedOnly, sharedValue, type ConnectionDrop, type Namespace, type NetworkDestination, type NetworkEndpoint, type NetworkPolicy, type Pod, type Service,
} from '@kubelab/api';
import type { Informer } from '@kubelab/bus';
import { resolveThroughCorefile, type Corefile } from '@kubelab/images';
import type { PodHttpReply, PodHttpRequest } from '@kubelab/bus';
import type { HttpRequestOptions, HttpResponse } from '@kubelab/shell';
import { isApiServerService, plainHttpOnTlsPort, podHttpRequest, podHttpResponse } from './api-server-route.js';
import type { ClusterNetwork, HttpOrigin, SourcePod } from './runtime/emulated-container.js';
import { isPublicIp, publicAddress, publicPage } from './emulated-internet.js';
import type { PodWorker } from './pod-worker/pod-worker.js';
import type { PodLookup, PodSource } from './pod-directory.js';

const ready = (pod: Pod) => pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
const matches = (selector: Record<string, string> | undefined, labels: Record<string, string> = {}) =>
  !!selector && Object.entries(selector).every(([k, v]) => labels[k] === v);

/**
 * What the network keeps of every pod of the cluster, as a CNI agent keeps every endpoint's
 * address and identity: names, labels, node, hostname and subdomain, container ports (named
 * target ports, policies' named ports), IP and readiness. The agent's cache of all pods holds
 * this, not whole pods. What many pods hold alike (a ReplicaSet's labels and containers, Ready's
 * condition, the namespace and node) is one shared, frozen value: at 100,000 pods every agent held
 * this view of each, and those copies were half of it.
 */
export function podNetworkView(pod: Pod): Pod {
  const { metadata, spec, status } = pod;
  return {
    apiVersion: pod.apiVersion, kind: pod.kind,
    metadata: definedOnly({
      name: metadata.name, namespace: sharedValue(metadata.namespace), uid: metadata.uid, resourceVersion: metadata.resourceVersion, labels: sharedValue(metadata.labels),
    }),
    spec: definedOnly({
      nodeName: sharedValue(spec?.nodeName), hostname: spec?.hostname, subdomain: spec?.subdomain,
      containers: sharedValue((spec?.containers ?? []).map((c) => definedOnly({ name: c.name, ports: c.ports }))),
    }),
    status: definedOnly({
      podIP: status?.podIP,
      conditions: sharedValue((status?.conditions ?? []).filter((c) => c.type === 'Ready').map((c) => ({ type: c.type, status: c.status }))),
    }),
  };
}

/** In the lab's Service range (10.96.0.0/12) or pod range (10.244.0.0/16), where only the cluster's own servers answer. */
function isClusterRangeAddress(address: string): boolean {
  const [a, b] = address.split('.').map(Number);
  return a === 10 && ((b >= 96 && b <= 111) || b === 244);
}

/** An HTTP GET to a pod that another agent process hosts (over NATS); `path` may carry a query, `origin` says who asks. */
export type RemoteHttp = (pod: Pod, port: number, path: string, origin?: HttpOrigin) => Promise<HttpResponse | undefined>;

/** The api-server behind the `kubernetes` Service: one request answered (undefined: it could not be reached), and the CA of its certificate. */
export interface ApiServerRoute {
  request(request: PodHttpRequest): Promise<PodHttpReply | undefined>;
  /** The lab CA as the kube-root-ca.crt ConfigMaps publish it; undefined while there is none. */
  ca(): string | undefined;
}

/** The api-server's secure port, where the `kubernetes` Service's 443 leads (kube-apiserver's --secure-port). */
const apiServerPort = 6443;

/** What NetworkPolicy enforcement reads: every policy, and Namespaces for namespaceSelector labels. */
export interface PolicySources {
  networkPolicies(): NetworkPolicy[];
  namespace(name: string): Namespace | undefined;
}

/** Where a dropped connection is reported (the agent coalesces bursts and tells the api-server). */
export type ReportDrop = (drop: ConnectionDrop) => void;

/** A connection NetworkPolicy drops: the client hears nothing and waits out its own timeout. */
const noAnswer = (): Promise<undefined> => new Promise<undefined>(() => undefined);

/** How a request from the host entered the cluster: through a node (a node port or load balancer), or the Ingress controller. */
/** How a request from the host entered: through a node (SNAT to its address), the Ingress controller, or keeping the client's address (externalTrafficPolicy Local). */
export type HostEntry = { via: 'node'; nodeIP: string } | { via: 'ingress' } | { via: 'client'; clientIP: string };

/**
 * The Ingress controller as NetworkPolicy sees it, as ingress-nginx's manifest runs it on kind: a pod of the
 * ingress-nginx namespace with the controller's labels, so a policy that admits that namespace or those pods admits it.
 */
const ingressControllerEndpoint: NetworkEndpoint = {
  ip: '10.244.0.2',
  pod: {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: 'ingress-nginx-controller', namespace: 'ingress-nginx', labels: { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/instance': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' } },
  },
  namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ingress-nginx', labels: { 'kubernetes.io/metadata.name': 'ingress-nginx', 'app.kubernetes.io/name': 'ingress-nginx' } } },
};

export class EmulatedNetwork implements ClusterNetwork {
  constructor(
    private readonly services: Informer<Service>,
    private readonly pods: PodSource,
    private readonly workerOf: (uid: string) => PodWorker | undefined,
    private readonly remote: RemoteHttp,
    private readonly policies: PolicySources,
    private readonly reportDrop: ReportDrop,
    private readonly apiServer?: ApiServerRoute,
    /** Whether pods serve the cluster DNS (kubeadm's CoreDNS); without, every name this network knows is answered, as in a lab without add-ons. */
    private readonly dnsFromPods = false,
    /** The Corefile CoreDNS serves, once known: with dnsFromPods, names are answered as it says. */
    private readonly corefile: () => Corefile | undefined = () => undefined,
  ) {}

  /**
   * A GET from the host to a pod hosted by this agent, through a node port or load balancer (kube-proxy's SNAT makes the
   * node it entered the source) or through the Ingress controller (its pod the source): the pod's NetworkPolicies decide
   * first, a denied connection is reported as a drop and gets no answer.
   */
  hostHttp(podIP: string, port: number, path: string, origin: HttpOrigin, entry: HostEntry): HttpResponse | undefined {
    const pod = this.pods.local.list().find((p) => p.status?.podIP === podIP);
    const source: NetworkEndpoint = entry.via === 'node' ? { ip: entry.nodeIP } : entry.via === 'client' ? { ip: entry.clientIP } : ingressControllerEndpoint;
    if (pod && !this.allows(source, { ip: podIP, port, protocol: 'TCP', pod, namespace: this.policies.namespace(pod.metadata.namespace!) })) return undefined;
    return this.localHttp(podIP, port, path, origin);
  }

  /** A GET to a pod hosted by this agent (the pods on the node's own network share its address); undefined when nothing listens there. */
  localHttp(podIP: string, port: number, path: string, origin?: HttpOrigin): HttpResponse | undefined {
    const listening = this.pods.local.list()
      .filter((p) => p.status?.podIP === podIP)
      .map((p) => this.workerOf(p.metadata.uid!)?.containerListening(port))
      .find((container) => container !== undefined);
    return listening?.httpGet(port, path, origin);
  }

  private service(name: string, fromNamespace: string): Service | undefined {
    const parts = name.replace(/\.$/, '').split('.');
    const namespace = parts.length >= 2 && parts[1] !== 'svc' ? parts[1] : fromNamespace;
    if (parts.length > 2 && parts.slice(2).join('.') !== 'svc' && parts.slice(2).join('.') !== 'svc.cluster.local') return undefined;
    return this.services.get(namespace, parts[0]);
  }

  /** A process that can connect has started on this agent. */
  prepare(): void {
    this.pods.prepare();
  }

  async lookup(name: string, fromNamespace: string): Promise<string | undefined> {
    if (/^\d+\.\d+\.\d+\.\d+$/.test(name)) return name;
    const pods = await this.pods.cluster();
    const corefile = this.dnsFromPods ? this.corefile() : undefined;
    if (corefile) {
      const search = [`${fromNamespace}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'];
      return resolveThroughCorefile(corefile, name, search, { cluster: (relative) => this.clusterRecord(pods, relative), upstream: publicAddress });
    }
    return this.clusterAddress(pods, name, fromNamespace) ?? publicAddress(name);
  }

  /** A Service's address (a headless one's first ready pod), or a pod's under a headless Service, by a name the pod's namespace completes. */
  private clusterAddress(pods: PodLookup, name: string, fromNamespace: string): string | undefined {
    const svc = this.service(name, fromNamespace);
    if (!svc) return this.podByHostname(pods, name, fromNamespace)?.status?.podIP;
    if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return svc.spec.clusterIP;
    return this.endpoints(pods, svc)[0]?.status?.podIP;
  }

  /** The kubernetes plugin's record of a name below its zone: `svc.ns.svc` (a Service), `host.svc.ns.svc` (a pod under a headless Service). */
  private clusterRecord(pods: PodLookup, relative: string): string | undefined {
    const labels = relative.split('.');
    return labels[labels.length - 1] === 'svc' && (labels.length === 3 || labels.length === 4) ? this.clusterAddress(pods, relative, '') : undefined;
  }

  /**
   * Whether a DNS server at `address` answers: a Service's address while a ready pod backs it, a pod's own address
   * while that pod is ready; an address of the cluster's Service (10.96.0.0/12) or pod (10.244.0.0/16) ranges that
   * none of them holds answers nothing; an address outside them is the node's resolver, which answers.
   */
  async dnsAnswers(address: string): Promise<boolean> {
    if (!this.dnsFromPods) return true;
    const pods = await this.pods.cluster();
    const svc = this.services.list().find((s) => s.spec?.clusterIP === address);
    if (svc) return this.endpoints(pods, svc).length > 0;
    const servers = pods.list().filter((p) => p.status?.podIP === address);
    if (servers.length > 0) return servers.some(ready);
    return !isClusterRangeAddress(address);
  }

  /** `hostname.subdomain[.ns[.svc[.cluster.local]]]`: a ready pod under a headless Service of that name. */
  private podByHostname(pods: PodLookup, name: string, fromNamespace: string): Pod | undefined {
    const [hostname, subdomain, namespace = fromNamespace, ...rest] = name.replace(/\.$/, '').split('.');
    if (!subdomain || !['', 'svc', 'svc.cluster.local'].includes(rest.join('.'))) return undefined;
    if (this.services.get(namespace, subdomain)?.spec?.clusterIP !== 'None') return undefined;
    return pods.list().find((p) => p.metadata.namespace === namespace && p.spec?.hostname === hostname && p.spec?.subdomain === subdomain && ready(p));
  }

  private endpoints(pods: PodLookup, svc: Service): Pod[] {
    return pods.list().filter((p) => p.metadata.namespace === svc.metadata.namespace && matches(svc.spec?.selector, p.metadata.labels) && ready(p) && p.status?.podIP);
  }

  /**
   * A GET from a pod's container. The backend a Service sends it to (its target port) or the
   * pod addressed, or the internet address, is judged against NetworkPolicy before anything is
   * asked of it; a denied backend drops the connection, as the one kube-proxy picked would.
   */
  async http(url: string, from: SourcePod, request?: HttpRequestOptions): Promise<HttpResponse | undefined> {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return undefined;
    }
    const ip = await this.lookup(target.hostname, from.namespace);
    if (!ip) return undefined;
    const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
    const source = this.endpoint(this.pods.local.get(from.namespace, from.name));
    const svc = this.services.list().find((s) => s.spec?.clusterIP === ip);
    if (svc && isApiServerService(svc)) return this.apiServerHttp(svc, target, port, source, request);
    const pods = await this.pods.cluster();
    const addressed = pods.list().filter((p) => p.status?.podIP === ip);
    if (!svc && addressed.length === 0 && isPublicIp(ip)) return this.allows(source, { ip, port, protocol: 'TCP' }) ? publicPage(target) : noAnswer();
    const candidates = svc ? this.backends(pods, svc, port) : addressed.map((p) => ({ pod: p, port }));
    const path = `${target.pathname || '/'}${target.search}`;
    // Pod to Service to pod is not masqueraded: the server sees the client pod's own address, and the Host curl wrote.
    const origin: HttpOrigin = { ...(source.ip ? { clientIP: source.ip } : {}), host: target.host };
    const viaService = svc ? { namespace: svc.metadata.namespace ?? '', name: svc.metadata.name ?? '' } : undefined;
    for (const { pod, port: targetPort } of candidates) {
      if (!this.allows(source, { ...this.endpoint(pod), port: targetPort, protocol: 'TCP' }, viaService)) return noAnswer();
      const worker = this.workerOf(pod.metadata.uid!);
      const answer = worker ? worker.containerListening(targetPort)?.httpGet(targetPort, path, origin) : await this.remote(pod, targetPort, path, origin);
      if (answer) return answer;
    }
    return undefined;
  }

  /**
   * A request to the `kubernetes` Service: on a port it has, past the client's egress policies (judged against the
   * api-server's secure port), to the api-server, which answers plain HTTP as a TLS server does.
   */
  private async apiServerHttp(svc: Service, target: URL, port: number, source: NetworkEndpoint, request?: HttpRequestOptions): Promise<HttpResponse | undefined> {
    if (!this.apiServer || !(svc.spec?.ports ?? []).some((p) => p.port === port)) return undefined;
    if (!this.allows(source, { ip: svc.spec?.clusterIP ?? '', port: apiServerPort, protocol: 'TCP' })) return noAnswer();
    if (target.protocol !== 'https:') return plainHttpOnTlsPort;
    const reply = await this.apiServer.request(podHttpRequest(target, request));
    return reply && podHttpResponse(reply);
  }

  /** The lab CA when `url` is the api-server over TLS (the `kubernetes` Service's ClusterIP); undefined elsewhere. */
  async tlsIssuer(url: string, fromNamespace: string): Promise<string | undefined> {
    const target = new URL(url);
    if (target.protocol !== 'https:' || !this.apiServer) return undefined;
    const ip = await this.lookup(target.hostname, fromNamespace);
    const svc = this.services.list().find((s) => s.spec?.clusterIP === ip);
    return svc && isApiServerService(svc) ? this.apiServer.ca() : undefined;
  }

  /** A pod as NetworkPolicy sees it: its IP, labels and Namespace; no pod (a name gone meanwhile) is an address only. */
  private endpoint(pod: Pod | undefined): NetworkEndpoint {
    if (!pod) return { ip: '' };
    return { ip: pod.status?.podIP ?? '', pod, namespace: this.policies.namespace(pod.metadata.namespace!) };
  }

  /** Whether the policies let the connection through; a drop is reported with every side and policy that refused it. */
  private allows(source: NetworkEndpoint, destination: NetworkDestination, service?: { namespace: string; name: string }): boolean {
    const denials = connectionDenials(source, destination, this.policies.networkPolicies());
    if (denials.length === 0) return true;
    this.reportDrop(connectionDrop(source, destination, denials, service));
    return false;
  }

  private backends(pods: PodLookup, svc: Service, port: number): { pod: Pod; port: number }[] {
    const servicePort = (svc.spec?.ports ?? []).find((p) => p.port === port);
    if (!servicePort) return [];
    return this.endpoints(pods, svc).map((pod) => {
      const target = servicePort.targetPort ?? port;
      const named = (pod.spec?.containers ?? []).flatMap((c) => c.ports ?? []).find((p) => p.name === target)?.containerPort;
      return { pod, port: typeof target === 'number' ? target : Number(named ?? target) };
    });
  }
}

import type { ConnectionDrop, KubeObject, Namespace, NetworkPolicy, Pod, Service } from '@kubelab/api';
import type { NetworkPolicySpec } from 'kubernetes-types/networking/v1';
import type { Informer } from '@kubelab/bus';
import { readCorefile, type Corefile } from '@kubelab/images';
import type { HttpResponse } from '@kubelab/shell';
import { describe, expect, it } from 'vitest';
import { EmulatedNetwork, podNetworkView } from './cluster-network.js';
import type { PodSource } from './pod-directory.js';
import type { PodWorker } from './pod-worker/pod-worker.js';

const cache = <T extends KubeObject>(objects: T[]) =>
  ({
    list: () => objects,
    get: (namespace: string, name: string) => objects.find((o) => (o.metadata.namespace ?? '') === namespace && o.metadata.name === name),
  }) as unknown as Informer<T>;
/** The agent's own pods whole, and every pod as its directory keeps them: what podNetworkView keeps of them. */
const podSource = (local: Pod[], all: Pod[]): PodSource => ({ local: cache(local), cluster: async () => cache(all.map(podNetworkView)), prepare: () => undefined });

const readyPod = (name: string, namespace: string, labels: Record<string, string>, ip: string): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `${namespace}-${name}`, labels },
  spec: { containers: [{ name: 'main', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: { podIP: ip, conditions: [{ type: 'Ready', status: 'True' }] },
});
const namespace = (name: string): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name } } });
const policy = (name: string, ns: string, spec: NetworkPolicySpec): NetworkPolicy => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: ns }, spec });

const web = readyPod('web', 'prod', { app: 'web' }, '10.244.0.5');
const client = readyPod('client', 'prod', { run: 'client' }, '10.244.0.6');
const friend = readyPod('friend', 'dev', { access: 'true' }, '10.244.1.7');
const service: Service = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'prod', name: 'web' }, spec: { clusterIP: '10.96.0.30', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } };
const page: HttpResponse = { status: 200, body: 'hello' };
const served: string[] = [];
const origins: unknown[] = [];
const worker = {
  containerListening: (port: number) => (port === 8080 ? { httpGet: (_p: number, path: string, origin: unknown) => (served.push(path), origins.push(origin), page) } : undefined),
} as unknown as PodWorker;

const drops: ConnectionDrop[] = [];

function network(policies: NetworkPolicy[]): EmulatedNetwork {
  const namespaces = cache([namespace('prod'), namespace('dev')]);
  return new EmulatedNetwork(cache([service]), podSource([web, client, friend], [web, client, friend]), (uid) => (uid === 'prod-web' ? worker : undefined), async () => undefined, {
    networkPolicies: () => policies,
    namespace: (name) => namespaces.get('', name),
  }, (drop) => drops.push(drop));
}

/** The answer, or 'no answer' when the call has not settled once pending work has run (a drop never settles). */
async function answer(call: Promise<HttpResponse | undefined>): Promise<HttpResponse | undefined | 'no answer'> {
  return Promise.race([call, new Promise<'no answer'>((resolve) => setTimeout(() => resolve('no answer'), 20))]);
}

const denyIngress = policy('default-deny-ingress', 'prod', { podSelector: {}, policyTypes: ['Ingress'] });
const fromDev = policy('from-dev', 'prod', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } } }], ports: [{ port: 'http' }] }] });
const denyEgress = policy('default-deny-egress', 'prod', { podSelector: { matchLabels: { run: 'client' } }, policyTypes: ['Egress'] });

describe('NetworkPolicy on the emulated network', () => {
  it('answers as before when no policy applies', async () => {
    expect(await answer(network([]).http('http://web/', { namespace: 'prod', name: 'client' }))).toEqual(page);
  });

  it('asks the backend for the path with its query, from the client pod\'s address (no masquerade), for the Host curl wrote', async () => {
    served.length = 0;
    origins.length = 0;
    expect(await answer(network([]).http('http://web/echo?msg=hi', { namespace: 'prod', name: 'client' }))).toEqual(page);
    expect(await answer(network([]).http('http://10.244.0.5:8080/', { namespace: 'prod', name: 'client' }))).toEqual(page);
    expect(served).toEqual(['/echo?msg=hi', '/']);
    expect(origins).toEqual([{ clientIP: '10.244.0.6', host: 'web' }, { clientIP: '10.244.0.6', host: '10.244.0.5:8080' }]);
  });

  it('drops a Service connection whose backend pod is isolated for ingress: no answer at all', async () => {
    served.length = 0;
    expect(await answer(network([denyIngress]).http('http://web/', { namespace: 'prod', name: 'client' }))).toBe('no answer');
    expect(await answer(network([denyIngress]).http('http://10.244.0.5:8080/', { namespace: 'prod', name: 'client' }))).toBe('no answer');
    expect(served).toEqual([]);
  });

  it('reports each drop with the policies that refused it and the Service it went through, and no allowed connection', async () => {
    drops.length = 0;
    await answer(network([denyIngress]).http('http://web/', { namespace: 'prod', name: 'client' }));
    await answer(network([]).http('http://web/', { namespace: 'prod', name: 'client' }));
    expect(drops.map((d) => [d.service, d.destination.port, d.explanation])).toEqual([[
      { namespace: 'prod', name: 'web' }, 8080,
      'ingress of prod/web is isolated by NetworkPolicy prod/default-deny-ingress and no policy allows from prod/client on TCP 8080',
    ]]);
    expect(drops[0].source).toEqual({ ip: '10.244.0.6', namespace: 'prod', name: 'client', uid: 'prod-client' });
  });

  it("judges the backend's target port: a named-port rule from another namespace admits it", async () => {
    const net = network([denyIngress, fromDev]);
    expect(await answer(net.http('http://web.prod/', { namespace: 'dev', name: 'friend' }))).toEqual(page);
    expect(await answer(net.http('http://web/', { namespace: 'prod', name: 'client' }))).toBe('no answer');
  });

  it('drops egress from an isolated client, to the cluster and to the internet alike', async () => {
    const net = network([denyEgress]);
    expect(await answer(net.http('http://web/', { namespace: 'prod', name: 'client' }))).toBe('no answer');
    expect(await answer(net.http('http://info.cern.ch/', { namespace: 'prod', name: 'client' }))).toBe('no answer');
    expect((await answer(net.http('http://info.cern.ch/', { namespace: 'dev', name: 'friend' })) as HttpResponse).status).toBe(200);
  });

  it('lets an ipBlock egress rule reach the internet', async () => {
    const out = policy('internet', 'prod', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }] }] });
    const net = network([out]);
    expect((await answer(net.http('http://info.cern.ch/', { namespace: 'prod', name: 'client' })) as HttpResponse).status).toBe(200);
    expect(await answer(net.http('http://web/', { namespace: 'prod', name: 'client' }))).toBe('no answer');
  });
});

describe('which DNS servers answer', () => {
  const coredns = (ready: boolean): Pod => ({ ...readyPod('coredns-1', 'kube-system', { 'k8s-app': 'kube-dns' }, '10.244.0.9'), status: { podIP: '10.244.0.9', conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] } });
  const kubeDns: Service = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'kube-system', name: 'kube-dns' }, spec: { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ port: 53 }] } };
  const dnsNetwork = (services: Service[], pods: Pod[], fromPods = true) => new EmulatedNetwork(cache(services), podSource([], pods), () => undefined, async () => undefined, {
    networkPolicies: () => [], namespace: () => undefined,
  }, () => undefined, undefined, fromPods);

  it.each([
    ['kube-dns with a ready CoreDNS pod', [kubeDns], [coredns(true)], '10.96.0.10', true],
    ['kube-dns with none ready (scaled to 0, or all unready)', [kubeDns], [coredns(false)], '10.96.0.10', false],
    ['the cluster DNS address with no Service (kube-dns deleted)', [], [coredns(true)], '10.96.0.10', false],
    ['a ready CoreDNS pod asked by its own address', [kubeDns], [coredns(true)], '10.244.0.9', true],
    ['an unready one asked by its address', [kubeDns], [coredns(false)], '10.244.0.9', false],
    ['the node\'s own resolver', [], [], '172.18.0.1', true],
    ['a server outside the cluster', [], [], '8.8.8.8', true],
  ])('%s: %s answers %s', async (_, services, pods, address, answers) => {
    expect(await dnsNetwork(services, pods).dnsAnswers(address)).toBe(answers);
  });

  it('answers every name itself in a lab whose DNS no pod serves (kubelab up --no-control-plane)', async () => {
    expect(await dnsNetwork([], [], false).dnsAnswers('10.96.0.10')).toBe(true);
  });
});

describe('names answered as the Corefile CoreDNS serves says', () => {
  const headless: Service = { apiVersion: 'v1', kind: 'Service', metadata: { namespace: 'prod', name: 'mysql' }, spec: { clusterIP: 'None', selector: { app: 'mysql' } } };
  const mysql0: Pod = { ...readyPod('mysql-0', 'prod', { app: 'mysql' }, '10.244.0.8'), spec: { hostname: 'mysql-0', subdomain: 'mysql', containers: [] } };
  const served = (text: string) => {
    const read = readCorefile('/etc/coredns/Corefile', text, { readFile: () => 'nameserver 172.18.0.1\n', dnsPort: '53' });
    return read.ok ? read.corefile : undefined;
  };
  const corefileNetwork = (corefile: Corefile | undefined, fromPods = true) => new EmulatedNetwork(cache([service, headless]), podSource([], [web, mysql0]), () => undefined, async () => undefined, {
    networkPolicies: () => [], namespace: () => undefined,
  }, () => undefined, undefined, fromPods, () => corefile);
  const lookups = (net: EmulatedNetwork) => Promise.all(['web', 'web.prod.svc.cluster.local', 'mysql-0.mysql', 'info.cern.ch', '10.1.2.3'].map((name) => net.lookup(name, 'prod')));
  const kubeadm = '.:53 {\n    kubernetes cluster.local in-addr.arpa ip6.arpa {\n       fallthrough in-addr.arpa ip6.arpa\n    }\n    forward . /etc/resolv.conf\n}\n';

  it("answers Services, pods under headless Services and the internet through kubeadm's Corefile", async () => {
    expect(await lookups(corefileNetwork(served(kubeadm)))).toEqual(['10.96.0.30', '10.96.0.30', '10.244.0.8', expect.stringMatching(/^(198\.51\.100|203\.0\.113)\./), '10.1.2.3']);
  });

  it('answers no cluster name with the kubernetes plugin on another zone, and no internet name without forward', async () => {
    expect(await lookups(corefileNetwork(served(kubeadm.replace('cluster.local', 'cluster.locall'))))).toEqual([undefined, undefined, undefined, expect.any(String), '10.1.2.3']);
    expect(await lookups(corefileNetwork(served(kubeadm.replace('    forward . /etc/resolv.conf\n', ''))))).toEqual(['10.96.0.30', '10.96.0.30', '10.244.0.8', undefined, '10.1.2.3']);
  });

  it('answers as before while no Corefile is known, or in a lab whose DNS no pod serves', async () => {
    const before = await lookups(corefileNetwork(undefined));
    expect(before.slice(0, 3)).toEqual(['10.96.0.30', '10.96.0.30', '10.244.0.8']);
    expect(await lookups(corefileNetwork(served(kubeadm.replace('cluster.local', 'cluster.locall')), false))).toEqual(before);
  });
});

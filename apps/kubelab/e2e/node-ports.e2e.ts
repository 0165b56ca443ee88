/**
 * A NodePort Service from the host, as a beginner's guide ends ("open your app in the browser"): the lab answers on
 * 127.0.0.1 at the Service's node port, spreading requests over the ready pods as kube-proxy does, keeping a client on
 * one pod under sessionAffinity ClientIP, and refusing the connection while no pod is ready or once the Service is gone.
 * A LoadBalancer Service gets an EXTERNAL-IP on the host's loopback, as cloud-provider-kind gives one, answering at the
 * Service's port, with the service controller's Events, and `kubelab status` lists it; the pod's NetworkPolicy judges
 * what enters there; made a ClusterIP Service again, it loses it. Under externalTrafficPolicy Local, the client's
 * own address reaches the pod (no SNAT), and the Service holds a health check node port.
 */
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('a NodePort Service reached from the host (shared lab)', () => {
  let lab: TestLab;
  const json = async (...args: string[]) => JSON.parse((await lab.kubectl([...args, '-o', 'json'])).stdout || '{}');
  /** What the host gets at the node port: the body, or the connection's error code (ECONNREFUSED). */
  const get = (port: number, host = '127.0.0.1') => fetch(`http://${host}:${port}/`, { signal: AbortSignal.timeout(10_000) })
    .then(async (r) => ({ status: r.status, body: await r.text() }), (e: Error & { cause?: { code?: string } }) => ({ error: e.cause?.code ?? e.message }));

  beforeAll(async () => {
    lab = await sharedLab('node-ports');
  });
  afterAll(() => lab?.stop());

  it('answers on 127.0.0.1 at the node port from every ready pod, sticks to one under ClientIP affinity, and refuses without pods', async () => {
    expect((await lab.kubectl(['create', 'deployment', 'hostnames', '--image=registry.k8s.io/e2e-test-images/agnhost:2.39', '--replicas=3', '--', '/agnhost', 'serve-hostname'])).code).toBe(0);
    expect((await lab.kubectl(['expose', 'deployment', 'hostnames', '--type=NodePort', '--port=80', '--target-port=9376'])).code).toBe(0);
    const port = (await json('get', 'svc', 'hostnames')).spec.ports[0].nodePort as number;
    const pods = await waitFor(async () => {
      const items = (await json('get', 'pods', '-l', 'app=hostnames')).items as { metadata: { name: string }; status: { conditions?: { type: string; status: string }[] } }[];
      const ready = items.filter((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'));
      return ready.length === 3 && ready.map((p) => p.metadata.name).sort();
    }, 'three hostnames pods ready', 60_000, 250);
    // Every pod answers once its endpoint is in the Service's slice: 60 requests over 3 pods miss one with a chance of 3·(2/3)^60.
    const seen = await waitFor(async () => {
      const bodies = new Set<string>();
      for (let i = 0; i < 60; i++) {
        const answer = await get(port);
        if ('body' in answer) bodies.add(answer.body);
      }
      return bodies.size === 3 && [...bodies].sort();
    }, 'every pod answering at the node port', 30_000, 250);
    expect(seen).toEqual(pods);

    expect((await lab.kubectl(['patch', 'svc', 'hostnames', '-p', '{"spec":{"sessionAffinity":"ClientIP"}}'])).code).toBe(0);
    await waitFor(async () => {
      const bodies = new Set<string>();
      for (let i = 0; i < 20; i++) {
        const answer = await get(port);
        if ('body' in answer) bodies.add(answer.body);
      }
      return bodies.size === 1;
    }, 'one pod for one client under ClientIP affinity', 30_000, 250);

    expect((await lab.kubectl(['scale', 'deployment', 'hostnames', '--replicas=0'])).code).toBe(0);
    await waitFor(async () => (await get(port) as { error?: string }).error === 'ECONNREFUSED', 'the node port refusing with no pod ready', 60_000, 250);
    expect((await lab.kubectl(['scale', 'deployment', 'hostnames', '--replicas=1'])).code).toBe(0);
    await waitFor(async () => (await get(port) as { status?: number }).status === 200, 'the node port answering again', 60_000, 250);
    expect((await lab.kubectl(['delete', 'svc', 'hostnames'])).code).toBe(0);
    await waitFor(async () => (await get(port) as { error?: string }).error === 'ECONNREFUSED', 'the node port let go with its Service', 30_000, 250);
  });

  it('gives a LoadBalancer Service an EXTERNAL-IP on the host\'s loopback that answers at the Service\'s port, and takes it back when it is a ClusterIP again', async () => {
    expect((await lab.kubectl(['create', 'deployment', 'echo', '--image=registry.k8s.io/e2e-test-images/agnhost:2.39', '--', '/agnhost', 'serve-hostname'])).code).toBe(0);
    expect((await lab.kubectl(['expose', 'deployment', 'echo', '--type=LoadBalancer', '--port=8080', '--target-port=9376'])).code).toBe(0);
    const ip = await waitFor(async () => (await json('get', 'svc', 'echo')).status?.loadBalancer?.ingress?.[0]?.ip as string | undefined, 'a load balancer address', 30_000, 250);
    expect(ip).toMatch(/^127\.(240\.0\.\d+|0\.0\.1)$/);
    expect((await lab.kubectl(['get', 'svc', 'echo'])).stdout).toMatch(new RegExp(`\\necho\\s+LoadBalancer\\s+10\\.\\d+\\.\\d+\\.\\d+\\s+${ip.replace(/\./g, '\\.')}\\s+8080:3\\d{4}/TCP\\s`));
    const pod = await waitFor(async () => {
      const items = (await json('get', 'pods', '-l', 'app=echo')).items as { metadata: { name: string }; status: { conditions?: { type: string; status: string }[] } }[];
      return items.find((p) => p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'))?.metadata.name;
    }, 'the echo pod ready', 60_000, 250);
    expect(await waitFor(async () => {
      const answer = await get(8080, ip);
      return 'body' in answer && answer.body;
    }, 'the load balancer answering', 30_000, 250)).toBe(pod);
    expect(lab.kubelab(['status']).stdout).toMatch(new RegExp(`\\nLoadBalancer +${lab.namespace}/echo +8080 +http://${ip.replace(/\./g, '\\.')}:8080\\n`));
    const events = (await lab.kubectl(['get', 'events', '--field-selector', 'involvedObject.name=echo,involvedObject.kind=Service', '-o', 'jsonpath={.items[*].reason}'])).stdout;
    expect(events).toBe('EnsuringLoadBalancer EnsuredLoadBalancer');
    // The pod's NetworkPolicy judges what enters through the load balancer: denied, no answer; let go, answered again.
    const deny = JSON.stringify({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'echo-deny' }, spec: { podSelector: { matchLabels: { app: 'echo' } }, policyTypes: ['Ingress'] } });
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: deny })).code).toBe(0);
    await waitFor(async () => 'error' in (await get(8080, ip)), 'the load balancer\'s request dropped by the policy', 30_000, 250);
    expect((await lab.kubectl(['delete', 'networkpolicy', 'echo-deny'])).code).toBe(0);
    await waitFor(async () => 'body' in (await get(8080, ip)), 'the load balancer answering again', 30_000, 250);
    expect((await lab.kubectl(['patch', 'svc', 'echo', '-p', '{"spec":{"type":"ClusterIP"}}'])).code).toBe(0);
    await waitFor(async () => (await json('get', 'svc', 'echo')).status?.loadBalancer?.ingress === undefined, 'the load balancer address taken back', 30_000, 250);
    await waitFor(async () => (await get(8080, ip) as { error?: string }).error === 'ECONNREFUSED', 'the load balancer let go', 30_000, 250);
  });

  it('keeps the client\'s address under externalTrafficPolicy Local, with a health check node port, where Cluster shows the pod network\'s gateway', async () => {
    expect((await lab.kubectl(['create', 'deployment', 'who', '--image=traefik/whoami:v1.10'])).code).toBe(0);
    expect((await lab.kubectl(['expose', 'deployment', 'who', '--type=LoadBalancer', '--port=8081', '--target-port=80'])).code).toBe(0);
    const remoteAddr = async () => {
      const balancer = (await json('get', 'svc', 'who')).status?.loadBalancer?.ingress?.[0]?.ip as string | undefined;
      const answer = balancer ? await get(8081, balancer) : { error: 'no address yet' };
      return 'body' in answer ? /^RemoteAddr: (\S+):\d+$/m.exec(answer.body)?.[1] : undefined;
    };
    const throughNode = await waitFor(remoteAddr, 'the load balancer to answer', 60_000, 250);
    expect(throughNode).toMatch(/^10\.244\.\d+\.1$/);
    expect((await json('get', 'svc', 'who')).spec.healthCheckNodePort).toBeUndefined();
    expect((await lab.kubectl(['patch', 'svc', 'who', '-p', '{"spec":{"externalTrafficPolicy":"Local"}}'])).code).toBe(0);
    const spec = (await json('get', 'svc', 'who')).spec;
    expect(spec.healthCheckNodePort).toBeGreaterThanOrEqual(30000);
    await waitFor(async () => (await remoteAddr()) === '127.0.0.1', 'the client\'s own address', 30_000, 250);
    const taken = await lab.kubectl(['create', '-f', '-'], { stdin: JSON.stringify({
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'who-too' },
      spec: { type: 'LoadBalancer', externalTrafficPolicy: 'Local', healthCheckNodePort: spec.healthCheckNodePort, selector: { app: 'who' }, ports: [{ port: 8082, targetPort: 80 }] },
    }) });
    expect(taken.stderr).toBe(`Error from server (InternalError): error when creating "STDIN": Internal error occurred: failed to allocate requested HealthCheck NodePort ${spec.healthCheckNodePort}: provided port is already allocated\n`);
    expect((await lab.kubectl(['patch', 'svc', 'who', '-p', '{"spec":{"externalTrafficPolicy":"Cluster"}}'])).code).toBe(0);
    expect((await json('get', 'svc', 'who')).spec.healthCheckNodePort).toBeUndefined();
  });
});

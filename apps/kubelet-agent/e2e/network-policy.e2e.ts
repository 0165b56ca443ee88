/**
 * NetworkPolicy as the tutorials show it, observed with busybox wget between pods: an
 * nginx Service answers a client until a default-deny ingress policy isolates it, then
 * the client's wget gets no answer and times out (`wget: download timed out`, exit 1) in
 * lab time; allow rules by pod label and by namespace let the chosen clients back in, and
 * an egress default-deny blocks a client at its own end. Each drop is in the event log:
 * `kubelab why pod/client` names the policy that dropped its connection.
 */
import type { LogEntry } from '@kubelab/event-log';
import { sharedLab, waitFor, type KubectlResult, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const timedOut = { code: 1, stdout: '', stderr: 'wget: download timed out\ncommand terminated with exit code 1\n' };
const page = /<h1>Welcome to nginx!<\/h1>/;

const client = (name: string, namespace: string, labels: Record<string, string> = {}) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, labels: { run: name, ...labels } },
  spec: { containers: [{ name, image: 'busybox:1.28', command: ['sleep', '3600'] }] },
});
/** The other namespace, named after the suite: namespaces are cluster-scoped on the shared lab. */
const guests = 'network-policy-guests';

describe('NetworkPolicy seen through busybox wget (time scale 20, the real kubectl)', () => {
  let lab: TestLab;
  const policy = (name: string, spec: object) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace: lab.namespace }, spec });
  const apply = async (...objects: object[]) => {
    const result = await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects }) });
    expect(result.stderr).toBe('');
  };
  const wget = (pod: string, namespace = lab.namespace, url = `http://web.${lab.namespace}`) =>
    lab.kubectl(['exec', '-n', namespace, pod, '--', 'wget', '-qO-', '-T', '2', url], { timeoutMs: 30_000 });
  /** The policies reach the agent through its informer: wait until the client sees the expected outcome. */
  const eventually = (pod: string, outcome: (r: KubectlResult) => boolean, namespace = lab.namespace) =>
    waitFor(async () => {
      const result = await wget(pod, namespace);
      return outcome(result) && result;
    }, `wget from ${namespace}/${pod}`, 20_000, 200);
  const answered = (r: KubectlResult) => r.code === 0 && page.test(r.stdout);
  const dropped = (r: KubectlResult) => r.code === 1;

  beforeAll(async () => {
    lab = await sharedLab('network-policy');
    const own = lab.namespace;
    await apply(
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: guests } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: own, labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ name: 'http', containerPort: 80 }] }] } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: own }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 'http' }] } },
      client('client', own),
      client('access', own, { access: 'true' }),
      client('guest', guests),
    );
    for (const [namespace, name] of [[own, 'web'], [own, 'client'], [own, 'access'], [guests, 'guest']]) {
      await waitFor(async () => (await lab.kubectl(['get', 'pod', '-n', namespace, name, '-o', 'jsonpath={.status.phase}'])).stdout === 'Running', `${name} to run`, 30_000, 200);
    }
  }, 120_000);
  afterAll(async () => {
    if (lab) await lab.kubectl(['delete', 'namespace', guests, '--ignore-not-found', '--wait=false']);
    lab?.stop();
  });

  it('reaches the nginx Service from any pod while no policy applies', async () => {
    for (const [pod, namespace] of [['client', lab.namespace], ['access', lab.namespace], ['guest', guests]]) {
      expect(answered(await eventually(pod, answered, namespace))).toBe(true);
    }
  });

  it('drops every client under a default-deny ingress policy: wget times out with busybox message and exit 1, in lab time', async () => {
    await apply(policy('default-deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }));
    await eventually('client', dropped);
    const started = Date.now();
    expect(await wget('client')).toEqual(timedOut);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(await wget('guest', guests)).toEqual(timedOut);
  });

  it('records the drop: kubelab why names default-deny-ingress for the client and the server, and events lists it', async () => {
    const ns = lab.namespace;
    const explanation = `ingress of ${ns}/web is isolated by NetworkPolicy ${ns}/default-deny-ingress and no policy allows from ${ns}/client on TCP 80`;
    const why = await waitFor(() => {
      const told = lab.kubelab(['why', 'pod/client', '-n', ns]);
      return told.stdout.includes(explanation) && told;
    }, 'kubelab why pod/client to name the policy', 10_000, 100);
    expect(why.stdout).toContain(`connections from Pod ${ns}/client that NetworkPolicy dropped:`);
    expect(why.stdout).toMatch(new RegExp(`ConnectionDropped +Pod ${ns}/client +${ns}/client → ${ns}/web:80/TCP \\(Service ${ns}/web\\) dropped: ingress of ${ns}/web`));
    expect(lab.kubelab(['why', 'pod/web', '-n', ns]).stdout).toContain(`connections to Pod ${ns}/web that NetworkPolicy dropped:`);
    const listed = lab.kubelab(['events', '--type', 'ConnectionDropped', '--namespace', ns, '-o', 'json']).stdout.split('\n').filter(Boolean).map((l) => JSON.parse(l) as LogEntry);
    const fromClient = listed.filter((e) => e.name === 'client');
    // The drop is reported by the kubelet of the node the client runs on.
    const clientNode = (await lab.kubectl(['get', 'pod', 'client', '-o', 'jsonpath={.spec.nodeName}'])).stdout;
    expect(fromClient[0]).toMatchObject({
      kind: 'Pod', namespace: ns, actor: `kubelet/${clientNode}`,
      object: { source: { namespace: ns, name: 'client' }, destination: { namespace: ns, name: 'web', port: 80, protocol: 'TCP' }, denials: [{ direction: 'Ingress', policies: [`${ns}/default-deny-ingress`] }] },
    });
    // No object changed: the pods are as they were, and the log still replays to the live objects.
    expect(lab.kubelab(['verify']).stdout).toContain('the event log and the live state agree');
  });

  it("gives up after the kernel's 127 s of SYN retries (6.35 s here) when wget sets no -T", async () => {
    const started = Date.now();
    const result = await lab.kubectl(['exec', 'client', '--', 'wget', '-q', 'http://web'], { timeoutMs: 30_000 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^wget: can't connect to remote host \(10\.\d+\.\d+\.\d+\): Connection timed out\ncommand terminated with exit code 1\n$/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(127_000 / 20);
  });

  it('lets a pod labelled access: "true" in, while an unlabelled one still times out', async () => {
    await apply(policy('access-web', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { access: 'true' } } }] }],
    }));
    const allowed = await eventually('access', answered);
    expect(allowed.stderr).toBe('');
    expect(await wget('client')).toEqual(timedOut);
    expect(await wget('guest', guests)).toEqual(timedOut);
  });

  it('admits a pod of another namespace through a namespaceSelector rule', async () => {
    await apply(policy('from-guests', {
      podSelector: { matchLabels: { app: 'web' } },
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': guests } } }], ports: [{ port: 'http' }] }],
    }));
    expect(answered(await eventually('guest', answered, guests))).toBe(true);
    expect(await wget('client')).toEqual(timedOut);
  });

  it('blocks an admitted client at its own end under an egress default-deny', async () => {
    await apply(policy('default-deny-egress', { podSelector: { matchLabels: { access: 'true' } }, policyTypes: ['Egress'] }));
    await eventually('access', dropped);
    expect(await wget('access')).toEqual(timedOut);
    expect(await wget('access', lab.namespace, 'http://info.cern.ch')).toEqual(timedOut);
    expect(answered(await wget('guest', guests))).toBe(true);
  });
});

import { spawn, spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { startLab, tempDir, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/** Lists pods, then watches and prints each event, with Debian's python3-kubernetes and the lab's kubeconfig. */
const pythonClient = `
import sys
from kubernetes import client, config, watch
config.load_kube_config(config_file=sys.argv[1])
v1 = client.CoreV1Api()
print("LISTED", " ".join(sorted(p.metadata.name for p in v1.list_namespaced_pod("default").items)), flush=True)
for event in watch.Watch().stream(v1.list_namespaced_pod, "default", timeout_seconds=30):
    print(event["type"], event["object"].metadata.name, flush=True)
`;

/** A CRD whose answer is as large as the Gateway API's (its schema's description alone `kib` KiB). */
const largeCrd = (plural: string, kib: number) => JSON.stringify({
  apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${plural}.large.example.com` },
  spec: {
    group: 'large.example.com', scope: 'Namespaced', names: { plural, singular: plural.slice(0, -1), kind: `${plural[0].toUpperCase()}${plural.slice(1, -1)}` },
    versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', description: 'x'.repeat(kib * 1024), 'x-kubernetes-preserve-unknown-fields': true } } }],
  },
});

const pod = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }] } });

describe('the lab over HTTPS, with clients as they are', () => {
  let lab: TestLab;
  let kubeconfig: string;
  /** The real kubectl with the kubeconfig `kubelab up` wrote, and nothing else. */
  const kubectl = (args: string[], stdin = '') => spawnSync('kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', join(lab.dataDir, 'kubectl-cache'), ...args], { input: stdin, encoding: 'utf8', timeout: 30_000 });

  beforeAll(async () => {
    lab = await startLab({ nodes: 1, timeScale: 10 });
    kubeconfig = join(lab.dataDir, 'kubeconfig');
  });
  afterAll(() => lab?.stop());

  it('serves a certificate from the lab CA for loopback and the kubernetes Service names', () => {
    expect(lab.apiUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const serving = new X509Certificate(readFileSync(join(lab.dataDir, 'pki', 'apiserver.crt')));
    expect(serving.checkIssued(new X509Certificate(lab.credentials.ca))).toBe(true);
    expect(serving.subjectAltName).toBe(
      'DNS:kubernetes, DNS:kubernetes.default, DNS:kubernetes.default.svc, DNS:kubernetes.default.svc.cluster.local, DNS:localhost, '
      + 'IP Address:10.96.0.1, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1',
    );
  });

  it('kubectl works with the kubeconfig as written, verifying the server', () => {
    const config = kubectl(['config', 'view', '--raw', '-o', 'jsonpath={.clusters[0].cluster}']);
    expect(config.stdout).toContain('certificate-authority-data');
    expect(config.stdout).not.toContain('insecure-skip-tls-verify');
    const namespaces = kubectl(['get', 'namespaces']);
    expect(namespaces.stderr).toBe('');
    expect(namespaces.stdout).toMatch(/^default\s+Active/m);
  });

  it('publishes kube-root-ca.crt to every namespace, new ones too, and puts it back when deleted or changed', async () => {
    const rootCa = (ns: string) => kubectl(['get', 'configmap', 'kube-root-ca.crt', '-n', ns, '-o', 'json']);
    const caOf = (ns: string) => {
      const r = rootCa(ns);
      return r.status === 0 ? (JSON.parse(r.stdout) as { data: Record<string, string>; metadata: { annotations?: Record<string, string> } }) : undefined;
    };
    await waitFor(() => caOf('default')?.data['ca.crt'] === lab.credentials.ca, 'kube-root-ca.crt in default');
    expect(caOf('default')?.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);

    expect(kubectl(['create', 'namespace', 'team-a']).status).toBe(0);
    await waitFor(() => caOf('team-a')?.data['ca.crt'] === lab.credentials.ca, 'kube-root-ca.crt in a new namespace');

    expect(kubectl(['delete', 'configmap', 'kube-root-ca.crt', '-n', 'team-a']).status).toBe(0);
    await waitFor(() => caOf('team-a')?.data['ca.crt'] === lab.credentials.ca, 'kube-root-ca.crt recreated');

    expect(kubectl(['patch', 'configmap', 'kube-root-ca.crt', '-n', 'team-a', '--type', 'merge', '-p', '{"data":{"ca.crt":"tampered"}}']).status).toBe(0);
    await waitFor(() => caOf('team-a')?.data['ca.crt'] === lab.credentials.ca, 'kube-root-ca.crt restored');
  });

  it('@kubernetes/client-node, loading the kubeconfig from its file, lists, watches and server-side-applies', async () => {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(kubeconfig);
    const core = kc.makeApiClient(k8s.CoreV1Api);
    const seen: string[] = [];
    const request = await new k8s.Watch(kc).watch('/api/v1/namespaces/default/pods', {}, (type, obj: k8s.V1Pod) => seen.push(`${type} ${obj.metadata?.name}`), () => undefined);
    try {
      const applied = await k8s.KubernetesObjectApi.makeApiClient(kc).patch(
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'js-applied', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx:1.14.2' }] } } as k8s.V1Pod,
        undefined, undefined, 'tls-e2e', true, k8s.PatchStrategy.ServerSideApply,
      );
      expect(applied.metadata?.managedFields?.some((f) => f.manager === 'tls-e2e' && f.operation === 'Apply')).toBe(true);
      const list = await core.listNamespacedPod({ namespace: 'default' });
      expect(list.items.map((p) => p.metadata?.name)).toContain('js-applied');
      await waitFor(() => seen.includes('ADDED js-applied'), 'the watch to see the applied pod');
    } finally {
      request.abort();
    }
  });

  it('keeps kubectl\'s connection through server-side applies of CRDs of hundreds of KiB, one after another', () => {
    const plurals = ['alphas', 'betas', 'gammas', 'deltas', 'epsilons', 'zetas'];
    const applied = kubectl(['apply', '--server-side', '-f', '-'], plurals.map((p) => largeCrd(p, 200)).join('\n'));
    expect(applied.stderr).toBe('');
    expect(applied.stdout.trim().split('\n')).toEqual(plurals.map((p) => `customresourcedefinition.apiextensions.k8s.io/${p}.large.example.com serverside-applied`));
  });

  it("Debian's python3-kubernetes, with the kubeconfig, lists pods and watches one being created", async () => {
    expect(kubectl(['apply', '-f', '-'], pod('py-before')).status).toBe(0);
    const script = join(tempDir('python'), 'client.py');
    writeFileSync(script, pythonClient);
    const python = spawn('/usr/bin/python3', [script, kubeconfig], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    python.stdout.on('data', (d) => (output += d));
    python.stderr.on('data', (d) => (output += d));
    try {
      await waitFor(() => /^LISTED .*py-before/m.test(output), `python to list pods (output: ${output})`, 30_000);
      await waitFor(() => /^ADDED py-before$/m.test(output), 'python to start watching');
      expect(kubectl(['apply', '-f', '-'], pod('py-during')).status).toBe(0);
      await waitFor(() => /^ADDED py-during$/m.test(output), 'python to see the pod created while it watches');
    } finally {
      python.kill('SIGKILL');
    }
    expect(output).not.toMatch(/Traceback|Error/);
  });
});

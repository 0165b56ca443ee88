/**
 * `kubectl delete namespace --all` with the real kubectl, on a lab of its own (it deletes every
 * namespace it may): default, kube-system and kube-public are refused as on a cluster; every
 * other namespace is emptied and deleted, kube-node-lease too (its node Leases with it), and the
 * api-server recreates kube-node-lease, where the kubelets renew their Leases again. A node
 * Lease deleted by hand comes back the same way, and the nodes stay Ready throughout.
 */
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const systemNamespaces = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

interface Listed {
  items: { metadata: { name: string; uid: string }; status?: { phase?: string } }[];
}

describe('kubectl delete namespace --all (time scale 20)', () => {
  let lab: TestLab;
  const list = async (args: string[]): Promise<Listed> => {
    const got = await lab.kubectl(['get', ...args, '-o', 'json']);
    expect(got.code, got.stderr).toBe(0);
    return JSON.parse(got.stdout) as Listed;
  };
  const leaseUids = async () => new Map((await list(['leases', '-n', 'kube-node-lease'])).items.map((l) => [l.metadata.name, l.metadata.uid]));
  const namespaceUid = async (name: string) => (await list(['namespaces'])).items.find((n) => n.metadata.name === name)?.metadata.uid;

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20 });
  });
  afterAll(() => lab?.stop());

  it('empties and deletes every namespace it may, and the api-server recreates kube-node-lease, where the node Leases come back', async () => {
    const leasesBefore = await waitFor(async () => ((await leaseUids()).size === 2 ? leaseUids() : undefined), 'both node Leases');
    const nodeLeaseNamespace = await namespaceUid('kube-node-lease');
    expect((await lab.kubectl(['create', 'namespace', 'team-a'])).code).toBe(0);
    expect((await lab.kubectl(['create', 'configmap', 'settings', '-n', 'team-a', '--from-literal=a=b'])).code).toBe(0);

    const deleted = await lab.kubectl(['delete', 'namespace', '--all', '--wait=false']);
    expect(deleted.code).toBe(1);
    expect(deleted.stdout).toContain('namespace "kube-node-lease" deleted\n');
    expect(deleted.stdout).toContain('namespace "team-a" deleted\n');
    for (const name of ['default', 'kube-public', 'kube-system']) {
      expect(deleted.stderr).toContain(`Error from server (Forbidden): namespaces "${name}" is forbidden: this namespace may not be deleted\n`);
    }

    // Every namespace either gone or a system namespace, Active; none left Terminating; kube-node-lease a new one.
    await waitFor(async () => {
      const namespaces = (await list(['namespaces'])).items;
      const settled = namespaces.every((n) => systemNamespaces.includes(n.metadata.name) && n.status?.phase === 'Active');
      return settled && namespaces.length === 4 && (await namespaceUid('kube-node-lease')) !== nodeLeaseNamespace;
    }, 'only the four system namespaces, all Active, kube-node-lease recreated', 60_000);
    expect((await list(['namespaces'])).items.map((n) => n.metadata.name).sort()).toEqual(systemNamespaces);

    const leasesAfter = await waitFor(async () => ((await leaseUids()).size === 2 ? leaseUids() : undefined), 'both node Leases back in the new kube-node-lease', 30_000);
    for (const [node, uid] of leasesAfter) expect(uid).not.toBe(leasesBefore.get(node));
    // `kubelab why` tells the new kube-node-lease from the deletion of the old one that made the api-server create it.
    const why = lab.kubelab(['why', 'namespace/kube-node-lease']);
    expect(why.stdout).toMatch(/NamespaceDeleted\s+Namespace kube-node-lease[\s\S]*api-server\s+NamespaceCreated\s+Namespace kube-node-lease/);
  });

  it('deletes a node Lease as a cluster does, and the kubelet recreates it on its next renewal', async () => {
    const before = await waitFor(async () => (await leaseUids()).get('node-1'), 'the Lease of node-1');
    const deleted = await lab.kubectl(['delete', 'lease', 'node-1', '-n', 'kube-node-lease']);
    expect(deleted).toMatchObject({ code: 0, stdout: 'lease.coordination.k8s.io "node-1" deleted\n' });
    const after = await waitFor(async () => {
      const uid = (await leaseUids()).get('node-1');
      return uid !== undefined && uid !== before ? uid : undefined;
    }, 'the Lease of node-1 recreated');
    expect(after).not.toBe(before);
    const dryRun = await lab.kubectl(['delete', 'lease', 'node-2', '-n', 'kube-node-lease', '--dry-run=server']);
    expect(dryRun).toMatchObject({ code: 0, stdout: 'lease.coordination.k8s.io "node-2" deleted (server dry run)\n' });
    expect((await leaseUids()).has('node-2')).toBe(true);
    const nodes = (await lab.kubectl(['get', 'nodes', '--no-headers'])).stdout.trim().split('\n');
    expect(nodes.every((line) => /\sReady\s/.test(line)), nodes.join('\n')).toBe(true);
  });
});

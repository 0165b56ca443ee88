/**
 * The CKA's etcd backup and restore, as a learner does it on the controlplane node over `kubelab ssh`: a snapshot
 * refused without etcd's certificates and saved with them, objects made and deleted after it, `etcdutl snapshot
 * restore` into a new data directory and the etcd manifest's hostPath pointed at it; the cluster comes back to the
 * snapshot's state (what was made since gone, what was deleted back, its pods Running), the log still gap-free with the
 * restore as its own entry that `kubelab why` names, `kubelab verify` passing; and etcd restarted on that directory
 * does not restore it again. etcd's image has etcdctl too, reached with kubectl exec; kubeadm checks and renews the
 * certificates etcdctl uses. A lab of its own: it rewinds the cluster.
 */
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface Entry {
  seq: number;
  type: string;
  actor: string;
  cause: number | null;
  kind: string;
  name: string;
  object: { message?: string };
}

describe('etcd snapshot save and restore on the controlplane (1 worker, time scale 20)', () => {
  let lab: TestLab;
  const ssh = (command: string) => lab.kubelab(['ssh', 'controlplane', '--', command]);
  const kubectlOk = async (...args: string[]) => {
    const r = await lab.kubectl(args);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const names = async (kind: string) => (await kubectlOk('get', kind, '-o', 'jsonpath={.items[*].metadata.name}')).split(' ').filter(Boolean).sort();
  const entries = async (): Promise<Entry[]> => (await lab.fetch(`${lab.apiUrl}/kubelab/v1/events`).then((r) => r.text())).trim().split('\n').map((l) => JSON.parse(l) as Entry);
  const tls = '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';
  const deploymentReady = (name: string, replicas: number) => waitFor(async () => {
    const r = await lab.kubectl(['get', 'deployment', name, '-o', 'jsonpath={.status.readyReplicas}']);
    return r.code === 0 && r.stdout === String(replicas);
  }, `deployment ${name} ${replicas}/${replicas}`, 60_000, 250);

  beforeAll(async () => {
    lab = await startLab({ nodes: 1, timeScale: 20, controlPlane: true });
  }, 180_000);
  afterAll(() => lab?.stop());

  it('refuses a snapshot without etcd\'s certificates, in etcd\'s client\'s words, and writes nothing', () => {
    const refused = ssh('ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 snapshot save /opt/snapshot.db; echo "exit $?"; ls /opt');
    expect(refused.stderr).toContain('x509: certificate signed by unknown authority');
    expect(refused.stderr).toMatch(/Error: context deadline exceeded\n$/);
    expect(refused.stdout).toBe('exit 1\n');
  });

  it('answers the etcdctl of etcd\'s own image through kubectl exec, writing the snapshot where the pod mounts the node\'s disk', async () => {
    const saved = await lab.kubectl(['exec', '-n', 'kube-system', 'etcd-controlplane', '--', 'etcdctl', ...tls.split(' '), 'snapshot', 'save', '/var/lib/etcd/exec.db']);
    expect(saved.stdout).toBe('Snapshot saved at /var/lib/etcd/exec.db\n');
    expect(ssh('etcdutl snapshot status /var/lib/etcd/exec.db').stdout).toMatch(/^[0-9a-f]+, \d+, \d+, [\d.]+ [kM]B, 3\.5\.0\n$/);
    const shell = await lab.kubectl(['exec', '-n', 'kube-system', 'etcd-controlplane', '--', 'sh', '-c', 'true']);
    expect(`${shell.stdout}${shell.stderr}`).toContain('exec: "sh": executable file not found in $PATH');
  });

  it('checks the certificates kubeadm issued as the lab started (a year; its CAs ten) and renews them', () => {
    const checked = ssh('kubeadm certs check-expiration');
    expect(checked.stdout).toMatch(/\nCERTIFICATE {16}EXPIRES {18}RESIDUAL TIME {3}CERTIFICATE AUTHORITY {3}EXTERNALLY MANAGED\nadmin\.conf {17}\w{3} \d\d, \d{4} \d\d:\d\d UTC {3}(364d|1y) +ca +no {6}\n/);
    expect(checked.stdout).toMatch(/\netcd-ca {17}\w{3} \d\d, \d{4} \d\d:\d\d UTC {3}9y +no {6}\n/);
    expect(ssh('kubeadm certs renew etcd-server').stdout).toContain('certificate for serving etcd renewed\n');
    // etcd takes its renewed certificate as before: it is still signed by etcd's CA.
    expect(ssh(`etcdctl ${tls} endpoint health`).stdout).toMatch(/^127\.0\.0\.1:2379 is healthy: successfully committed proposal/);
    expect(lab.kubelab(['ssh', 'node-1', '--', 'kubeadm certs check-expiration']).status).toBe(1);
  });

  it('restores the cluster to the snapshot once etcd starts on the restored data directory, and only once', async () => {
    await kubectlOk('create', 'deployment', 'before', '--image=nginx', '--replicas=2');
    await kubectlOk('create', 'configmap', 'kept', '--from-literal=a=b');
    await deploymentReady('before', 2);
    const saved = ssh(`ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 ${tls} snapshot save /opt/snapshot.db`);
    expect(saved).toMatchObject({ status: 0, stdout: 'Snapshot saved at /opt/snapshot.db\n' });
    const status = ssh('etcdutl snapshot status /opt/snapshot.db --write-out=table');
    expect(status.stdout).toMatch(/^\+-+\+-+\+-+\+-+\+-+\+\n\| +HASH +\| REVISION \| TOTAL KEYS \| TOTAL SIZE \| VERSION \|\n\+.*\n\| [0-9a-f]+ \| +(\d+) \| +\d+ \| +[\d.]+ [kM]B \| +3\.5\.0 \|\n/);
    const revision = Number(/\| +(\d+) \| +\d+ \| +[\d.]+ [kM]B/.exec(status.stdout)![1]);

    await kubectlOk('create', 'deployment', 'after', '--image=nginx');
    await kubectlOk('delete', 'deployment', 'before');
    await kubectlOk('delete', 'configmap', 'kept');
    await kubectlOk('create', 'secret', 'generic', 'made-after', '--from-literal=x=y');
    await deploymentReady('after', 1);

    const restored = ssh('etcdutl --data-dir /var/lib/etcd-from-backup snapshot restore /opt/snapshot.db');
    expect(restored.status).toBe(0);
    expect(restored.stderr).toContain('\trestored snapshot\t{"path": "/opt/snapshot.db", "wal-dir": "/var/lib/etcd-from-backup/member/wal", "data-dir": "/var/lib/etcd-from-backup"');
    expect(ssh('etcdutl --data-dir /var/lib/etcd snapshot restore /opt/snapshot.db').stderr).toBe('Error: data-dir "/var/lib/etcd" not empty or could not be read\n');
    // The learner's edit: the etcd-data volume's hostPath, not the container's --data-dir.
    expect(ssh("sed -i 's#path: /var/lib/etcd$#path: /var/lib/etcd-from-backup#' /etc/kubernetes/manifests/etcd.yaml")).toMatchObject({ status: 0, stderr: '' });

    await waitFor(async () => (await names('deployments')).join() === 'before', 'deployment before back and after gone', 60_000, 250);
    await deploymentReady('before', 2);
    expect(await names('configmaps')).toContain('kept');
    expect(await names('secrets')).not.toContain('made-after');
    expect((await lab.kubectl(['get', 'pods', '-l', 'app=after', '--no-headers'])).stdout).toBe('');

    const log = await entries();
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    const restores = log.filter((e) => e.type === 'EtcdSnapshotRestored');
    expect(restores).toHaveLength(1);
    expect(restores[0]).toMatchObject({ actor: 'etcd', kind: 'Pod', name: 'etcd-controlplane' });
    expect(restores[0].object.message).toBe(`etcd started on /var/lib/etcd-from-backup, restored from the snapshot /opt/snapshot.db: the cluster is as it was at revision ${revision}`);
    const back = log.find((e) => e.seq > restores[0].seq && e.type === 'DeploymentCreated' && e.name === 'before');
    expect(back).toMatchObject({ actor: 'etcd', cause: restores[0].seq });
    expect(log.find((e) => e.seq > restores[0].seq && e.type === 'DeploymentDeleted' && e.name === 'after')).toMatchObject({ actor: 'etcd', cause: restores[0].seq });
    expect(lab.kubelab(['why', 'deployment/before']).stdout).toContain('EtcdSnapshotRestored');
    expect(lab.kubelab(['verify']).stdout).toContain('the event log and the live state agree');

    // etcd started again on the same directory (its container stopped; the kubelet starts it anew) keeps what came after.
    await kubectlOk('create', 'configmap', 'later', '--from-literal=c=d');
    const etcdContainer = ssh('crictl ps --name etcd -q').stdout.trim();
    expect(ssh(`crictl stop ${etcdContainer}`).status).toBe(0);
    await waitFor(async () => {
      const running = ssh('crictl ps --name etcd -q').stdout.trim();
      return running !== '' && running !== etcdContainer;
    }, 'etcd running again', 60_000, 250);
    expect(ssh(`etcdctl ${tls} get /registry/configmaps/default/later --keys-only`).stdout).toBe('/registry/configmaps/default/later\n\n');
    expect((await entries()).filter((e) => e.type === 'EtcdSnapshotRestored')).toHaveLength(1);
  }, 240_000);
});

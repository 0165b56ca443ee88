import { describe, expect, it } from 'vitest';
import { runProcess } from '../process/launch.js';
import type { EtcdMember, NodeEtcd, NodeServices } from '../process/process-host.js';
import { virtualHost } from '../testing/virtual-host.js';
import { databasePath, etcdTable, humanBytes, parseDatabase, parseSnapshotFile } from './etcd-data.js';
import { kubeadmPkiText } from './kubeadm-pki.js';

const member: EtcdMember = { id: '8e9e05c52164694d', name: 'controlplane', peerUrls: ['https://172.18.0.2:2380'], clientUrls: ['https://172.18.0.2:2379'] };
const keys = ['/registry/configmaps/default/a', '/registry/deployments/default/web', '/registry/namespaces/default'];

/** etcd of the control-plane node, holding `keys` at revision 1234; `serving` false: its container is not running. */
function etcd(serving = true): NodeEtcd {
  return {
    serving: () => (serving ? member : undefined),
    status: async () => ({ revision: 1234, hash: '9a0e2c9d', totalKeys: keys.length, totalSize: 5_742_016 }),
    range: async (key, { prefix, values, limit }) => {
      const found = keys.filter((k) => (prefix ? k.startsWith(key) : k === key));
      const kvs = (limit ? found.slice(0, limit) : found).map((k) => (values ? { key: k, value: `{"key":"${k}"}` } : { key: k }));
      return { revision: 1234, kvs, count: found.length };
    },
  };
}

const node = (e?: NodeEtcd): NodeServices => ({
  hostname: 'controlplane', unit: () => undefined, act: async () => undefined, enable: () => undefined, journal: () => [], ...(e ? { etcd: e } : {}),
  cri: { images: () => [], sandboxes: () => [], containers: () => [], logs: () => undefined, stopContainer: async () => undefined, removeContainer: () => undefined, imageStatus: () => undefined, removeImage: () => undefined },
});

const pki = ['ca.crt', 'apiserver.crt', 'apiserver.key', 'etcd/ca.crt', 'etcd/server.crt', 'etcd/server.key', 'etcd/peer.key', 'etcd/healthcheck-client.crt', 'etcd/healthcheck-client.key'];
const tls = '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key';

async function run(script: string, services: NodeServices = node(etcd()), advance = 0) {
  const lab = virtualHost({ workingDir: '/root' });
  lab.fs.mkdir('/etc/kubernetes/pki/etcd', { parents: true });
  lab.fs.mkdir('/opt', { parents: true });
  lab.fs.mkdir('/root', { parents: true });
  for (const file of pki) lab.fs.write(`/etc/kubernetes/pki/${file}`, kubeadmPkiText(file));
  const running = runProcess(['sh', '-c', script], { ...lab.host, services });
  if (advance) await lab.advance(advance);
  const status = await running;
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), fs: lab.fs, elapsed: lab.elapsed() };
}

describe('etcdctl snapshot save', () => {
  it('saves a snapshot over TLS with the etcd certificates, as the CKA asks, and etcdutl snapshot status reads it', async () => {
    const r = await run(`ETCDCTL_API=3 etcdctl --endpoints=https://127.0.0.1:2379 ${tls} snapshot save /opt/snapshot.db && etcdutl snapshot status /opt/snapshot.db -w table`);
    expect(r.stderr).toContain('"msg":"created temporary db file","path":"/opt/snapshot.db.part"');
    expect(r.stderr).toContain('"msg":"fetched snapshot","endpoint":"https://127.0.0.1:2379","size":"5.7 MB","took":"now"');
    expect(r.stdout).toBe(`Snapshot saved at /opt/snapshot.db\n${[
      '+----------+----------+------------+------------+---------+',
      '|   HASH   | REVISION | TOTAL KEYS | TOTAL SIZE | VERSION |',
      '+----------+----------+------------+------------+---------+',
      '| 9a0e2c9d |     1234 |          3 |     5.7 MB |   3.5.0 |',
      '+----------+----------+------------+------------+---------+',
    ].join('\n')}\n`);
    expect(r.status).toBe(0);
    expect(r.fs.exists('/opt/snapshot.db.part')).toBe(false);
    expect(parseSnapshotFile(r.fs.read('/opt/snapshot.db'))?.revision).toBe(1234);
  });

  it.each([
    ['no TLS at all', '', 'error reading server preface: EOF'],
    ['no CA', '--endpoints=https://127.0.0.1:2379', 'x509: certificate signed by unknown authority'],
    ['the cluster CA instead of etcd\'s', '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key', 'x509: certificate signed by unknown authority'],
    ['no client certificate', '--endpoints=https://127.0.0.1:2379 --cacert=/etc/kubernetes/pki/etcd/ca.crt', 'remote error: tls: certificate required'],
    ['a certificate of the cluster CA', '--cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/apiserver.crt --key=/etc/kubernetes/pki/apiserver.key', 'remote error: tls: bad certificate'],
  ])('is refused in etcd\'s client\'s words after its command timeout with %s, and leaves no file', async (_, flags, error) => {
    const r = await run(`etcdctl ${flags} snapshot save /opt/s.db`, node(etcd()), 5);
    expect(r.stderr).toContain('"msg":"retrying of unary invoker failed"');
    expect(r.stderr).toContain(error);
    expect(r.stderr.endsWith('Error: context deadline exceeded\n')).toBe(true);
    expect(r.status).toBe(1);
    expect(r.fs.exists('/opt/s.db')).toBe(false);
  });

  it('fails at once on a certificate file that is not there, or a key that is not the certificate\'s', async () => {
    const missing = await run('etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.pem --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/server.key snapshot save /opt/s.db');
    expect(missing.stderr).toBe('Error: open /etc/kubernetes/pki/etcd/ca.pem: no such file or directory\n');
    const mismatched = await run('etcdctl --cacert=/etc/kubernetes/pki/etcd/ca.crt --cert=/etc/kubernetes/pki/etcd/server.crt --key=/etc/kubernetes/pki/etcd/peer.key member list');
    expect(mismatched.stderr).toBe('Error: tls: private key does not match public key\n');
    expect([missing.status, mismatched.status]).toEqual([1, 1]);
  });

  it('cannot connect while etcd\'s container is not running, or to a port it does not serve', async () => {
    const down = await run(`etcdctl ${tls} member list`, node(etcd(false)), 5);
    expect(down.stderr).toContain('dial tcp 127.0.0.1:2379: connect: connection refused');
    const wrongPort = await run(`etcdctl --endpoints=https://127.0.0.1:2380 ${tls} member list`, node(etcd()), 5);
    expect(wrongPort.stderr).toContain('dial tcp 127.0.0.1:2380: connect: connection refused');
    expect([down.status, wrongPort.status]).toEqual([1, 1]);
  });

  it('takes its certificates from ETCDCTL_ variables too, and a copy of a certificate works wherever it is', async () => {
    const r = await run('cp /etc/kubernetes/pki/etcd/ca.crt /root/ca.crt && ETCDCTL_CACERT=/root/ca.crt ETCDCTL_CERT=/etc/kubernetes/pki/etcd/healthcheck-client.crt '
      + 'ETCDCTL_KEY=/etc/kubernetes/pki/etcd/healthcheck-client.key etcdctl --endpoints 172.18.0.2:2379 snapshot save snap.db');
    expect(r.stdout).toBe('Snapshot saved at snap.db\n');
    expect(r.fs.isFile('/root/snap.db')).toBe(true);
  });
});

describe('etcdutl snapshot restore', () => {
  it('makes a data directory that names the snapshot, once: a directory that holds anything is refused', async () => {
    const r = await run(`etcdctl ${tls} snapshot save /opt/s.db 2>/dev/null && etcdutl --data-dir /var/lib/etcd-from-backup snapshot restore /opt/s.db`);
    expect(r.stderr).toMatch(/\tinfo\tsnapshot\/v3_snapshot\.go:265\trestoring snapshot\t\{"path": "\/opt\/s\.db", "wal-dir": "\/var\/lib\/etcd-from-backup\/member\/wal", "data-dir": "\/var\/lib\/etcd-from-backup"/);
    expect(r.status).toBe(0);
    const db = parseDatabase(r.fs.read(databasePath('/var/lib/etcd-from-backup')));
    expect(db).toMatchObject({ state: 'restored', revision: 1234, snapshot: '/opt/s.db', hash: '9a0e2c9d' });
    const again = await run(`etcdctl ${tls} snapshot save /opt/s.db 2>/dev/null && mkdir -p /var/lib/etcd/member && etcdctl snapshot restore /opt/s.db --data-dir /var/lib/etcd`);
    expect(again.stderr).toBe('Deprecated: Use `etcdutl snapshot restore` instead.\n\nError: data-dir "/var/lib/etcd" not empty or could not be read\n');
    expect(again.status).toBe(1);
  });

  it('refuses a file that is not there, or not a snapshot', async () => {
    expect((await run('etcdutl snapshot restore /opt/none.db --data-dir /x')).stderr).toBe('Error: stat /opt/none.db: no such file or directory\n');
    expect((await run('echo hello > /opt/t.db; etcdutl snapshot status /opt/t.db')).stderr).toBe('Error: invalid database\n');
  });
});

describe('etcdctl reads', () => {
  it('lists the member, says the endpoint is healthy, and lists keys under a prefix', async () => {
    const r = await run(`etcdctl ${tls} member list && etcdctl ${tls} endpoint health && etcdctl ${tls} get /registry/deployments --prefix --keys-only`);
    expect(r.stdout).toBe([
      '8e9e05c52164694d, started, controlplane, https://172.18.0.2:2380, https://172.18.0.2:2379, false',
      '127.0.0.1:2379 is healthy: successfully committed proposal: took = 8.524113ms',
      '/registry/deployments/default/web', '', '',
    ].join('\n'));
  });

  it('fails as etcd\'s error does when the store cannot answer, and the process is not killed', async () => {
    const refusing: NodeEtcd = { ...etcd(), range: async () => Promise.reject(new Error('the 3 keys from / hold 900000 bytes, more than one answer carries')) };
    const r = await run(`etcdctl ${tls} get / --prefix`, node(refusing));
    expect([r.status, r.stderr]).toEqual([1, 'Error: the 3 keys from / hold 900000 bytes, more than one answer carries\n']);
  });

  it('says its version, and is not installed off the control-plane node', async () => {
    expect((await run('etcdctl version')).stdout).toBe('etcdctl version: 3.5.16\nAPI version: 3.5\n');
    const worker = await run('etcdctl version', node());
    expect([worker.status, worker.stderr]).toEqual([127, 'sh: etcdctl: not found\n']);
  });
});

describe('etcd\'s numbers and tables', () => {
  it.each([[0, '0 B'], [823, '823 B'], [5_742_016, '5.7 MB'], [16_000_000, '16 MB'], [2_100_000_000, '2.1 GB']])('%d bytes are %s, as go-humanize says', (bytes, text) => {
    expect(humanBytes(bytes)).toBe(text);
  });

  it('centres headers and aligns cells right', () => {
    expect(etcdTable(['A', 'LONGER'], [['xyz', '1']])).toBe('+-----+--------+\n|  A  | LONGER |\n+-----+--------+\n| xyz |      1 |\n+-----+--------+\n');
  });
});

import { describe, expect, it } from 'vitest';
import { runProcess } from '../process/launch.js';
import { virtualHost } from '../testing/virtual-host.js';
import { kubeadmCertificates, kubeadmPkiText, kubeconfigCertificate } from './kubeadm-pki.js';
import { shortHumanDuration } from './human-duration.js';

/** The virtual host's clock: 2025-01-01 12:00 UTC. */
const now = new Date(Date.UTC(2025, 0, 1, 12, 0, 0));
const day = 86_400_000;

/** A control-plane node whose certificates kubeadm issued `daysAgo` days ago (none: a worker, without admin.conf). */
async function run(script: string, daysAgo?: number) {
  const lab = virtualHost({ workingDir: '/root' });
  lab.fs.mkdir('/etc/kubernetes/pki/etcd', { parents: true });
  if (daysAgo !== undefined) {
    const issued = new Date(now.getTime() - daysAgo * day);
    for (const c of kubeadmCertificates) {
      const file = c.path.replace('/etc/kubernetes/pki/', '').replace('/etc/kubernetes/', '');
      const text = kubeadmPkiText(file, issued);
      lab.fs.write(c.path, c.path.endsWith('.conf') ? `users:\n- user:\n    client-certificate-data: ${Buffer.from(text).toString('base64')}\n    client-key-data: a2V5\n` : text);
    }
    for (const ca of ['ca.crt', 'etcd/ca.crt', 'front-proxy-ca.crt']) lab.fs.write(`/etc/kubernetes/pki/${ca}`, kubeadmPkiText(ca, issued, 3650));
  }
  const status = await runProcess(['sh', '-c', script], lab.host);
  return { status, stdout: lab.stdout(), stderr: lab.stderr(), fs: lab.fs };
}

describe('kubeadm certs check-expiration', () => {
  it('lists every certificate kubeadm manages and its CA, when each expires and how long is left, as kubeadm 1.32 prints them', async () => {
    const r = await run('kubeadm certs check-expiration', 30);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe([
      '[check-expiration] Reading configuration from the cluster...',
      '[check-expiration] FYI: You can look at this config file with \'kubectl -n kube-system get cm kubeadm-config -o yaml\'',
      '',
      'CERTIFICATE                EXPIRES                  RESIDUAL TIME   CERTIFICATE AUTHORITY   EXTERNALLY MANAGED',
      ...['admin.conf', 'apiserver', 'apiserver-etcd-client', 'apiserver-kubelet-client', 'controller-manager.conf', 'etcd-healthcheck-client', 'etcd-peer', 'etcd-server', 'front-proxy-client', 'scheduler.conf', 'super-admin.conf']
        .map((name) => `${name.padEnd(27)}Dec 02, 2025 12:00 UTC   335d            ${(kubeadmCertificates.find((c) => c.name === name)!.ca).padEnd(24)}no      `),
      '',
      'CERTIFICATE AUTHORITY   EXPIRES                  RESIDUAL TIME   EXTERNALLY MANAGED',
      ...['ca', 'etcd-ca', 'front-proxy-ca'].map((name) => `${name.padEnd(24)}Nov 30, 2034 12:00 UTC   9y              no      `),
      '',
    ].join('\n'));
  });

  it('says <invalid> for a certificate past its date, and renew gives it a year from now', async () => {
    const r = await run('kubeadm certs check-expiration | grep "^apiserver "; kubeadm certs renew apiserver && kubeadm certs check-expiration | grep "^apiserver "', 400);
    expect(r.stdout).toContain('apiserver                  Nov 27, 2024 12:00 UTC   <invalid>       ca                      no      \n');
    expect(r.stdout).toContain('\ncertificate for serving the Kubernetes API renewed\n');
    expect(r.stdout).toMatch(/\napiserver {18}Jan 01, 2026 12:00 UTC {3}1y {14}ca {22}no {6}\n$/);
    expect(r.fs.read('/etc/kubernetes/pki/apiserver.crt')).toBe(kubeadmPkiText('apiserver.crt', now));
  });

  it('renews all, the kubeconfigs\' embedded certificates too, and says what to restart', async () => {
    const r = await run('kubeadm certs renew all', 400);
    expect(r.stdout.split('\n').filter((l) => l.endsWith(' renewed'))).toHaveLength(kubeadmCertificates.length);
    expect(r.stdout).toContain('Done renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd, so that they can use the new certificates.\n');
    expect(kubeconfigCertificate(r.fs.read('/etc/kubernetes/admin.conf'))).toBe(kubeadmPkiText('admin.conf', now));
    expect(r.fs.read('/etc/kubernetes/admin.conf')).toContain('client-key-data: a2V5\n');
  });

  it('cannot read the cluster\'s configuration on a worker, and refuses a certificate it does not know', async () => {
    const worker = await run('kubeadm certs check-expiration');
    expect([worker.status, worker.stderr]).toEqual([1, 'failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n']);
    const unknown = await run('kubeadm certs renew kubelet', 30);
    expect([unknown.status, unknown.stderr]).toEqual([1, 'unknown command "kubelet" for "kubeadm certs renew"\n']);
  });
});

describe('kubeadm version', () => {
  it('prints its version.Info, or just v1.32.0 with -o short', async () => {
    expect((await run('kubeadm version')).stdout).toMatch(/^kubeadm version: &version\.Info\{Major:"1", Minor:"32", GitVersion:"v1\.32\.0", .*Platform:"linux\/amd64"\}\n$/);
    expect((await run('kubeadm version -o short')).stdout).toBe('v1.32.0\n');
  });
});

describe('ShortHumanDuration', () => {
  it.each([[-5000, '<invalid>'], [-500, '0s'], [59_000, '59s'], [3_600_000, '1h'], [364 * day, '364d'], [3650 * day, '10y']])('%d ms is %s', (ms, text) => {
    expect(shortHumanDuration(ms)).toBe(text);
  });
});

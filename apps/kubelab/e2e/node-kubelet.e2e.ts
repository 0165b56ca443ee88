/**
 * The CKA's stopped kubelet, as a learner meets it: `systemctl stop kubelet` on node-2 over `kubelab ssh`, the node
 * NotReady once its lease runs out while its containers run on (crictl ps lists it, nginx still answers from another node; exec and logs
 * refused, as kube-apiserver finds nothing on port 10250), the journal saying what happened, then `systemctl start
 * kubelet` and the node Ready again with the same container, not a restarted one; a kubelet configuration broken on purpose
 * keeping the kubelet from starting until it is fixed. A lab of its own: nodes go NotReady.
 */
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('systemctl stop and start kubelet on a node (2 nodes, time scale 20)', () => {
  let lab: TestLab;
  const json = async (...args: string[]) => JSON.parse((await lab.kubectl([...args, '-o', 'json'])).stdout || '{}');
  const ssh = (node: string, command: string) => lab.kubelab(['ssh', node, '--', command]);
  const nodeReady = async (name: string) => (await json('get', 'node', name)).status?.conditions?.find((c: { type: string }) => c.type === 'Ready')?.status;

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20 });
  });
  afterAll(() => lab?.stop());

  it('leaves the containers running while the kubelet is stopped, and the node Ready again with them once it starts', async () => {
    // Tolerating NotReady for good, as DaemonSet pods do: the test is about the kubelet, not about eviction after 300 lab seconds.
    const tolerations = ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable'].map((key) => ({ key, operator: 'Exists', effect: 'NoExecute' }));
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { nodeName: 'node-2', tolerations, containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(pod) })).code).toBe(0);
    const ip = await waitFor(async () => {
      const web = await json('get', 'pod', 'web');
      return web.status?.containerStatuses?.[0]?.ready === true && web.status.podIP;
    }, 'web ready', 30_000, 100);
    const startedAt = (await json('get', 'pod', 'web')).status.containerStatuses[0].state.running.startedAt;

    expect(ssh('node-2', 'systemctl stop kubelet')).toMatchObject({ status: 0, stdout: '', stderr: '' });
    const stopped = ssh('node-2', 'systemctl status kubelet');
    expect(stopped.status).toBe(3);
    expect(stopped.stdout).toMatch(/^○ kubelet\.service - kubelet: The Kubernetes Node Agent\n/);
    expect(stopped.stdout).toMatch(/\n {5}Active: inactive \(dead\) since \w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC; /);
    expect(stopped.stdout).toMatch(/ systemd\[1\]: Stopped kubelet\.service - kubelet: The Kubernetes Node Agent\.\n$/);
    await waitFor(async () => (await nodeReady('node-2')) === 'Unknown', 'node-2 NotReady (Unknown) once its lease ran out', 60_000, 250);
    expect((await lab.kubectl(['get', 'node', 'node-2', '--no-headers'])).stdout).toMatch(/^node-2\s+NotReady\s/);

    expect(ssh('node-1', `curl -s http://${ip}/ | grep -c '<h1>Welcome to nginx!</h1>'`).stdout).toBe('1\n');
    const containerId = (await json('get', 'pod', 'web')).status.containerStatuses[0].containerID.replace('containerd://', '');
    expect(ssh('node-2', 'crictl ps --name nginx -q').stdout).toBe(`${containerId}\n`);
    expect(ssh('node-2', 'crictl ps --name nginx').stdout).toMatch(new RegExp(`\n${containerId.slice(0, 13)} +\\w{13} +(\\d+ seconds|About a minute|\\d+ minutes) ago +Running +nginx +0 +\\w{13} +web +default\n$`));
    expect(ssh('node-2', 'crictl images nginx').stdout).toMatch(/\ndocker\.io\/library\/nginx +1\.27 +\w{13} +[\d.]+MB\n/);
    expect(ssh('node-2', 'crictl pods --name web').stdout).toMatch(/\n\w{13} +(\d+ seconds|About a minute|\d+ minutes) ago +Ready +web +default +0 +\(default\)\n$/);
    const exec = await lab.kubectl(['exec', 'web', '--', 'hostname']);
    expect(exec.code).not.toBe(0);
    expect(exec.stderr).toContain(':10250: connect: connection refused');
    expect((await lab.kubectl(['logs', 'web'])).stderr).toMatch(/^Error from server: error dialing backend: dial tcp [\d.]+:10250: connect: connection refused\n$/);

    expect(ssh('node-2', 'systemctl start kubelet && systemctl is-active kubelet')).toMatchObject({ status: 0, stdout: 'active\n' });
    await waitFor(async () => (await nodeReady('node-2')) === 'True', 'node-2 Ready again', 30_000, 250);
    await waitFor(async () => (await json('get', 'pod', 'web')).status?.containerStatuses?.[0]?.ready === true, 'web ready again', 30_000, 250);
    const web = (await json('get', 'pod', 'web')).status.containerStatuses[0];
    expect({ restartCount: web.restartCount, startedAt: web.state.running?.startedAt }).toEqual({ restartCount: 0, startedAt });
    expect((await lab.kubectl(['exec', 'web', '--', 'hostname'])).stdout).toBe('web\n');
    expect(ssh('node-2', 'journalctl -u kubelet --no-pager | grep -c "Started kubelet.service"').stdout).toBe('2\n');
  });

  it('keeps a kubelet whose configuration is broken from starting, says why in its journal, and runs it once the file is fixed', async () => {
    const broken = ssh('node-1', "sed -i 's#pki/ca.crt#pki/ca.cert#' /var/lib/kubelet/config.yaml && systemctl restart kubelet; systemctl status kubelet");
    expect(broken.status).toBe(3);
    expect(broken.stdout).toMatch(/^● kubelet\.service - kubelet: The Kubernetes Node Agent\n/);
    expect(broken.stdout).toMatch(/\n {5}Active: activating \(auto-restart\) \(Result: exit-code\) since /);
    expect(broken.stdout).toMatch(/\n {3}Main PID: \d+ \(code=exited, status=1\/FAILURE\)\n/);
    await waitFor(async () => (await nodeReady('node-1')) === 'Unknown', 'node-1 NotReady (Unknown) while its kubelet cannot start', 60_000, 250);
    const journal = ssh('node-1', 'journalctl -u kubelet --no-pager | grep "command failed" | tail -1').stdout;
    expect(journal).toMatch(/ kubelet\[\d+\]: E\d{4} [\d:.]+ +\d+ run\.go:72\] "command failed" err="failed to construct kubelet dependencies: unable to load client CA file \/etc\/kubernetes\/pki\/ca\.cert: open \/etc\/kubernetes\/pki\/ca\.cert: no such file or directory"\n$/);
    expect(ssh('node-1', 'journalctl -u kubelet --no-pager | grep -c "Scheduled restart job"').stdout).not.toBe('0\n');

    expect(ssh('node-1', "sed -i 's#pki/ca.cert#pki/ca.crt#' /var/lib/kubelet/config.yaml").status).toBe(0);
    await waitFor(async () => (await nodeReady('node-1')) === 'True', 'node-1 Ready once systemd restarted the kubelet on the fixed file', 30_000, 250);
    expect(ssh('node-1', 'systemctl is-active kubelet').stdout).toBe('active\n');
  });

  it('refuses a unit the node lacks in systemd\'s words, and shows containerd running', () => {
    expect(ssh('node-1', 'systemctl restart kubelett')).toMatchObject({ status: 5, stderr: 'Failed to restart kubelett.service: Unit kubelett.service not found.\n' });
    expect(ssh('node-1', 'systemctl status containerd | head -1').stdout).toBe('● containerd.service - containerd container runtime\n');
  });
});

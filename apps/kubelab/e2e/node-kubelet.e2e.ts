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
    // The log names the learner: the stop is caused by the entry of the shell session that asked for it.
    const nodeEvents = async () => (await lab.fetch(`${lab.apiUrl}/kubelab/v1/events?kind=Event&namespace=default`).then((r) => r.text()))
      .trim().split('\n').map((line) => JSON.parse(line) as { seq: number; actor: string; cause: number | null; object: { reason: string; message: string } });
    const stop = await waitFor(async () => (await nodeEvents()).find((e) => e.object.reason === 'KubeletStopped'), 'the stop in the log', 10_000, 100);
    const session = (await nodeEvents()).find((e) => e.seq === stop.cause);
    expect(session).toMatchObject({ actor: 'user:kubelab ssh', object: { reason: 'NodeShell', message: 'root ran "systemctl stop kubelet" on node-2 (kubelab ssh)' } });
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

  it('runs a kubelet whose kubelet.conf names the wrong server cut off: active, the node NotReady, the journal saying why; fixed, Ready', async () => {
    expect(ssh('node-1', "sed -i 's#172.18.0.2:6443#172.18.0.2:6444#' /etc/kubernetes/kubelet.conf && systemctl restart kubelet && systemctl is-active kubelet").stdout).toBe('active\n');
    await waitFor(async () => (await nodeReady('node-1')) === 'Unknown', 'node-1 NotReady while its kubelet cannot reach the API', 60_000, 250);
    expect(ssh('node-1', 'journalctl -u kubelet --no-pager | grep "Unable to register node" | tail -1').stdout)
      .toMatch(/ kubelet\[\d+\]: E\d{4} [\d:.]+ +\d+ kubelet_node_status\.go:95\] "Unable to register node with API server" err="Post \\"https:\/\/172\.18\.0\.2:6444\/api\/v1\/nodes\\": dial tcp 172\.18\.0\.2:6444: connect: connection refused" node="node-1"\n$/);
    expect(ssh('node-1', "sed -i 's#172.18.0.2:6444#172.18.0.2:6443#' /etc/kubernetes/kubelet.conf && systemctl restart kubelet").status).toBe(0);
    await waitFor(async () => (await nodeReady('node-1')) === 'True', 'node-1 Ready with the right server', 30_000, 250);
  });

  it('runs a kubelet whose cgroupDriver is not containerd\'s, but no new sandbox: runc\'s refusal in the pod\'s Events and the journal; fixed, the pod runs', async () => {
    expect(ssh('node-1', 'grep -c "SystemdCgroup = true" /etc/containerd/config.toml').stdout).toBe('1\n');
    expect(ssh('node-1', "sed -i 's/^cgroupDriver: systemd/cgroupDriver: cgroupfs/' /var/lib/kubelet/config.yaml && systemctl restart kubelet && systemctl is-active kubelet").stdout).toBe('active\n');
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'cgroups' }, spec: { nodeName: 'node-1', containers: [{ name: 'nginx', image: 'nginx:1.27' }] } };
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(pod) })).code).toBe(0);
    const uid = (await json('get', 'pod', 'cgroups')).metadata.uid;
    const refusal = await waitFor(async () => (await json('get', 'events', '--field-selector', 'involvedObject.name=cgroups,reason=FailedCreatePodSandBox')).items?.[0]?.message, 'FailedCreatePodSandBox', 30_000, 250);
    expect(refusal).toMatch(new RegExp(`^Failed to create pod sandbox: rpc error: code = Unknown desc = failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "/kubepods/besteffort/pod${uid}/[0-9a-f]{64}" instead: unknown$`));
    expect((await lab.kubectl(['get', 'pod', 'cgroups', '--no-headers'])).stdout).toMatch(/^cgroups +0\/1 +ContainerCreating +0 /);
    expect(ssh('node-1', 'journalctl -u kubelet --no-pager | grep -c "RunPodSandbox from runtime service failed"').stdout).not.toBe('0\n');
    expect(ssh('node-1', "sed -i 's/^cgroupDriver: cgroupfs/cgroupDriver: systemd/' /var/lib/kubelet/config.yaml && systemctl restart kubelet").status).toBe(0);
    await waitFor(async () => (await json('get', 'pod', 'cgroups')).status?.containerStatuses?.[0]?.ready === true, 'the pod running once the drivers agree', 30_000, 250);
    expect((await lab.kubectl(['delete', 'pod', 'cgroups', '--grace-period=0', '--force'])).code).toBe(0);
  });

  it('refuses a unit the node lacks in systemd\'s words, and shows containerd running', () => {
    expect(ssh('node-1', 'systemctl restart kubelett')).toMatchObject({ status: 5, stderr: 'Failed to restart kubelett.service: Unit kubelett.service not found.\n' });
    expect(ssh('node-1', 'systemctl status containerd | head -1').stdout).toBe('● containerd.service - containerd container runtime\n');
  });
});

/**
 * A learner's first look at the machines under a kubeadm-shaped lab: `kubectl get nodes` and `get pods -A` as on a
 * kubeadm cluster (a tainted controlplane node; etcd, kube-apiserver, kube-controller-manager and kube-scheduler as
 * mirror pods of its static pods; CoreDNS, kube-proxy and kindnet in kube-system, Running), the manifests on the
 * controlplane's disk, its role labels put back by `kubelab node mark-control-plane` (the compose lab's way), a scheduler that dies showing on its mirror pod, and DNS that goes with CoreDNS: scaled to 0,
 * `nslookup kubernetes.default` times out in a busybox pod; back to 2, it resolves; a Corefile broken in the coredns ConfigMap
 * leaves the running CoreDNS serving, crashes new CoreDNS pods in CoreDNS's words, and a valid one is served as it says. Then the manifests as the truth: a
 * scheduler, a controller-manager and a kube-apiserver broken by an edit of their manifest on the controlplane's disk fail
 * in their own words (kubectl logs, crictl logs) with the cluster showing it, and come back when the file is fixed. A lab
 * of its own: it scales CoreDNS away, kills the scheduler and breaks the control plane.
 */
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

interface PodJson {
  metadata: { name: string; namespace: string; annotations?: Record<string, string> };
  spec: { nodeName?: string };
  status: { phase?: string; containerStatuses?: { ready: boolean; restartCount: number; state?: { waiting?: { reason?: string } } }[] };
}

describe('a kubeadm-shaped lab (2 workers, time scale 20)', () => {
  let lab: TestLab;
  const json = async (...args: string[]) => JSON.parse((await lab.kubectl([...args, '-o', 'json'])).stdout || '{}');
  const systemPods = async (): Promise<PodJson[]> => (await json('get', 'pods', '-n', 'kube-system')).items ?? [];
  const running = (p: PodJson) => p.status.phase === 'Running' && (p.status.containerStatuses ?? []).every((c) => c.ready);
  /**
   * A lookup once it times out: the node routes by its own view of the cluster's pods, which follows the API a moment
   * behind (as kube-proxy's rules follow the EndpointSlices), so a CoreDNS pod the API no longer lists may answer once more.
   */
  const timesOut = () => waitFor(async () => { const r = await nslookup(); return r.code === 1 && r; }, 'nslookup timing out', 30_000, 250);
  /** busybox's lookup of the API's Service, in the dnsutils pod the DNS tests start. */
  const nslookup = () => lab.kubectl(['exec', 'dnsutils', '--', 'nslookup', 'kubernetes.default']);

  beforeAll(async () => {
    lab = await startLab({ nodes: 2, timeScale: 20, controlPlane: true });
  }, 180_000); // a lab and its CoreDNS, beside three other suites' labs
  afterAll(() => lab?.stop());

  it('lists the controlplane node and kube-system as kubeadm makes them, every pod Running', async () => {
    // On a loaded machine a node may still show NotReady for a moment after kubelab up returns, as a kind node does.
    const nodesShown = /^controlplane +Ready +control-plane +\S+ +v1\.32\.0\S*\nnode-1 +Ready +<none> .*\nnode-2 +Ready +<none> .*\n$/;
    await waitFor(async () => nodesShown.test((await lab.kubectl(['get', 'nodes', '--no-headers'])).stdout), 'three nodes Ready', 60_000, 250);
    expect((await json('get', 'node', 'controlplane')).spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);

    const expected = [
      /^coredns-\w+-\w{5}$/, /^coredns-\w+-\w{5}$/, /^etcd-controlplane$/, /^kindnet-\w{5}$/, /^kindnet-\w{5}$/, /^kindnet-\w{5}$/,
      /^kube-apiserver-controlplane$/, /^kube-controller-manager-controlplane$/,
      /^kube-proxy-\w{5}$/, /^kube-proxy-\w{5}$/, /^kube-proxy-\w{5}$/, /^kube-scheduler-controlplane$/,
    ];
    const pods = await waitFor(async () => {
      const all = await systemPods();
      return all.length === expected.length && all.every(running) && all;
    }, 'every kube-system pod Running and ready', 60_000, 250);
    expect(pods.map((p) => p.metadata.name).sort()).toEqual(expect.arrayContaining(expected.map((name) => expect.stringMatching(name))));
    const mirrors = pods.filter((p) => p.metadata.annotations?.['kubernetes.io/config.mirror']);
    expect(mirrors.map((p) => `${p.metadata.name} on ${p.spec.nodeName}`).sort()).toEqual([
      'etcd-controlplane on controlplane', 'kube-apiserver-controlplane on controlplane', 'kube-controller-manager-controlplane on controlplane',
      'kube-scheduler-controlplane on controlplane',
    ]);
    expect((await lab.kubectl(['get', 'svc', 'kube-dns', '-n', 'kube-system', '--no-headers'])).stdout).toMatch(/^kube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP /);
    expect((await json('get', 'configmap', 'coredns', '-n', 'kube-system')).data.Corefile).toContain('kubernetes cluster.local in-addr.arpa ip6.arpa {');

    const manifests = lab.kubelab(['ssh', 'controlplane', '--', 'ls /etc/kubernetes/manifests; grep -- --kubeconfig= /etc/kubernetes/manifests/kube-scheduler.yaml']);
    expect(manifests.stdout).toBe('etcd.yaml\nkube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n    - --kubeconfig=/etc/kubernetes/scheduler.conf\n');

    const web = await lab.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=4']);
    expect(web.code).toBe(0);
    const placed = await waitFor(async () => {
      const items: PodJson[] = (await json('get', 'pods', '-l', 'app=web')).items ?? [];
      return items.length === 4 && items.every((p) => p.spec.nodeName) && items.map((p) => p.spec.nodeName);
    }, 'the web pods scheduled', 30_000, 250);
    expect(placed).not.toContain('controlplane');
  });

  it('labels the controlplane node again with `kubelab node mark-control-plane`, the phase kubelab up ran at start', async () => {
    const labels = async (): Promise<Record<string, string>> => (await json('get', 'node', 'controlplane')).metadata.labels;
    const kubeadmLabels = { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' };
    expect(await labels()).toMatchObject(kubeadmLabels);
    const unlabel = await lab.kubectl(['label', 'node', 'controlplane', 'node-role.kubernetes.io/control-plane-', 'node.kubernetes.io/exclude-from-external-load-balancers-']);
    expect(unlabel.code).toBe(0);
    expect(Object.keys(await labels())).not.toContain('node-role.kubernetes.io/control-plane');
    expect(lab.kubelab(['node', 'mark-control-plane'])).toMatchObject({
      status: 0, stdout: 'kubelab: marked the node controlplane as control-plane by adding the labels: [node-role.kubernetes.io/control-plane node.kubernetes.io/exclude-from-external-load-balancers]\n',
    });
    expect(await labels()).toMatchObject(kubeadmLabels);
  });

  it('shows a scheduler that died on its mirror pod, and restarts it as its kubelet would', async () => {
    const restarts = async () => (await json('get', 'pod', 'kube-scheduler-controlplane', '-n', 'kube-system')).status?.containerStatuses?.[0]?.restartCount;
    const scheduler = () => lab.state().processes.find((p) => p.name === 'scheduler');
    // The process's own log in its container's: the lease it took, as client-go's leader election says it.
    const tookLease = async (previous: string[] = []) => /\nI\d{4} [\d:.]+ +1 leaderelection\.go:271\] successfully acquired lease kube-system\/kube-scheduler\n$/
      .test((await lab.kubectl(['logs', '-n', 'kube-system', 'kube-scheduler-controlplane', ...previous])).stdout);
    await waitFor(() => tookLease(), 'the scheduler\'s lease in its mirror pod\'s log', 30_000, 250);
    expect(await restarts()).toBe(0);
    expect(lab.kubelab(['chaos', 'kill', 'scheduler']).status).toBe(0);
    await waitFor(async () => (await restarts()) === 1, 'kube-scheduler-controlplane restarted once', 30_000, 250);
    const described = (await lab.kubectl(['describe', 'pod', 'kube-scheduler-controlplane', '-n', 'kube-system'])).stdout;
    expect(described).toMatch(/Last State: +Terminated\n +Reason: +Error\n +Exit Code: +137\n/);
    await waitFor(() => scheduler()?.restarts === 1 && scheduler()?.state === 'running', 'the scheduler started again', 30_000, 250);
    await waitFor(() => tookLease(), 'the restarted scheduler\'s lease in its new container\'s log', 30_000, 250);
    expect(await tookLease(['--previous'])).toBe(true);
    expect((await lab.kubectl(['run', 'after', '--image=nginx:1.27'])).code).toBe(0);
    await waitFor(async () => (await json('get', 'pod', 'after')).spec?.nodeName, 'a new pod scheduled by the restarted scheduler', 30_000, 250);
  });

  it('answers names while CoreDNS runs, times out with CoreDNS scaled to 0, and resolves again at 2', async () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dnsutils' }, spec: { containers: [{ name: 'busybox', image: 'busybox:1.36', command: ['sleep', '3600'] }] } };
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: JSON.stringify(pod) })).code).toBe(0);
    expect((await lab.kubectl(['wait', '--for=condition=Ready', 'pod/dnsutils', '--timeout=60s'])).code).toBe(0);
    expect((await nslookup()).stdout).toBe('Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default\nAddress: 10.96.0.1\n\n');

    expect((await lab.kubectl(['scale', 'deployment', 'coredns', '-n', 'kube-system', '--replicas=0'])).code).toBe(0);
    await waitFor(async () => (await systemPods()).every((p) => !p.metadata.name.startsWith('coredns-')), 'the CoreDNS pods gone', 30_000, 250);
    expect((await timesOut()).stdout).toBe(';; connection timed out; no servers could be reached\n\n');
    expect((await lab.kubectl(['exec', 'dnsutils', '--', 'wget', '-qO-', 'http://web'])).stderr).toContain("wget: bad address 'web'");

    expect((await lab.kubectl(['scale', 'deployment', 'coredns', '-n', 'kube-system', '--replicas=2'])).code).toBe(0);
    await waitFor(async () => (await systemPods()).filter((p) => p.metadata.name.startsWith('coredns-') && running(p)).length === 2, 'two CoreDNS pods ready', 30_000, 250);
    // The node's view of the pods follows the API a moment behind, the new CoreDNS pods' readiness too.
    await waitFor(async () => (await nslookup()).code === 0, 'kubernetes.default resolved again', 30_000, 250);
  });

  it("keeps CoreDNS serving through a broken Corefile, crashes new CoreDNS pods on it in CoreDNS's words, and answers as the fixed one says", async () => {
    const answered = async () => (await nslookup()).stdout;
    const resolved = 'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\tkubernetes.default\nAddress: 10.96.0.1\n\n';
    const nxdomain = "Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find kubernetes.default: NXDOMAIN\n\n";
    const original: string = (await json('get', 'configmap', 'coredns', '-n', 'kube-system')).data.Corefile;
    const setCorefile = async (text: string) => {
      const patch = JSON.stringify({ data: { Corefile: text } });
      expect((await lab.kubectl(['patch', 'configmap', 'coredns', '-n', 'kube-system', '--type', 'merge', '-p', patch])).code).toBe(0);
    };
    const corednsPods = async () => (await systemPods()).filter((p) => p.metadata.name.startsWith('coredns-'));
    const replaceCorednsPods = async () => {
      const old = (await corednsPods()).map((p) => p.metadata.name);
      expect((await lab.kubectl(['delete', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns'])).code).toBe(0);
      return (p: PodJson) => !old.includes(p.metadata.name);
    };

    // The Corefile is put back even when an expectation fails, so the tests after this one find DNS serving.
    try {
      // The running pods refuse the misspelt plugin on reload and keep serving what they had.
      await setCorefile(original.replace('kubernetes cluster.local', 'kubernete cluster.local'));
      expect(await answered()).toBe(resolved);

      const isNew = await replaceCorednsPods();
      // The old pods gone too: while one is still terminating, kube-proxy falls back to it as the Service's last endpoint.
      const crashing = await waitFor(async () => {
        const all = await corednsPods();
        const pods = all.filter(isNew);
        return all.length === 2 && pods.length === 2 && pods.every((p) => p.status.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff') && pods;
      }, 'two new CoreDNS pods in CrashLoopBackOff, the old ones gone', 60_000, 250);
      const logs = await lab.kubectl(['logs', '-n', 'kube-system', crashing[0].metadata.name]);
      expect(logs.stdout).toBe("/etc/coredns/Corefile:7 - Error during parsing: Unknown directive 'kubernete'\n");
      expect((await timesOut()).stdout).toBe(';; connection timed out; no servers could be reached\n\n');

      // Valid, but the kubernetes plugin serves a zone no Service is in: the crash-looping pods read it at their next
      // restart (the kubelet refreshed their configMap volume) and run, and cluster names are NXDOMAIN.
      await setCorefile(original.replace('kubernetes cluster.local', 'kubernetes cluster.locall'));
      await waitFor(async () => (await corednsPods()).filter((p) => isNew(p) && running(p)).length === 2, 'the two CoreDNS pods ready on the valid Corefile', 60_000, 250);
      await waitFor(async () => (await answered()) === nxdomain, 'NXDOMAIN for kubernetes.default', 30_000, 250);

      // Fixed: the reload plugin serves it without a restart.
      await setCorefile(original);
      await waitFor(async () => (await answered()) === resolved, 'kubernetes.default resolved again', 30_000, 250);
    } finally {
      await setCorefile(original);
    }
  });

  it('gives new pods the clusterDNS its configuration names once restarted: a wrong one, and their names do not resolve', async () => {
    const pod = (name: string) => JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name },
      spec: { nodeName: 'node-2', terminationGracePeriodSeconds: 0, containers: [{ name: 'main', image: 'busybox:1.36', command: ['sleep', '3600'] }] },
    });
    const ssh = (node: string, command: string) => lab.kubelab(['ssh', node, '--', command]);
    const lookup = async (name: string) => {
      await waitFor(async () => (await json('get', 'pod', name)).status?.containerStatuses?.[0]?.ready === true, `${name} ready`, 30_000, 100);
      const resolvConf = (await lab.kubectl(['exec', name, '--', 'head', '-1', '/etc/resolv.conf'])).stdout;
      return { resolvConf, nslookup: (await lab.kubectl(['exec', name, '--', 'nslookup', 'kubernetes.default'])).code };
    };
    expect(ssh('node-2', "sed -i 's#- 10.96.0.10#- 10.96.0.100#' /var/lib/kubelet/config.yaml && systemctl restart kubelet").status).toBe(0);
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: pod('wrong-dns') })).code).toBe(0);
    expect(await lookup('wrong-dns')).toEqual({ resolvConf: 'search default.svc.cluster.local svc.cluster.local cluster.local\n', nslookup: 1 });
    expect((await lab.kubectl(['exec', 'wrong-dns', '--', 'grep', 'nameserver', '/etc/resolv.conf'])).stdout).toBe('nameserver 10.96.0.100\n');
    expect(ssh('node-2', "sed -i 's#- 10.96.0.100#- 10.96.0.10#' /var/lib/kubelet/config.yaml && systemctl restart kubelet").status).toBe(0);
    expect((await lab.kubectl(['apply', '-f', '-'], { stdin: pod('right-dns') })).code).toBe(0);
    await lookup('right-dns');
    await waitFor(async () => (await lab.kubectl(['exec', 'right-dns', '--', 'nslookup', 'kubernetes.default'])).code === 0, 'right-dns resolving', 30_000, 250);
    expect((await lab.kubectl(['delete', 'pod', 'wrong-dns', 'right-dns'])).code).toBe(0);
  });

  describe('the manifests are the truth', () => {
    const manifest = (name: string) => `/etc/kubernetes/manifests/${name}.yaml`;
    const onControlPlane = (command: string) => lab.kubelab(['ssh', 'controlplane', '--', command]);
    const mirror = async (name: string): Promise<PodJson | undefined> => {
      const pod = await json('get', 'pod', `${name}-controlplane`, '-n', 'kube-system');
      return pod.status ? pod : undefined;
    };
    const crashLooping = async (name: string) => (await mirror(name))?.status.containerStatuses?.[0]?.state?.waiting?.reason === 'CrashLoopBackOff';
    const processState = (name: string) => lab.state().processes.find((p) => p.name === name)?.state;
    /** What `crictl logs` prints of the program's newest container on the controlplane node. */
    const crictlLogs = (program: string) => onControlPlane(`crictl logs $(crictl ps -a --name ${program} -q | head -1) 2>&1`).stdout;
    const edit = (name: string, from: string, to: string) => expect(onControlPlane(`sed -i 's#${from}#${to}#' ${manifest(name)}`).status).toBe(0);

    it('keeps new pods Pending while the scheduler\'s manifest names a flag it does not have, and schedules them once fixed', async () => {
      edit('kube-scheduler', '--kubeconfig=', '--kubeconfigg=');
      await waitFor(() => crashLooping('kube-scheduler'), 'kube-scheduler-controlplane in CrashLoopBackOff', 30_000, 250);
      await waitFor(async () => processState('scheduler') === 'stopped', 'the scheduler process stopped', 30_000, 250);
      expect(lab.kubelab(['chaos', 'start', 'scheduler'])).toMatchObject({
        status: 1, stderr: expect.stringContaining('scheduler is down because its static pod manifest says so (unknown flag: --kubeconfigg); the kubelet starts it once /etc/kubernetes/manifests/kube-scheduler.yaml is fixed (kubelab ssh controlplane)'),
      });
      expect((await lab.kubectl(['logs', '-n', 'kube-system', 'kube-scheduler-controlplane'])).stdout).toMatch(/\nError: unknown flag: --kubeconfigg\n$/);
      expect(crictlLogs('kube-scheduler')).toMatch(/^Usage:\n {2}kube-scheduler \[flags\]\n[^]*\nError: unknown flag: --kubeconfigg\n$/);

      expect((await lab.kubectl(['run', 'waits', '--image=nginx:1.27'])).code).toBe(0);
      // Long enough for a scheduler to place it: the mirror pod crashes once more, a back-off of 10 s or more (lab time).
      const restarts = (await mirror('kube-scheduler'))!.status.containerStatuses![0].restartCount;
      await waitFor(async () => (await mirror('kube-scheduler'))!.status.containerStatuses![0].restartCount > restarts, 'another crash of the scheduler', 60_000, 250);
      const waiting = await json('get', 'pod', 'waits');
      expect({ node: waiting.spec.nodeName, phase: waiting.status.phase }).toEqual({ node: undefined, phase: 'Pending' });
      const why = lab.kubelab(['why', 'pod/waits']);
      expect(why.stdout).toMatch(/\nPending: no scheduler runs since seq \d+, when kube-scheduler-controlplane's manifest changed: kube-scheduler does not start from its static pod manifest: unknown flag: --kubeconfigg; it stays down until \/etc\/kubernetes\/manifests\/kube-scheduler\.yaml is fixed\n/);
      expect(why.stdout).toMatch(/\n {2}the manifest was edited in the session of seq \d+, by user:kubelab ssh: root ran "sed -i 's#--kubeconfig=#--kubeconfigg=#' \/etc\/kubernetes\/manifests\/kube-scheduler\.yaml" on controlplane \(kubelab ssh\)\n/);

      edit('kube-scheduler', '--kubeconfigg=', '--kubeconfig=');
      await waitFor(async () => (await json('get', 'pod', 'waits')).spec?.nodeName, 'the waiting pod scheduled once the manifest is fixed', 60_000, 250);
      await waitFor(async () => {
        const pod = await mirror('kube-scheduler');
        return pod && running(pod) && pod.status.containerStatuses![0].restartCount === 0;
      }, 'kube-scheduler-controlplane Running anew, RESTARTS 0', 30_000, 250);
    });

    it('stops ReplicaSets from healing while the controller-manager\'s kubeconfig path is wrong, in its words', async () => {
      edit('kube-controller-manager', '--kubeconfig=/etc/kubernetes/controller-manager.conf', '--kubeconfig=/etc/kubernetes/controller-manager.conff');
      await waitFor(async () => processState('controller-manager') === 'stopped', 'the controller-manager process stopped', 30_000, 250);
      const words = 'E\\d{4} [\\d:.]+ +1 run\\.go:72\\] "command failed" err="stat /etc/kubernetes/controller-manager\\.conff: no such file or directory"\\n$';
      await waitFor(async () => new RegExp(words).test((await lab.kubectl(['logs', '-n', 'kube-system', 'kube-controller-manager-controlplane'])).stdout), 'the refusal in kubectl logs', 30_000, 250);
      expect(crictlLogs('kube-controller-manager')).toMatch(new RegExp(words));

      expect((await lab.kubectl(['create', 'deployment', 'unhealed', '--image=nginx:1.27'])).code).toBe(0);
      const restarts = (await mirror('kube-controller-manager'))!.status.containerStatuses![0].restartCount;
      await waitFor(async () => (await mirror('kube-controller-manager'))!.status.containerStatuses![0].restartCount > restarts, 'another crash of the controller-manager', 60_000, 250);
      expect((await json('get', 'replicasets', '-l', 'app=unhealed')).items).toEqual([]);

      edit('kube-controller-manager', 'controller-manager.conff', 'controller-manager.conf');
      await waitFor(async () => ((await json('get', 'pods', '-l', 'app=unhealed')).items ?? []).length === 1, 'the Deployment\'s pod made once the manifest is fixed', 60_000, 250);
    });

    it('refuses kubectl while kube-apiserver cannot reach etcd, shows why with crictl on the node, and serves again once fixed', async () => {
      edit('kube-apiserver', '--etcd-servers=https://127.0.0.1:2379', '--etcd-servers=https://127.0.0.1:2380');
      const port = new URL(lab.apiUrl).port;
      await waitFor(async () => (await lab.kubectl(['get', 'nodes'])).stderr.includes(`The connection to the server 127.0.0.1:${port} was refused - did you specify the right host or port?`), 'kubectl refused', 30_000, 250);
      await waitFor(() => crictlLogs('kube-apiserver').includes('instance.go:226] Error creating leases: error creating storage factory: context deadline exceeded\n'), 'the api-server\'s words in crictl logs', 30_000, 250);
      expect(crictlLogs('kube-apiserver')).toContain('dial tcp 127.0.0.1:2380: connect: connection refused');
      expect(onControlPlane('crictl ps -a --name kube-apiserver').stdout).toMatch(/ Exited +kube-apiserver +\d+ /);

      edit('kube-apiserver', '127.0.0.1:2380', '127.0.0.1:2379');
      await waitFor(async () => (await lab.kubectl(['get', 'nodes'])).code === 0, 'kubectl answered once the manifest is fixed', 60_000, 250);
      await waitFor(async () => {
        const pod = await mirror('kube-apiserver');
        return pod && running(pod);
      }, 'kube-apiserver-controlplane Running', 30_000, 250);
    });
  });
});

/**
 * kubeadm as the CKA uses it, over `kubelab ssh`. A spare machine joins with the line `kubeadm token create
 * --print-join-command` prints (a malformed or unknown token and a wrong CA hash refused in kubeadm's words first), its
 * node registering and turning Ready. Then the cluster upgrade of the "Upgrading kubeadm clusters" guide: the package
 * repository moved to the next minor, kubeadm upgraded with apt, `kubeadm upgrade plan` and `apply` on the controlplane
 * (a two-minor jump and a kubeadm older than the target refused in kubeadm's words, nothing changed), then a worker
 * drained, `kubeadm upgrade node`, its kubelet package upgraded and restarted, uncordoned; the versions show where they
 * show on a cluster (kubectl version, the Nodes' VERSION, the mirror pods' and kube-proxy's images, kubeadm-config), and
 * a kubelet newer than the control plane is refused by `kubeadm upgrade node`. Then a year passes (`kubelab clock`):
 * kubectl refuses the expired api-server certificate, the scheduler's is refused, and `kubeadm certs renew all` brings
 * the cluster back. A lab of its own: it joins a node, upgrades the cluster and moves its clock.
 */
import { startLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('kubeadm join, upgrade from v1.32.0 to v1.33.2, and certificates renewed after a year (1 worker and a spare machine, time scale 20)', () => {
  let lab: TestLab;
  const ssh = (node: string, command: string) => lab.kubelab(['ssh', node, '--', command]);
  const kubectlOk = async (...args: string[]) => {
    const r = await lab.kubectl(args);
    expect(r.code, r.stderr).toBe(0);
    return r.stdout;
  };
  const serverVersion = async () => {
    const r = await lab.kubectl(['version', '-o', 'json']);
    return r.code === 0 ? (JSON.parse(r.stdout) as { serverVersion: { gitVersion: string } }).serverVersion.gitVersion : undefined;
  };
  const kubeletVersion = async (node: string) => kubectlOk('get', 'node', node, '-o', 'jsonpath={.status.nodeInfo.kubeletVersion}');
  const image = async (pod: string) => kubectlOk('get', 'pod', '-n', 'kube-system', pod, '-o', 'jsonpath={.spec.containers[0].image}');
  /** The guide's "Changing the package repository" and apt steps for `packages` at `version`, as root on `node`. */
  const upgradePackages = (node: string, packages: string[], version: string) => ssh(node, [
    `sed -i 's#/v1.32/#/v1.33/#' /etc/apt/sources.list.d/kubernetes.list`,
    `apt-mark unhold ${packages.join(' ')}`,
    'apt-get update',
    `apt-get install -y ${packages.map((p) => `${p}='${version}-*'`).join(' ')}`,
    `apt-mark hold ${packages.join(' ')}`,
  ].join(' && '));

  beforeAll(async () => {
    lab = await startLab({ nodes: 1, timeScale: 20, controlPlane: true, upArgs: ['--spare-nodes', '1'] });
  }, 180_000);
  afterAll(() => lab?.stop());

  it('refuses to join node-2 with a malformed or unknown token, or with a CA hash not the cluster\'s, in kubeadm\'s words', async () => {
    // The spare machine's agent is up once its shell answers: it was spawned as the lab came up.
    await waitFor(async () => ssh('node-2', 'true').status === 0, 'a shell on node-2', 30_000, 250);
    const malformed = ssh('node-2', 'kubeadm join 172.18.0.2:6443 --token abc --discovery-token-unsafe-skip-ca-verification');
    expect([malformed.status, malformed.stderr]).toEqual([1, expect.stringContaining('the bootstrap token "abc" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"')]);
    const unknown = ssh('node-2', 'kubeadm join 172.18.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-unsafe-skip-ca-verification');
    expect(unknown.stderr).toContain('couldn\'t validate the identity of the API Server: could not find a JWS signature in the cluster-info ConfigMap for token ID "abcdef"');
    const token = ssh('controlplane', 'kubeadm token create').stdout.trim();
    expect(token).toMatch(/^[a-z0-9]{6}\.[a-z0-9]{16}$/);
    const pinned = ssh('node-2', `kubeadm join 172.18.0.2:6443 --token ${token} --discovery-token-ca-cert-hash sha256:${'0'.repeat(64)}`);
    expect(pinned.stderr).toContain('cluster CA found in cluster-info ConfigMap is not signed by any of the public keys pinned by the discovery token CA cert hash');
    expect((await lab.kubectl(['get', 'node', 'node-2'])).stderr).toContain('NotFound');
    expect(ssh('node-2', 'systemctl is-active kubelet; ls /etc/kubernetes').stdout).toBe('activating\nmanifests\n');
  });

  it('joins node-2 with the line kubeadm token create --print-join-command prints: it registers, turns Ready and runs the DaemonSets\' pods', async () => {
    const line = ssh('controlplane', 'kubeadm token create --print-join-command --ttl 2h');
    expect(line.stdout).toMatch(/^kubeadm join 172\.18\.0\.2:6443 --token [a-z0-9]{6}\.[a-z0-9]{16} --discovery-token-ca-cert-hash sha256:[0-9a-f]{64} \n$/);
    const token = /--token (\S+)/.exec(line.stdout)![1];
    expect(ssh('controlplane', 'kubeadm token list').stdout).toMatch(new RegExp(`\\n${token.replace('.', '\\.')}\\s+1h\\s+\\S+Z\\s+authentication,signing\\s+<none>\\s+system:bootstrappers:kubeadm:default-node-token\\n`));
    const secret = await kubectlOk('get', 'secret', '-n', 'kube-system', `bootstrap-token-${token.slice(0, 6)}`, '-o', 'jsonpath={.type}');
    expect(secret).toBe('bootstrap.kubernetes.io/token');
    const joined = ssh('node-2', line.stdout.trim());
    expect(joined.status, joined.stderr).toBe(0);
    expect(joined.stdout).toContain('This node has joined the cluster:');
    await waitFor(async () => (await lab.kubectl(['get', 'node', 'node-2', '-o', 'jsonpath={.status.conditions[?(@.type=="Ready")].status}'])).stdout === 'True', 'node-2 Ready', 60_000, 250);
    await waitFor(async () => (await kubectlOk('get', 'pods', '-n', 'kube-system', '--field-selector', 'spec.nodeName=node-2', '-o', 'jsonpath={.items[*].status.phase}')) === 'Running Running', 'kube-proxy and kindnet running on node-2', 60_000, 250);
    const again = ssh('node-2', line.stdout.trim());
    expect(again.stderr).toContain('[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists');
  });

  it('starts at v1.32.0 everywhere a cluster shows its version', async () => {
    expect(await serverVersion()).toBe('v1.32.0');
    expect(await kubeletVersion('controlplane')).toBe('v1.32.0');
    expect(await kubeletVersion('node-1')).toBe('v1.32.0');
    expect(await image('kube-apiserver-controlplane')).toBe('registry.k8s.io/kube-apiserver:v1.32.0');
    expect(await kubectlOk('get', 'cm', '-n', 'kube-system', 'kubeadm-config', '-o', 'jsonpath={.data.ClusterConfiguration}')).toContain('kubernetesVersion: v1.32.0\n');
    expect(ssh('controlplane', 'kubeadm version -o short; apt-mark showhold').stdout).toBe('v1.32.0\nkubeadm\nkubectl\nkubelet\n');
  });

  it('plans the newest v1.32 patch with the kubeadm it has, and refuses what the version skew policy forbids, changing nothing', () => {
    const plan = ssh('controlplane', 'kubeadm upgrade plan');
    expect(plan.status, plan.stderr).toBe(0);
    expect(plan.stdout).toContain('[upgrade/versions] Cluster version: v1.32.0\n[upgrade/versions] kubeadm version: v1.32.0\n');
    expect(plan.stdout).toContain('Upgrade to the latest version in the v1.32 series:');
    expect(plan.stdout).toMatch(/kubelet\s+node-1\s+v1\.32\.0\s+v1\.32\.4\n/);
    expect(plan.stdout).toContain('\tkubeadm upgrade apply v1.32.4\n\nNote: Before you can perform this upgrade, you have to update kubeadm to v1.32.4.');
    const jump = ssh('controlplane', 'kubeadm upgrade apply v1.34.0 --yes');
    expect(jump.status).toBe(1);
    expect(jump.stderr).toContain('[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors:\n\n\t- Specified version to upgrade to "v1.34.0" is too high; kubeadm can upgrade only 1 minor version at a time\n');
    const newer = ssh('controlplane', 'kubeadm upgrade apply v1.33.2 --yes');
    expect(newer.stderr).toContain('Specified version to upgrade to "v1.33.2" is at least one minor release higher than the kubeadm minor release (33 > 32). Such an upgrade is not supported');
    expect(ssh('controlplane', 'grep image: /etc/kubernetes/manifests/kube-apiserver.yaml').stdout).toContain('kube-apiserver:v1.32.0');
  });

  it('refuses kubeadm upgrade node on a worker whose kubelet is newer than the control plane', () => {
    const installed = upgradePackages('node-1', ['kubelet'], '1.33.2');
    expect(installed.status, installed.stderr).toBe(0);
    const refused = ssh('node-1', 'kubeadm upgrade node');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('[ERROR KubeletVersion]: the kubelet version is higher than the control plane version. This is not a supported version skew and may lead to a malfunctional cluster. Kubelet version: "1.33.2" Control plane version: "1.32.0"');
    // The v1.33 repository has no 1.32 package: back to the v1.32 one, as apt needs it for the downgrade.
    const back = ssh('node-1', "sed -i 's#/v1.33/#/v1.32/#' /etc/apt/sources.list.d/kubernetes.list && apt-get update && apt-get install -y --allow-downgrades --allow-change-held-packages kubelet='1.32.0-*'");
    expect(back.status, back.stderr).toBe(0);
  });

  it('upgrades the control plane with kubeadm upgrade apply once kubeadm is v1.33.2: api-server, static pods, kube-proxy and kubeadm-config move on', async () => {
    const kubeadm = upgradePackages('controlplane', ['kubeadm'], '1.33.2');
    expect(kubeadm.status, kubeadm.stderr).toBe(0);
    expect(kubeadm.stdout).toContain('Setting up kubeadm (1.33.2-1.1) ...');
    const plan = ssh('controlplane', 'kubeadm upgrade plan');
    expect(plan.stdout).toContain('Upgrade to the latest stable version:');
    expect(plan.stdout).toContain('\tkubeadm upgrade apply v1.33.2\n');
    const applied = ssh('controlplane', 'kubeadm upgrade apply v1.33.2 --yes');
    expect(applied.status, applied.stderr).toBe(0);
    expect(applied.stdout).toContain('[upgrade] SUCCESS! A control plane node of the cluster was upgraded to "v1.33.2".');
    expect(ssh('controlplane', 'ls /etc/kubernetes/tmp/kubeadm-backup-manifests-*/').stdout).toBe('kube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n');
    await waitFor(async () => (await serverVersion()) === 'v1.33.2', 'the api-server to answer as v1.33.2', 60_000, 250);
    for (const program of ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
      await waitFor(async () => (await image(`${program}-controlplane`)) === `registry.k8s.io/${program}:v1.33.2`, `${program}'s mirror pod on v1.33.2`, 60_000, 250);
    }
    expect(await kubectlOk('get', 'ds', '-n', 'kube-system', 'kube-proxy', '-o', 'jsonpath={.spec.template.spec.containers[0].image}')).toBe('registry.k8s.io/kube-proxy:v1.33.2');
    expect(await kubectlOk('get', 'cm', '-n', 'kube-system', 'kubeadm-config', '-o', 'jsonpath={.data.ClusterConfiguration}')).toContain('kubernetesVersion: v1.33.2\n');
    expect(await kubeletVersion('node-1')).toBe('v1.32.0');
  });

  it('upgrades a worker: drain, kubeadm upgrade node, the kubelet package and a restart, uncordon; its VERSION is then v1.33.2', async () => {
    await kubectlOk('drain', 'node-1', '--ignore-daemonsets', '--delete-emptydir-data');
    const kubeadm = upgradePackages('node-1', ['kubeadm'], '1.33.2');
    expect(kubeadm.status, kubeadm.stderr).toBe(0);
    const node = ssh('node-1', 'kubeadm upgrade node');
    expect(node.status, node.stderr).toBe(0);
    expect(node.stdout).toContain('[upgrade] The configuration for this node was successfully upgraded!');
    const kubelet = ssh('node-1', "apt-mark unhold kubelet kubectl && apt-get install -y kubelet='1.33.2-*' kubectl='1.33.2-*' && apt-mark hold kubelet kubectl && systemctl daemon-reload && systemctl restart kubelet");
    expect(kubelet.status, kubelet.stderr).toBe(0);
    await waitFor(async () => (await kubeletVersion('node-1')) === 'v1.33.2', 'node-1 to report kubelet v1.33.2', 60_000, 250);
    await kubectlOk('uncordon', 'node-1');
    const nodes = await kubectlOk('get', 'nodes');
    expect(nodes).toMatch(/\nnode-1\s+Ready\s+<none>\s+\S+\s+v1\.33\.2\n/);
    expect(nodes).toMatch(/\ncontrolplane\s+Ready\s+control-plane\s+\S+\s+v1\.32\.0\n/);
    expect(ssh('node-1', 'journalctl -u kubelet --no-pager | grep "Kubelet version" | tail -n 1').stdout).toContain('kubeletVersion="v1.33.2"');
  });

  it('lets a year pass with kubelab clock: the certificates expire as on a cluster, and kubeadm certs renew brings it back, both ways', async () => {
    const refusal = async () => (await lab.kubectl(['get', 'nodes'])).stderr;
    expect(lab.kubelab(['clock', 'forward', '400d'])).toMatchObject({ status: 0, stdout: expect.stringMatching(/^the machines' clock: \d{4}-\d\d-\d\dT\S+Z, 400d ahead of the host's\n$/) });
    const expiration = ssh('controlplane', 'kubeadm certs check-expiration');
    expect(expiration.stdout).toMatch(/\napiserver +\w{3} \d\d, \d{4} \d\d:\d\d UTC +<invalid> +ca +no/);
    expect(expiration.stdout).toMatch(/\nca +\w{3} \d\d, \d{4} \d\d:\d\d UTC +8y +no/);
    // The running api-server serves its expired certificate, which kubectl refuses; the scheduler's client certificate is refused.
    const expired = await waitFor(async () => {
      const said = await refusal();
      return /x509: certificate has expired or is not yet valid: current time \S+ is after \S+/.test(said) && said;
    }, 'kubectl to refuse the expired serving certificate', 30_000, 250);
    expect(expired).toContain('Unable to connect to the server: tls: failed to verify certificate:');

    // The serving certificate alone renewed: kubectl is answered, but the scheduler is still refused, and why says so.
    expect(ssh('controlplane', 'kubeadm certs renew apiserver').stdout).toContain('certificate for serving the Kubernetes API renewed\n');
    await waitFor(async () => (await lab.kubectl(['get', 'nodes'])).code === 0, 'kubectl to be answered once the serving certificate is renewed', 30_000, 250);
    await kubectlOk('run', 'waits-a-year', '--image=nginx:1.27');
    const why = lab.kubelab(['why', 'pod/waits-a-year']).stdout;
    expect(why).toMatch(/\nPending: no scheduler runs since seq \d+: kube-scheduler does no work: the api-server refuses its client certificate /);
    expect(why).toMatch(/\n {2}the machines' clock was moved on at seq \d+, by user:kubelab clock: 400d ahead of the host's \(ConfigMap kube-system\/kubelab-clock\)\n/);

    const renewed = ssh('controlplane', 'kubeadm certs renew all');
    expect(renewed.stdout).toContain('Done renewing certificates. You must restart the kube-apiserver, kube-controller-manager, kube-scheduler and etcd');
    await waitFor(async () => (await kubectlOk('get', 'pod', 'waits-a-year', '-o', 'jsonpath={.spec.nodeName}')) !== '', 'the waiting pod scheduled once the scheduler\'s certificate is renewed', 30_000, 250);
    expect(await kubectlOk('logs', '-n', 'kube-system', 'kube-scheduler-controlplane')).toContain('leaderelection.go:436] error retrieving resource lock kube-system/kube-scheduler: Unauthorized');
    expect(await kubectlOk('get', 'events', '-n', 'kube-system', '--field-selector', 'reason=ManifestChanged,involvedObject.name=kube-scheduler-controlplane')).toMatch(
      /kube-scheduler does no work: the api-server refuses its client certificate \(\/etc\/kubernetes\/scheduler\.conf: x509: certificate has expired or is not yet valid: current time \S+ is after \S+\): Unauthorized; it stays down until its certificate is renewed \(kubeadm certs renew scheduler\.conf\)/,
    );
    await kubectlOk('create', 'deployment', 'after-a-year', '--image=nginx:1.27', '--replicas=2');
    await waitFor(async () => (await kubectlOk('get', 'pods', '-l', 'app=after-a-year', '-o', 'jsonpath={.items[*].spec.nodeName}')).split(' ').filter(Boolean).length === 2,
      'the controller-manager and the scheduler at work again', 30_000, 250);

    // Back to the host's time, the renewed certificates are not yet valid: renewed once more, the cluster is as before.
    expect(lab.kubelab(['clock', 'reset']).stdout).toMatch(/^the machines' clock is the host's: /);
    await waitFor(async () => /x509: certificate has expired or is not yet valid: current time \S+ is before \S+/.test(await refusal()), 'kubectl to refuse a certificate not yet valid', 30_000, 250);
    expect(ssh('controlplane', 'kubeadm certs renew all').status).toBe(0);
    await waitFor(async () => (await lab.kubectl(['get', 'nodes'])).code === 0, 'kubectl to be answered again', 30_000, 250);
    expect(ssh('controlplane', 'kubeadm certs check-expiration').stdout).toMatch(/\napiserver +\w{3} \d\d, \d{4} \d\d:\d\d UTC +36[45]d +ca +no/);

    // The restart kubeadm asks for, as its guide does it: the manifest moved out of the folder and back.
    expect(ssh('controlplane', 'mv /etc/kubernetes/manifests/kube-apiserver.yaml /tmp/ && sleep 3 && mv /tmp/kube-apiserver.yaml /etc/kubernetes/manifests/').status).toBe(0);
    await waitFor(async () => {
      const r = await lab.kubectl(['get', 'pod', '-n', 'kube-system', 'kube-apiserver-controlplane', '--no-headers']);
      return r.code === 0 && / 1\/1 +Running +0 /.test(r.stdout);
    }, 'kube-apiserver-controlplane Running again from its manifest', 60_000, 250);
  });
});

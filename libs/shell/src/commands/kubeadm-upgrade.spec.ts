import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import { runProcess } from '../process/launch.js';
import type { NodeKubeadm, NodeServices } from '../process/process-host.js';
import { virtualHost } from '../testing/virtual-host.js';
import { kubernetesNodePackageFiles } from './debian-packages.js';
import { versionSkewErrors } from './kubeadm-upgrade.js';

const manifest = (program: string, tag: string) => `apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - command:\n    - ${program}\n    image: registry.k8s.io/${program}:${tag}\n    name: ${program}\n`;
const programs = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler'];

/** A kubeadm node at v1.32.0 (the control plane with admin.conf and the manifests, or a worker), its disk shared by every run, and the cluster kubeadm reaches. */
function node(role: 'controlplane' | 'worker', cluster = { version: 'v1.32.0', kubelets: { controlplane: 'v1.32.0', 'node-1': 'v1.32.0' } as Record<string, string> }) {
  const files: Record<string, string> = { ...kubernetesNodePackageFiles(), '/var/lib/kubelet/config.yaml': 'kind: KubeletConfiguration\n' };
  if (role === 'controlplane') {
    files['/etc/kubernetes/admin.conf'] = 'apiVersion: v1\nkind: Config\n';
    for (const program of programs) files[`/etc/kubernetes/manifests/${program}.yaml`] = manifest(program, 'v1.32.0');
  }
  const fs = new MemoryFs({ files });
  const upgrades: string[] = [];
  const kubeadm: NodeKubeadm = {
    cluster: () => cluster, upgrade: async (version) => void upgrades.push(version),
    createToken: () => Promise.reject(new Error('no tokens here')), tokens: () => [], discovery: () => undefined, join: async () => ({}),
  };
  const services = { hostname: role === 'worker' ? 'node-1' : 'controlplane', kubeadm } as unknown as NodeServices;
  const run = async (script: string, input?: string) => {
    const lab = virtualHost({ fs });
    const status = await runProcess(['sh', '-c', input === undefined ? script : `printf '${input}' | ${script}`], { ...lab.host, services });
    return { status, stdout: lab.stdout(), stderr: lab.stderr() };
  };
  const read = (path: string) => decodeUtf8(fs.read(encodeUtf8(path)));
  return { run, read, upgrades, cluster };
}

/** The guide's apt steps that bring kubeadm to 1.33.2 from the v1.33 repository. */
const kubeadm133 = "sed -i 's#/v1.32/#/v1.33/#' /etc/apt/sources.list.d/kubernetes.list && apt-mark unhold kubeadm >/dev/null && apt-get update >/dev/null && apt-get install -y kubeadm='1.33.2-*' >/dev/null";

describe('kubeadm upgrade plan', () => {
  it('offers the newest patch of the cluster\'s minor with kubeadm 1.32, saying kubeadm must be upgraded first', async () => {
    const { run } = node('controlplane');
    const plan = await run('kubeadm upgrade plan');
    expect(plan.status).toBe(0);
    expect(plan.stdout).toContain('[upgrade/versions] Cluster version: v1.32.0\n[upgrade/versions] kubeadm version: v1.32.0\n[upgrade/versions] Target version: v1.32.4\n[upgrade/versions] Latest version in the v1.32 series: v1.32.4\n');
    expect(plan.stdout).toContain([
      'COMPONENT   NODE           CURRENT   TARGET',
      'kubelet     controlplane   v1.32.0   v1.32.4',
      'kubelet     node-1         v1.32.0   v1.32.4',
      '',
      'Upgrade to the latest version in the v1.32 series:',
      '',
      'COMPONENT                 NODE           CURRENT    TARGET',
      'kube-apiserver            controlplane   v1.32.0    v1.32.4',
      'kube-controller-manager   controlplane   v1.32.0    v1.32.4',
      'kube-scheduler            controlplane   v1.32.0    v1.32.4',
      'kube-proxy                               1.32.0     v1.32.4',
      'CoreDNS                                  v1.11.3    v1.11.3',
      'etcd                      controlplane   3.5.16-0   3.5.16-0',
      '',
      'You can now apply the upgrade by executing the following command:',
      '',
      '\tkubeadm upgrade apply v1.32.4',
      '',
      'Note: Before you can perform this upgrade, you have to update kubeadm to v1.32.4.',
    ].join('\n'));
    expect(plan.stdout).not.toContain('latest stable version');
  });

  it('offers the next minor once kubeadm is of it, and says the cluster is up to date at the newest release', async () => {
    const { run, cluster } = node('controlplane');
    expect((await run(kubeadm133)).status).toBe(0);
    const plan = await run('kubeadm upgrade plan');
    expect(plan.stdout).toContain('Upgrade to the latest stable version:');
    expect(plan.stdout).toContain('\tkubeadm upgrade apply v1.33.2\n');
    cluster.version = 'v1.33.2';
    expect((await run('kubeadm upgrade plan')).stdout).toContain("\nAwesome, you're up-to-date! Enjoy!\n");
  });

  it('needs the control plane\'s admin.conf, as on a worker it has none', async () => {
    expect(await node('worker').run('kubeadm upgrade plan')).toEqual({
      status: 1, stdout: '', stderr: 'failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n',
    });
  });
});

describe('kubeadm upgrade apply', () => {
  it('refuses, in kubeadm\'s words and changing nothing, a version the skew policy forbids', async () => {
    const { run, read, upgrades } = node('controlplane');
    const jump = await run('kubeadm upgrade apply v1.34.0 -y');
    expect(jump.status).toBe(1);
    expect(jump.stderr).toBe('[upgrade/version] FATAL: the --version argument is invalid due to these fatal errors:\n\n'
      + '\t- Specified version to upgrade to "v1.34.0" is too high; kubeadm can upgrade only 1 minor version at a time\n'
      + '\t- Specified version to upgrade to "v1.34.0" is at least one minor release higher than the kubeadm minor release (34 > 32). Such an upgrade is not supported\n\n'
      + 'Please fix the misalignments highlighted above and try upgrading again\nTo see the stack trace of this error execute with --v=5 or higher\n');
    const patch = await run('kubeadm upgrade apply v1.32.3 -y');
    expect(patch.stderr).toContain('\t- Specified version to upgrade to "v1.32.3" is higher than the kubeadm version "v1.32.0". Upgrade kubeadm first using the tool you used to install kubeadm\n\nCan be bypassed if you pass the --force flag\n');
    expect((await run('kubeadm upgrade apply')).stderr).toBe('missing one or more required arguments. Required arguments: [version]\nTo see the stack trace of this error execute with --v=5 or higher\n');
    expect(upgrades).toEqual([]);
    expect(read('/etc/kubernetes/manifests/kube-apiserver.yaml')).toBe(manifest('kube-apiserver', 'v1.32.0'));
  });

  it('asks before it acts, and goes no further without a yes', async () => {
    const { run, upgrades } = node('controlplane');
    expect((await run(kubeadm133)).status).toBe(0);
    const declined = await run('kubeadm upgrade apply v1.33.2', 'n\\n');
    expect(declined.status).toBe(1);
    expect(declined.stdout).toContain('[upgrade] Are you sure you want to proceed? [y/N]: \n');
    expect(declined.stderr).toBe("won't proceed; the user didn't answer (Y|y) in order to continue\nTo see the stack trace of this error execute with --v=5 or higher\n");
    expect(upgrades).toEqual([]);
    expect((await run('kubeadm upgrade apply v1.33.2', 'y\\n')).status).toBe(0);
    expect(upgrades).toEqual(['v1.33.2']);
  });

  it('moves the cluster\'s configuration on, then rewrites each control-plane manifest\'s image, backing the old one up', async () => {
    const { run, read, upgrades } = node('controlplane');
    expect((await run(kubeadm133)).status).toBe(0);
    const applied = await run('kubeadm upgrade apply v1.33.2 --yes');
    expect(applied.status, applied.stderr).toBe(0);
    expect(upgrades).toEqual(['v1.33.2']);
    expect(applied.stdout).toContain('[upgrade/staticpods] Component "kube-scheduler" upgraded successfully!\n');
    expect(applied.stdout).toMatch(/\[upgrade\] SUCCESS! A control plane node of the cluster was upgraded to "v1\.33\.2"\.\n\n\[upgrade\] Now please proceed with upgrading the rest of the nodes by following the right order\.\n$/);
    for (const program of programs) expect(read(`/etc/kubernetes/manifests/${program}.yaml`)).toBe(manifest(program, 'v1.33.2'));
    const backups = await run('ls /etc/kubernetes/tmp/kubeadm-backup-manifests-*/; cat /etc/kubernetes/tmp/kubeadm-backup-manifests-*/kube-scheduler.yaml');
    expect(backups.stdout).toBe(`kube-apiserver.yaml\nkube-controller-manager.yaml\nkube-scheduler.yaml\n${manifest('kube-scheduler', 'v1.32.0')}`);
  });
});

describe('kubeadm upgrade node', () => {
  it('on a worker, rewrites the kubelet\'s configuration and says to upgrade the kubelet package next', async () => {
    const { run } = node('worker');
    const upgraded = await run('kubeadm upgrade node');
    expect(upgraded.status, upgraded.stderr).toBe(0);
    expect(upgraded.stdout).toContain('[preflight] Skipping prepull. Not a control plane node.\n');
    expect(upgraded.stdout).toContain('[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.\n');
  });

  it('refuses a kubelet newer than the control plane, as its KubeletVersion preflight check does', async () => {
    const { run } = node('worker');
    expect((await run("sed -i 's#/v1.32/#/v1.33/#' /etc/apt/sources.list.d/kubernetes.list && apt-get update >/dev/null && apt-get install -y --allow-change-held-packages kubelet='1.33.1-*' >/dev/null")).status).toBe(0);
    const refused = await run('kubeadm upgrade node');
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('\t[ERROR KubeletVersion]: the kubelet version is higher than the control plane version. This is not a supported version skew and may lead to a malfunctional cluster. Kubelet version: "1.33.1" Control plane version: "1.32.0"\n');
  });
});

describe('versionSkewErrors', () => {
  const v = (text: string) => {
    const [major, minor, patch] = text.slice(1).split('.').map(Number);
    return { major, minor, patch };
  };
  it('follows kubeadm\'s policy: one minor at a time, kubeadm not older than the target\'s minor, no kubelet left two minors behind', () => {
    expect(versionSkewErrors(v('v1.32.0'), v('v1.33.2'), v('v1.33.2'), ['v1.32.0'])).toEqual({ mandatory: [], skippable: [] });
    expect(versionSkewErrors(v('v1.33.0'), v('v1.33.2'), v('v1.31.0'), ['v1.33.0']).mandatory).toEqual(['Specified version to downgrade to "v1.31.0" is too low; kubeadm can downgrade only 1 minor version at a time']);
    expect(versionSkewErrors(v('v1.33.0'), v('v1.33.2'), v('v1.32.0'), ['v1.33.0']).skippable).toEqual(['Kubeadm version v1.33.2 can only be used to upgrade to Kubernetes version 1.33']);
    expect(versionSkewErrors(v('v1.33.0'), v('v1.34.0'), v('v1.34.0'), ['v1.32.0']).skippable).toEqual(['There are kubelets in this cluster that are too old that have these versions [v1.32.0]']);
  });
});

/**
 * A learner logs in to a node with `kubelab ssh`, as to a kubeadm node: root's shell on the node's own disk, with the
 * kubelet's files where kubeadm puts them, one command run as ssh runs it (its exit status kept), a script piped in,
 * the node's network (pod addresses reachable, no cluster DNS), the same disk `kubectl debug node/…` sees at /host, and
 * a static pod written into the node's manifest folder, started anew when its manifest changes, a container crictl
 * stops there restarted by the kubelet, the node's listening sockets and addresses as `ss` and `ip` show them, and a
 * manifest written and changed with vi in an interactive session.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { sharedLab, waitFor, type TestLab } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('kubelab ssh NODE: a shell on the node itself (shared lab)', () => {
  let lab: TestLab;
  const json = async (...args: string[]) => JSON.parse((await lab.kubectl([...args, '-o', 'json'])).stdout || '{}');
  const ssh = (node: string, command: string, input?: string) => lab.kubelab(['ssh', node, ...(command ? ['--', command] : [])], input);

  beforeAll(async () => {
    lab = await sharedLab('node-shell');
  });
  afterAll(() => lab?.stop());

  it('runs one command as root in /root on the node, named as the node, and exits with its status', () => {
    expect(ssh('node-1', 'hostname; whoami; pwd')).toMatchObject({ status: 0, stdout: 'node-1\nroot\n/root\n', stderr: '' });
    expect(ssh('node-2', 'cat /etc/hostname; exit 3')).toMatchObject({ status: 3, stdout: 'node-2\n' });
    expect(ssh('node-1', 'cat /nowhere')).toMatchObject({ status: 1, stderr: expect.stringContaining('/nowhere') });
  });

  it('finds the kubelet where kubeadm put it: its configuration with the lab\'s cluster DNS, the static pod folder, its unit and drop-in', () => {
    const config = ssh('node-1', 'cat /var/lib/kubelet/config.yaml');
    expect(config.status).toBe(0);
    expect(config.stdout).toContain('clusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\n');
    expect(config.stdout).toContain('staticPodPath: /etc/kubernetes/manifests\n');
    expect(ssh('node-1', 'grep ^ExecStart= /etc/systemd/system/kubelet.service.d/10-kubeadm.conf').stdout)
      .toBe('ExecStart=\nExecStart=/usr/bin/kubelet $KUBELET_KUBECONFIG_ARGS $KUBELET_CONFIG_ARGS $KUBELET_KUBEADM_ARGS $KUBELET_EXTRA_ARGS\n');
    expect(ssh('node-1', 'ls -d /etc/kubernetes/manifests /var/log/pods /usr/lib/systemd/system/kubelet.service').stdout)
      .toBe('/etc/kubernetes/manifests\n/usr/lib/systemd/system/kubelet.service\n/var/log/pods\n');
  });

  it('reads a script piped in, line by line, and ends with its last status', () => {
    const result = ssh('node-2', '', 'cd /var/lib/kubelet\nls config.yaml kubeadm-flags.env\nexit 5\n');
    expect(result).toMatchObject({ status: 5, stdout: 'config.yaml\nkubeadm-flags.env\n' });
  });

  it('writes the disk that kubectl debug node/NODE\'s pod sees at /host, where the node\'s systemctl answers', async () => {
    const note = `/root/${lab.namespace}-note`;
    expect(ssh('node-1', `echo written on node-1 > ${note}`).status).toBe(0);
    const debug = await lab.kubectl(['debug', 'node/node-1', '--image=busybox:1.28', '--', 'sleep', '3600']);
    const pod = /pod (node-debugger-\S+)/.exec(debug.stdout)?.[1];
    expect(pod, debug.stderr).toBeDefined();
    await waitFor(async () => (await json('get', 'pod', pod!)).status?.phase === 'Running', `${pod} Running`, 30_000, 100);
    expect((await lab.kubectl(['exec', pod!, '--', 'cat', `/host${note}`])).stdout).toBe('written on node-1\n');
    // In the node's PID namespace, the node's own systemctl (under /host) reaches its systemd.
    expect((await lab.kubectl(['exec', pod!, '--', 'chroot', '/host', 'systemctl', 'is-active', 'kubelet'])).stdout).toBe('active\n');
  });

  it('reaches a pod by its address from the node, but resolves no cluster name: the node does not use the cluster DNS', async () => {
    expect((await lab.kubectl(['run', 'web', '--image=nginx:1.27', '--overrides', JSON.stringify({ spec: { nodeName: 'node-2' } })])).code).toBe(0);
    const ip = await waitFor(async () => {
      const pod = await json('get', 'pod', 'web');
      return pod.status?.containerStatuses?.[0]?.ready === true && pod.status.podIP;
    }, 'web ready', 30_000, 100);
    expect(ssh('node-1', `curl -s http://${ip}/ | grep -c '<h1>Welcome to nginx!</h1>'`).stdout).toBe('1\n');
    expect(ssh('node-1', 'curl -sS http://kubernetes.default.svc.cluster.local/')).toMatchObject({
      status: 6, stderr: 'curl: (6) Could not resolve host: kubernetes.default.svc.cluster.local\n',
    });
  });

  it('restarts a container crictl stops on the node, as its pod\'s restartPolicy says: the stopped run killed, exit 137', async () => {
    expect((await lab.kubectl(['run', 'stopped', '--image=nginx:1.27', '--overrides', JSON.stringify({ spec: { nodeName: 'node-1' } })])).code).toBe(0);
    const id: string = await waitFor(async () => {
      const status = (await json('get', 'pod', 'stopped')).status?.containerStatuses?.[0];
      return status?.state?.running && status.containerID?.replace('containerd://', '');
    }, 'stopped running', 30_000, 100);
    expect(ssh('node-1', `crictl stop ${id.slice(0, 13)}`)).toMatchObject({ status: 0, stdout: `${id.slice(0, 13)}\n` });
    const restarted = await waitFor(async () => {
      const status = (await json('get', 'pod', 'stopped')).status?.containerStatuses?.[0];
      return status?.restartCount === 1 && status.state?.running && status;
    }, 'stopped restarted once', 30_000, 100);
    expect(restarted.lastState.terminated).toMatchObject({ containerID: `containerd://${id}`, exitCode: 137, reason: 'Error' });
  });

  it('runs a static pod written into the node\'s /etc/kubernetes/manifests, and starts it anew when its manifest changes', async () => {
    const ns = lab.namespace;
    const manifest = (image: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: static-web\n  namespace: ${ns}\nspec:\n  containers:\n  - name: web\n    image: ${image}\n`;
    const file = `/etc/kubernetes/manifests/${ns}-static-web.yaml`;
    const running = async (image: string) => {
      const pod = await json('get', 'pod', 'static-web-node-3');
      return pod.spec?.containers?.[0]?.image === image && pod.status?.containerStatuses?.[0]?.ready === true && pod;
    };
    try {
      expect(ssh('node-3', `cat > ${file}`, manifest('nginx:1.27')).status).toBe(0);
      const first = await waitFor(() => running('nginx:1.27'), 'the static pod running with its mirror pod', 60_000, 250);
      expect(first.metadata.annotations['kubernetes.io/config.mirror']).toMatch(/^[0-9a-f]{32}$/);
      expect(ssh('node-3', `sed -i 's/nginx:1.27/nginx:1.28/' ${file}`).status).toBe(0);
      const second = await waitFor(() => running('nginx:1.28'), 'the static pod started anew from the changed manifest', 60_000, 250);
      expect(second.metadata.uid).not.toBe(first.metadata.uid);
      expect(second.status.containerStatuses[0].restartCount).toBe(0);
    } finally {
      ssh('node-3', `rm -f ${file}`);
    }
    await waitFor(async () => (await lab.kubectl(['get', 'pod', 'static-web-node-3'])).code !== 0, 'the static pod gone with its manifest', 60_000, 250);
  });

  it('edits a file with vi in an interactive kubelab ssh, as a learner types it: a static pod written and changed with :wq runs and starts anew', async () => {
    const ns = lab.namespace;
    const file = `/etc/kubernetes/manifests/${ns}-vi-web.yaml`;
    // A terminal of its own (tmux on a private socket): the keys go through kubelab ssh's TTY, as a learner's do.
    const tmux = (...args: string[]) => spawnSync('tmux', ['-L', `kubelab-vi-${process.pid}`, ...args], { encoding: 'utf8' });
    const screen = () => tmux('capture-pane', '-p', '-t', 'ssh').stdout;
    const shows = (what: RegExp, why: string) => waitFor(() => what.test(screen()), why, 30_000, 100);
    const running = async (image: string) => {
      const pod = await json('get', 'pod', 'vi-web-node-3');
      return pod.spec?.containers?.[0]?.image === image && pod.status?.containerStatuses?.[0]?.ready === true && pod;
    };
    const kubelab = join(import.meta.dirname, '..', 'bin', 'kubelab.mjs');
    expect(tmux('new-session', '-d', '-s', 'ssh', '-x', '120', '-y', '30', `${process.execPath} ${kubelab} ssh node-3 --data-dir ${lab.dataDir}`).status).toBe(0);
    try {
      await shows(/^root@node-3:~#\s*$/m, 'the node\'s prompt');
      tmux('send-keys', '-t', 'ssh', `vi ${file}`, 'Enter');
      await shows(/\[New\]/, 'vi on a new file');
      tmux('send-keys', '-t', 'ssh', 'i');
      tmux('send-keys', '-t', 'ssh', '-l', `apiVersion: v1\rkind: Pod\rmetadata:\r  name: vi-web\r  namespace: ${ns}\rspec:\r  containers:\r  - name: web\r    image: nginx:1.27`);
      tmux('send-keys', '-t', 'ssh', 'Escape', ':wq', 'Enter');
      await shows(/^root@node-3:~#\s*$/m, 'the prompt again once vi wrote the file');
      const first = await waitFor(() => running('nginx:1.27'), 'the static pod written with vi running', 60_000, 250);
      tmux('send-keys', '-t', 'ssh', 'clear', 'Enter');
      tmux('send-keys', '-t', 'ssh', `vi ${file}`, 'Enter');
      await shows(/image: nginx:1\.27/, 'vi showing the manifest');
      tmux('send-keys', '-t', 'ssh', '-l', ':%s/nginx:1.27/nginx:1.28/');
      tmux('send-keys', '-t', 'ssh', 'Enter');
      await shows(/image: nginx:1\.28/, 'vi showing the substitution');
      tmux('send-keys', '-t', 'ssh', ':q', 'Enter');
      await shows(/E37: No write since last change \(add ! to override\)/, 'vi refusing to quit a changed buffer');
      tmux('send-keys', '-t', 'ssh', ':wq', 'Enter');
      const second = await waitFor(() => running('nginx:1.28'), 'the static pod started anew from the manifest vi changed', 60_000, 250);
      expect(second.metadata.uid).not.toBe(first.metadata.uid);
      expect(ssh('node-3', `grep image: ${file}`).stdout).toBe('    image: nginx:1.28\n');
    } finally {
      tmux('kill-server');
      ssh('node-3', `rm -f ${file}`);
    }
  });

  it('lists what listens on the controlplane (kube-apiserver on *:6443, kube-scheduler on 127.0.0.1:10259) and its eth0 at 172.18.0.2/16', () => {
    const sockets = ssh('controlplane', 'ss -tlnp');
    expect(sockets.status).toBe(0);
    expect(sockets.stdout).toMatch(/^LISTEN 0 +4096 +\*:6443 +\*:\* +users:\(\("kube-apiserver",pid=\d+,fd=3\)\)/m);
    expect(sockets.stdout).toMatch(/^LISTEN 0 +4096 +127\.0\.0\.1:10259 +0\.0\.0\.0:\* +users:\(\("kube-scheduler",pid=\d+,fd=3\)\)/m);
    expect(ssh('controlplane', 'ip addr show eth0').stdout).toContain('\n    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0\n');
  });

  it('says a node the lab does not have cannot be resolved, and exits 255 as ssh does', () => {
    expect(ssh('node-9', 'true')).toMatchObject({ status: 255, stderr: 'ssh: Could not resolve hostname node-9: Name or service not known (kubectl get nodes lists the lab\'s nodes)\n' });
  });
});

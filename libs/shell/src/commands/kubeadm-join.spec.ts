import { describe, expect, it } from 'vitest';
import { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, encodeUtf8 } from '../io/byte-string.js';
import { runProcess } from '../process/launch.js';
import type { BootstrapToken, NodeKubeadm, NodeServices } from '../process/process-host.js';
import { virtualHost } from '../testing/virtual-host.js';

const token: BootstrapToken = { token: 'abcdef.0123456789abcdef', expiration: '2025-01-02T11:00:00Z', usages: ['authentication', 'signing'], groups: ['system:bootstrappers:kubeadm:default-node-token'] };
const hash = `sha256:${'ab'.repeat(32)}`;

/** A machine (with admin.conf: the controlplane) whose kubeadm reaches a cluster holding `tokens`; the kubelet's restarts are counted. */
function machine(files: Record<string, string> = {}, tokens: BootstrapToken[] = [token]) {
  const fs = new MemoryFs({ files });
  const restarts: string[] = [];
  const created: { ttlSeconds: number; description?: string }[] = [];
  const kubeadm: NodeKubeadm = {
    cluster: () => ({ version: 'v1.32.0', kubelets: {} }), upgrade: async () => undefined,
    createToken: async (request) => {
      created.push(request);
      return { ...token, token: 'ghijkl.0123456789ghijkl', ...(request.description ? { description: request.description } : {}) };
    },
    tokens: () => tokens,
    discovery: () => ({ endpoint: '172.18.0.2:6443', caCertHash: hash }),
    join: async () => ({ '/etc/kubernetes/kubelet.conf': 'kind: Config\n', '/var/lib/kubelet/config.yaml': 'kind: KubeletConfiguration\n' }),
  };
  const services = {
    hostname: 'node-4', kubeadm,
    act: async (name: string, job: string) => void restarts.push(`${job} ${name}`),
    unit: () => ({ active: restarts.length ? 'active' : 'activating' }),
  } as unknown as NodeServices;
  const run = async (script: string) => {
    const lab = virtualHost({ fs });
    const status = await runProcess(['sh', '-c', script], { ...lab.host, services });
    return { status, stdout: lab.stdout(), stderr: lab.stderr() };
  };
  return { run, fs, restarts, created };
}

const controlplane = () => machine({ '/etc/kubernetes/admin.conf': 'kind: Config\n' });

describe('kubeadm token', () => {
  it('creates a token, and prints the join command with the API\'s address and the CA\'s hash (with kubeadm\'s trailing space)', async () => {
    const { run, created } = controlplane();
    expect(await run('kubeadm token create')).toEqual({ status: 0, stdout: 'ghijkl.0123456789ghijkl\n', stderr: '' });
    expect((await run('kubeadm token create --print-join-command --ttl 2h --description "for node-4"')).stdout)
      .toBe(`kubeadm join 172.18.0.2:6443 --token ghijkl.0123456789ghijkl --discovery-token-ca-cert-hash ${hash} \n`);
    expect(created).toEqual([{ ttlSeconds: 86_400 }, { ttlSeconds: 7200, description: 'for node-4' }]);
    expect((await run('kubeadm token create --ttl soon')).stderr).toBe('invalid argument "soon" for "--ttl" flag: time: invalid duration "soon"\nTo see the stack trace of this error execute with --v=5 or higher\n');
  });

  it('lists the tokens with what is left of their life, and needs the admin\'s kubeconfig', async () => {
    expect((await controlplane().run('kubeadm token list')).stdout).toBe([
      'TOKEN                     TTL   EXPIRES                USAGES                   DESCRIPTION   EXTRA GROUPS',
      'abcdef.0123456789abcdef   23h   2025-01-02T11:00:00Z   authentication,signing   <none>        system:bootstrappers:kubeadm:default-node-token',
      '',
    ].join('\n'));
    expect((await machine().run('kubeadm token list')).stderr).toBe('failed to load admin kubeconfig: open /etc/kubernetes/admin.conf: no such file or directory\nTo see the stack trace of this error execute with --v=5 or higher\n');
  });
});

describe('kubeadm join', () => {
  const join = (args: string) => `kubeadm join ${args}`;

  it('checks its flags first: the token\'s form, and a CA hash unless told to skip it', async () => {
    const { run } = machine();
    expect((await run(join('172.18.0.2:6443 --token nope'))).stderr).toContain('the bootstrap token "nope" was not of the form "^([a-z0-9]{6})\\.([a-z0-9]{16})$"');
    expect((await run(join('172.18.0.2:6443 --token abcdef.0123456789abcdef'))).stderr).toContain('using token-based discovery without caCertHashes can be unsafe');
  });

  it('refuses an endpoint the API is not at, a token the cluster does not hold and a CA hash not its own, joining nothing', async () => {
    const { run, restarts } = machine();
    expect((await run(join(`10.0.0.9:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${hash}`))).stderr)
      .toContain('dial tcp 10.0.0.9:6443: connect: connection refused');
    expect((await run(join(`172.18.0.2:6443 --token zzzzzz.0123456789abcdef --discovery-token-ca-cert-hash ${hash}`))).stderr)
      .toContain('could not find a JWS signature in the cluster-info ConfigMap for token ID "zzzzzz"');
    expect((await run(join('controlplane:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash sha256:00'))).stderr)
      .toContain('cluster CA found in cluster-info ConfigMap is not signed by any of the public keys pinned by the discovery token CA cert hash');
    expect(restarts).toEqual([]);
  });

  it('writes the kubelet\'s files and starts it; a machine that has joined fails the preflight', async () => {
    const { run, fs, restarts } = machine();
    const joined = await run(join(`172.18.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${hash}`));
    expect(joined.status, joined.stderr).toBe(0);
    expect(joined.stdout).toMatch(/^\[preflight\] Running pre-flight checks\n[\s\S]*\nThis node has joined the cluster:\n[\s\S]*Run 'kubectl get nodes' on the control-plane to see this node join the cluster\.\n\n$/);
    expect(decodeUtf8(fs.read(encodeUtf8('/var/lib/kubelet/config.yaml')))).toBe('kind: KubeletConfiguration\n');
    expect(restarts).toEqual(['restart kubelet.service']);
    const again = await run(join(`172.18.0.2:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash ${hash}`));
    expect(again.stderr).toBe('error execution phase preflight: [preflight] Some fatal errors occurred:\n'
      + '\t[ERROR FileAvailable--etc-kubernetes-kubelet.conf]: /etc/kubernetes/kubelet.conf already exists\n'
      + '[preflight] If you know what you are doing, you can make a check non-fatal with `--ignore-preflight-errors=...`\nTo see the stack trace of this error execute with --v=5 or higher\n');
  });
});

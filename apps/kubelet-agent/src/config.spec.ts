import { describe, expect, it } from 'vitest';
import { parseAgentConfig } from './config.js';

describe('parseAgentConfig', () => {
  it('takes the cluster DNS and domain from flags or the environment, defaulting as kubeadm does', () => {
    expect(parseAgentConfig(['--nats-url', 'nats://x'], {})).toMatchObject({ clusterDns: '10.96.0.10', clusterDomain: 'cluster.local' });
    expect(parseAgentConfig(['--nats-url', 'nats://x', '--cluster-dns', '10.0.0.10', '--cluster-domain', 'lab.local'], {})).toMatchObject({ clusterDns: '10.0.0.10', clusterDomain: 'lab.local' });
    expect(parseAgentConfig(['--nats-url', 'nats://x'], { KUBELAB_CLUSTER_DNS: '10.32.0.10' }).clusterDns).toBe('10.32.0.10');
  });

  it('says what to fix for a cluster DNS that is not an address', () => {
    expect(() => parseAgentConfig(['--nats-url', 'nats://x', '--cluster-dns', 'kube-dns'], {})).toThrow('--cluster-dns must be an IPv4 address like 10.96.0.10, got "kube-dns"');
  });

  it.each([
    [['--nats-url', 'nats://x'], true],
    [['--nats-url', 'nats://x', '--no-usage'], false],
  ])('accounts resource use unless told not to: %j', (argv, usage) => {
    expect(parseAgentConfig(argv, {}).usage).toBe(usage);
  });

  it('takes a small node\'s capacity from flags', () => {
    expect(parseAgentConfig(['--nats-url', 'nats://x', '--cpu', '2', '--memory', '1Gi'], {})).toMatchObject({ cpu: '2', memory: '1Gi' });
  });

  it('registers kubeadm\'s control-plane node at index 0 with its taint and the labels given', () => {
    expect(parseAgentConfig(['--nats-url', 'nats://x', '--node-name', 'controlplane', '--node-index', '0', '--register-with-taints', 'node-role.kubernetes.io/control-plane:NoSchedule,dedicated=gpu:NoExecute', '--node-labels', 'tier=edge,empty='], {}))
      .toMatchObject({
        nodeNames: ['controlplane'], nodeIndexBase: 0, nodeLabels: { tier: 'edge', empty: '' },
        registerWithTaints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }, { key: 'dedicated', value: 'gpu', effect: 'NoExecute' }],
      });
  });

  it('hosts every node named, indexed from the first\'s number (kubelab up --nodes-per-agent)', () => {
    expect(parseAgentConfig(['--nats-url', 'nats://x', '--node-name', 'node-4', '--node-name', 'node-5', '--node-name', 'node-6'], {}))
      .toMatchObject({ nodeNames: ['node-4', 'node-5', 'node-6'], nodeIndexBase: 4 });
  });

  it.each([
    [['--node-name', 'node-1', '--node-name', 'node-1'], '--node-name node-1 is given twice'],
    [['--node-name', 'node-1', '--nodes', '2'], 'give either --nodes or --node-name'],
    [['--register-with-taints', 'gpu:Sometimes'], '--register-with-taints: "gpu:Sometimes" is not key[=value]:NoSchedule|PreferNoSchedule|NoExecute'],
    [['--node-labels', 'tier'], '--node-labels: "tier" is not key=value'],
  ])('says what to fix in %j', (flags, message) => {
    expect(() => parseAgentConfig(['--nats-url', 'nats://x', ...flags], {})).toThrow(message);
  });
});

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
});

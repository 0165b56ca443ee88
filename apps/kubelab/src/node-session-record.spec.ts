import { describe, expect, it } from 'vitest';
import { nodeShellEvent } from './node-session-record.js';

describe('the Event recording a learner\'s shell on a node', () => {
  const at = new Date('2026-11-25T09:30:00.123Z');

  it('says what root ran there, on the Node, from sshd', () => {
    const event = nodeShellEvent('controlplane', 'uid-1', ['sed', '-i', 's/a/b/', '/etc/kubernetes/manifests/kube-scheduler.yaml'], at) as Record<string, unknown>;
    expect(event).toMatchObject({
      apiVersion: 'v1', kind: 'Event', metadata: { namespace: 'default' },
      involvedObject: { apiVersion: 'v1', kind: 'Node', name: 'controlplane', uid: 'uid-1' },
      reason: 'NodeShell', type: 'Normal', message: 'root ran "sed -i s/a/b/ /etc/kubernetes/manifests/kube-scheduler.yaml" on controlplane (kubelab ssh)',
      source: { component: 'sshd', host: 'controlplane' }, firstTimestamp: '2026-11-25T09:30:00Z', count: 1,
    });
    expect((event.metadata as { name: string }).name).toMatch(/^controlplane\.[0-9a-f]+$/);
  });

  it('is a login when no command is given', () => {
    expect(nodeShellEvent('node-2', 'u', [], at)).toMatchObject({ message: 'root logged in to node-2 (kubelab ssh)' });
  });
});

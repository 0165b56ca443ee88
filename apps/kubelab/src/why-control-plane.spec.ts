import type { LogEntry } from '@kubelab/event-log';
import { describe, expect, it } from 'vitest';
import { schedulerHeldDown, schedulerHeldDownLine } from './why-control-plane.js';

const word = (seq: number, type: 'Warning' | 'Normal', message: string, name = 'kube-scheduler-controlplane'): LogEntry => ({
  seq, time: '2026-11-25T09:00:00Z', type: 'EventCreated', kind: 'Event', namespace: 'kube-system', name: `${name}.1`, uid: `u${seq}`, actor: 'kubelet/controlplane',
  object: { kind: 'Event', metadata: { name: `${name}.1` }, involvedObject: { kind: 'Pod', namespace: 'kube-system', name }, reason: 'ManifestChanged', type, message } as LogEntry['object'],
} as LogEntry);
const pending = { kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [] } };

describe('why a pod waits for a node while the scheduler\'s manifest keeps it down', () => {
  const broken = word(40, 'Warning', 'kube-scheduler does not start from its static pod manifest: unknown flag: --kubeconfigg');

  it('names the manifest change that stopped the scheduler', () => {
    expect(schedulerHeldDown(pending, [broken])).toBe(broken);
    expect(schedulerHeldDownLine(broken)).toBe('Pending: no scheduler runs since seq 40, when kube-scheduler-controlplane\'s manifest changed: kube-scheduler does not start from its static pod manifest: unknown flag: --kubeconfigg');
  });

  it('names the learner\'s shell session that made the edit, when the change was caused by one', () => {
    const session = { ...word(38, 'Normal', 'root ran "sed -i s/kubeconfig/kubeconfigg/ /etc/kubernetes/manifests/kube-scheduler.yaml" on controlplane (kubelab ssh)'), actor: 'user:kubelab ssh' };
    expect(schedulerHeldDownLine({ ...broken, cause: 38 }, session).split('\n')[1])
      .toBe('  the manifest was edited in the session of seq 38, by user:kubelab ssh: root ran "sed -i s/kubeconfig/kubeconfigg/ /etc/kubernetes/manifests/kube-scheduler.yaml" on controlplane (kubelab ssh)');
  });

  it('names the move of the machines\' clock past the scheduler\'s certificate, when that was the cause', () => {
    const refused = word(349, 'Warning', 'kube-scheduler does no work: the api-server refuses its client certificate (…): Unauthorized; it stays down until its certificate is renewed (kubeadm certs renew scheduler.conf)');
    const moved = {
      seq: 348, time: '2026-11-25T09:00:00Z', type: 'ConfigMapCreated', kind: 'ConfigMap', namespace: 'kube-system', name: 'kubelab-clock', uid: 'c', actor: 'user:kubelab clock', cause: null,
      object: { kind: 'ConfigMap', metadata: { name: 'kubelab-clock', namespace: 'kube-system' }, data: { offset: '400d' } },
    } as LogEntry;
    expect(schedulerHeldDownLine({ ...refused, cause: 348 }, moved)).toBe([
      'Pending: no scheduler runs since seq 349: kube-scheduler does no work: the api-server refuses its client certificate (…): Unauthorized; it stays down until its certificate is renewed (kubeadm certs renew scheduler.conf)',
      '  the machines\' clock was moved on at seq 348, by user:kubelab clock: 400d ahead of the host\'s (ConfigMap kube-system/kubelab-clock)',
    ].join('\n'));
  });

  it('says nothing once the manifest runs the scheduler again, of a scheduled pod, or of another component', () => {
    expect(schedulerHeldDown(pending, [broken, word(52, 'Normal', 'kube-scheduler starts again from its static pod manifest')])).toBeUndefined();
    expect(schedulerHeldDown({ ...pending, spec: { containers: [], nodeName: 'node-1' } }, [broken])).toBeUndefined();
    expect(schedulerHeldDown(pending, [word(41, 'Warning', 'down', 'kube-controller-manager-controlplane')])).toBeUndefined();
  });
});

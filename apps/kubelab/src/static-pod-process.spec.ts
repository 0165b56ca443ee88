import { describe, expect, it } from 'vitest';
import { decideStaticProcess, manifestChangedMessage } from './static-pod-process.js';

const runs = (hash: string) => ({ program: 'kube-scheduler', hash, starts: true });
const refused = (hash: string) => ({ program: 'kube-scheduler', hash, starts: false, reason: 'unknown flag: --kubeconfigg' });

describe('a control-plane process held to its static pod manifest', () => {
  it('keeps the process it started when the first word says its manifest runs', () => {
    expect(decideStaticProcess({ down: false }, runs('a'))).toEqual({ next: { hash: 'a', down: false }, act: { action: 'none' } });
  });

  it('starts it anew when the manifest changed, and leaves it when the manifest is the same', () => {
    expect(decideStaticProcess({ hash: 'a', down: false }, runs('b')).act).toEqual({ action: 'restart' });
    expect(decideStaticProcess({ hash: 'a', down: false }, runs('a')).act).toEqual({ action: 'none' });
  });

  it('stops it once, in the program\'s words, when the manifest names what it refuses, and starts it when fixed', () => {
    const broken = decideStaticProcess({ hash: 'a', down: false }, refused('b'));
    expect(broken).toEqual({ next: { hash: 'b', down: true, reason: 'unknown flag: --kubeconfigg' }, act: { action: 'stop', reason: 'unknown flag: --kubeconfigg' } });
    expect(decideStaticProcess(broken.next, refused('b')).act).toEqual({ action: 'none' });
    expect(decideStaticProcess(broken.next, runs('a'))).toEqual({ next: { hash: 'a', down: false }, act: { action: 'start' } });
  });

  it('stops it when no manifest runs the program any more', () => {
    const reason = 'no manifest in the static pod path runs it (moved or removed, or not readable as a pod: journalctl -u kubelet says why)';
    expect(decideStaticProcess({ hash: 'a', down: false }, undefined)).toEqual({ next: { hash: undefined, down: true, reason }, act: { action: 'stop', reason } });
  });

  it('stops it, with the same manifest, while the api-server refuses its certificate, and says that a renewed one brings it back', () => {
    const reason = 'the api-server refuses its client certificate (/etc/kubernetes/scheduler.conf: x509: …): Unauthorized';
    const until = 'its certificate is renewed (kubeadm certs renew scheduler.conf)';
    const expired = decideStaticProcess({ hash: 'a', down: false }, { program: 'kube-scheduler', hash: 'a', starts: false, reason, until });
    expect(expired.act).toEqual({ action: 'stop', reason, until });
    expect(manifestChangedMessage('kube-scheduler', expired.act as { action: 'stop'; reason: string; until: string })).toEqual({
      type: 'Warning', message: `kube-scheduler does no work: ${reason}; it stays down until ${until}`,
    });
    expect(decideStaticProcess(expired.next, runs('a')).act).toEqual({ action: 'start' });
    expect(manifestChangedMessage('kube-scheduler', { action: 'stop', reason: 'unknown flag: --x' }).message).toBe(
      'kube-scheduler does not start from its static pod manifest: unknown flag: --x; it stays down until /etc/kubernetes/manifests/kube-scheduler.yaml is fixed',
    );
  });
});

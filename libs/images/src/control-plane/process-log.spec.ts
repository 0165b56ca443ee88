import { describe, expect, it } from 'vitest';
import { acquiredLeaseLine, klogOfProcessLine } from './process-log.js';

const time = Date.parse('2026-11-25T09:10:11.123Z');
const pino = (fields: Record<string, unknown>) => JSON.stringify({ level: 40, time, pid: 4242, hostname: 'laptop', name: 'scheduler', ...fields });

describe('a control-plane process\'s own log in its static pod\'s log', () => {
  it('says a binding the scheduler retries in kube-scheduler\'s words', () => {
    expect(klogOfProcessLine('kube-scheduler', pino({ pod: 'default/web', node: 'node-1', err: 'pods "web" not found', msg: 'binding failed; retrying after back-off' })))
      .toBe('W1125 09:10:11.123000       1 schedule_one.go:1057] "Error scheduling pod; retrying" err="pods \\"web\\" not found" pod="default/web"');
  });

  it('says a sync the controller-manager retries as client-go\'s unhandled error, at error severity when logged so', () => {
    expect(klogOfProcessLine('kube-controller-manager', pino({ level: 50, name: 'controller-manager', controller: 'replicaset', key: 'default/web-5d8f9', err: 'Conflict', msg: 'sync failed; retrying' })))
      .toBe('E1125 09:10:11.123000       1 controller.go:114] "Unhandled Error" err="sync \\"default/web-5d8f9\\" failed with Conflict" logger="UnhandledError"');
  });

  it('keeps any other message as klog\'s structured form from kubelab.go, its fields quoted as Go quotes them', () => {
    expect(klogOfProcessLine('kube-apiserver', pino({ level: 30, name: 'api-server', msg: 'watch cache relisted', kinds: 3, lagging: true, kind: 'Pod' })))
      .toBe('I1125 09:10:11.123000       1 kubelab.go:1] "watch cache relisted" kinds=3 lagging=true kind="Pod"');
  });

  it('passes over what is no JSON object: a stack, a blank line, a bare value', () => {
    for (const line of ['    at main (file.js:1:1)', '', '42', 'null', '[1]']) expect(klogOfProcessLine('kube-scheduler', line)).toBeUndefined();
  });

  it('says the lease taken as client-go\'s leader election does', () => {
    expect(acquiredLeaseLine('kube-scheduler', new Date(time))).toBe('I1125 09:10:11.123000       1 leaderelection.go:271] successfully acquired lease kube-system/kube-scheduler');
  });
});

import { describe, expect, it } from 'vitest';
import type { Pod } from '@kubelab/api';
import { sandboxRefusal } from './cgroup-driver.js';

const pod = (qosClass?: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u-1' }, status: qosClass ? { qosClass } : {} });
const id = 'ab'.repeat(32);

describe('a pod sandbox under the kubelet\'s cgroup driver', () => {
  it('is made while the kubelet runs with containerd\'s systemd driver, or has not read its configuration', () => {
    expect(sandboxRefusal('systemd', pod('BestEffort'), id)).toBeUndefined();
    expect(sandboxRefusal(undefined, pod('BestEffort'), id)).toBeUndefined();
  });

  it.each([
    ['cgroupfs', 'BestEffort', `/kubepods/besteffort/podu-1/${id}`],
    ['cgroupfs', 'Burstable', `/kubepods/burstable/podu-1/${id}`],
    ['cgroupfs', 'Guaranteed', `/kubepods/podu-1/${id}`],
    ['systemdd', undefined, `/kubepods/besteffort/podu-1/${id}`],
  ])('is refused in runc\'s words under %s for a %s pod: the cgroupfs path it was given', (driver, qos, path) => {
    expect(sandboxRefusal(driver, pod(qos), id)).toBe('rpc error: code = Unknown desc = failed to create containerd task: failed to create shim task: OCI runtime create failed: '
      + `runc create failed: expected cgroupsPath to be of format "slice:prefix:name" for systemd cgroups, got "${path}" instead: unknown`);
  });
});

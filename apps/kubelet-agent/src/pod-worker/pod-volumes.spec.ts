import type { Pod } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { usesSource } from './pod-volumes.js';

const pod: Pod = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: 'web', namespace: 'shop' },
  spec: {
    containers: [],
    volumes: [
      { name: 'cfg', configMap: { name: 'settings' } },
      { name: 'tls', secret: { secretName: 'certs' } },
      { name: 'api', projected: { sources: [{ configMap: { name: 'kube-root-ca.crt' } }, { secret: { name: 'token' } }, { serviceAccountToken: { path: 't' } }] } },
      { name: 'scratch', emptyDir: {} },
    ],
  },
};

describe('which ConfigMaps and Secrets a pod\'s volumes take their files from', () => {
  it.each([
    ['ConfigMap', 'settings', true],
    ['ConfigMap', 'kube-root-ca.crt', true],
    ['Secret', 'certs', true],
    ['Secret', 'token', true],
    ['ConfigMap', 'certs', false],
    ['Secret', 'settings', false],
    ['ConfigMap', 'other', false],
  ] as const)('%s %s: %s', (kind, name, used) => {
    expect(usesSource(pod, { kind, namespace: 'shop', name })).toBe(used);
  });

  it('only in the pod\'s namespace', () => {
    expect(usesSource(pod, { kind: 'ConfigMap', namespace: 'default', name: 'settings' })).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import type { Pod } from '../../typed-objects.js';
import { mountServiceAccountToken } from './mount-token.js';

const pod = (spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', ...(annotations ? { annotations } : {}) }, spec } as KubeObject);
const account = (automount?: boolean): KubeObject =>
  ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' }, ...(automount === undefined ? {} : { automountServiceAccountToken: automount }) } as KubeObject);
const mount = { name: 'kube-api-access-x7k2q', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };

describe('mountServiceAccountToken (the ServiceAccount admission plugin)', () => {
  it('adds the kube-api-access volume as kube-apiserver 1.32 writes it, and mounts it in every container and init container', () => {
    const admitted = mountServiceAccountToken(pod({ initContainers: [{ name: 'init' }], containers: [{ name: 'a', volumeMounts: [{ name: 'data', mountPath: '/data' }] }, { name: 'b' }], volumes: [{ name: 'data', emptyDir: {} }] }), account(), 'x7k2q');
    expect(admitted.spec).toEqual({
      initContainers: [{ name: 'init', volumeMounts: [mount] }],
      containers: [{ name: 'a', volumeMounts: [{ name: 'data', mountPath: '/data' }, mount] }, { name: 'b', volumeMounts: [mount] }],
      volumes: [{ name: 'data', emptyDir: {} }, {
        name: 'kube-api-access-x7k2q',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
          ],
        },
      }],
    });
  });

  it('leaves a container that mounts something at the token path alone, and adds no volume when none needs it', () => {
    const own = { name: 'mine', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
    const admitted = mountServiceAccountToken(pod({ containers: [{ name: 'a', volumeMounts: [own] }], volumes: [{ name: 'mine', secret: { secretName: 's' } }] }), account(), 'x7k2q');
    expect(admitted.spec).toEqual({ containers: [{ name: 'a', volumeMounts: [own] }], volumes: [{ name: 'mine', secret: { secretName: 's' } }] });
  });

  it('reuses a volume already named kube-api-access-… instead of adding a second one', () => {
    const volume = { name: 'kube-api-access-abcde', projected: { sources: [] } };
    const admitted = mountServiceAccountToken(pod({ containers: [{ name: 'a' }], volumes: [volume] }), account(), 'x7k2q');
    expect(admitted.spec).toEqual({ containers: [{ name: 'a', volumeMounts: [{ ...mount, name: 'kube-api-access-abcde' }] }], volumes: [volume] });
  });

  it.each([
    ['the pod opts out', { automountServiceAccountToken: false }, account(), false],
    ['its ServiceAccount opts out', {}, account(false), false],
    ['the pod opts in over its ServiceAccount', { automountServiceAccountToken: true }, account(false), true],
    ['nothing is said (no ServiceAccount object yet)', {}, undefined, true],
  ])('mounts only when shouldAutomount says so: %s', (_case, own, sa, mounted) => {
    const admitted = mountServiceAccountToken(pod({ ...own, containers: [{ name: 'a' }] }), sa, 'x7k2q') as Pod;
    expect(admitted.spec?.volumes !== undefined).toBe(mounted);
    expect(admitted.spec?.containers[0].volumeMounts !== undefined).toBe(mounted);
  });

  it('does not touch a mirror pod', () => {
    const mirror = pod({ containers: [{ name: 'a' }] }, { 'kubernetes.io/config.mirror': 'abc' });
    expect(mountServiceAccountToken(mirror, undefined, 'x7k2q')).toBe(mirror);
  });
});

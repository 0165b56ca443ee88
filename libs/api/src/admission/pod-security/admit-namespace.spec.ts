import { describe, expect, it } from 'vitest';
import type { SecurityContext } from 'kubernetes-types/core/v1';
import type { Namespace, Pod } from '../../typed-objects.js';
import { admitNamespaceSecurity } from './admit-namespace.js';

const namespace = (modes: Record<string, string> = {}): Namespace => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name: 'x', labels: Object.fromEntries(Object.entries(modes).map(([m, v]) => [`pod-security.kubernetes.io/${m}`, v])) },
});
const pod = (name: string, securityContext?: SecurityContext): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'x' }, spec: { containers: [{ name: 'c', image: 'nginx', securityContext }] } });
const restrictedReasons = 'allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile';

describe('admitNamespaceSecurity', () => {
  it('refuses a new namespace with an invalid label', () => {
    expect(admitNamespaceSecurity(namespace({ enforce: 'strict' }), undefined, []).errors).toEqual([
      { type: 'FieldValueInvalid', field: 'metadata.labels[pod-security.kubernetes.io/enforce]', message: 'Invalid value: "strict": must be one of privileged, baseline, restricted' },
    ]);
  });

  it('refuses an update that sets an invalid label, not one that keeps it', () => {
    expect(admitNamespaceSecurity(namespace({ warn: 'loud' }), namespace(), []).errors).toHaveLength(1);
    expect(admitNamespaceSecurity(namespace({ warn: 'loud' }), namespace({ warn: 'loud' }), [])).toEqual({ errors: [], warnings: [] });
  });

  it('warns about existing pods a stricter enforce level would refuse, grouped by reasons', () => {
    const pods = [pod('web-b'), pod('web-a'), pod('root', { privileged: true }), pod('web-c'), pod('fine', { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } })];
    expect(admitNamespaceSecurity(namespace({ enforce: 'restricted' }), namespace(), pods)).toEqual({
      errors: [],
      warnings: [
        'existing pods in namespace "x" violate the new PodSecurity enforce level "restricted:latest"',
        `root: privileged, ${restrictedReasons}`,
        `web-a (and 2 other pods): ${restrictedReasons}`,
      ],
    });
    expect(admitNamespaceSecurity(namespace({ enforce: 'baseline' }), namespace(), [pod('a', { privileged: true }), pod('b', { privileged: true })]).warnings).toEqual([
      'existing pods in namespace "x" violate the new PodSecurity enforce level "baseline:latest"',
      'a (and 1 other pod): privileged',
    ]);
  });

  it('tries no pods when enforce is unchanged, privileged, or relaxed at the same version', () => {
    const pods = [pod('root', { privileged: true })];
    expect(admitNamespaceSecurity(namespace({ enforce: 'baseline', warn: 'restricted' }), namespace({ enforce: 'baseline' }), pods).warnings).toEqual([]);
    expect(admitNamespaceSecurity(namespace({ enforce: 'privileged' }), namespace({ enforce: 'baseline' }), pods).warnings).toEqual([]);
    expect(admitNamespaceSecurity(namespace({ enforce: 'baseline' }), namespace({ enforce: 'restricted' }), pods).warnings).toEqual([]);
    expect(admitNamespaceSecurity(namespace({ enforce: 'baseline', 'enforce-version': 'v1.30' }), namespace({ enforce: 'restricted' }), pods).warnings).toHaveLength(2);
  });
});

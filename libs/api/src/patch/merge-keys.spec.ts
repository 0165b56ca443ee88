import { describe, expect, it } from 'vitest';
import { listStrategyAt, type ListStrategy } from './merge-keys.js';

const byKey = (key: string): ListStrategy => ({ strategy: 'merge', key });
const primitives: ListStrategy = { strategy: 'merge-primitive' };
const replace: ListStrategy = { strategy: 'replace' };

describe('listStrategyAt', () => {
  it.each<[string, ListStrategy]>([
    ['spec.containers', byKey('name')],
    ['spec.template.spec.containers', byKey('name')],
    ['spec.jobTemplate.spec.template.spec.initContainers', byKey('name')],
    ['spec.ephemeralContainers', byKey('name')],
    ['spec.volumes', byKey('name')],
    ['spec.imagePullSecrets', byKey('name')],
    ['spec.resourceClaims', byKey('name')],
    ['spec.schedulingGates', byKey('name')],
    ['spec.hostAliases', byKey('ip')],
    ['spec.topologySpreadConstraints', byKey('topologyKey')],
    ['spec.template.spec.containers.env', byKey('name')],
    ['spec.containers.volumeMounts', byKey('mountPath')],
    ['spec.containers.volumeDevices', byKey('devicePath')],
    ['spec.containers.ports', byKey('containerPort')],
    ['spec.template.spec.initContainers.ports', byKey('containerPort')],
    ['spec.ephemeralContainers.ports', byKey('containerPort')],
    ['spec.ports', byKey('port')],
    ['subsets.ports', replace],
    ['status.conditions', byKey('type')],
    ['status.podIPs', byKey('ip')],
    ['status.hostIPs', byKey('ip')],
    ['status.addresses', byKey('type')],
    ['subsets.addresses', replace],
    ['metadata.ownerReferences', byKey('uid')],
    ['metadata.finalizers', primitives],
    ['spec.template.metadata.finalizers', primitives],
    ['spec.finalizers', replace],
    ['spec.podCIDRs', primitives],
    ['spec.containers.args', replace],
    ['spec.containers.command', replace],
    ['spec.containers.envFrom', replace],
    ['spec.tolerations', replace],
    ['spec.readinessGates', replace],
    ['spec.taints', replace],
    ['spec.limits', replace],
    ['status.containerStatuses', replace],
    ['metadata.managedFields', replace],
  ])('%s', (dotted, expected) => {
    expect(listStrategyAt(dotted.split('.'))).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { dropDisabledField } from './disabled-field.js';
import { strategyFor } from './registry.js';
import { storedTypeOf } from '../registry.js';

const claim = (spec: object): KubeObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'c' }, spec });
const now = new Date('2025-01-01T00:00:00Z');

describe('dropDisabledField: a field of a feature a default 1.32 api-server has off', () => {
  it('drops a PersistentVolumeClaim volumeAttributesClassName on create, keeps it on an update of a claim that had one', () => {
    const s = strategyFor(storedTypeOf('PersistentVolumeClaim')!);
    expect(s.prepareForCreate(claim({ volumeAttributesClassName: 'gold', storageClassName: 'x' }), now).spec).toEqual({ storageClassName: 'x' });
    const current = claim({ volumeAttributesClassName: 'gold' });
    expect(s.prepareForUpdate(claim({ volumeAttributesClassName: 'silver' }), current).spec).toEqual({ volumeAttributesClassName: 'silver' });
  });

  it("drops a StatefulSet's rollingUpdate.maxUnavailable (MaxUnavailableStatefulSet, alpha)", () => {
    const s = strategyFor(storedTypeOf('StatefulSet')!);
    const set: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 's' }, spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: 2 } } } };
    expect(s.prepareForCreate(set, now).spec).toEqual({ updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } });
  });

  it('returns the object itself when the field is not there', () => {
    const obj = claim({});
    expect(dropDisabledField(obj, undefined, ['spec', 'volumeAttributesClassName'])).toBe(obj);
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { goJsonForm } from '../schema/go-json-form.js';
import { sameStatus } from './meta.js';

/** A pod as the store holds it: in the form Go writes it (lastState: {} among what a container's status always has). */
const stored: KubeObject = goJsonForm({
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    name: 'web', namespace: 'shop', resourceVersion: '7',
    managedFields: [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', time: '2026-11-27T10:00:00Z', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, subresource: 'status' }],
  },
  spec: { containers: [{ name: 'web', image: 'nginx' }] },
  status: { phase: 'Running', containerStatuses: [{ name: 'web', image: 'nginx', imageID: '', ready: true, started: true, state: { running: { startedAt: '2026-11-27T10:00:00Z' } }, restartCount: 0 }] },
});

const written = (change: (o: KubeObject) => void): KubeObject => {
  const o = structuredClone(stored);
  change(o);
  return o;
};

describe('sameStatus', () => {
  it('finds a report the same as what is stored, whatever its resourceVersion and its spec', () => {
    expect(sameStatus(written((o) => { o.metadata.resourceVersion = '8'; o.spec = {}; }), stored)).toBe(true);
  });

  it('compares statuses in the form they are stored: a field Go always writes, left out, changes nothing', () => {
    expect(sameStatus(written((o) => { delete (o.status as { containerStatuses: { lastState?: object }[] }).containerStatuses[0].lastState; }), stored)).toBe(true);
  });

  it('tells a changed status', () => {
    expect(sameStatus(written((o) => { (o.status as { phase: string }).phase = 'Succeeded'; }), stored)).toBe(false);
  });

  it('tells changed metadata under the same status: new managedFields, a label', () => {
    expect(sameStatus(written((o) => { o.metadata.managedFields![0].time = '2026-11-27T10:00:05Z'; }), stored)).toBe(false);
    expect(sameStatus(written((o) => { o.metadata.labels = { app: 'web' }; }), stored)).toBe(false);
  });
});

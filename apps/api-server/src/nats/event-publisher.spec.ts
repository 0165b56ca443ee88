import { describe, expect, it } from 'vitest';
import type { BusEvent } from '@kubelab/bus';
import type { KubeObject } from '@kubelab/api';
import type { CommittedChange } from '../store/committed-change.js';
import { busEventOf } from './event-publisher.js';

const change = (object: KubeObject): CommittedChange => ({
  seq: 7, time: '2026-11-27T00:00:00Z', type: 'PodStatusReported', watchType: 'MODIFIED', kind: 'Pod', namespace: 'default', name: 'web',
  uid: 'uid-web', actor: 'kubelet', cause: 6, object, json: JSON.stringify(object),
});

describe('busEventOf', () => {
  it('carries the object without its managedFields, every other field as stored', () => {
    const managedFields = [{ manager: 'kubelet', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:status': { 'f:phase': {} } }, subresource: 'status' }];
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, managedFields, resourceVersion: '7' }, status: { phase: 'Running' } };
    const event = JSON.parse(busEventOf(change(pod), JSON.stringify(pod))) as BusEvent;
    expect(event).toMatchObject({ seq: 7, type: 'PodStatusReported', watchType: 'MODIFIED', kind: 'Pod', name: 'web', actor: 'kubelet', cause: 6 });
    expect(event.object).toEqual({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' }, resourceVersion: '7' }, status: { phase: 'Running' } });
    expect(pod.metadata.managedFields).toBe(managedFields);
  });

  it('carries an object without managedFields as its stored text', () => {
    const entry = { reason: 'Forbidden', verb: 'create' } as unknown as KubeObject;
    expect(JSON.parse(busEventOf(change(entry), '{"reason":"Forbidden","verb":"create"}')).object).toEqual({ reason: 'Forbidden', verb: 'create' });
  });
});

import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { resourceTypes } from '../registry.js';
import { negotiateResponseForm, partialObject, partialObjectList } from './response-form.js';
import { refusal } from '../refusal.testing.js';

const type = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } }, spec: { containers: [] }, status: {} };

describe('negotiateResponseForm', () => {
  it.each([
    ['', undefined],
    ['application/json', undefined],
    ['application/json, */*', undefined],
    ['application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json', { as: 'Table', version: 'v1' }],
    ['application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1', { as: 'PartialObjectMetadataList', version: 'v1' }],
    ['application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json', { as: 'PartialObjectMetadata', version: 'v1' }],
    ['application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1beta1', { as: 'PartialObjectMetadata', version: 'v1beta1' }],
    ['application/json;as=Gizmo;g=meta.k8s.io;v=v1,application/json', undefined],
    ['text/html,application/json;as=Table;g=meta.k8s.io;v=v1', { as: 'Table', version: 'v1' }],
    ['application/json,application/json;as=Table;g=meta.k8s.io;v=v1', undefined],
  ])('%j → %j', (accept, form) => {
    expect(negotiateResponseForm(accept)).toEqual(form);
  });
});

describe('PartialObjectMetadata (transformObject)', () => {
  it('reduces an object to its whole metadata', () => {
    expect(partialObject(type('Pod'), pod, { as: 'PartialObjectMetadata', version: 'v1' })).toEqual({
      kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata,
    });
  });

  it('lists metadata with the list\'s resourceVersion and continue token', () => {
    const list = partialObjectList(type('Pod'), [pod], { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 }, { as: 'PartialObjectMetadataList', version: 'v1' });
    expect(list).toEqual({
      kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: '42', continue: 'tok', remainingItemCount: 3 },
      items: [{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata }],
    });
    expect(partialObjectList(type('Pod'), [], { resourceVersion: '7' }, { as: 'PartialObjectMetadataList', version: 'v1beta1' })).toEqual({
      kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1beta1', metadata: { resourceVersion: '7' }, items: [],
    });
  });

  it('refuses a list form for one object and an object form for a list with 406', () => {
    expect(refusal(() => partialObject(type('Deployment'), pod, { as: 'PartialObjectMetadataList', version: 'v1' }))).toBe(
      '406 NotAcceptable: you requested PartialObjectMetadataList, but the requested object is not a list (*apps.Deployment)',
    );
    expect(refusal(() => partialObjectList(type('Pod'), [], { resourceVersion: '1' }, { as: 'PartialObjectMetadata', version: 'v1' }))).toBe(
      '406 NotAcceptable: you requested PartialObjectMetadata, but the requested object is a list (*core.PodList)',
    );
  });
});

import type { ConfigMap, Namespace } from '@kubelab/api';
import { describe, expect, it } from 'vitest';
import { DESCRIPTION_ANNOTATION, publishRootCa, ROOT_CA_DESCRIPTION } from './publish-root-ca.js';

const ca = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const namespace = (extra: Partial<Namespace> = {}): Namespace => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' }, status: { phase: 'Active' }, ...extra });
const published: ConfigMap = {
  apiVersion: 'v1', kind: 'ConfigMap',
  metadata: { name: 'kube-root-ca.crt', namespace: 'team-a', resourceVersion: '42', annotations: { [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION } },
  data: { 'ca.crt': ca },
};

describe('publishRootCa', () => {
  it('creates kube-root-ca.crt with the CA and the description in a namespace that lacks it', () => {
    expect(publishRootCa(namespace(), undefined, ca)).toEqual({
      type: 'CreateConfigMap',
      configMap: {
        apiVersion: 'v1', kind: 'ConfigMap',
        metadata: { name: 'kube-root-ca.crt', namespace: 'team-a', annotations: { 'kubernetes.io/description': ROOT_CA_DESCRIPTION } },
        data: { 'ca.crt': ca },
      },
    });
    expect(ROOT_CA_DESCRIPTION).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints/);
  });

  it('leaves a correct one alone', () => {
    expect(publishRootCa(namespace(), published, ca)).toBeUndefined();
  });

  it('puts back changed data, dropping keys it does not own, and keeps labels, other annotations and the resourceVersion', () => {
    const edited = { ...published, metadata: { ...published.metadata, labels: { team: 'a' }, annotations: { ...published.metadata.annotations, note: 'x' } }, data: { 'ca.crt': 'tampered', extra: 'y' } };
    expect(publishRootCa(namespace(), edited, ca)).toEqual({
      type: 'UpdateConfigMap',
      configMap: { ...edited, data: { 'ca.crt': ca }, binaryData: undefined },
    });
  });

  it('puts back a removed description annotation', () => {
    const bare = { ...published, metadata: { ...published.metadata, annotations: undefined } };
    const action = publishRootCa(namespace(), bare, ca);
    expect(action?.type).toBe('UpdateConfigMap');
    expect(action?.configMap.metadata.annotations).toEqual({ [DESCRIPTION_ANNOTATION]: ROOT_CA_DESCRIPTION });
    expect(action?.configMap.metadata.resourceVersion).toBe('42');
  });

  it('publishes a new CA after the cluster CA was replaced', () => {
    expect(publishRootCa(namespace(), published, 'new CA')?.configMap.data).toEqual({ 'ca.crt': 'new CA' });
  });

  it('does nothing for a namespace that is gone or terminating', () => {
    expect(publishRootCa(undefined, undefined, ca)).toBeUndefined();
    expect(publishRootCa(namespace({ status: { phase: 'Terminating' } }), undefined, ca)).toBeUndefined();
    expect(publishRootCa(namespace({ metadata: { name: 'team-a', deletionTimestamp: '2026-01-01T00:00:00Z' } }), undefined, ca)).toBeUndefined();
  });
});

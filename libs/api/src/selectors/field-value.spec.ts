import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { fieldValue } from './field-value.js';
import { matchesAnyFieldSelector, matchesFields } from './match-fields.js';
import { parseFieldSelector } from './parse-field-selector.js';

const pod: KubeObject = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'web', namespace: 'default' },
  spec: { nodeName: 'n1', restartPolicy: 'Always', schedulerName: 'default-scheduler', serviceAccount: 'legacy', containers: [] },
  status: { phase: 'Running', podIPs: [{ ip: '10.0.0.5' }] },
};
const pending: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [] } };
const node: KubeObject = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, spec: { unschedulable: true } };
const namespace: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'dev' }, status: { phase: 'Active' } };
const job: KubeObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: {}, status: {} };
const event: KubeObject = {
  apiVersion: 'v1',
  kind: 'Event',
  metadata: { name: 'web.1', namespace: 'default' },
  involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{app}' },
  reason: 'Pulled',
  type: 'Normal',
  reportingComponent: 'kubelet',
};
const secret: KubeObject = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} };
const rc: KubeObject = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'default' }, spec: {}, status: { replicas: 3 } };
const newRc: KubeObject = { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc', namespace: 'default' }, spec: {} };
const csr: KubeObject = {
  apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'csr' }, spec: { signerName: 'kubernetes.io/kube-apiserver-client', request: '' },
};
/** A custom kind named like a built-in one gets only the metadata fields. */
const customJob: KubeObject = { apiVersion: 'example.com/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, status: { succeeded: 1 } };
const headless: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'h', namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: 'None' } };
const service: KubeObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', namespace: 'default' }, spec: {} };

describe('fieldValue', () => {
  it.each<[KubeObject, string, string | undefined]>([
    [pod, 'metadata.name', 'web'],
    [pod, 'metadata.namespace', 'default'],
    [pod, 'spec.nodeName', 'n1'],
    [pod, 'spec.restartPolicy', 'Always'],
    [pod, 'spec.schedulerName', 'default-scheduler'],
    [pod, 'spec.serviceAccountName', 'legacy'],
    [pod, 'spec.hostNetwork', 'false'],
    [pod, 'status.phase', 'Running'],
    [pod, 'status.podIP', '10.0.0.5'],
    [pod, 'status.nominatedNodeName', ''],
    [pod, 'spec.containers', undefined],
    [pending, 'spec.nodeName', ''],
    [pending, 'status.phase', ''],
    [node, 'metadata.name', 'n1'],
    [node, 'metadata.namespace', undefined],
    [node, 'spec.unschedulable', 'true'],
    [namespace, 'status.phase', 'Active'],
    [job, 'status.successful', '0'],
    [event, 'involvedObject.kind', 'Pod'],
    [event, 'involvedObject.name', 'web'],
    [event, 'involvedObject.fieldPath', 'spec.containers{app}'],
    [event, 'involvedObject.resourceVersion', ''],
    [event, 'reason', 'Pulled'],
    [event, 'source', 'kubelet'],
    [event, 'type', 'Normal'],
    [service, 'metadata.namespace', 'default'],
    [service, 'spec.type', ''],
    [headless, 'spec.type', 'ClusterIP'],
    [headless, 'spec.clusterIP', 'None'],
    [secret, 'type', 'kubernetes.io/tls'],
    [rc, 'status.replicas', '3'],
    [newRc, 'status.replicas', '0'],
    [csr, 'spec.signerName', 'kubernetes.io/kube-apiserver-client'],
    [csr, 'metadata.namespace', undefined],
    [customJob, 'status.successful', undefined],
    [customJob, 'metadata.name', 'j'],
  ])('%s of %s', (obj, field, expected) => {
    expect(fieldValue(obj, field)).toBe(expected);
  });
});

describe('matchesFields', () => {
  it.each<[string, KubeObject, boolean]>([
    ['', pod, true],
    ['spec.nodeName=n1', pod, true],
    ['spec.nodeName==n1', pod, true],
    ['spec.nodeName!=n1', pod, false],
    ['spec.nodeName=', pending, true],
    ['spec.nodeName!=', pending, false],
    ['status.phase!=Succeeded,status.phase!=Failed', pod, true],
    ['metadata.name=web,metadata.namespace=other', pod, false],
    ['involvedObject.name=web,involvedObject.kind=Pod', event, true],
    ['spec.unschedulable=false', node, false],
  ])('%j on %s is %s', (selector, obj, expected) => {
    expect(matchesFields(parseFieldSelector(selector), obj)).toBe(expected);
  });
});

describe('matchesAnyFieldSelector', () => {
  const selectors = (...texts: string[]) => texts.map(parseFieldSelector);

  it('matches when one selector holds whole, as an agent of many nodes asks for the pods of any of them', () => {
    expect(matchesAnyFieldSelector(selectors('spec.nodeName=n0', 'spec.nodeName=n1'), pod)).toBe(true);
    expect(matchesAnyFieldSelector(selectors('spec.nodeName=n0', 'spec.nodeName=n2'), pod)).toBe(false);
  });

  it('needs every requirement of a selector, and reads a field the kind lacks as ""', () => {
    expect(matchesAnyFieldSelector(selectors('spec.nodeName=n1,status.phase=Pending'), pod)).toBe(false);
    expect(matchesAnyFieldSelector(selectors('spec.nodeName=n1,status.phase=Running'), pod)).toBe(true);
    expect(matchesAnyFieldSelector(selectors('spec.nodeName='), node)).toBe(true);
  });

  it('matches nothing with no selectors', () => {
    expect(matchesAnyFieldSelector([], pod)).toBe(false);
  });
});

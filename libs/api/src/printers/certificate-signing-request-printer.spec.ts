import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../object.js';
import { certificateSigningRequestPrinter } from './certificate-signing-request-printer.js';

const now = new Date('2024-05-01T12:00:00Z');

function csr(spec: object, status: object = {}): KubeObject {
  return { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'myuser', creationTimestamp: '2024-05-01T11:59:30Z' }, spec, status };
}

describe('certificateSigningRequestPrinter', () => {
  it('declares NAME AGE SIGNERNAME REQUESTOR REQUESTEDDURATION CONDITION', () => {
    expect(certificateSigningRequestPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
  });

  const spec = { request: 'LS0tLS1CRUdJTi4uLg==', signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'], username: 'kubernetes-admin' };

  it.each<[string, KubeObject, unknown[]]>([
    ['the myuser request of the docs, pending', csr(spec), ['myuser', '30s', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Pending']],
    ['approved and issued', csr(spec, { conditions: [{ type: 'Approved', status: 'True', reason: 'KubectlApprove' }], certificate: 'LS0tLS1CRUdJTg==' }), ['myuser', '30s', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Approved,Issued']],
    ['denied after approval, and failed', csr(spec, { conditions: [{ type: 'Approved', status: 'True' }, { type: 'Denied', status: 'True' }, { type: 'Failed', status: 'True' }] }), ['myuser', '30s', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Denied,Failed']],
    ['no signer or duration', csr({ request: 'x', username: 'system:node:n1', expirationSeconds: 600 }), ['myuser', '30s', '<none>', 'system:node:n1', '10m', 'Pending']],
    ['no duration', csr({ request: 'x', signerName: 'example.com/s', username: 'u' }), ['myuser', '30s', 'example.com/s', 'u', '<none>', 'Pending']],
  ])('prints %s', (_name, obj, cells) => {
    expect(certificateSigningRequestPrinter.print(obj, now).cells).toEqual(cells);
  });
});

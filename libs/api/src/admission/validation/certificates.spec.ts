import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../object.js';
import { applyDefaults } from '../defaults/apply-defaults.js';
import { prepareForCreate, prepareForUpdate } from '../strategy/prepare.js';
import { csrRequestError, goBytes } from './csr-request.js';
import { validateCreate, validateUpdate } from './validate.js';

const messages = (errors: { field: string; message: string }[]) => errors.map((e) => `${e.field}: ${e.message}`);
// https://kubernetes.io/docs/reference/access-authn-authz/certificate-signing-requests/#create-certificatessigningrequest
const DOCS_REQUEST = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlJQ1ZqQ0NBVDRDQVFBd0VURVBNQTBHQTFVRUF3d0diWGwxYzJWeU1JSUJJakFOQmdrcWhraUc5dzBCQVFFRgpBQU9DQVE4QU1JSUJDZ0tDQVFFQWxSVzlaZTJHd0kwSEJpS3RLWXFFZVVaSU9pQngwMVpSdUpkclJ3bVdoNFpXCkVrZTNkMWpCeU9wb0lHZGk0N212akNGZnJld0xiZXN5QWZPNDF1QWVoV1lSVWVsVHdhVFdwMUZtNHZWSWowNkQKZjlsLzc5M2ozckRxMzBqRklQZE5WUGh4b09EOWI0aXBQTW9DdUNDWDE4ZjJNTUMwRjFxdXFRK2VRa2M3ZThQMwpYTS9IS1J2dUV5akdqME5mZ2dCUUhSZVo4S05IaE5hUm52U2ZjcU9GK2VwN3hIcmVRbDNxSE1XZmRmYlNvWDN2CkxWVVlBWWhsNTRmbm91MUFBSTdOY1gzQWFwYzJjOW1BYXFYeVFjcmRNTEtITE5nQ3UxWW5nOEpZaStrbDR0MTkKYkJYVWtIQlBsMTUrL21ZaEtiOXJTQ0FzTktPN1lwUjR1VzZ6aVFHL0R3SURBUUFCb0FBd0RRWUpLb1pJaHZjTgpBUUVMQlFBRGdnRUJBQUhDbWcveHBRbmZWUzVScFNBeDBjSEUwTkhWK2FwNHBteDVOR3Y3S1hFeDI2Qm50T2NXCmFQaUJIYUhWV3BxL0U3cjRaVmRETk9rZzRra2YxWVFnUkNvS3dPYTdWZHYxcmFOK1dJNVZjUFlJaG0zc3lFNXgKN2xtaDd3WXVFVmE3MDd4RDRld0F2SjVxUTZzd29BUitCS2NKcldwdHJiOW9rWEtWMDQ3bEsrMkFKUnUyNzRwdwpJTExsV0ExYWV6WnBiQ3BkZjZyR0ZVMG1BeUdhdTdOMm9NZGtnM0FMMlBwWlFkU2gvQXpKbVN1RkxvSVdmYVVBCk0yR2RGS0o2OGRBQUpLcndsMlZDVnIvTFE1K0p1VTR2MXZYWkQxdDVHc0VmMkJ1Q0J5bTF6cUJSL01SQ1lKdjQKOVl3QytEQ1ByY2QzUVFMZzltTis5UHU1TVlXQU5aSlJ3UWM9Ci0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=';
// openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -subj /CN=jane
const EC_REQUEST = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlISk1IRUNBUUF3RHpFTk1Bc0dBMVVFQXd3RWFtRnVaVEJaTUJNR0J5cUdTTTQ5QWdFR0NDcUdTTTQ5QXdFSApBMElBQkpIaDFRTDRNMHRkTWRNNjJKRWliUmZ3Vy94am16Wk1Daks3cFhwNDNyUWVISVZhZ1NHNHhsenE4VWZQCis1dFVzREJRaW5XbjhuSWd5TkJ5dEdoQVFuNmdBREFLQmdncWhrak9QUVFEQWdOSUFEQkZBaUVBejIwNDgvYkMKaERkOXBaVGUwM2VPNWtZbjQwRmdFajRFOW9TQ1Y4SEZ0aUFDSUVVUFZSdVNHc2J2cnVHNXRnbkxjZURUWUxnVgpTRGNRcFM2dUNIM09na0lpCi0tLS0tRU5EIENFUlRJRklDQVRFIFJFUVVFU1QtLS0tLQo=';
// openssl req -new -newkey ed25519 -subj /CN=bob
const ED25519_REQUEST = 'LS0tLS1CRUdJTiBDRVJUSUZJQ0FURSBSRVFVRVNULS0tLS0KTUlHTk1FRUNBUUF3RGpFTU1Bb0dBMVVFQXd3RFltOWlNQ293QlFZREsyVndBeUVBZlNQUEh4MEJMMnVPQ0tzTApiaS9rc0VQYU9HWlRnNndweG9HMlBUc1BnV3VnQURBRkJnTXJaWEFEUVFCbGcvQldRdFV3eW50TlBKTUNlM0ZxCnJwc0JFcGNLeUJuYmlZSzNEU3k0YjZYaDVTbFZib0lrK1FLTVpvRGhlWm9wcEdtY0lESmpnT1lHcE8ya1J3Z0sKLS0tLS1FTkQgQ0VSVElGSUNBVEUgUkVRVUVTVC0tLS0tCg==';
const docsSpec = { request: DOCS_REQUEST, signerName: 'kubernetes.io/kube-apiserver-client', expirationSeconds: 86400, usages: ['client auth'] };
const csr = (spec: object, status?: object): KubeObject =>
  applyDefaults(prepareForCreate({ apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'myuser' }, spec, status }, new Date('2025-01-01T00:00:00Z')));
const pem = (type: string, body: string) => Buffer.from(`-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`).toString('base64');

describe('CertificateSigningRequest (certificates.k8s.io/v1)', () => {
  it('accepts the documentation request and records the requesting user with an empty status', () => {
    const created = csr({ ...docsSpec, username: 'mallory', uid: 'x', groups: ['system:nodes'], extra: { a: ['b'] } }, { conditions: [{ type: 'Approved', status: 'True' }] });
    expect(validateCreate(created)).toEqual([]);
    expect(created.spec).toEqual({ ...docsSpec, username: 'kubelab-admin', groups: ['system:masters', 'system:authenticated'] });
    expect(created.status).toEqual({});
  });

  it('verifies ECDSA and Ed25519 signatures too', () => {
    expect(validateCreate(csr({ ...docsSpec, request: EC_REQUEST }))).toEqual([]);
    expect(validateCreate(csr({ ...docsSpec, request: ED25519_REQUEST }))).toEqual([]);
  });

  it.each([
    ['no request', undefined, 'PEM block type must be CERTIFICATE REQUEST'],
    ['a certificate instead of a request', pem('CERTIFICATE', 'MAMCAQE='), 'PEM block type must be CERTIFICATE REQUEST'],
    ['a request that is not DER', pem('CERTIFICATE REQUEST', 'AgEB'),
      "asn1: structure error: tags don't match (16 vs {class:0 tag:2 length:1 isCompound:false}) {optional:false explicit:false application:false private:false defaultValue:<nil> tag:<nil> stringType:0 timeType:0 set:false omitEmpty:false} certificateRequest @2"],
    ['a truncated request', pem('CERTIFICATE REQUEST', 'MIIBAA=='), 'asn1: syntax error: data truncated'],
  ])('explains %s as ParseCSR does', (_name, request, reason) => {
    const bytes = request === undefined ? undefined : Buffer.from(request, 'base64');
    expect(csrRequestError(bytes ?? Buffer.alloc(0))).toBe(reason);
    expect(messages(validateCreate(csr({ ...docsSpec, request })))).toEqual([`spec.request: Invalid value: ${goBytes(bytes)}: ${reason}`]);
  });

  it('refuses a request whose signature does not verify', () => {
    const text = Buffer.from(DOCS_REQUEST, 'base64').toString();
    const der = Buffer.from(text.replace(/-----[^-]+-----/g, ''), 'base64');
    der[der.length - 1] ^= 0xff;
    const tampered = pem('CERTIFICATE REQUEST', der.toString('base64'));
    expect(csrRequestError(Buffer.from(tampered, 'base64'))).toBe('crypto/rsa: verification error');
  });

  it('prints the request bytes as Go does', () => {
    expect(goBytes(Buffer.from('-\n'))).toBe('[]byte{0x2d, 0xa}');
    expect(goBytes(Buffer.alloc(0))).toBe('[]byte{}');
    expect(goBytes(undefined)).toBe('[]byte(nil)');
  });

  it.each([
    ['no usages and no signer', { ...docsSpec, usages: [], signerName: '' }, ['spec.usages: Required value', 'spec.signerName: Required value']],
    ['unknown and repeated usages', { ...docsSpec, usages: ['client auth', 'x', 'client auth'] }, [
      'spec.usages[1]: Unsupported value: "x": supported values: "any", "cert sign", "client auth", "code signing", "content commitment", "crl sign", "data encipherment", "decipher only", "digital signature", "email protection", "encipher only", "ipsec end system", "ipsec tunnel", "ipsec user", "key agreement", "key encipherment", "microsoft sgc", "netscape sgc", "ocsp signing", "s/mime", "server auth", "signing", "timestamping"',
      'spec.usages[2]: Duplicate value: "client auth"',
    ]],
    ['the legacy signer', { ...docsSpec, signerName: 'kubernetes.io/legacy-unknown' }, ['spec.signerName: Invalid value: "kubernetes.io/legacy-unknown": the legacy signerName is not allowed via this API version']],
    ['a signer without a path', { ...docsSpec, signerName: 'example.com' }, ["spec.signerName: Invalid value: \"example.com\": must be a fully qualified domain and path of the form 'example.com/signer-name'"]],
    ['a signer with a one-label domain', { ...docsSpec, signerName: 'Example/signer' }, [
      'spec.signerName: Invalid value: "Example": validating label "Example": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')',
      'spec.signerName: Invalid value: "Example": should be a domain with at least two segments separated by dots',
    ]],
    ['a nine-minute certificate', { ...docsSpec, expirationSeconds: 540 }, ['spec.expirationSeconds: Invalid value: 540: may not specify a duration less than 600 seconds (10 minutes)']],
  ])('refuses %s', (_name, spec, expected) => {
    expect(messages(validateCreate(csr(spec)))).toEqual(expected);
  });

  it('checks conditions: True-only types, known statuses, Approved xor Denied, no duplicates', () => {
    const withConditions = { ...csr(docsSpec), status: { conditions: [
      { type: 'Approved', status: 'False' },
      { type: 'Denied', status: 'True' },
      { type: 'Ready', status: 'Maybe' },
      { type: 'Ready' },
    ] } };
    expect(messages(validateCreate(withConditions))).toEqual([
      'status.conditions[0].status: Unsupported value: "False": supported values: "True"',
      'status.conditions[1].type: Invalid value: "Denied": Approved and Denied conditions are mutually exclusive',
      'status.conditions[2].status: Unsupported value: "Maybe": supported values: "False", "True", "Unknown"',
      'status.conditions[3].status: Required value',
      'status.conditions[3].type: Duplicate value: "Ready"',
    ]);
  });

  it('keeps spec and status on an update of the object, so only metadata changes', () => {
    const stored = { ...csr(docsSpec), status: { conditions: [{ type: 'Approved', status: 'True', reason: 'AdminApproved' }] } };
    const next = prepareForUpdate({ ...stored, metadata: { ...stored.metadata, labels: { a: 'b' } }, spec: { ...docsSpec, usages: ['server auth'] }, status: {} }, stored);
    expect(next.spec).toEqual(stored.spec);
    expect(next.status).toEqual(stored.status);
    expect(validateUpdate(next, stored)).toEqual([]);
  });

  it('refuses updates that drop an approval, add one, or set the certificate', () => {
    const stored = { ...csr(docsSpec), status: { conditions: [{ type: 'Approved', status: 'True' }] } };
    expect(messages(validateUpdate({ ...stored, status: { conditions: [{ type: 'Denied', status: 'True' }] } }, stored))).toEqual([
      'status.conditions: Forbidden: updates may not remove a condition of type "Approved"',
      'status.conditions: Forbidden: updates may not add a condition of type "Denied"',
    ]);
    expect(messages(validateUpdate({ ...stored, status: { ...stored.status, certificate: pem('CERTIFICATE', 'AAAA') } }, stored))).toEqual([
      'status.certificate: Invalid value: "<certificate data>": x509: malformed certificate',
      'status.certificate: Forbidden: updates may not set certificate content',
    ]);
  });

  it('tolerates problems the stored object already has', () => {
    const stored = { ...csr({ ...docsSpec, usages: ['x', 'x'] }) };
    expect(messages(validateUpdate({ ...stored, metadata: { ...stored.metadata, labels: { a: 'b' } } }, stored))).toEqual([]);
  });
});

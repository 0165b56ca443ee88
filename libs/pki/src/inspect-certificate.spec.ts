import { X509Certificate } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { planServingCertificate } from './certificate-plan.js';
import { inspectCertificate } from './inspect-certificate.js';
import { createCa, issueAdminCertificate, issueServingCertificate, issueUserCertificate, type KeyPairPem } from './issue-certificate.js';
import { apiServerNames } from './subject-names.js';

const now = new Date('2026-06-01T00:00:00Z');
const names = apiServerNames('10.96.0.1', ['api-server']);
let ca: KeyPairPem;
let otherCa: KeyPairPem;
let serving: KeyPairPem;

beforeAll(async () => {
  [ca, otherCa] = await Promise.all([createCa(now), createCa(now)]);
  serving = await issueServingCertificate(ca, names, now);
});

describe('issued certificates, inspected', () => {
  it('a CA valid ten years that signed itself', () => {
    const cert = new X509Certificate(ca.cert);
    expect(cert.ca).toBe(true);
    expect(cert.subject).toBe('CN=kubernetes');
    expect(inspectCertificate(ca.cert, ca.key, ca.cert)).toEqual({
      notBefore: new Date('2026-05-31T23:55:00Z'), notAfter: new Date('2036-05-29T00:00:00Z'),
      names: { dns: [], ips: [] }, signedByCa: true, keyMatches: true,
    });
  });

  it('a serving certificate for a year that covers every name of the api-server', () => {
    const observed = inspectCertificate(serving.cert, serving.key, ca.cert)!;
    expect(observed).toEqual({ notBefore: new Date('2026-05-31T23:55:00Z'), notAfter: new Date('2027-06-01T00:00:00Z'), names, signedByCa: true, keyMatches: true });
    expect(new X509Certificate(serving.cert).ca).toBe(false);
    expect(planServingCertificate(observed, names, now)).toEqual({ action: 'keep' });
  });

  it('is not signed by another CA, and a serving certificate is no CA', () => {
    expect(inspectCertificate(serving.cert, serving.key, otherCa.cert)?.signedByCa).toBe(false);
    expect(inspectCertificate(serving.cert, serving.key, serving.cert)?.signedByCa).toBe(false);
  });

  it("notices a key that is not the certificate's", () => {
    expect(inspectCertificate(serving.cert, ca.key, ca.cert)?.keyMatches).toBe(false);
    expect(inspectCertificate(serving.cert, 'not a key', ca.cert)?.keyMatches).toBe(false);
  });

  it("an admin client certificate in kubeadm's admin.conf identity", async () => {
    const admin = await issueAdminCertificate(ca, now);
    const cert = new X509Certificate(admin.cert);
    expect(cert.subject).toBe('CN=kubernetes-admin\nO=system:masters');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(inspectCertificate(admin.cert, admin.key, ca.cert)).toMatchObject({ signedByCa: true, keyMatches: true, names: { dns: [], ips: [] } });
  });

  it('a user\'s client certificate: CN the name, an O for each group', async () => {
    const user = await issueUserCertificate(ca, 'system:serviceaccount:x:y', ['dev', 'system:masters'], now);
    const cert = new X509Certificate(user.cert);
    expect(cert.subject).toBe('CN=system:serviceaccount:x:y\nO=dev\nO=system:masters');
    expect(cert.keyUsage).toEqual(['1.3.6.1.5.5.7.3.2']);
    expect(inspectCertificate(user.cert, user.key, ca.cert)).toMatchObject({ signedByCa: true, keyMatches: true });
  });

  it('reads garbage as no certificate', () => {
    expect(inspectCertificate('garbage', serving.key, ca.cert)).toBeUndefined();
  });
});

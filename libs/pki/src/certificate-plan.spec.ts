import { describe, expect, it } from 'vitest';
import { planAdminCertificate, planCa, planServingCertificate, servedOutOfDate, type ObservedCertificate } from './certificate-plan.js';
import { subjectNames } from './subject-names.js';

const now = new Date('2026-06-01T00:00:00Z');
const day = 24 * 60 * 60 * 1000;
const names = subjectNames(['127.0.0.1', 'kubernetes']);
const good: ObservedCertificate = {
  notBefore: new Date(now.getTime() - day), notAfter: new Date(now.getTime() + 200 * day), names, signedByCa: true, keyMatches: true,
};

describe('planServingCertificate', () => {
  it.each([
    ['keeps a certificate that covers every name and has time left', good, { action: 'keep' }],
    ['issues one when there is none', undefined, { action: 'create', reason: 'there is no serving certificate yet' }],
    ['reissues when a wanted name is missing', { ...good, names: subjectNames(['127.0.0.1']) },
      { action: 'create', reason: 'the serving certificate does not cover kubernetes' }],
    ['reissues when another CA signed it', { ...good, signedByCa: false },
      { action: 'create', reason: 'the serving certificate was not signed by the current CA' }],
    ['reissues when the key does not match', { ...good, keyMatches: false },
      { action: 'create', reason: 'the serving key does not belong to the serving certificate' }],
    ['renews within 90 days of expiry', { ...good, notAfter: new Date(now.getTime() + 89 * day) },
      { action: 'create', reason: 'the serving certificate needs renewing: it expires at 2026-08-29T00:00:00.000Z, within 90 days' }],
    ['renews an expired one', { ...good, notAfter: new Date(now.getTime() - day) },
      { action: 'create', reason: 'the serving certificate needs renewing: it expired at 2026-05-31T00:00:00.000Z' }],
    ['reissues one not valid yet', { ...good, notBefore: new Date(now.getTime() + day) },
      { action: 'create', reason: 'the serving certificate needs renewing: it is not valid before 2026-06-02T00:00:00.000Z' }],
  ])('%s', (_, cert, plan) => {
    expect(planServingCertificate(cert, names, now)).toEqual(plan);
  });

  it('keeps a certificate that covers more names than wanted', () => {
    expect(planServingCertificate({ ...good, names: subjectNames(['127.0.0.1', 'kubernetes', 'api-server']) }, names, now)).toEqual({ action: 'keep' });
  });
});

describe('planCa', () => {
  it.each([
    ['keeps a CA with time left, even when close to expiry', { ...good, notAfter: new Date(now.getTime() + 10 * day) }, { action: 'keep' }],
    ['makes one when there is none', undefined, { action: 'create', reason: 'there is no CA yet' }],
    ['replaces an expired one', { ...good, notAfter: new Date(now.getTime() - day) },
      { action: 'create', reason: 'the CA is unusable: it expired at 2026-05-31T00:00:00.000Z' }],
    ['replaces one whose key is not its own', { ...good, keyMatches: false },
      { action: 'create', reason: 'the CA key does not belong to the CA certificate' }],
    ['replaces a certificate that is no self-signed CA', { ...good, signedByCa: false },
      { action: 'create', reason: 'the CA certificate is not a self-signed CA' }],
  ])('%s', (_, ca, plan) => {
    expect(planCa(ca, now)).toEqual(plan);
  });
});

describe('planAdminCertificate', () => {
  it('keeps a client certificate with time left, whatever names it has', () => {
    expect(planAdminCertificate({ ...good, names: { dns: [], ips: [] } }, now)).toEqual({ action: 'keep' });
  });

  it.each([
    ['issues one when there is none', undefined, 'there is no admin certificate yet'],
    ['reissues one from another CA', { ...good, signedByCa: false }, 'the admin certificate was not signed by the current CA'],
    ['renews one near expiry', { ...good, notAfter: new Date(now.getTime() + 30 * day) },
      'the admin certificate needs renewing: it expires at 2026-07-01T00:00:00.000Z, within 90 days'],
  ])('%s', (_, cert, reason) => {
    expect(planAdminCertificate(cert, now)).toEqual({ action: 'create', reason });
  });
});

describe('servedOutOfDate', () => {
  const file = { notBefore: new Date(now.getTime() - day), notAfter: new Date(now.getTime() + 365 * day) };

  it('serves the api-server\'s own certificate while the file\'s is valid at the machines\' time, or when there is no file', () => {
    expect(servedOutOfDate(file, 0, now)).toBeUndefined();
    expect(servedOutOfDate(file, 364 * day, now)).toBeUndefined();
    expect(servedOutOfDate(undefined, 400 * day, now)).toBeUndefined();
  });

  it('moves the file\'s dates back by the offset once the machines\' clock is past them, so the host\'s clients see it expired', () => {
    const served = servedOutOfDate(file, 400 * day, now)!;
    expect(served).toEqual({ notBefore: new Date(now.getTime() - 401 * day), notAfter: new Date(now.getTime() - 35 * day) });
    expect(served.notAfter.getTime()).toBeLessThan(now.getTime());
  });

  it('is not yet valid for the host when the file\'s certificate starts after the machines\' time', () => {
    const renewedLater = { notBefore: new Date(now.getTime() + 10 * day), notAfter: new Date(now.getTime() + 375 * day) };
    expect(servedOutOfDate(renewedLater, 0, now)!.notBefore.getTime()).toBeGreaterThan(now.getTime());
  });
});

/**
 * Whether the lab's CA, the api-server's serving certificate and the admin's client
 * certificate on disk still do, decided from what they say (names, dates, issuer)
 * and the time now. The shell reads the files, asks, and writes only what the plan
 * says to make.
 */
import type { SubjectNames } from './subject-names.js';

/** What a certificate on disk says about itself, as `inspectCertificate` reads it. */
export interface ObservedCertificate {
  notBefore: Date;
  notAfter: Date;
  names: SubjectNames;
  /** True when the CA the shell holds signed it (for the CA itself: it is a CA and signed itself). */
  signedByCa: boolean;
  /** True when the private key on disk belongs to it. */
  keyMatches: boolean;
}

/** The CA lives ten years, like kubeadm's. */
export const caValidityDays = 3650;
/** Serving and client certificates live one year, like kubeadm's. */
export const servingValidityDays = 365;
/** Renewed at start-up once this close to expiry (k3s renews within 90 days). */
export const renewBeforeDays = 90;
/** Certificates start this much before now, so a clock a little behind still accepts them (kubeadm's CertificateBackdate). */
export const backdateMs = 5 * 60 * 1000;

const dayMs = 24 * 60 * 60 * 1000;

export type CertificatePlan = { action: 'keep' } | { action: 'create'; reason: string };

function covers(have: SubjectNames, want: SubjectNames): string[] {
  return [...want.dns.filter((n) => !have.dns.includes(n)), ...want.ips.filter((n) => !have.ips.includes(n))];
}

function datesProblem(c: ObservedCertificate, now: Date, renewWithinDays: number): string | undefined {
  if (c.notBefore.getTime() > now.getTime()) return `it is not valid before ${c.notBefore.toISOString()}`;
  if (c.notAfter.getTime() <= now.getTime()) return `it expired at ${c.notAfter.toISOString()}`;
  if (c.notAfter.getTime() - now.getTime() < renewWithinDays * dayMs) return `it expires at ${c.notAfter.toISOString()}, within ${renewWithinDays} days`;
  return undefined;
}

/** The CA is made when missing, unusable (no matching key, not a CA) or expired; a CA is never renewed early, as that would invalidate every kubeconfig. */
export function planCa(ca: ObservedCertificate | undefined, now: Date): CertificatePlan {
  if (!ca) return { action: 'create', reason: 'there is no CA yet' };
  if (!ca.keyMatches) return { action: 'create', reason: 'the CA key does not belong to the CA certificate' };
  if (!ca.signedByCa) return { action: 'create', reason: 'the CA certificate is not a self-signed CA' };
  const problem = datesProblem(ca, now, 0);
  return problem ? { action: 'create', reason: `the CA is unusable: ${problem}` } : { action: 'keep' };
}

/** The serving certificate is (re)issued when missing, not from this CA, without its key, short of a wanted name, or near expiry. */
export function planServingCertificate(cert: ObservedCertificate | undefined, wanted: SubjectNames, now: Date): CertificatePlan {
  return planLeaf('serving', cert, wanted, now);
}

/** The admin's client certificate is (re)issued when missing, not from this CA, without its key, or near expiry. */
export function planAdminCertificate(cert: ObservedCertificate | undefined, now: Date): CertificatePlan {
  return planLeaf('admin', cert, { dns: [], ips: [] }, now);
}

function planLeaf(which: 'serving' | 'admin', cert: ObservedCertificate | undefined, wanted: SubjectNames, now: Date): CertificatePlan {
  if (!cert) return { action: 'create', reason: `there is no ${which} certificate yet` };
  if (!cert.keyMatches) return { action: 'create', reason: `the ${which} key does not belong to the ${which} certificate` };
  if (!cert.signedByCa) return { action: 'create', reason: `the ${which} certificate was not signed by the current CA` };
  const missing = covers(cert.names, wanted);
  if (missing.length) return { action: 'create', reason: `the ${which} certificate does not cover ${missing.join(', ')}` };
  const problem = datesProblem(cert, now, renewBeforeDays);
  return problem ? { action: 'create', reason: `the ${which} certificate needs renewing: ${problem}` } : { action: 'keep' };
}

/**
 * What the api-server serves while its certificate file on the control-plane node (`file`: the dates that file says)
 * is out of its validity at the machines' time, `offsetMs` ahead of the host's: a certificate whose real dates are the
 * file's moved back by the offset, which every client (checking at the host's time) then refuses as expired, or not
 * yet valid, as the file's dates make it at the machines' time. Undefined while the file's certificate is valid: the
 * api-server serves its own.
 */
export function servedOutOfDate(file: { notBefore: Date; notAfter: Date } | undefined, offsetMs: number, hostNow: Date): { notBefore: Date; notAfter: Date } | undefined {
  if (!file) return undefined;
  const machineNow = hostNow.getTime() + offsetMs;
  if (machineNow >= file.notBefore.getTime() && machineNow <= file.notAfter.getTime()) return undefined;
  return { notBefore: new Date(file.notBefore.getTime() - offsetMs), notAfter: new Date(file.notAfter.getTime() - offsetMs) };
}

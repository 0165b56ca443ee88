/** What a PEM certificate says about itself, for the plans in certificate-plan.ts. */
import { createPrivateKey, X509Certificate } from 'node:crypto';
import type { ObservedCertificate } from './certificate-plan.js';
import { subjectNames } from './subject-names.js';

/** `DNS:a, IP Address:127.0.0.1` (Node's spelling of subjectAltName) → the names. */
function sanNames(subjectAltName: string | undefined): string[] {
  return (subjectAltName ?? '').split(', ').flatMap((entry) => {
    const match = /^(DNS|IP Address):(.*)$/.exec(entry);
    return match ? [match[2]] : [];
  });
}

function keyMatches(cert: X509Certificate, keyPem: string): boolean {
  try {
    return cert.checkPrivateKey(createPrivateKey(keyPem));
  } catch {
    return false;
  }
}

/**
 * Reads a certificate and its key against the CA certificate (for the CA itself,
 * pass it as its own CA). Unreadable input reads as undefined: the plan then makes a new one.
 */
export function inspectCertificate(certPem: string, keyPem: string, caPem: string): ObservedCertificate | undefined {
  let cert: X509Certificate;
  let ca: X509Certificate;
  try {
    cert = new X509Certificate(certPem);
    ca = new X509Certificate(caPem);
  } catch {
    return undefined;
  }
  const selfSigned = cert.fingerprint256 === ca.fingerprint256;
  return {
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    names: subjectNames(sanNames(cert.subjectAltName)),
    signedByCa: ca.ca && cert.checkIssued(ca) && cert.verify(ca.publicKey) && (!selfSigned || cert.ca),
    keyMatches: keyMatches(cert, keyPem),
  };
}

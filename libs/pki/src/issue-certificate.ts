/**
 * Makes the lab's certificates with @peculiar/x509 on Node's WebCrypto: ECDSA P-256
 * keys, a self-signed CA (CN kubernetes, as kubeadm names it) and the api-server's
 * serving certificate (CN kube-apiserver, serverAuth) signed by it. No files: the shell stores the PEMs.
 */
import { webcrypto } from 'node:crypto';
import type { JsonName } from '@peculiar/x509';
import { backdateMs, caValidityDays, servingValidityDays } from './certificate-plan.js';
import type { SubjectNames } from './subject-names.js';

/** A certificate and its private key, both PEM (the key PKCS#8). */
export interface KeyPairPem {
  cert: string;
  key: string;
}

const crypto = webcrypto;
const algorithm = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
const dayMs = 24 * 60 * 60 * 1000;

/**
 * @peculiar/x509, loaded when a certificate is first made (150 modules: a CLI command that makes none does not load
 * them). It resolves its algorithms through tsyringe, which needs the Reflect metadata polyfill loaded first.
 */
const peculiar = async () => {
  await import('reflect-metadata');
  return import('@peculiar/x509');
};
/** The extended key usages of the lab's leaf certificates (RFC 5280's OIDs, as @peculiar/x509's ExtendedKeyUsage names them). */
const extendedKeyUsage = { serverAuth: '1.3.6.1.5.5.7.3.1', clientAuth: '1.3.6.1.5.5.7.3.2' } as const;

async function newKeys(): Promise<webcrypto.CryptoKeyPair> {
  return crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
}

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const x509 = await peculiar();
  return x509.PemConverter.encode(await crypto.subtle.exportKey('pkcs8', key), 'PRIVATE KEY');
}

/** A random positive 128-bit serial, as RFC 5280 asks (unique per CA, at most 20 bytes). */
function serialNumber(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[0] &= 0x7f;
  return Buffer.from(bytes).toString('hex');
}

const validity = (now: Date, days: number) => ({
  notBefore: new Date(now.getTime() - backdateMs),
  notAfter: new Date(now.getTime() + days * dayMs),
});

/** A new self-signed CA valid for ten years from `now`. */
export async function createCa(now: Date): Promise<KeyPairPem> {
  const x509 = await peculiar();
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(), name: 'CN=kubernetes', keys, signingAlgorithm: algorithm, ...validity(now, caValidityDays),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
    ],
  }, crypto);
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

/** When a certificate is valid. */
export interface CertificateDates {
  notBefore: Date;
  notAfter: Date;
}

/** A certificate for a fresh key, signed by `ca`, valid for a year from `now` (or from and until `now`'s dates): not a CA, with the usages and names given. */
async function issueLeaf(ca: KeyPairPem, subject: string | JsonName, usage: keyof typeof extendedKeyUsage, now: Date | CertificateDates, names?: SubjectNames): Promise<KeyPairPem> {
  const x509 = await peculiar();
  const caCert = new x509.X509Certificate(ca.cert);
  const caKey = await crypto.subtle.importKey('pkcs8', x509.PemConverter.decodeFirst(ca.key), algorithm, false, ['sign']);
  const keys = await newKeys();
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(), subject, issuer: caCert.subject,
    publicKey: keys.publicKey, signingKey: caKey, signingAlgorithm: algorithm, ...(now instanceof Date ? validity(now, servingValidityDays) : now),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([extendedKeyUsage[usage]]),
      ...(names ? [new x509.SubjectAlternativeNameExtension([
        ...names.dns.map((value) => ({ type: 'dns' as const, value })),
        ...names.ips.map((value) => ({ type: 'ip' as const, value })),
      ])] : []),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey, false, crypto),
      await x509.AuthorityKeyIdentifierExtension.create(caCert, false, crypto),
    ],
  }, crypto);
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

/** The api-server's serving certificate for `names` (CN kube-apiserver, serverAuth), valid for a year from `now` (or between `now`'s dates), signed by `ca`. */
export function issueServingCertificate(ca: KeyPairPem, names: SubjectNames, now: Date | CertificateDates): Promise<KeyPairPem> {
  return issueLeaf(ca, 'CN=kube-apiserver', 'serverAuth', now, names);
}

/**
 * The cluster admin's client certificate for the kubeconfig (kubeadm's admin.conf:
 * CN kubernetes-admin in group system:masters), valid for a year from `now`. A
 * kubeconfig for an HTTPS server needs some credential, or kubectl asks for a password.
 */
export function issueAdminCertificate(ca: KeyPairPem, now: Date): Promise<KeyPairPem> {
  return issueLeaf(ca, 'CN=kubernetes-admin, O=system:masters', 'clientAuth', now);
}

/**
 * A user's client certificate, as `kubeadm kubeconfig user` makes one: CN is the user name and each O a group,
 * which is how kube-apiserver reads a certificate it authenticates. Valid for a year from `now`, signed by `ca`.
 * Names with the distinguished-name specials (`,+"\\<>;=`) do not survive the encoding: `userNameProblem` refuses them.
 */
export function issueUserCertificate(ca: KeyPairPem, username: string, groups: readonly string[], now: Date): Promise<KeyPairPem> {
  const subject: JsonName = [{ CN: [username] }, ...groups.map((group) => ({ O: [group] }))];
  return issueLeaf(ca, subject, 'clientAuth', now);
}

/** Why a user or group name cannot go into a certificate subject, or undefined when it can. */
export function userNameProblem(name: string): string | undefined {
  if (name.trim() === '') return 'must not be empty';
  if (/[,+"\\<>;=]/.test(name) || /^[#\s]|\s$/.test(name)) return 'must not contain , + " \\ < > ; = nor start with # or a space';
  return undefined;
}

/** RSA 2048 with SHA-256, the key ingress-nginx's fake certificate has. */
const rsa = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };

/**
 * ingress-nginx's default certificate, served for a host no Ingress gives a TLS Secret: self-signed RSA 2048, CN
 * "Kubernetes Ingress Controller Fake Certificate", O "Acme Co", for ingress.local, valid for a year from `now`. An RSA
 * default also lets a server hand out an ECDSA one by SNI, which OpenSSL does not the other way round.
 */
export async function issueFakeIngressCertificate(now: Date): Promise<KeyPairPem> {
  const x509 = await peculiar();
  const keys = await crypto.subtle.generateKey(rsa, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(), name: [{ O: ['Acme Co'] }, { CN: ['Kubernetes Ingress Controller Fake Certificate'] }], keys, signingAlgorithm: rsa,
    ...validity(now, servingValidityDays),
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([extendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: 'ingress.local' }]),
    ],
  }, crypto);
  return { cert: cert.toString('pem'), key: await keyPem(keys.privateKey) };
}

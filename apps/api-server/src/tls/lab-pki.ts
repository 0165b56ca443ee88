/**
 * The api-server's side of the lab PKI (what kubeadm's certs phase does for a real
 * cluster): reads the CA, the serving certificate and the admin's client certificate
 * from --cert-dir, asks @kubelab/pki whether they still serve, and writes what the
 * plan says to make. The CA made on the first start is kept, so kubeconfigs written
 * since stay valid; the serving certificate follows the wanted names; `kubelab`
 * reads ca.crt and admin.crt/admin.key to write the kubeconfig.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createCa, inspectCertificate, issueAdminCertificate, issueServingCertificate, planAdminCertificate, planCa, planServingCertificate,
  type CertificatePlan, type KeyPairPem, type SubjectNames,
} from '@kubelab/pki';
import type { Logger } from 'pino';

/** File names as kubeadm lays out /etc/kubernetes/pki. */
export const pkiFiles = {
  caCert: 'ca.crt', caKey: 'ca.key', servingCert: 'apiserver.crt', servingKey: 'apiserver.key', adminCert: 'admin.crt', adminKey: 'admin.key',
} as const;

/** What the HTTPS listener needs, and the CA that clients trust. */
export interface ServingCredentials {
  cert: string;
  key: string;
  ca: string;
}

/** The serving credentials, and the CA's own pair, which signs what the api-server serves instead (serving-follows-node.ts). */
export interface LabPki extends ServingCredentials {
  authority: KeyPairPem;
}

function readPair(dir: string, certFile: string, keyFile: string): KeyPairPem | undefined {
  const cert = join(dir, certFile);
  const key = join(dir, keyFile);
  if (!existsSync(cert) || !existsSync(key)) return undefined;
  return { cert: readFileSync(cert, 'utf8'), key: readFileSync(key, 'utf8') };
}

/** Key first, certificate last, each whole by rename: a reader never pairs a new certificate with an old key. */
function writePair(dir: string, certFile: string, keyFile: string, pair: KeyPairPem): void {
  for (const [file, text, mode] of [[keyFile, pair.key, 0o600], [certFile, pair.cert, 0o644]] as const) {
    const temporary = join(dir, `${file}.${process.pid}.tmp`);
    writeFileSync(temporary, text, { mode });
    renameSync(temporary, join(dir, file));
  }
}

/** The pair in `certFile`/`keyFile` as it is, or made anew (and written) when `plan` says so. */
async function ensurePair(
  dir: string, certFile: string, keyFile: string, plan: (pair: KeyPairPem | undefined) => CertificatePlan, make: () => Promise<KeyPairPem>, log: Logger,
): Promise<KeyPairPem> {
  const pair = readPair(dir, certFile, keyFile);
  const decision = plan(pair);
  if (pair && decision.action === 'keep') return pair;
  const made = await make();
  writePair(dir, certFile, keyFile, made);
  log.info({ file: join(dir, certFile), reason: decision.action === 'create' ? decision.reason : undefined }, 'wrote a certificate');
  return made;
}

/** The CA, the serving certificate for `names` and the admin's client certificate, made or renewed as needed. */
export async function ensureLabPki(dir: string, names: SubjectNames, now: Date, log: Logger): Promise<LabPki> {
  mkdirSync(dir, { recursive: true });
  const ca = await ensurePair(dir, pkiFiles.caCert, pkiFiles.caKey, (p) => planCa(p && inspectCertificate(p.cert, p.key, p.cert), now), () => createCa(now), log);
  const serving = await ensurePair(
    dir, pkiFiles.servingCert, pkiFiles.servingKey,
    (p) => planServingCertificate(p && inspectCertificate(p.cert, p.key, ca.cert), names, now), () => issueServingCertificate(ca, names, now), log,
  );
  await ensurePair(
    dir, pkiFiles.adminCert, pkiFiles.adminKey,
    (p) => planAdminCertificate(p && inspectCertificate(p.cert, p.key, ca.cert), now), () => issueAdminCertificate(ca, now), log,
  );
  return { ...serving, ca: ca.cert, authority: ca };
}

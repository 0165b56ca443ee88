/**
 * The api-server's side of the lab PKI: reads the CA and the serving certificate
 * from --cert-dir, asks @kubelab/pki whether they still serve, and writes what the
 * plan says to make. The CA made on the first start is kept, so kubeconfigs written
 * since stay valid; the serving certificate follows the wanted names.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCa, inspectCertificate, issueServingCertificate, planCa, planServingCertificate, type KeyPairPem, type SubjectNames } from '@kubelab/pki';
import type { Logger } from 'pino';

/** File names as kubeadm lays out /etc/kubernetes/pki. */
export const pkiFiles = { caCert: 'ca.crt', caKey: 'ca.key', servingCert: 'apiserver.crt', servingKey: 'apiserver.key' } as const;

/** What the HTTPS listener needs, and the CA that clients trust. */
export interface ServingCredentials {
  cert: string;
  key: string;
  ca: string;
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

async function ensureCa(dir: string, now: Date, log: Logger): Promise<KeyPairPem> {
  const ca = readPair(dir, pkiFiles.caCert, pkiFiles.caKey);
  const plan = planCa(ca && inspectCertificate(ca.cert, ca.key, ca.cert), now);
  if (ca && plan.action === 'keep') return ca;
  const made = await createCa(now);
  writePair(dir, pkiFiles.caCert, pkiFiles.caKey, made);
  log.info({ dir, reason: plan.action === 'create' ? plan.reason : undefined }, 'created the cluster CA');
  return made;
}

/** The CA and a serving certificate for `names`, made or renewed as needed. */
export async function ensureServingCertificate(dir: string, names: SubjectNames, now: Date, log: Logger): Promise<ServingCredentials> {
  mkdirSync(dir, { recursive: true });
  const ca = await ensureCa(dir, now, log);
  const serving = readPair(dir, pkiFiles.servingCert, pkiFiles.servingKey);
  const plan = planServingCertificate(serving && inspectCertificate(serving.cert, serving.key, ca.cert), names, now);
  if (serving && plan.action === 'keep') return { ...serving, ca: ca.cert };
  const issued = await issueServingCertificate(ca, names, now);
  writePair(dir, pkiFiles.servingCert, pkiFiles.servingKey, issued);
  log.info({ dir, reason: plan.action === 'create' ? plan.reason : undefined, names }, 'issued the serving certificate');
  return { ...issued, ca: ca.cert };
}

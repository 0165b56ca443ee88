import { X509Certificate } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { apiServerNames } from '@kubelab/pki';
import { tempDir } from '@kubelab/testing';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { ensureLabPki, pkiFiles } from './lab-pki.js';

const log = pino({ level: 'silent' });
const now = new Date('2026-06-01T00:00:00Z');
const names = apiServerNames('10.96.0.1', []);
const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('ensureLabPki', () => {
  it('makes a CA and a serving certificate on the first start, with private keys only the owner reads', async () => {
    const dir = join(tempDir('pki'), 'pki');
    const made = await ensureLabPki(dir, names, now, log);
    expect(made.ca).toBe(read(dir, pkiFiles.caCert));
    expect(made.cert).toBe(read(dir, pkiFiles.servingCert));
    expect(new X509Certificate(made.cert).checkIssued(new X509Certificate(made.ca))).toBe(true);
    expect(statSync(join(dir, pkiFiles.caKey)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, pkiFiles.servingKey)).mode & 0o777).toBe(0o600);
    expect(new X509Certificate(read(dir, pkiFiles.adminCert)).checkIssued(new X509Certificate(made.ca))).toBe(true);
    expect(statSync(join(dir, pkiFiles.adminKey)).mode & 0o777).toBe(0o600);
  });

  it('reuses both on a later start', async () => {
    const dir = tempDir('pki');
    const first = await ensureLabPki(dir, names, now, log);
    expect(await ensureLabPki(dir, names, new Date(now.getTime() + 24 * 3600_000), log)).toEqual(first);
  });

  it('reissues the serving certificate from the same CA when a name is added or it nears expiry', async () => {
    const dir = tempDir('pki');
    const first = await ensureLabPki(dir, names, now, log);
    const widened = await ensureLabPki(dir, apiServerNames('10.96.0.1', ['api-server']), now, log);
    expect(widened.ca).toBe(first.ca);
    expect(widened.cert).not.toBe(first.cert);
    expect(new X509Certificate(widened.cert).subjectAltName).toContain('DNS:api-server');
    const later = new Date(now.getTime() + 300 * 24 * 3600_000);
    const renewed = await ensureLabPki(dir, apiServerNames('10.96.0.1', ['api-server']), later, log);
    expect(renewed.ca).toBe(first.ca);
    expect(new Date(new X509Certificate(renewed.cert).validTo).getTime()).toBeGreaterThan(later.getTime() + 364 * 24 * 3600_000);
  });

  it('replaces a CA whose key was lost, and with it the serving certificate', async () => {
    const dir = tempDir('pki');
    const first = await ensureLabPki(dir, names, now, log);
    writeFileSync(join(dir, pkiFiles.caKey), 'lost');
    const again = await ensureLabPki(dir, names, now, log);
    expect(again.ca).not.toBe(first.ca);
    expect(new X509Certificate(again.cert).checkIssued(new X509Certificate(again.ca))).toBe(true);
    expect(new X509Certificate(read(dir, pkiFiles.adminCert)).checkIssued(new X509Certificate(again.ca))).toBe(true);
  });
});

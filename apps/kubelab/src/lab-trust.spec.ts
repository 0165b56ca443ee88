import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createCa, issueAdminCertificate, issueServingCertificate, subjectNames, type KeyPairPem } from '@kubelab/pki';
import { tempDir } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustLabCa } from './lab-trust.js';

const day = 86_400_000;
const now = Date.now();
const expired = { notBefore: new Date(now - 400 * day), notAfter: new Date(now - 35 * day) };

describe('the lab\'s own tools reaching its api-server', () => {
  const servers: Server[] = [];
  let ca: KeyPairPem;
  let caFile: string;

  /** An HTTPS server on 127.0.0.1 answering 200 with `serving`; its URL. */
  const serve = async (serving: KeyPairPem): Promise<string> => {
    const server = createServer({ cert: serving.cert, key: serving.key }, (_req, res) => res.end('ok'));
    servers.push(server);
    await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}/readyz`;
  };
  const answered = (url: string) => fetch(url).then((r) => r.status, (e: Error) => (e.cause as Error | undefined)?.message ?? e.message);

  beforeAll(async () => {
    ca = await createCa(new Date(now - 500 * day));
    const dir = tempDir('lab-trust');
    caFile = join(dir, 'ca.crt');
    const admin = await issueAdminCertificate(ca, new Date());
    writeFileSync(caFile, ca.cert);
    writeFileSync(join(dir, 'admin.crt'), admin.cert);
    writeFileSync(join(dir, 'admin.key'), admin.key);
    expect(trustLabCa(caFile)).toBe(true);
  });
  afterAll(() => servers.forEach((s) => s.close()));

  it('takes the lab CA\'s certificate, and one of it that is out of date (the machines\' clock moved past it)', async () => {
    expect(await answered(await serve(await issueServingCertificate(ca, subjectNames(['127.0.0.1']), new Date())))).toBe(200);
    expect(await answered(await serve(await issueServingCertificate(ca, subjectNames(['127.0.0.1']), expired)))).toBe(200);
  });

  it('refuses an out-of-date certificate of another CA, or of the lab CA for another host', async () => {
    const stranger = await createCa(new Date(now - 500 * day));
    expect(await answered(await serve(await issueServingCertificate(stranger, subjectNames(['127.0.0.1']), expired)))).toMatch(/certificate/);
    expect(await answered(await serve(await issueServingCertificate(ca, subjectNames(['10.0.0.1']), expired)))).toMatch(/the api-server's certificate is refused: .*10\.0\.0\.1/);
  });
});

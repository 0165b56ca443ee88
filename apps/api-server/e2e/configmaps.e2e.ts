import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { kubectlFor, tempDir, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

describe('the real kubectl with ConfigMaps and Secrets', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  it('creates ConfigMaps from literals and files, and lists them as a cluster does', async () => {
    const file = join(tempDir('cm'), 'greeting.txt');
    writeFileSync(file, 'hello\n');
    expect((await kubectl(['create', 'configmap', 'app', '--from-literal=color=blue', '--from-literal=size=2'])).stdout).toBe('configmap/app created\n');
    expect((await kubectl(['create', 'configmap', 'files', `--from-file=${file}`])).stdout).toBe('configmap/files created\n');
    const list = (await kubectl(['get', 'configmaps'])).stdout.split('\n');
    expect(list[0]).toMatch(/^NAME\s+DATA\s+AGE$/);
    expect(list).toContainEqual(expect.stringMatching(/^app\s+2\s+\d+s$/));
    expect(JSON.parse((await kubectl(['get', 'cm', 'files', '-o', 'json'])).stdout).data).toEqual({ 'greeting.txt': 'hello\n' });
  });

  it('stores Secrets base64-encoded, folds stringData in, and shows sizes, not values, in describe', async () => {
    expect((await kubectl(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cret'])).stdout).toBe('secret/db created\n');
    expect((await kubectl(['get', 'secret', 'db', '-o', 'jsonpath={.data.password}'])).stdout).toBe('czNjcmV0');
    expect((await kubectl(['get', 'secrets'])).stdout).toMatch(/^NAME\s+TYPE\s+DATA\s+AGE\ndb\s+Opaque\s+1\s+\d+s\n/);
    const described = (await kubectl(['describe', 'secret', 'db'])).stdout;
    expect(described).toContain('password:  6 bytes');
    expect(described).not.toContain('s3cret');
    const applied = await kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: token\nstringData:\n  token: abc\n' });
    expect(applied.stderr).toBe('');
    expect(JSON.parse((await kubectl(['get', 'secret', 'token', '-o', 'json'])).stdout)).toMatchObject({ type: 'Opaque', data: { token: 'YWJj' } });
  });

  it('refuses what a real cluster refuses, with its words, and stores nothing', async () => {
    const notBase64 = await kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: plain\ndata:\n  password: s3cret\n' });
    expect(notBase64.stderr).toContain('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
    const badKey = await kubectl(['create', 'configmap', 'bad', '--from-literal=bad key=x']);
    expect(badKey.stderr).toContain("a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
    const tls = await kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: tls\ntype: kubernetes.io/tls\ndata:\n  tls.crt: Y3J0\n' });
    expect(tls.stderr).toContain('data[tls.key]: Required value');
    expect((await kubectl(['get', 'secrets', '-o', 'name'])).stdout).not.toMatch(/plain|tls/);

    await kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: true\ndata:\n  a: "1"\n' });
    const changed = await kubectl(['apply', '-f', '-'], { stdin: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: true\ndata:\n  a: "2"\n' });
    expect(changed.stderr).toContain('data: Forbidden: field is immutable when `immutable` is set');
  });
});

import { kubectlFor, type Kubectl } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApiServer } from './test-server.js';

describe('kube-apiserver\'s HTTP semantics, raw and through kubectl', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let kubectl: Kubectl;
  const call = async (method: string, path: string, body?: string, headers: Record<string, string> = {}) => {
    const r = await fetch(`${server.url}${path}`, { method, body, headers: { 'Content-Type': 'application/json', ...headers } });
    return { code: r.status, text: await r.text() };
  };
  const configMap = (name: string, data: Record<string, string>, resourceVersion?: string) =>
    JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...(resourceVersion === undefined ? {} : { resourceVersion }) }, data });

  beforeAll(async () => {
    server = await startTestApiServer();
    kubectl = kubectlFor(server.url);
  });
  afterAll(() => server?.close());

  describe('resourceVersion "0" on an update', () => {
    it('is an unconditional PUT, while a stale one is a 409', async () => {
      expect((await call('POST', '/api/v1/namespaces/default/configmaps', configMap('rv0', { a: '1' }))).code).toBe(201);
      const put = await call('PUT', '/api/v1/namespaces/default/configmaps/rv0', configMap('rv0', { a: '2' }, '0'));
      expect(put.code).toBe(200);
      expect(JSON.parse(put.text).data).toEqual({ a: '2' });
      const stale = await call('PUT', '/api/v1/namespaces/default/configmaps/rv0', configMap('rv0', { a: '3' }, '1'));
      expect(stale.code).toBe(409);
      expect(JSON.parse(stale.text).reason).toBe('Conflict');
    });

    it('lets kubectl replace a manifest that carries resourceVersion "0"', async () => {
      const r = await kubectl(['replace', '-f', '-'], { stdin: configMap('rv0', { a: '4' }, '0') });
      expect(r.stderr).toBe('');
      expect(r.stdout).toBe('configmap/rv0 replaced\n');
      expect((await kubectl(['get', 'configmap', 'rv0', '-o', 'jsonpath={.data.a}'])).stdout).toBe('4');
    });
  });
});

import { request } from 'node:http';
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

  describe('paths that do not percent-decode', () => {
    it('are refused with a 400 Status, the path itself or a stream upgrade', async () => {
      for (const path of ['/api/v1/namespaces/default/pods/%zz', '/api/v1/namespaces/default/pods/%E2%82/exec?command=ls']) {
        const r = await call('GET', path);
        expect(r.code, path).toBe(400);
        expect(JSON.parse(r.text), path).toMatchObject({ kind: 'Status', reason: 'BadRequest', code: 400 });
      }
      expect(JSON.parse((await call('GET', '/api/v1/namespaces/default/pods/%zz')).text).message).toBe('invalid URL escape "%zz"');
      const upgrade = await new Promise<{ statusCode?: number; body: string }>((resolve, reject) => {
        const req = request(`${server.url}/api/v1/namespaces/default/pods/%zz/exec?command=ls`, { headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
        req.on('response', (res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk));
          res.on('end', () => resolve({ statusCode: res.statusCode, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(upgrade.statusCode).toBe(400);
      expect(upgrade.body).toContain('invalid URL escape');
    });
  });

  describe('methods a kind does not serve', () => {
    it('are 405 MethodNotAllowed on the kinds answered without storing too', async () => {
      const cases: [string, string][] = [
        ['PATCH', '/api/v1/componentstatuses'],
        ['DELETE', '/api/v1/componentstatuses'],
        ['PUT', '/api/v1/componentstatuses/etcd-0'],
        ['OPTIONS', '/apis/authentication.k8s.io/v1/tokenreviews'],
        ['PATCH', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews'],
        ['OPTIONS', '/api/v1/namespaces/default/configmaps'],
      ];
      for (const [method, path] of cases) {
        const r = await call(method, path, method === 'DELETE' ? undefined : '{"spec":{"token":"x"}}');
        expect(r.code, `${method} ${path}`).toBe(405);
        expect(JSON.parse(r.text), `${method} ${path}`).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed' });
      }
    });
  });

  describe('methods a subresource does not serve', () => {
    it('are 405 and leave the object alone: DELETE of pods/NAME/status deletes no pod', async () => {
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'sub' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } };
      expect((await call('POST', '/api/v1/namespaces/default/pods', JSON.stringify(pod))).code).toBe(201);
      const cases: [string, string, string?][] = [
        ['DELETE', '/api/v1/namespaces/default/pods/sub/status'],
        ['PUT', '/api/v1/namespaces/default/pods/sub/binding', JSON.stringify(pod)],
        ['POST', '/api/v1/namespaces/default/pods/sub/status', JSON.stringify(pod)],
        ['DELETE', '/api/v1/namespaces/default/pods/sub/eviction'],
        ['GET', '/api/v1/namespaces/default/finalize'],
      ];
      for (const [method, path, body] of cases) {
        const r = await call(method, path, body);
        expect(r.code, `${method} ${path}`).toBe(405);
        expect(JSON.parse(r.text), `${method} ${path}`).toMatchObject({ kind: 'Status', reason: 'MethodNotAllowed' });
      }
      const kept = JSON.parse((await call('GET', '/api/v1/namespaces/default/pods/sub')).text);
      expect(kept.metadata.deletionTimestamp).toBeUndefined();
      expect(kept.metadata.resourceVersion).toBe(JSON.parse((await call('GET', '/api/v1/namespaces/default/pods/sub/status')).text).metadata.resourceVersion);
    });
  });

  describe('an Eviction of the wrong shape', () => {
    it('is refused with the decoder\'s 400 and evicts nothing', async () => {
      await call('POST', '/api/v1/nodes', JSON.stringify({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'evict-node' } }));
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kept' }, spec: { nodeName: 'evict-node', containers: [{ name: 'c', image: 'nginx' }] } };
      expect((await call('POST', '/api/v1/namespaces/default/pods', JSON.stringify(pod))).code).toBe(201);
      const eviction = (deleteOptions: unknown) => JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'kept' }, deleteOptions });
      const r = await call('POST', '/api/v1/namespaces/default/pods/kept/eviction', eviction({ gracePeriodSeconds: 'x' }));
      expect(r.code).toBe(400);
      expect(JSON.parse(r.text).message).toBe('Eviction in version "v1" cannot be handled as a Eviction: json: cannot unmarshal string into Go struct field DeleteOptions.deleteOptions.gracePeriodSeconds of type int64');
      expect((await call('POST', '/api/v1/namespaces/default/pods/kept/eviction', eviction(5))).code).toBe(400);
      const kept = JSON.parse((await call('GET', '/api/v1/namespaces/default/pods/kept')).text);
      expect(kept.metadata.deletionTimestamp).toBeUndefined();
    });
  });

  describe('bodies that are not JSON', () => {
    const yamlConfigMap = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: yamly\n';
    const status = (text: string) => JSON.parse(text);

    it('refuses YAML posted as JSON with kube-apiserver\'s decode error, never JavaScript\'s', async () => {
      const r = await call('POST', '/api/v1/namespaces/default/configmaps', yamlConfigMap);
      expect(r.code).toBe(400);
      expect(status(r.text)).toMatchObject({
        kind: 'Status', reason: 'BadRequest', code: 400,
        message: "the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value (61706956657273696f6e3a2076310a6b696e643a20436f6e6669674d6170 ...)",
      });
      const put = await call('PUT', '/api/v1/namespaces/default/configmaps/yamly', '{"kind":');
      expect(status(put.text).message).toBe("the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: unexpected end of JSON input ({\"kind\":)");
    });

    it('refuses broken patches in the wording of their patch type', async () => {
      expect((await call('POST', '/api/v1/namespaces/default/configmaps', configMap('patchy', { a: '1' }))).code).toBe(201);
      const patch = (type: string, query = '') => call('PATCH', `/api/v1/namespaces/default/configmaps/patchy${query}`, 'data:\n  a: 2\n', { 'Content-Type': `application/${type}` });
      expect(status((await patch('merge-patch+json')).text).message).toBe("error decoding patch: invalid character 'd' looking for beginning of value");
      expect(status((await patch('merge-patch+json', '?fieldValidation=Ignore')).text).message).toBe('Invalid JSON Patch');
      expect(status((await patch('json-patch+json')).text).message).toBe("error decoding patch: invalid character 'd' looking for beginning of value");
      const strategic = await patch('strategic-merge-patch+json');
      expect(strategic.code).toBe(400);
      expect(status(strategic.text).message).toBe("invalid character 'd' looking for beginning of value");
    });

    it('refuses an undecodable DeleteOptions body with the decoder\'s message (400, as kubernetes#133358 made it)', async () => {
      const r = await call('DELETE', '/api/v1/namespaces/default/configmaps/patchy', 'propagationPolicy: Orphan');
      expect(r.code).toBe(400);
      expect(JSON.parse(r.text)).toEqual({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', code: 400,
        message: "couldn't get version/kind; json parse error: invalid character 'p' looking for beginning of value",
      });
    });

    it('shows kubectl create --raw of a YAML file the decode error', async () => {
      const r = await kubectl(['create', '--raw', '/api/v1/namespaces/default/configmaps', '-f', '-'], { stdin: yamlConfigMap });
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain("Error from server (BadRequest): the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value");
    });
  });

  describe('a Service\'s clusterIP on update', () => {
    it('refuses kubectl patching clusterIP alone as kube-apiserver does: clusterIPs[0] may not change once set', async () => {
      const svc = JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'fixed-ip' }, spec: { selector: { app: 'x' }, ports: [{ port: 80 }] } });
      expect((await kubectl(['apply', '-f', '-'], { stdin: svc })).stderr).toBe('');
      const before = (await kubectl(['get', 'svc', 'fixed-ip', '-o', 'jsonpath={.spec.clusterIP}'])).stdout;
      const r = await kubectl(['patch', 'svc', 'fixed-ip', '-p', '{"spec":{"clusterIP":"10.96.0.99"}}']);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toBe('The Service "fixed-ip" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set\n');
      expect((await kubectl(['get', 'svc', 'fixed-ip', '-o', 'jsonpath={.spec.clusterIP}'])).stdout).toBe(before);
    });
  });

  describe('boolean query parameters', () => {
    const firstChunk = async (path: string) => {
      const controller = new AbortController();
      const r = await fetch(`${server.url}${path}`, { signal: controller.signal });
      const reader = r.body!.getReader();
      const { value } = await reader.read();
      controller.abort();
      return new TextDecoder().decode(value);
    };

    it('watches with watch=True (the Python client) and watch=1, and lists with watch=False or watch=0', async () => {
      expect((await call('POST', '/api/v1/namespaces/default/configmaps', configMap('watched', { a: '1' }))).code).toBe(201);
      for (const value of ['True', '1', 'TRUE']) {
        const chunk = await firstChunk(`/api/v1/namespaces/default/configmaps?watch=${value}&fieldSelector=metadata.name%3Dwatched`);
        expect(JSON.parse(chunk.split('\n')[0])).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'watched' } } });
      }
      for (const value of ['False', '0']) {
        const list = await call('GET', `/api/v1/namespaces/default/configmaps?watch=${value}&fieldSelector=metadata.name%3Dwatched`);
        expect(JSON.parse(list.text)).toMatchObject({ kind: 'ConfigMapList', items: [{ metadata: { name: 'watched' } }] });
      }
    });
  });

  describe('metadata-only responses and JSON framing', () => {
    const LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1';
    const ONE = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1';

    it('lists, gets and watches PartialObjectMetadata when asked, as the metadata client does', async () => {
      expect((await call('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'meta-only', labels: { app: 'm' } }, data: { secret: 'x' } }))).code).toBe(201);
      const list = await call('GET', '/api/v1/namespaces/default/configmaps?labelSelector=app%3Dm', undefined, { Accept: LIST });
      const body = JSON.parse(list.text);
      expect(Object.keys(body)).toEqual(['kind', 'apiVersion', 'metadata', 'items']);
      expect(body).toMatchObject({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: { resourceVersion: expect.any(String) } });
      expect(body.items).toEqual([{ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: expect.objectContaining({ name: 'meta-only', labels: { app: 'm' } }) }]);

      const one = JSON.parse((await call('GET', '/api/v1/namespaces/default/configmaps/meta-only', undefined, { Accept: ONE })).text);
      expect(one).toEqual({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: body.items[0].metadata });

      const wrong = await call('GET', '/api/v1/namespaces/default/configmaps', undefined, { Accept: ONE });
      expect(wrong.code).toBe(406);
      expect(JSON.parse(wrong.text)).toMatchObject({ reason: 'NotAcceptable', message: 'you requested PartialObjectMetadata, but the requested object is a list (*core.ConfigMapList)' });

      const controller = new AbortController();
      const watch = await fetch(`${server.url}/api/v1/namespaces/default/configmaps?watch=true&labelSelector=app%3Dm`, { headers: { Accept: `application/vnd.kubernetes.protobuf;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,${ONE},application/json` }, signal: controller.signal });
      const { value } = await watch.body!.getReader().read();
      controller.abort();
      expect(JSON.parse(new TextDecoder().decode(value).split('\n')[0])).toEqual({ type: 'ADDED', object: one });
    });

    it('ends every JSON body with a newline, errors too, as json.Encoder does', async () => {
      const bodies = [
        await call('GET', '/api/v1/namespaces/default/configmaps/meta-only'),
        await call('GET', '/api/v1/namespaces/default/configmaps'),
        await call('GET', '/api/v1/namespaces/default/configmaps/nope'),
        await call('POST', '/api/v1/namespaces/default/configmaps', '{'),
        await call('GET', '/api/v1/namespaces/default/configmaps', undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' }),
        await call('GET', '/api/v1'),
      ];
      for (const { text } of bodies) {
        expect(text.endsWith('}\n')).toBe(true);
        expect(text.endsWith('}\n\n')).toBe(false);
      }
      expect(JSON.parse(bodies[2].text)).toMatchObject({ kind: 'Status', code: 404 });
    });
  });
});

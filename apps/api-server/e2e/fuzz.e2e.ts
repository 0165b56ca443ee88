import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupVersionOf, resourceTypeForKind } from '@kubelab/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { startTestApiServer } from './test-server.js';

/** A small seeded PRNG so a failing run can be replayed. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const validPod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fuzz', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } };
const junk: unknown[] = [null, true, 0, -1, 1e308, 'x', '', [], {}, [1, 'a'], { $patch: 'delete' }, 'a'.repeat(300), { a: { b: { c: null } } }, NaN];

function mutate(value: unknown, rand: () => number, depth = 0): unknown {
  if (depth > 6 || rand() < 0.15) return junk[Math.floor(rand() * junk.length)];
  if (Array.isArray(value)) return rand() < 0.2 ? [] : value.map((v) => (rand() < 0.3 ? mutate(v, rand, depth + 1) : v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (rand() < 0.1) continue;
      out[rand() < 0.05 ? `${k}x` : k] = rand() < 0.3 ? mutate(v, rand, depth + 1) : v;
    }
    if (rand() < 0.1) out[`extra${Math.floor(rand() * 10)}`] = junk[Math.floor(rand() * junk.length)];
    return out;
  }
  return rand() < 0.5 ? junk[Math.floor(rand() * junk.length)] : value;
}

const paths = ['/api/v1/namespaces/default/pods', '/api/v1/namespaces/default/pods/fuzz', '/api/v1/namespaces/nope/pods', '/api/v1/namespaces/default/services', '/apis/apps/v1/namespaces/default/deployments', '/apis/apps/v1/namespaces/default/deployments/d/scale', '/api/v1/namespaces/default/pods/fuzz/status', '/api/v1/namespaces/default/pods/fuzz/binding', '/api/v1/nodes', '/api/v1/namespaces', '/api/v1/namespaces/default/limitranges', '/apis/batch/v1/namespaces/default/jobs', '/api/v1/namespaces/default/gizmos'];
const contentTypes = ['application/json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/json-patch+json', 'application/apply-patch+yaml', 'text/plain', 'application/vnd.kubernetes.protobuf', ''];
const methods = ['POST', 'PUT', 'PATCH', 'DELETE', 'POST', 'PATCH'];

describe('bad input never crashes the api-server', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  beforeAll(async () => {
    server = await startTestApiServer();
  });
  afterAll(() => server?.close());

  const lastSeq = async () => Number(((await fetch(`${server.url}/api/v1/namespaces`).then((r) => r.json())) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);

  it('answers thousands of random and mutated requests with a Status, leaving the log untouched on refusal', async () => {
    const rand = prng(20261122);
    let refused = 0;
    for (let i = 0; i < 2500; i++) {
      const method = methods[Math.floor(rand() * methods.length)];
      const path = paths[Math.floor(rand() * paths.length)];
      const contentType = contentTypes[Math.floor(rand() * contentTypes.length)];
      const body = rand() < 0.1 ? String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(rand() * 256))) : JSON.stringify(mutate(validPod, rand));
      const before = await lastSeq();
      const res = await fetch(`${server.url}${path}`, { method, headers: contentType ? { 'content-type': contentType } : {}, body });
      const text = await res.text();
      expect(res.status, `${method} ${path} ${contentType} ${body}`).toBeLessThan(500);
      if (res.status >= 400) {
        refused++;
        expect(JSON.parse(text).kind, text).toBe('Status');
        expect(await lastSeq(), `${method} ${path} ${body}`).toBe(before);
      }
    }
    expect(refused).toBeGreaterThan(1000);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('answers mutated examples of every other kind with a Status, never a crash', async () => {
    const examples = ['core.yaml', 'apis.yaml'].flatMap((file) => parseAllDocuments(readFileSync(join(import.meta.dirname, 'fixtures/kinds', file), 'utf8')).map((d) => d.toJS()));
    const rand = prng(20261123);
    for (let i = 0; i < 1500; i++) {
      const example = examples[i % examples.length];
      const t = resourceTypeForKind(example.apiVersion, example.kind)!;
      const collection = `/${t.group ? 'apis' : 'api'}/${groupVersionOf(t)}${t.namespaced ? '/namespaces/default' : ''}/${t.plural}`;
      const put = rand() < 0.3;
      const path = put ? `${collection}/${example.metadata.name}` : collection;
      const body = JSON.stringify(mutate(example, rand));
      const before = await lastSeq();
      const res = await fetch(`${server.url}${path}`, { method: put ? 'PUT' : 'POST', headers: { 'content-type': 'application/json' }, body });
      const text = await res.text();
      expect(res.status, `${put ? 'PUT' : 'POST'} ${path} ${body}`).toBeLessThan(500);
      if (res.status >= 400) {
        expect(JSON.parse(text).kind, text).toBe('Status');
        expect(await lastSeq(), `${path} ${body}`).toBe(before);
      }
    }
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });

  it('refuses a body over 3 MiB with 413 and bad JSON with 400', async () => {
    const huge = JSON.stringify({ ...validPod, metadata: { name: 'big', annotations: { a: 'x'.repeat(4 * 1024 * 1024) } } });
    const big = await fetch(`${server.url}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { reason: string }).reason).toBe('RequestEntityTooLarge');
    const bad = await fetch(`${server.url}/api/v1/namespaces/default/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"kind":' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { reason: string }).reason).toBe('BadRequest');
    const unknown = await fetch(`${server.url}/api/v1/namespaces/default/gizmos`);
    expect(unknown.status).toBe(404);
  });

  it('answers a stale resourceVersion with 409 Conflict', async () => {
    // Its own namespace: the random requests above may have left LimitRanges in default.
    await fetch(`${server.url}/api/v1/namespaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'conflict' } }) });
    const created = (await fetch(`${server.url}/api/v1/namespaces/conflict/pods`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ...validPod, metadata: { name: 'rv' } }) }).then((r) => r.json())) as any;
    await fetch(`${server.url}/api/v1/namespaces/conflict/pods/rv`, { method: 'PATCH', headers: { 'content-type': 'application/merge-patch+json' }, body: '{"metadata":{"labels":{"a":"b"}}}' });
    const stale = await fetch(`${server.url}/api/v1/namespaces/conflict/pods/rv`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(created) });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as { message: string }).message).toBe('Operation cannot be fulfilled on pods "rv": the object has been modified; please apply your changes to the latest version and try again');
  });
});

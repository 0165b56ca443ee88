/**
 * The api-server under a seeded fuzzer: every served kind (a CRD's too) and every
 * subresource the registry lists, with every verb, random query strings, Accept and
 * Content-Type variants, and bodies built from valid examples and then broken. Each answer
 * must be below 500, a refusal must be a Status and must leave the event log as it was, and
 * the server must still be ready at the end. FUZZ_SEED and FUZZ_REQUESTS replay or extend a run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { groupVersionOf, isAuditEntry, servedTypes, type KubeObject, type ResourceType } from '@kubelab/api';
import { waitFor } from '@kubelab/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { chance, deleteBody, mutate, objectBody, patchBody, pick, prng, randomAccept, randomQuery, type Body, type Rand } from './fuzz-inputs.js';
import { startTestApiServer } from './test-server.js';

const fixtures = join(import.meta.dirname, 'fixtures');
const readDocs = (file: string): KubeObject[] => parseAllDocuments(readFileSync(join(fixtures, file), 'utf8')).map((d) => d.toJS() as KubeObject);

/** The namespace the fuzzer works in; no request can address it by name, so it is never deleted. */
const ns = 'fuzz';
/** The actor of every fuzz request (the kubectl-command header names it), to tell its events from the server's own. */
const actorHeader = { 'kubectl-command': 'fuzz' };

const validPod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fuzz', labels: { app: 'x' } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } };

/** Examples for the kinds the fixtures have none of; anything else starts from apiVersion, kind and name alone. */
const extraExamples: KubeObject[] = [
  validPod,
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'fuzz' }, spec: { selector: { app: 'x' }, ports: [{ port: 80, targetPort: 8080 }] } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fuzz' }, data: { a: 'b' } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'fuzz' }, stringData: { a: 'b' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fuzz-target' } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } } },
  { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'fuzz' }, subsets: [{ addresses: [{ ip: '10.0.0.1' }], ports: [{ port: 80 }] }] },
  { apiVersion: 'v1', kind: 'Event', metadata: { name: 'fuzz' }, involvedObject: { kind: 'Pod', name: 'fuzz', namespace: ns }, reason: 'Fuzz', message: 'x', type: 'Normal' },
  { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'fuzz' }, spec: { limits: [{ type: 'Container', default: { cpu: '500m' } }] } },
  { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'fuzz' }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } },
  { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'fuzz' }, revision: 1, data: { a: 1 } },
  { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'fuzz' }, spec: { replicas: 1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: validPod.spec } } },
  { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'fuzz' }, addressType: 'IPv4', endpoints: [{ addresses: ['10.0.0.1'] }], ports: [{ port: 80 }] },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'fuzz' }, value: 1000 },
  { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', metadata: {}, spec: { token: 'x' } },
  { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview', metadata: {} },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', metadata: {}, spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods', namespace: ns } } },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'LocalSubjectAccessReview', metadata: { namespace: ns }, spec: { user: 'jane', resourceAttributes: { verb: 'get', resource: 'pods', namespace: ns } } },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } },
  { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', metadata: {}, spec: { namespace: ns } },
];

/** The bodies of the subresources whose kind is not their parent's. */
const subresourceBodies: Record<string, (name: string) => KubeObject> = {
  scale: (name) => ({ apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name, namespace: ns }, spec: { replicas: 2 } }),
  binding: (name) => ({ apiVersion: 'v1', kind: 'Binding', metadata: { name }, target: { apiVersion: 'v1', kind: 'Node', name: 'node-1' } }),
  eviction: (name) => ({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name, namespace: ns }, deleteOptions: { gracePeriodSeconds: 0 } }),
};

interface Target {
  type: ResourceType;
  example: KubeObject;
  /** The name of a seeded object of the type. */
  name: string;
}

interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Body | undefined;
}

interface Answer {
  status: number;
  contentType: string;
  text: string;
  /** A watch or follow stream that was still open when the fuzzer stopped reading it. */
  streaming: boolean;
}

const collectionOf = (t: ResourceType, namespace = ns) => `/${t.group ? 'apis' : 'api'}/${groupVersionOf(t)}${t.namespaced ? `/namespaces/${namespace}` : ''}/${t.plural}`;
const allNamespacesOf = (t: ResourceType) => `/${t.group ? 'apis' : 'api'}/${groupVersionOf(t)}/${t.plural}`;

/** The example for a type: from the fixtures, an extra one, or apiVersion, kind and name alone. */
function exampleFor(t: ResourceType, examples: KubeObject[]): KubeObject {
  const found = examples.find((e) => e.apiVersion === groupVersionOf(t) && e.kind === t.kind);
  const example: KubeObject = structuredClone(found ?? { apiVersion: groupVersionOf(t), kind: t.kind, metadata: { name: 'fuzz' } });
  if (example.metadata?.namespace) example.metadata.namespace = ns;
  return example;
}

/** One request: a target, a path shape, a verb, a query, headers and a body. */
function randomRequest(rand: Rand, targets: Target[]): FuzzRequest {
  const { type: t, example, name } = pick(rand, targets);
  const subresource = t.subresources.length && chance(rand, 0.35) ? pick(rand, t.subresources) : undefined;
  const sub = subresource?.name;
  const shape = rand();
  let path: string;
  let named = true;
  if (sub) path = `${collectionOf(t)}/${name}/${chance(rand, 0.03) ? 'bogus' : sub}`;
  else if (shape < 0.3) path = `${collectionOf(t)}/${name}`;
  else if (shape < 0.36) path = `${collectionOf(t)}/${pick(rand, ['missing', 'x'.repeat(300), '%zz', '%2Fetc', '..', 'UPPER', 'a%00b', '%E2%82'])}`;
  else {
    named = false;
    path = shape < 0.4 && t.namespaced ? collectionOf(t, pick(rand, ['nope', 'default', 'kube-system', 'BAD'])) : shape < 0.45 && t.namespaced ? allNamespacesOf(t) : collectionOf(t);
  }
  // Mostly a method the path serves (so requests get past routing), sometimes any.
  const fitting = subresource ? subresource.verbs.map((v) => methodOfVerb[v]) : named ? ['GET', 'PUT', 'PATCH', 'PATCH', 'DELETE'] : ['GET', 'GET', 'POST', 'POST', 'DELETE'];
  const method = chance(rand, 0.8) ? pick(rand, fitting) : pick(rand, ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);
  let query = randomQuery(rand);
  if (method === 'GET' && !named && chance(rand, 0.15)) query = `${query ? `${query}&` : '?'}watch=true&timeoutSeconds=1`;
  // Deleting every CRD would stop serving the custom types for the rest of the run.
  if (method === 'DELETE' && !named && t.kind === 'CustomResourceDefinition') query = `${query ? `${query}&` : '?'}labelSelector=fuzz%3Dnever`;
  const bodyExample = sub && subresourceBodies[sub] ? subresourceBodies[sub](name) : { ...example, metadata: { ...example.metadata, name } };
  let body: Body | undefined;
  if (method === 'POST' || method === 'PUT') body = objectBody(rand, bodyExample);
  else if (method === 'PATCH') body = patchBody(rand, bodyExample);
  else if (method === 'DELETE') body = deleteBody(rand);
  const headers: Record<string, string> = { ...randomAccept(rand), ...actorHeader };
  if (body?.contentType !== undefined && body.contentType !== '') headers['content-type'] = body.contentType;
  return { method, path: `${path}${query}`, headers, body };
}

const methodOfVerb: Record<string, string> = { get: 'GET', list: 'GET', watch: 'GET', create: 'POST', update: 'PUT', patch: 'PATCH', delete: 'DELETE', deletecollection: 'DELETE' };

const describeRequest = (r: FuzzRequest) => `${r.method} ${r.path} ${JSON.stringify(r.headers).slice(0, 400)} ${r.body?.label ?? ''}`;

/**
 * The 5xx kube-apiserver 1.32 answers too: 503 for a pod's logs or proxy, which need a kubelet
 * this server has none of, and 500 for an apply whose object does not fit the kind's schema
 * (kubernetes#122480: "failed to create typed patch object", kept word for word).
 */
function kubeAnswersTheSame(r: FuzzRequest, status: number, text: string): boolean {
  if (status === 503) return /\/pods\/[^/]+\/(log|proxy)(\/|\?|$)/.test(r.path);
  return status === 500 && r.headers['content-type'] === 'application/apply-patch+yaml' && text.includes('"message":"Internal error occurred: failed to create typed patch object (');
}

describe('bad input never crashes the api-server', () => {
  let server: Awaited<ReturnType<typeof startTestApiServer>>;
  let targets: Target[];
  const seed = Number(process.env.FUZZ_SEED ?? 20261122);
  const requests = Number(process.env.FUZZ_REQUESTS ?? 4000);

  const send = async (method: string, path: string, body?: unknown, contentType = 'application/json') =>
    fetch(`${server.url}${path}`, { method, headers: { 'content-type': contentType, ...actorHeader }, body: body === undefined ? undefined : JSON.stringify(body) });

  beforeAll(async () => {
    server = await startTestApiServer();
    await send('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const crontabs = parse(readFileSync(join(fixtures, 'crd/crontab-crd-scale.yaml'), 'utf8')) as KubeObject;
    // A second CRD is the one the fuzzer addresses by name, so the CronTab type stays served.
    const gizmos = structuredClone(crontabs);
    gizmos.metadata.name = 'gizmos.fuzz.example.com';
    gizmos.spec = { ...(gizmos.spec as object), group: 'fuzz.example.com', scope: 'Cluster', names: { plural: 'gizmos', singular: 'gizmo', kind: 'Gizmo' } };
    for (const crd of [crontabs, gizmos]) expect((await send('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', crd)).status).toBe(201);
    await waitFor(async () => (await fetch(`${server.url}/apis/fuzz.example.com/v1/gizmos`)).status === 200 && (await fetch(`${server.url}${'/apis/stable.example.com/v1/crontabs'}`)).status === 200, 'the CRDs to be served');
    const examples = [
      ...['kinds/core.yaml', 'kinds/apis.yaml', 'crd/my-crontab.yaml'].flatMap(readDocs),
      ...['deployment-hello.yaml', 'statefulset-web.yaml', 'daemonset-fluentd.yaml', 'job-hello.yaml', 'cronjob-hello.yaml'].flatMap((f) => readDocs(`valid/${f}`)),
      ...extraExamples,
      gizmos,
      { apiVersion: 'fuzz.example.com/v1', kind: 'Gizmo', metadata: { name: 'fuzz' }, spec: { image: 'x', replicas: 1 } },
    ];
    targets = servedTypes().map((type) => {
      const example = exampleFor(type, examples);
      return { type, example, name: example.metadata?.name || 'fuzz' };
    });
    await reseed();
  });
  afterAll(() => server?.close());

  /** Creates each target's object again when a fuzz request deleted it, so named requests keep finding one. */
  async function reseed() {
    const stored = targets.filter((t) => t.type.storage !== 'none' && t.type.verbs.includes('create'));
    expect(stored.length).toBeGreaterThan(40);
    for (const target of stored) await send('POST', collectionOf(target.type), target.example);
  }

  const lastSeq = async () => Number(((await fetch(`${server.url}/api/v1/namespaces?limit=1`).then((r) => r.json())) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);

  /** The fuzzer's own changes committed after `seq`: none may follow a refusal or a dry run (a refusal's audit entry changes nothing). */
  async function fuzzEventsAfter(seq: number): Promise<string> {
    const lines = (await (await fetch(`${server.url}/kubelab/v1/events?since=${seq}&actor=user:fuzz`)).text()).split('\n').filter(Boolean);
    return lines.filter((line) => !isAuditEntry((JSON.parse(line) as { type: string }).type)).join('\n');
  }

  /** Sends a fuzz request; a stream still open after a moment is let go, any other answer must end within 10 s. */
  async function answer(r: FuzzRequest): Promise<Answer | 'hang'> {
    const controller = new AbortController();
    const streamable = r.method === 'GET' && /watch|follow/.test(r.path);
    const hang = setTimeout(() => controller.abort(), 10_000);
    try {
      const res = await fetch(`${server.url}${r.path}`, { method: r.method, headers: r.headers, body: r.body?.bytes, signal: controller.signal });
      const contentType = res.headers.get('content-type') ?? '';
      if (!streamable || res.status >= 300) return { status: res.status, contentType, text: await res.text(), streaming: false };
      const reader = res.body!.getReader();
      const chunks: Uint8Array[] = [];
      const stopAt = Date.now() + 300;
      for (;;) {
        const next = await Promise.race([reader.read(), new Promise<'later'>((resolve) => setTimeout(() => resolve('later'), Math.max(0, stopAt - Date.now())))]);
        if (next === 'later') {
          controller.abort();
          return { status: res.status, contentType, text: Buffer.concat(chunks).toString(), streaming: true };
        }
        if (next.done) return { status: res.status, contentType, text: Buffer.concat(chunks).toString(), streaming: false };
        chunks.push(next.value);
      }
    } catch (e) {
      if (controller.signal.aborted) return 'hang';
      throw e;
    } finally {
      clearTimeout(hang);
    }
  }

  /** What is wrong with an answer, if anything. */
  function problemWith(r: FuzzRequest, a: Answer): string | undefined {
    if (a.status >= 500 && !kubeAnswersTheSame(r, a.status, a.text)) return `${a.status} ${a.text.slice(0, 300)}`;
    if (a.status < 400 || r.method === 'HEAD') return undefined;
    if (!a.contentType.startsWith('application/json')) return `refusal ${a.status} as ${a.contentType}: ${a.text.slice(0, 300)}`;
    let status: Record<string, unknown>;
    try {
      status = JSON.parse(a.text);
    } catch {
      return `refusal ${a.status} is not JSON: ${a.text.slice(0, 300)}`;
    }
    const ok = status.kind === 'Status' && status.apiVersion === 'v1' && status.status === 'Failure' && status.code === a.status && typeof status.reason === 'string' && typeof status.message === 'string';
    return ok ? undefined : `refusal ${a.status} is not a Status: ${a.text.slice(0, 300)}`;
  }

  it('answers thousands of random requests to every kind, subresource and verb with a Status, leaving the log untouched on refusal', async () => {
    const rand = prng(seed);
    const findings: string[] = [];
    const statuses = new Map<number, number>();
    const covered = new Set<string>();
    let streams = 0;
    for (let i = 0; i < requests && findings.length < 30; i++) {
      if (i > 0 && i % 500 === 0) await reseed();
      const r = randomRequest(rand, targets);
      const before = await lastSeq();
      const a = await answer(r);
      const where = `#${i} (FUZZ_SEED=${seed}) ${describeRequest(r)}`;
      if (a === 'hang') {
        findings.push(`${where} → no answer within 10 s`);
        continue;
      }
      statuses.set(a.status, (statuses.get(a.status) ?? 0) + 1);
      covered.add(`${r.method} ${r.path.split('?')[0].split('/').slice(-1)[0]}`);
      if (a.streaming) streams++;
      const problem = problemWith(r, a);
      if (problem) findings.push(`${where} → ${problem}`);
      const dryRun = new URLSearchParams(r.path.split('?')[1] ?? '').getAll('dryRun');
      const mustNotPersist = a.status >= 400 || (dryRun.length > 0 && dryRun.every((d) => d === 'All') && r.method !== 'GET');
      if (mustNotPersist && (await lastSeq()) !== before) {
        const events = await fuzzEventsAfter(before);
        if (events) findings.push(`${where} → ${a.status} yet persisted: ${events.slice(0, 400)}`);
      }
    }
    expect(findings).toEqual([]);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    // The run reached the whole surface: many refusals, many successes, live watch streams.
    expect([...statuses.entries()].filter(([s]) => s >= 400).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(requests / 3);
    expect([...statuses.entries()].filter(([s]) => s < 300).reduce((n, [, c]) => n + c, 0)).toBeGreaterThan(requests / 10);
    expect(streams).toBeGreaterThan(10);
    expect(covered.size).toBeGreaterThan(200);
  }, 360_000); // thousands of requests: about two minutes on a quiet machine, more beside the other projects' suites

  it('ends a watch of every served kind after its timeoutSeconds, with only watch events on the way', async () => {
    const watched = servedTypes().filter((t) => t.verbs.includes('watch'));
    expect(watched.length).toBeGreaterThan(50);
    await Promise.all(watched.map(async (t) => {
      const started = Date.now();
      const res = await fetch(`${server.url}${allNamespacesOf(t)}?watch=true&timeoutSeconds=1&allowWatchBookmarks=true`, { signal: AbortSignal.timeout(10_000) });
      const text = await res.text();
      expect(res.status, t.plural).toBe(200);
      expect(Date.now() - started, t.plural).toBeLessThan(8_000);
      for (const line of text.split('\n').filter(Boolean)) expect(['ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK'], line).toContain(JSON.parse(line).type);
    }));
  });

  it('refuses mutated examples of every kind sent as protobuf, YAML and JSON with a Status, never a crash', async () => {
    const rand = prng(seed + 1);
    for (let i = 0; i < 600; i++) {
      const { type: t, example } = targets[i % targets.length];
      if (!t.verbs.includes('create')) continue;
      const body = objectBody(rand, mutate(example, rand) as KubeObject);
      const before = await lastSeq();
      const res = await fetch(`${server.url}${collectionOf(t)}`, { method: 'POST', headers: { ...actorHeader, ...(body.contentType ? { 'content-type': body.contentType } : {}) }, body: body.bytes });
      const text = await res.text();
      expect(res.status, `${t.plural} ${body.label}`).toBeLessThan(500);
      if (res.status >= 400) {
        expect(JSON.parse(text).kind, text).toBe('Status');
        if ((await lastSeq()) !== before) expect(await fuzzEventsAfter(before), `${t.plural} ${body.label}`).toBe('');
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

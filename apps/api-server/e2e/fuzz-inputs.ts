/**
 * The api-server fuzzer's inputs, all drawn from one seeded PRNG so a failing request
 * replays: query strings of the real parameters with valid and junk values, Accept and
 * Content-Type variants and odd headers, and bodies built from valid examples and then
 * broken (mutated fields, wrong types, truncated, bit-flipped, protobuf with bytes changed).
 */
import { encodeProtobufBody, type KubeObject } from '@kubelab/api';
import { stringify } from 'yaml';

export type Rand = () => number;

/** A small seeded PRNG (LCG): the same seed gives the same requests. */
export function prng(seed: number): Rand {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const pick = <T>(rand: Rand, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
export const chance = (rand: Rand, p: number): boolean => rand() < p;
const int = (rand: Rand, below: number) => Math.floor(rand() * below);

const junk: unknown[] = [null, true, false, 0, -1, 1.5, 1e308, -0, 2 ** 53 + 2, 'x', '', '0', 'true', [], {}, [1, 'a'], { $patch: 'delete' }, 'a'.repeat(300), { a: { b: { c: null } } }, ['x'], { '': '' }];

/** A copy of `value` with fields dropped, renamed, retyped or added, down to depth 6. */
export function mutate(value: unknown, rand: Rand, depth = 0): unknown {
  if (depth > 6 || chance(rand, 0.12)) return pick(rand, junk);
  if (Array.isArray(value)) return chance(rand, 0.15) ? [] : value.map((v) => (chance(rand, 0.3) ? mutate(v, rand, depth + 1) : v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (chance(rand, 0.08)) continue;
      out[chance(rand, 0.04) ? `${k}x` : k] = chance(rand, 0.3) ? mutate(v, rand, depth + 1) : v;
    }
    if (chance(rand, 0.1)) out[pick(rand, ['extra', 'status', 'metadata', 'spec', 'apiVersion', 'kind', '__proto__', 'constructor'])] = pick(rand, junk);
    return out;
  }
  return chance(rand, 0.5) ? pick(rand, junk) : value;
}

const base64url = (text: string) => Buffer.from(text).toString('base64url');

/** Each real query parameter with values kube-apiserver accepts and values it must refuse. */
const parameterValues: Record<string, string[]> = {
  labelSelector: ['app=x', 'app!=x', 'app in (x,y)', 'app notin (x)', '!app', 'app', 'a=b,c!=d', '=', 'app in (', `x=${'y'.repeat(70)}`, '!!', 'a==b', '(', 'a=b=c', 'ü=1', ''],
  fieldSelector: ['metadata.name=fuzz', 'metadata.namespace!=default', 'spec.nodeName=', 'status.phase=Running', 'involvedObject.name=x', 'bogus=1', 'metadata.name', '=x', 'a=b=c', 'metadata.name==x', ''],
  limit: ['1', '2', '0', '-1', '500', 'abc', '1.5', '99999999999999999999', ''],
  continue: ['', 'abc', '%%', base64url(JSON.stringify({ rv: 1, start: '' })), base64url(JSON.stringify({ rv: -1, start: 'x' })), base64url('null'), base64url(JSON.stringify({ rv: '1', start: 5 })), base64url(JSON.stringify({ rv: 1e20, start: '\u0000' }))],
  resourceVersion: ['', '0', '1', '999999999', '-1', 'abc', '1.5', '1e3'],
  resourceVersionMatch: ['NotOlderThan', 'Exact', 'bogus', ''],
  watch: ['true', 'false', '1', '0', 'yes', ''],
  allowWatchBookmarks: ['true', 'false', 'x'],
  timeoutSeconds: ['1', '0', '-5', 'abc', '1e3', '99999999999', '0.5'],
  dryRun: ['All', 'all', '', 'x'],
  fieldManager: ['fuzz', '', 'x'.repeat(200), 'ü', 'kubectl-client-side-apply', 'a\tb'],
  fieldValidation: ['Strict', 'Warn', 'Ignore', 'strict', 'x', ''],
  force: ['true', 'false', 'x', ''],
  propagationPolicy: ['Background', 'Foreground', 'Orphan', 'x', ''],
  gracePeriodSeconds: ['0', '30', '-1', 'abc', '1.5', '99999999999999999999'],
  orphanDependents: ['true', 'false', 'x'],
  pretty: ['true', 'false', 'x'],
  sendInitialEvents: ['true', 'false', 'x'],
  includeObject: ['None', 'Object', 'Metadata', 'x'],
  container: ['c', 'nope', '', 'x'.repeat(300)],
  follow: ['true', 'false', 'x'],
  tailLines: ['1', '0', '-1', 'abc'],
  limitBytes: ['1', '0', '-1', 'x'],
  sinceSeconds: ['1', '0', '-1', 'x'],
  sinceTime: ['2026-01-01T00:00:00Z', 'x'],
  previous: ['true', 'x'],
  timestamps: ['true', 'x'],
  command: ['sh', 'ls', ''],
  stdin: ['true', 'false', 'x'],
  stdout: ['true', 'false'],
  stderr: ['true', 'false'],
  tty: ['true', 'x'],
  ports: ['80', '0', '70000', 'x', '80,81'],
};
const parameterNames = Object.keys(parameterValues);
const badEncodings = ['%', '%zz', '%E0%A4%A', '%00', '%FF', '&&', '=x', 'a=%C0%80', '%2', '==', 'labelSelector=%'];

/** A query string ('' or starting with '?'): real parameters, duplicated keys, junk names, bad percent-encoding. */
export function randomQuery(rand: Rand): string {
  const parts: string[] = [];
  const count = int(rand, 5);
  for (let i = 0; i < count; i++) {
    const name = chance(rand, 0.05) ? pick(rand, ['bogus', '', 'x'.repeat(100)]) : pick(rand, parameterNames);
    const value = chance(rand, 0.1) ? String(pick(rand, junk)) : pick(rand, parameterValues[name] ?? ['x']);
    parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(value)}`);
    if (chance(rand, 0.1)) parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(pick(rand, parameterValues[name] ?? ['y']))}`);
  }
  if (chance(rand, 0.08)) parts.push(pick(rand, badEncodings));
  return parts.length ? `?${parts.join('&')}` : '';
}

const accepts = [
  'application/json',
  'application/json;as=Table;v=v1;g=meta.k8s.io',
  'application/json;as=Table;v=v1beta1;g=meta.k8s.io, application/json',
  'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1',
  'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1',
  'application/json;as=Bogus;g=meta.k8s.io;v=v1',
  'application/vnd.kubernetes.protobuf',
  'application/vnd.kubernetes.protobuf, application/json',
  'application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io',
  'application/yaml',
  'application/json;stream=watch',
  '*/*',
  'text/html',
  'junk;;;==',
  ',',
  'application/json;v=v1;as',
  ';as=Table',
];

/** Odd request headers: a large value, Latin-1 bytes, junk encodings and credentials. */
function oddHeaders(rand: Rand): Record<string, string> {
  const headers: Record<string, string> = {};
  if (chance(rand, 0.1)) headers['content-encoding'] = pick(rand, ['gzip', 'deflate', 'br', 'identity', 'junk', 'gzip, gzip']);
  if (chance(rand, 0.05)) headers['x-fuzz'] = 'a'.repeat(8000);
  if (chance(rand, 0.05)) headers['user-agent'] = pick(rand, ['', 'ü\xff/1.0', `${'k'.repeat(300)}/1`, '/', ' ', 'kubectl/v1.32.0 (linux/amd64) kubernetes/abc']);
  if (chance(rand, 0.03)) headers.authorization = pick(rand, ['Bearer x', 'Basic !!!', 'x'.repeat(500)]);
  if (chance(rand, 0.03)) headers['impersonate-user'] = 'system:admin';
  if (chance(rand, 0.03)) headers['if-match'] = '\t\xe9';
  return headers;
}

/** An Accept header, or none. */
export function randomAccept(rand: Rand): Record<string, string> {
  return chance(rand, 0.7) ? { accept: pick(rand, accepts), ...oddHeaders(rand) } : oddHeaders(rand);
}

/** How a body goes on the wire: the encoding's right Content-Type, or a wrong one. */
const objectContentTypes = ['application/json', 'application/json; charset=utf-8', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json;charset=latin1', 'application/merge-patch+json', ''];
const patchContentTypes = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml'];

export interface Body {
  bytes: Buffer | undefined;
  contentType: string | undefined;
  /** What it is, for a failure's message. */
  label: string;
}

/** The bytes of `object` in one of the ways a client (or a broken one) sends it. */
export function encodeBody(rand: Rand, object: unknown, contentType: string): Body {
  const text = JSON.stringify(object) ?? 'null';
  const roll = rand();
  if (roll < 0.45) return { bytes: Buffer.from(text), contentType, label: `json ${text.slice(0, 300)}` };
  if (roll < 0.55) return { bytes: Buffer.from(stringify(object)), contentType: chance(rand, 0.7) ? 'application/yaml' : contentType, label: `yaml ${text.slice(0, 300)}` };
  if (roll < 0.67) {
    const protobuf = protobufOf(object);
    if (protobuf) {
      const bytes = chance(rand, 0.6) ? flipBytes(rand, protobuf) : protobuf;
      return { bytes, contentType: 'application/vnd.kubernetes.protobuf', label: `protobuf ${bytes.toString('base64').slice(0, 300)}` };
    }
  }
  if (roll < 0.75) {
    const cut = Buffer.from(text).subarray(0, int(rand, text.length));
    return { bytes: cut, contentType, label: `truncated ${cut.toString().slice(0, 300)}` };
  }
  if (roll < 0.83) {
    const flipped = flipBytes(rand, Buffer.from(text));
    return { bytes: flipped, contentType, label: `bit-flipped ${flipped.toString('base64').slice(0, 300)}` };
  }
  if (roll < 0.93) {
    const wrong = pick(rand, ['[]', '"x"', '1', 'null', 'true', '{}', '[{}]', '{"kind":"Pod","kind":"Service"}', '{"metadata":1}', '{"apiVersion":1,"kind":[]}', '1e400', '{"a":-0}', '"\\ud800"']);
    return { bytes: Buffer.from(wrong), contentType, label: `wrong type ${wrong}` };
  }
  if (roll < 0.96) {
    const depth = pick(rand, [100, 499, 501, 2000, 20000]);
    const nested = chance(rand, 0.5) ? `${'['.repeat(depth)}${']'.repeat(depth)}` : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    return { bytes: Buffer.from(nested), contentType, label: `nested ${depth}` };
  }
  const random = Buffer.from(Array.from({ length: int(rand, 200) }, () => int(rand, 256)));
  return { bytes: random, contentType, label: `random ${random.toString('base64')}` };
}

function protobufOf(object: unknown): Buffer | undefined {
  if (!object || typeof object !== 'object' || Array.isArray(object)) return undefined;
  try {
    const bytes = encodeProtobufBody(object as Parameters<typeof encodeProtobufBody>[0]);
    return bytes ? Buffer.from(bytes) : undefined;
  } catch {
    // A mutated object the protobuf schema cannot hold: sent some other way.
    return undefined;
  }
}

/** A copy with a few bits flipped, bytes dropped or the end cut. */
function flipBytes(rand: Rand, bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  if (out.length === 0) return out;
  const edits = 1 + int(rand, 4);
  for (let i = 0; i < edits; i++) out[int(rand, out.length)] ^= 1 << int(rand, 8);
  return chance(rand, 0.3) ? out.subarray(0, int(rand, out.length)) : out;
}

/** An object body: the example (as is, or mutated), sent in some encoding. */
export function objectBody(rand: Rand, example: KubeObject): Body {
  const object = chance(rand, 0.3) ? example : mutate(example, rand);
  const contentType = chance(rand, 0.75) ? 'application/json' : pick(rand, objectContentTypes);
  return encodeBody(rand, object, contentType);
}

const patchPaths = ['/metadata/labels/x', '/metadata/labels', '/metadata/name', '/metadata/resourceVersion', '/metadata/annotations/a~1b', '/spec', '/spec/replicas', '/status', '/', '', '/-', '/a~2b', '/spec/containers/0/image', '/spec/containers/-', '/spec/containers/99', '/metadata/finalizers/0', '/kind', '/apiVersion', 'metadata'];

/** A patch body of the Content-Type's patch type, valid-looking or broken. */
export function patchBody(rand: Rand, example: KubeObject): Body {
  const contentType = chance(rand, 0.9) ? pick(rand, patchContentTypes) : pick(rand, objectContentTypes);
  let patch: unknown;
  switch (contentType) {
    case 'application/json-patch+json':
      patch = Array.from({ length: int(rand, 4) }, () => ({
        op: pick(rand, ['add', 'remove', 'replace', 'move', 'copy', 'test', 'bogus']),
        path: pick(rand, patchPaths),
        ...(chance(rand, 0.7) ? { value: chance(rand, 0.5) ? pick(rand, junk) : 'fuzzed' } : {}),
        ...(chance(rand, 0.3) ? { from: pick(rand, patchPaths) } : {}),
      }));
      break;
    case 'application/apply-patch+yaml': {
      const applied = chance(rand, 0.5) ? example : mutate(example, rand);
      const text = chance(rand, 0.7) ? stringify(applied) : JSON.stringify(applied);
      return { bytes: Buffer.from(chance(rand, 0.1) ? text.slice(0, int(rand, text.length)) : text), contentType, label: `apply ${text.slice(0, 300)}` };
    }
    default: {
      const fragment: Record<string, unknown> = { metadata: { labels: { fuzz: pick(rand, ['a', '', '-bad-', null]) } } };
      if (chance(rand, 0.5)) fragment.spec = mutate(example.spec ?? {}, rand);
      if (chance(rand, 0.2)) fragment.status = mutate(example.status ?? { phase: 'Running' }, rand);
      if (chance(rand, 0.2)) Object.assign(fragment, pick(rand, [{ $patch: 'replace' }, { $patch: 'delete' }, { $patch: 'bogus' }, { '$setElementOrder/containers': [{ name: 'c' }] }, { $retainKeys: ['x'] }, { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }, { metadata: { finalizers: ['fuzz.io/x'] } }, { metadata: { resourceVersion: '1' } }]));
      patch = chance(rand, 0.3) ? mutate(fragment, rand) : fragment;
    }
  }
  return encodeBody(rand, patch, contentType);
}

/** DeleteOptions in a DELETE's body, sometimes. */
export function deleteBody(rand: Rand): Body {
  if (chance(rand, 0.6)) return { bytes: undefined, contentType: undefined, label: 'none' };
  const options = { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: pick(rand, [0, 30, -1]), propagationPolicy: pick(rand, ['Background', 'Foreground', 'Orphan', 'x']), dryRun: pick(rand, [['All'], [], ['x']]), preconditions: pick(rand, [{ uid: 'x' }, { resourceVersion: '1' }, {}]) };
  return encodeBody(rand, chance(rand, 0.5) ? options : mutate(options, rand), 'application/json');
}

import { describe, expect, it } from 'vitest';
import { ApiError } from '../status.js';
import { decodeProtobufBody } from './decode-protobuf.js';

/** A minimal protobuf writer, so each case states its bytes field by field. */
function varint(value: bigint | number): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    out.push(v > 0n ? byte | 0x80 : byte);
  } while (v > 0n);
  return out;
}
const num = (field: number, value: bigint | number) => [...varint(field << 3), ...varint(value)];
const len = (field: number, content: number[]) => [...varint((field << 3) | 2), ...varint(content.length), ...content];
const str = (field: number, text: string) => len(field, [...Buffer.from(text)]);
const entry = (field: number, key: string, value: number[]) => len(field, [...str(1, key), ...len(2, value)]);
const stringEntry = (field: number, key: string, value: string) => len(field, [...str(1, key), ...str(2, value)]);

/** The `k8s\0` magic and a runtime.Unknown envelope around `raw`. */
function body(apiVersion: string, kind: string, raw: number[], extra: number[] = []): Uint8Array {
  return Uint8Array.from([0x6b, 0x38, 0x73, 0x00, ...len(1, [...str(1, apiVersion), ...str(2, kind)]), ...len(2, raw), ...extra]);
}

/** ObjectMeta as Go writes it: every non-pointer field, zero or not, and an empty creationTimestamp. */
const goObjectMeta = (name: string, extra: number[] = []) => [...str(1, name), ...str(2, ''), ...str(3, ''), ...num(7, 0), ...len(8, []), ...extra];

function apiError(fn: () => unknown): ApiError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

describe('decodeProtobufBody', () => {
  it('decodes a Deployment as kubectl sends it to the JSON kubectl would have sent', () => {
    const container = [...str(1, 'nginx'), ...str(2, 'nginx:1.14.2'), ...len(6, [...str(1, ''), ...num(2, 0), ...num(3, 80), ...str(4, '')]), ...len(8, []), ...num(16, 0)];
    const spec = [
      ...num(1, 3),
      ...len(2, stringEntry(1, 'app', 'web')),
      ...len(3, [...len(1, goObjectMeta('', stringEntry(11, 'app', 'web'))), ...len(2, len(2, container))]),
      ...len(4, []),
      ...num(5, 0),
    ];
    const object = decodeProtobufBody(body('apps/v1', 'Deployment', [...len(1, goObjectMeta('web')), ...len(2, spec), ...len(3, num(1, 0))]));
    expect(object).toEqual({
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }], resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it('keeps an explicit zero of a pointer field (replicas: 0) and of a field without omitempty (containerPort: 0)', () => {
    const spec = [...num(1, 0), ...len(3, len(2, len(2, [...str(1, 'c'), ...len(6, num(3, 0))])))];
    const object = decodeProtobufBody(body('apps/v1', 'Deployment', len(2, spec)));
    expect(object.spec).toEqual({ replicas: 0, template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 0 }] }] } } });
  });

  it('decodes negative int32 and int64 from ten-byte varints', () => {
    const probe = [...num(2, -1), ...num(7, -30)];
    const object = decodeProtobufBody(body('v1', 'Pod', len(2, [...len(2, [...str(1, 'c'), ...len(10, probe)]), ...num(4, -5)])));
    expect(object.spec).toEqual({ containers: [{ name: 'c', livenessProbe: { initialDelaySeconds: -1, terminationGracePeriodSeconds: -30 } }], terminationGracePeriodSeconds: -5 });
  });

  it('inlines embedded structs (Probe.handler, Volume.volumeSource) and decodes IntOrString as number or string', () => {
    const httpGet = (port: number[]) => len(1, len(2, [...str(1, '/healthz'), ...len(2, port)]));
    const byName = [...num(1, 1), ...num(2, 0), ...str(3, 'http')];
    const byNumber = [...num(1, 0), ...num(2, 8080), ...str(3, '')];
    const container = [...str(1, 'c'), ...len(10, [...httpGet(byName), ...num(4, 10)]), ...len(11, httpGet(byNumber))];
    const volume = [...str(1, 'data'), ...len(2, len(2, str(1, 'Memory')))];
    const object = decodeProtobufBody(body('v1', 'Pod', len(2, [...len(1, volume), ...len(2, container)])));
    expect(object.spec).toEqual({
      volumes: [{ name: 'data', emptyDir: { medium: 'Memory' } }],
      containers: [{ name: 'c', livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 10 }, readinessProbe: { httpGet: { path: '/healthz', port: 8080 } } }],
    });
  });

  it('decodes repeated strings and map<string, Quantity> entries', () => {
    const resources = [...entry(1, 'cpu', str(1, '500m')), ...entry(1, 'memory', str(1, '128Mi')), ...entry(2, 'cpu', str(1, '250m'))];
    const container = [...str(1, 'c'), ...str(3, 'echo'), ...str(3, 'hi'), ...str(4, '-n'), ...len(8, resources)];
    const object = decodeProtobufBody(body('batch/v1', 'Job', len(2, len(6, len(2, len(2, container))))));
    expect(object.spec).toEqual({
      template: { spec: { containers: [{ name: 'c', command: ['echo', 'hi'], args: ['-n'], resources: { limits: { cpu: '500m', memory: '128Mi' }, requests: { cpu: '250m' } } }] } },
    });
  });

  it('reads packed and unpacked repeated int32', () => {
    const packed = [...str(1, 'c'), ...str(2, 'In'), ...len(3, [...varint(1), ...varint(2), ...varint(300)])];
    const unpacked = [...str(1, 'c'), ...str(2, 'In'), ...num(3, 1), ...num(3, 2)];
    const job = (requirement: number[]) => body('batch/v1', 'Job', len(2, len(11, len(1, [...str(1, 'FailJob'), ...len(2, requirement)]))));
    const values = (bytes: Uint8Array) => (decodeProtobufBody(bytes) as Record<string, any>).spec.podFailurePolicy.rules[0].onExitCodes.values;
    expect(values(job(packed))).toEqual([1, 2, 300]);
    expect(values(job(unpacked))).toEqual([1, 2]);
  });

  it('writes Time as RFC 3339, a zero Time as null, and MicroTime with microseconds', () => {
    const meta = len(1, [...str(1, 'l'), ...len(8, [...num(1, 1767323045), ...num(2, 999)]), ...len(9, [])]);
    const spec = len(2, [...len(3, [...num(1, 1767323045), ...num(2, 123_456_000)])]);
    expect(decodeProtobufBody(body('coordination.k8s.io/v1', 'Lease', [...meta, ...spec]))).toEqual({
      kind: 'Lease',
      apiVersion: 'coordination.k8s.io/v1',
      metadata: { name: 'l', creationTimestamp: '2026-01-02T03:04:05Z', deletionTimestamp: null },
      spec: { acquireTime: '2026-01-02T03:04:05.123456Z' },
    });
  });

  it('parses a RawExtension holding JSON, and one holding a nested protobuf object', () => {
    const json = decodeProtobufBody(body('apps/v1', 'ControllerRevision', [...len(2, str(1, '{"spec":{"replicas":2}}')), ...num(3, 4)]));
    expect(json).toEqual({ kind: 'ControllerRevision', apiVersion: 'apps/v1', data: { spec: { replicas: 2 } }, revision: 4 });
    const nested = [...body('v1', 'ConfigMap', [...len(1, str(1, 'cm')), ...stringEntry(2, 'k', 'v')])];
    const outer = decodeProtobufBody(body('apps/v1', 'ControllerRevision', len(2, len(1, nested))));
    expect(outer.data).toEqual({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'cm' }, data: { k: 'v' } });
  });

  it('writes bytes as base64 and skips unknown fields of every wire type', () => {
    const unknown = [...num(99, 7), ...len(100, [1, 2, 3]), ...varint((101 << 3) | 5), 1, 2, 3, 4, ...varint((102 << 3) | 1), 1, 2, 3, 4, 5, 6, 7, 8];
    const object = decodeProtobufBody(body('v1', 'Secret', [...len(1, str(1, 's')), ...entry(2, 'key', [...Buffer.from('hi')]), ...unknown]));
    expect(object).toEqual({ kind: 'Secret', apiVersion: 'v1', metadata: { name: 's' }, data: { key: 'aGk=' } });
  });

  it('decodes DeleteOptions (kubectl drain\'s fallback DELETE) under any group version', () => {
    const options = [...num(1, 30), ...len(2, str(1, 'uid-1')), ...str(4, 'Foreground')];
    expect(decodeProtobufBody(body('v1', 'DeleteOptions', options))).toEqual({
      kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 30, preconditions: { uid: 'uid-1' }, propagationPolicy: 'Foreground',
    });
  });

  it('answers 415 naming a kind the table does not hold, and a compressed body', () => {
    const unknownKind = apiError(() => decodeProtobufBody(body('apps/v1', 'Gizmo', [])));
    expect(unknownKind.status).toMatchObject({ code: 415, reason: 'UnsupportedMediaType', message: 'this server cannot decode Gizmo in version "apps/v1" from protobuf; send it as application/json' });
    const gzip = apiError(() => decodeProtobufBody(body('v1', 'Pod', [], str(3, 'gzip'))));
    expect(gzip.status).toMatchObject({ code: 415, message: expect.stringContaining('contentEncoding "gzip"') });
  });

  const malformed: Array<[string, Uint8Array, string]> = [
    ['no magic', Uint8Array.from([0x7b, 0x7d]), 'it does not start with the Kubernetes protobuf magic'],
    ['an empty envelope', Uint8Array.from([0x6b, 0x38, 0x73, 0x00]), 'names no apiVersion and kind'],
    ['a truncated object', body('v1', 'Pod', [0x0a, 0x10, 0x0a]), 'runs past the end'],
    ['a string where a message belongs', body('v1', 'Pod', num(2, 1)), 'Pod.spec: expected length-delimited bytes, found wire type 0'],
    ['a message where an int32 belongs', body('apps/v1', 'Deployment', len(2, len(1, []))), 'Deployment.spec.replicas: expected a varint'],
    ['RawExtension bytes that are not JSON', body('apps/v1', 'ControllerRevision', len(2, str(1, '{oops'))), 'neither JSON nor a protobuf object'],
  ];
  it.each(malformed)('answers 400 BadRequest for %s', (_, bytes, message) => {
    const error = apiError(() => decodeProtobufBody(bytes));
    expect(error.status).toMatchObject({ code: 400, reason: 'BadRequest' });
    expect(error.message).toContain(message);
  });

  it('keeps a map key "__proto__" as an ordinary key', () => {
    const object = decodeProtobufBody(body('v1', 'ConfigMap', stringEntry(2, '__proto__', 'x')));
    expect(Object.getPrototypeOf(object.data)).toBe(Object.prototype);
    expect(JSON.stringify(object.data)).toBe('{"__proto__":"x"}');
  });

  it('never fails with anything but a Status on thousands of corrupted copies of a real body', () => {
    const spec = [...num(1, 3), ...len(2, stringEntry(1, 'app', 'web')), ...len(3, len(2, len(2, [...str(1, 'c'), ...len(6, num(3, 80)), ...len(10, len(1, len(2, [...num(1, 1), ...str(3, 'http')])))])))];
    const valid = body('apps/v1', 'Deployment', [...len(1, goObjectMeta('web', len(8, num(1, 1767323045)))), ...len(2, spec)]);
    let seed = 20261122;
    const random = (n: number) => ((seed = (seed * 1664525 + 1013904223) >>> 0) % n);
    for (let i = 0; i < 3000; i++) {
      const bytes = valid.slice(0, valid.length - random(4));
      for (let flips = 1 + random(3); flips > 0; flips--) bytes[4 + random(bytes.length - 4)] = random(256);
      try {
        decodeProtobufBody(bytes);
      } catch (e) {
        expect(e, `case ${i}`).toBeInstanceOf(ApiError);
      }
    }
  });

  it('answers 400 for objects nested deeper than any Kubernetes object (RawExtensions inside RawExtensions)', () => {
    let nested = body('v1', 'ConfigMap', []);
    for (let i = 0; i < 200; i++) nested = body('apps/v1', 'ControllerRevision', len(2, len(1, [...nested])));
    const error = apiError(() => decodeProtobufBody(nested));
    expect(error.status.code).toBe(400);
    expect(error.message).toContain('nested more than 100 messages deep');
  });
});

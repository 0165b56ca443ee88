import { describe, expect, it } from 'vitest';
import { decodeProtobufBody } from './decode-protobuf.js';
import { encodeProtobufBody, ProtobufEncodeError } from './encode-protobuf.js';

describe('encodeProtobufBody', () => {
  it('writes a Deployment that decodes back to the same object', () => {
    const deployment = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' }, creationTimestamp: '2026-11-22T10:00:00Z' },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }], resources: { limits: { memory: '128Mi' } }, stdin: true }] },
        },
      },
    };
    expect(decodeProtobufBody(encodeProtobufBody(deployment)!)).toEqual(deployment);
  });

  it('writes meta/v1 kinds in any group version and nothing for a kind without a message', () => {
    const options = { apiVersion: 'v1', kind: 'DeleteOptions', propagationPolicy: 'Orphan', gracePeriodSeconds: 0, dryRun: ['All'] };
    expect(decodeProtobufBody(encodeProtobufBody(options)!)).toEqual(options);
    expect(encodeProtobufBody({ apiVersion: 'stable.example.com/v1', kind: 'CronTab' })).toBeUndefined();
  });

  it('refuses a value of the wrong type with its path', () => {
    expect(() => encodeProtobufBody({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 3 }] } })).toThrow(ProtobufEncodeError);
    expect(() => encodeProtobufBody({ apiVersion: 'v1', kind: 'Pod', spec: { containers: [{ name: 3 }] } })).toThrow('Pod.spec.containers.name: expected a string');
  });
});

import { describe, expect, it } from 'vitest';
import type { ResourceRequirements } from 'kubernetes-types/core/v1';
import type { Pod } from '../typed-objects.js';
import { qosClassOf } from './qos.js';

const pod = (...resources: ResourceRequirements[]): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers: resources.map((r, i) => ({ name: `c${i}`, image: 'x', resources: r })) },
});

describe('qosClassOf', () => {
  it.each([
    ['no resources', pod({}), 'BestEffort'],
    ['zero requests', pod({ requests: { cpu: '0' } }), 'BestEffort'],
    ['requests only', pod({ requests: { cpu: '100m' } }), 'Burstable'],
    ['limits equal requests for cpu and memory', pod({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }), 'Guaranteed'],
    ['limits equal requests, spelled differently', pod({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1000m', memory: '1024Mi' } }), 'Guaranteed'],
    ['cpu limit only', pod({ limits: { cpu: '1' }, requests: { cpu: '1' } }), 'Burstable'],
    ['requests below limits', pod({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } }), 'Burstable'],
    ['one guaranteed and one best-effort container', pod({ limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '1', memory: '1Gi' } }, {}), 'Burstable'],
    ['other resources do not count', pod({ limits: { 'ephemeral-storage': '1Gi' } }), 'BestEffort'],
  ])('%s → %s', (_name, p, expected) => {
    expect(qosClassOf(p)).toBe(expected);
  });
});

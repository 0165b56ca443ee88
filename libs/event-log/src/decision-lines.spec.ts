import { describe, expect, it } from 'vitest';
import type { LogEntry } from './log-entry.js';
import { evictionDecisionAnnotation } from './eviction-decision.js';
import { rescaleDecisionAnnotation, rescaledTarget } from './rescale-decision.js';
import { decisionAnnotation, decisionLines } from './decision-lines.js';

const annotated = (key: string, reason: string) => (annotation: string): LogEntry => ({
  seq: 50, time: '2026-11-22T17:57:11.205Z', type: 'EventCreated', kind: 'Event', namespace: 'default', name: 'web-1.18ea', uid: 'e', actor: 'default-scheduler', cause: 43,
  object: { metadata: { annotations: { [key]: annotation } }, involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' }, reason },
});
const scheduled = annotated(decisionAnnotation, 'Scheduled');

describe('decisionLines', () => {
  it('spells out filtered nodes and top scores', () => {
    const d = { nodesEvaluated: 3, feasibleNodes: 1, filtered: { 'node-2': ['Insufficient cpu'] }, filteredNotShown: 1, topScores: [{ node: 'node-3', total: 700, scores: { NodeResourcesFit: 90 } }] };
    expect(decisionLines(scheduled(JSON.stringify(d)))).toEqual([
      'scheduler: 3 nodes evaluated, 1 feasible',
      '  filtered node-2: Insufficient cpu',
      '  … and 1 more nodes filtered',
      '  score node-3 700 (NodeResourcesFit 90)',
    ]);
  });

  it('shows an unreadable annotation as it is, and nothing without one', () => {
    expect(decisionLines(scheduled('not json'))).toEqual(['scheduler decision: not json']);
    expect(decisionLines({ ...scheduled('{}'), object: {} })).toEqual([]);
  });

  it('spells out an eviction: the signal against its threshold and the ranking, the first evicted', () => {
    const evicted = annotated(evictionDecisionAnnotation, 'Evicted');
    const d = {
      signal: 'memory.available', threshold: '100Mi', observed: '62Mi',
      ranked: [
        { pod: 'default/hog', qosClass: 'BestEffort', usage: '150Mi', request: '0', exceedsRequest: true, priority: 0 },
        { pod: 'default/web', qosClass: 'Guaranteed', usage: '60Mi', request: '64Mi', exceedsRequest: false, priority: 0 },
      ],
    };
    expect(decisionLines(evicted(JSON.stringify(d)))).toEqual([
      'eviction: memory.available 62Mi is below the hard threshold 100Mi; pods ranked by usage over requests, priority, then usage:',
      '  1. default/hog BestEffort, priority 0, uses 150Mi of no request, over its request — evicted',
      '  2. default/web Guaranteed, priority 0, uses 60Mi of 64Mi request',
    ]);
    expect(decisionLines(evicted('{'))).toEqual(['eviction decision: {']);
  });

  it('spells out a rescale: each metric against its target, and what limited it', () => {
    const rescaled = annotated(rescaleDecisionAnnotation, 'SuccessfulRescale');
    const d = {
      currentReplicas: 2, desiredReplicas: 4,
      metrics: [
        { metric: 'cpu', current: '82%', target: '50%', utilization: true, replicas: 4 },
        { metric: 'memory', current: '40Mi', target: '100Mi', utilization: false, replicas: 1 },
      ],
      limited: { reason: 'ScaleUpLimit', message: 'the desired replica count is increasing faster than the maximum scale rate' },
    };
    expect(decisionLines(rescaled(JSON.stringify(d)))).toEqual([
      'autoscaler: 2 → 4 replicas, the largest proposal of its metrics:',
      '  cpu 82% of requests > 50% target: 4 replicas',
      '  memory 40Mi < 100Mi target: 1 replicas',
      '  limited (ScaleUpLimit): the desired replica count is increasing faster than the maximum scale rate',
    ]);
  });

  it.each([
    {
      name: 'a container metric and an average value in other units than its target, stabilized',
      d: {
        currentReplicas: 6, desiredReplicas: 5, target: { kind: 'Deployment', name: 'web' }, reason: 'All metrics below target',
        metrics: [
          { metric: 'cpu', container: 'app', current: '20%', target: '50%', utilization: true, replicas: 3 },
          { metric: 'memory', current: '900Mi', target: '1Gi', utilization: false, replicas: 5 },
        ],
        stabilized: { reason: 'ScaleDownStabilized', message: 'recent recommendations were higher than current one, applying the highest recent recommendation' },
      },
      lines: [
        'autoscaler: Deployment web 6 → 5 replicas, the largest proposal of its metrics:',
        '  cpu (container app) 20% of requests < 50% target: 3 replicas',
        '  memory 900Mi < 1Gi target: 5 replicas',
        '  stabilized (ScaleDownStabilized): recent recommendations were higher than current one, applying the highest recent recommendation',
      ],
    },
    {
      name: 'back to minReplicas',
      d: { currentReplicas: 1, desiredReplicas: 2, target: { kind: 'Deployment', name: 'small' }, reason: 'Current number of replicas below Spec.MinReplicas', minReplicas: 2, maxReplicas: 5, metrics: [] },
      lines: ['autoscaler: Deployment small 1 → 2 replicas', '  1 replicas < minReplicas 2'],
    },
    {
      name: 'back to maxReplicas',
      d: { currentReplicas: 12, desiredReplicas: 10, target: { kind: 'Worker', name: 'pool' }, reason: 'Current number of replicas above Spec.MaxReplicas', minReplicas: 1, maxReplicas: 10, metrics: [] },
      lines: ['autoscaler: Worker pool 12 → 10 replicas', '  12 replicas > maxReplicas 10'],
    },
  ])('spells out a rescale: $name', ({ d, lines }) => {
    expect(decisionLines(annotated(rescaleDecisionAnnotation, 'SuccessfulRescale')(JSON.stringify(d)))).toEqual(lines);
  });

  it('names the workload a rescale scaled, for its story', () => {
    const rescaled = annotated(rescaleDecisionAnnotation, 'SuccessfulRescale');
    expect(rescaledTarget(rescaled(JSON.stringify({ target: { kind: 'Deployment', name: 'web' } })))).toEqual({ kind: 'Deployment', name: 'web' });
    expect(rescaledTarget(rescaled('{'))).toBeUndefined();
    expect(rescaledTarget(scheduled('{}'))).toBeUndefined();
  });
});

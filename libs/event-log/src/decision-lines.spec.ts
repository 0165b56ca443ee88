import { describe, expect, it } from 'vitest';
import type { LogEntry } from './log-entry.js';
import { evictionDecisionAnnotation } from './eviction-decision.js';
import { rescaleDecisionAnnotation } from './rescale-decision.js';
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
});

import { describe, expect, it } from 'vitest';
import type { LogEntry } from './log-entry.js';
import { decisionAnnotation, decisionLines } from './scheduler-decision.js';

const scheduled = (annotation: string): LogEntry => ({
  seq: 50, time: '2026-11-22T17:57:11.205Z', type: 'EventCreated', kind: 'Event', namespace: 'default', name: 'web-1.18ea', uid: 'e', actor: 'default-scheduler', cause: 43,
  object: { metadata: { annotations: { [decisionAnnotation]: annotation } }, involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' }, reason: 'Scheduled' },
});

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
});

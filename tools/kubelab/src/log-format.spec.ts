import { describe, expect, it } from 'vitest';
import type { LogEntry } from './log-client.js';
import { decisionAnnotation, decisionLines, entryRow, objectRef, painter, wantsColour } from './log-format.js';

const scheduled = (annotation: string): LogEntry => ({
  seq: 50, time: '2026-11-22T17:57:11.205Z', type: 'EventCreated', kind: 'Event', namespace: 'default', name: 'web-1.18ea', uid: 'e', actor: 'default-scheduler', cause: 43,
  object: { metadata: { annotations: { [decisionAnnotation]: annotation } }, involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' }, reason: 'Scheduled' },
});

describe('wantsColour', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: true }, { NO_COLOR: '' }, false],
    [{ isTTY: false }, {}, false],
    [{}, {}, false],
  ])('%j with %j → %s', (stream, env, expected) => {
    expect(wantsColour(stream, env)).toBe(expected);
  });
});

describe('rows', () => {
  it('names the object an Event is about, and colours only when asked', () => {
    const e = scheduled('{}');
    expect(objectRef(e)).toBe('Pod default/web-1');
    expect(entryRow(e, 'Scheduled: …', painter(false))).toBe(`${'50'.padEnd(7)}${'17:57:11.205'.padEnd(13)}${'default-scheduler'.padEnd(27)}${'EventCreated'.padEnd(26)}${'Pod default/web-1'.padEnd(44)}Scheduled: …`);
    expect(entryRow(e, 's', painter(true))).toContain('\u001b[36mdefault-scheduler');
  });
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

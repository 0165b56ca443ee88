import { describe, expect, it } from 'vitest';
import { summarize, type LogEntry } from '@kubelab/event-log';
import { entryRow, painter, wantsColour } from './log-format.js';

const scheduled: LogEntry = {
  seq: 50, time: '2026-11-22T17:57:11.205Z', type: 'EventCreated', kind: 'Event', namespace: 'default', name: 'web-1.18ea', uid: 'e', actor: 'default-scheduler', cause: 43,
  object: { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web-1' }, reason: 'Scheduled' },
};

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
    expect(entryRow(scheduled, 'Scheduled: …', painter(false))).toBe(`${'50'.padEnd(7)}${'17:57:11.205'.padEnd(13)}${'default-scheduler'.padEnd(27)}${'EventCreated'.padEnd(26)}${'Pod default/web-1'.padEnd(44)}Scheduled: …`);
    expect(entryRow(scheduled, 's', painter(true))).toContain('\u001b[36mdefault-scheduler');
  });

  it('shows a refusal as one row: who, what and why, in yellow when coloured', () => {
    const message = 'pods is forbidden: User "alice" cannot list resource "pods" in API group "" in the namespace "default"';
    const refused: LogEntry = {
      seq: 61, time: '2026-11-22T17:58:00.000Z', type: 'Refused', kind: 'Pod', namespace: 'default', name: '', uid: '', actor: 'user:kubectl get', cause: null,
      object: { user: { username: 'alice', groups: ['system:authenticated'] }, verb: 'list', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: '', code: 403, reason: 'Forbidden', message, dryRun: false, via: 'https', count: 1 },
    };
    expect(entryRow(refused, summarize(refused), painter(false))).toBe(
      `${'61'.padEnd(7)}${'17:58:00.000'.padEnd(13)}${'user:kubectl get'.padEnd(27)}${'Refused'.padEnd(26)}${'Pod default/*'.padEnd(44)}alice list pods (default): 403 Forbidden: ${message}`,
    );
    expect(entryRow(refused, 's', painter(true))).toContain('\u001b[33mRefused');
  });
});

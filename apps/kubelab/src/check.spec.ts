import { describe, expect, it } from 'vitest';
import { formatReport, reportFailed, skippedWithoutLab, watchOrderResult, type CheckReport } from './check.js';

const report = (results: CheckReport['results']): CheckReport => ({ seqsChecked: 120, lastSeq: 140, results });
const pass = { id: 'single-binding', title: 'no pod was bound twice or moved to another node', pass: true, checked: 8, failures: [] };

describe('formatReport', () => {
  it('prints PASS, FAIL with one indented line per failure, SKIP, and a summary', () => {
    const lines = formatReport(report([
      pass,
      {
        id: 'exactly-once', title: 'every seq once', pass: false, checked: 120,
        failures: [{ message: 'the log jumps from seq 12 to 40', seqs: [12, 40] }, { message: '… and 3 more', seqs: [] }],
      },
      skippedWithoutLab('watch-order'),
    ]));
    expect(lines).toEqual([
      'PASS  single-binding  no pod was bound twice or moved to another node: 8 checked',
      'FAIL  exactly-once  every seq once: 120 checked',
      '      seqs 12, 40: the log jumps from seq 12 to 40',
      '      … and 3 more',
      'SKIP  watch-order  every watch got its events in seq order: no lab is running: it needs the live api-server',
      'FAIL: 120 entries checked up to seq 140; 1 passed, 1 failed, 1 skipped',
    ]);
  });

  it('fails the run only on a FAIL, never on a SKIP', () => {
    expect(reportFailed(report([pass, skippedWithoutLab('replay-equals-live')]))).toBe(false);
    expect(reportFailed(report([{ ...pass, pass: false }]))).toBe(true);
  });
});

describe('watchOrderResult', () => {
  it('is a SKIP when the api-server does not record deliveries (404)', () => {
    expect(watchOrderResult(404)).toMatchObject({ id: 'watch-order', skipped: 'start the api-server with --record-watch-deliveries' });
  });

  it('passes when every watch got its events in order', () => {
    expect(watchOrderResult(200, { watches: 3, delivered: 250, outOfOrder: [] })).toMatchObject({ pass: true, checked: 250, failures: [] });
  });

  it('fails naming the seqs sent out of order', () => {
    const result = watchOrderResult(200, { watches: 3, delivered: 250, outOfOrder: [{ watch: 2, path: '/api/v1/pods', previous: 90, sent: 88 }, { watch: 3, path: '/api/v1/nodes', previous: 12, sent: 7 }] });
    expect(result.pass).toBe(false);
    expect(result.failures).toEqual([
      { message: 'watch 2 (/api/v1/pods) was sent seq 88 after seq 90', seqs: [88] },
      { message: 'watch 3 (/api/v1/nodes) was sent seq 7 after seq 12', seqs: [7] },
    ]);
  });

  it('fails on any other answer', () => {
    expect(watchOrderResult(500)).toMatchObject({ pass: false, failures: [{ message: 'GET /kubelab/v1/watch-deliveries: the api-server answered 500', seqs: [] }] });
  });
});

import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { StaticPodLog } from '@kubelab/bus';
import { completeLines, StaticPodLogRelay } from './static-pod-log-relay.js';

const time = Date.parse('2026-11-25T09:10:11.123Z');
const pino = (level: number, msg: string, fields: Record<string, unknown> = {}) => `${JSON.stringify({ level, time, pid: 7, name: 'scheduler', msg, ...fields })}\n`;

describe('the control-plane processes\' own log, relayed to their static pods', () => {
  let dir: string;
  let file: string;
  let taken: StaticPodLog[];
  let running: boolean;
  let relay: StaticPodLogRelay;
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };

  beforeEach(() => {
    vi.useFakeTimers();
    dir = mkdtempSync(join(tmpdir(), 'relay-'));
    file = join(dir, 'scheduler.log');
    writeFileSync(file, pino(40, 'from the run before'));
    taken = [];
    running = false;
    relay = new StaticPodLogRelay(async (log) => {
      if (running) taken.push(log);
      return running;
    });
  });

  afterEach(() => {
    relay.stop();
    vi.useRealTimers();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers what the run wrote until its container runs, in klog words, and then what it writes next', async () => {
    relay.follow('kube-scheduler', file, pino(40, 'from the run before').length);
    appendFileSync(file, pino(40, 'binding failed; retrying after back-off', { pod: 'default/web', err: 'Conflict' }) + 'not json\n');
    relay.say('kube-scheduler', (at) => `${at.toISOString()} acquired`);
    await settle();
    expect(taken).toEqual([]);
    running = true;
    vi.setSystemTime(time + 60_000);
    await vi.advanceTimersByTimeAsync(500);
    expect(taken).toEqual([{ container: 'kube-scheduler', lines: [
      'W1125 09:10:11.123000       1 schedule_one.go:1057] "Error scheduling pod; retrying" err="Conflict" pod="default/web"',
      '2026-11-25T09:11:11.623Z acquired',
    ] }]);
    appendFileSync(file, pino(50, 'half'));
    await vi.advanceTimersByTimeAsync(500);
    expect(taken.map((t) => t.lines)).toEqual([expect.any(Array), ['E1125 09:10:11.123000       1 kubelab.go:1] "half"']]);
  });

  it('keeps a line that has no newline yet for the next read', () => {
    expect(completeLines('', 'a\nb')).toEqual({ lines: ['a'], rest: 'b' });
    expect(completeLines('b', 'c\n')).toEqual({ lines: ['bc'], rest: '' });
  });

  it('offers a process\'s last lines when it ends, and nothing after', async () => {
    running = true;
    relay.follow('kube-scheduler', file, 0);
    appendFileSync(file, pino(40, 'last words'));
    relay.unfollow('kube-scheduler');
    await settle();
    expect(taken.flatMap((t) => t.lines)).toEqual([
      'W1125 09:10:11.123000       1 kubelab.go:1] "from the run before"', 'W1125 09:10:11.123000       1 kubelab.go:1] "last words"',
    ]);
    appendFileSync(file, pino(40, 'never read'));
    await vi.advanceTimersByTimeAsync(1000);
    expect(taken).toHaveLength(1);
  });
});

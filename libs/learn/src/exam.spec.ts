import { describe, expect, it } from 'vitest';
import { drawTasks, scoreExam, timeLeft } from './exam.js';
import type { ExamSet } from './scenario.js';

const pack = (['a', 'b', 'c', 'd', 'e', 'f'] as const).map((name, i) => ({ name, exams: (i % 2 === 0 ? ['cka', 'ckad'] : ['ckad']) as ExamSet[] }));

describe('an exam\'s tasks', () => {
  it('are the set\'s scenarios, all of them by default, in an order the seed draws: the same seed, the same exam', () => {
    expect(drawTasks(pack, 'cka', 7).sort()).toEqual(['a', 'c', 'e']);
    expect(drawTasks(pack, 'ckad', 7)).toEqual(drawTasks(pack, 'ckad', 7));
    expect(drawTasks(pack, 'ckad', 7).sort()).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    const orders = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => drawTasks(pack, 'ckad', seed).join()));
    expect(orders.size).toBeGreaterThan(4);
    expect(drawTasks(pack, 'ckad', 7, 2)).toEqual(drawTasks(pack, 'ckad', 7).slice(0, 2));
  });
});

describe('an exam\'s score', () => {
  const ok = (id: string) => ({ id, ok: true, message: id });
  const no = (id: string) => ({ id, ok: false, message: id });

  it('weighs every task the same and every check of a task the same share', () => {
    const { score, tasks } = scoreExam([{ name: 'a', checks: [ok('1'), ok('2')] }, { name: 'b', checks: [ok('1'), no('2')] }, { name: 'c', checks: [no('1'), no('2'), no('3'), no('4')] }]);
    expect(score).toBe(50);
    expect(tasks.map((t) => `${t.name} ${t.passed}/${t.total}`)).toEqual(['a 2/2', 'b 1/2', 'c 0/4']);
    expect(scoreExam([{ name: 'a', checks: [ok('1'), no('2'), no('3')] }]).score).toBe(33.3);
  });
});

describe('the time left', () => {
  const ends = '2026-11-25T12:00:00Z';
  it.each([['2026-11-25T10:00:00Z', '2h 00m 00s'], ['2026-11-25T10:54:51Z', '1h 05m 09s'], ['2026-11-25T11:59:01Z', '0m 59s'], ['2026-11-25T11:51:30Z', '8m 30s']])('at %s is %s', (now, left) => {
    expect(timeLeft(ends, new Date(now))).toBe(left);
  });

  it('is none once the exam ends', () => {
    expect(timeLeft(ends, new Date(ends))).toBeUndefined();
  });
});

/**
 * A timed practice exam made of scenarios (`kubelab exam`): a set's tasks drawn from a seed (the same seed, the same
 * exam), the time it ends at, and the score once it is finished: each task counts the same, and within a task each
 * check counts the same, as partial credit does. Kept in the lab's data dir as exam.json, so a lab restarted mid-exam
 * keeps its time and its tasks. Pure but for the file.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '@kubelab/scheduling';
import type { CheckResult } from './checks.js';
import type { ExamSet, Scenario } from './scenario.js';

export interface TaskScore {
  name: string;
  passed: number;
  total: number;
  checks: CheckResult[];
}

export interface ExamState {
  set: ExamSet;
  seed: number;
  minutes: number;
  startedAt: string;
  endsAt: string;
  /** The tasks in the order the exam asks them: scenario names. */
  tasks: string[];
  /** The event log's seq once the tasks were set up: the learner's path is what came after. */
  startSeq: number;
  finished?: { at: string; score: number; tasks: TaskScore[] };
}

/** `count` tasks (all, when not given) of the set's scenarios, in an order drawn from `seed`. */
export function drawTasks(scenarios: readonly Pick<Scenario, 'name' | 'exams'>[], set: ExamSet, seed: number, count?: number): string[] {
  const pool = scenarios.filter((s) => s.exams.includes(set)).map((s) => s.name).sort();
  const random = seededRandom(seed);
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, count ?? pool.length);
}

/** Each task's share of its checks, and the whole as a percentage (one decimal), every task weighing the same. */
export function scoreExam(results: readonly { name: string; checks: CheckResult[] }[]): { score: number; tasks: TaskScore[] } {
  const tasks = results.map((r) => ({ name: r.name, passed: r.checks.filter((c) => c.ok).length, total: r.checks.length, checks: r.checks }));
  const sum = tasks.reduce((a, t) => a + (t.total === 0 ? 0 : t.passed / t.total), 0);
  return { score: tasks.length === 0 ? 0 : Math.round((sum / tasks.length) * 1000) / 10, tasks };
}

/** The time left as the exam's clock shows it (`1h 05m 09s`), or undefined once it is up. */
export function timeLeft(endsAt: string, now: Date): string | undefined {
  const seconds = Math.floor((Date.parse(endsAt) - now.getTime()) / 1000);
  if (seconds <= 0) return undefined;
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h > 0 ? `${h}h ` : ''}${String(m).padStart(h > 0 ? 2 : 1, '0')}m ${String(s).padStart(2, '0')}s`;
}

/** exam.json in the data dir. */
export const examFile = (at: { dataDir: string }) => join(at.dataDir, 'exam.json');

/** The exam of the data dir; none yet is undefined. */
export function readExam(at: { dataDir: string }): ExamState | undefined {
  if (!existsSync(examFile(at))) return undefined;
  try {
    return JSON.parse(readFileSync(examFile(at), 'utf8')) as ExamState;
  } catch {
    return undefined;
  }
}

/** Writes the exam whole (by rename: a reader never sees half a file). */
export function writeExam(at: { dataDir: string }, exam: ExamState): void {
  const file = examFile(at);
  writeFileSync(`${file}.new`, `${JSON.stringify(exam, null, 2)}\n`);
  renameSync(`${file}.new`, file);
}

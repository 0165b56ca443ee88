/**
 * `kubelab exam`: a timed practice exam on the running lab, its tasks the set's `kubelab learn` scenarios drawn from a
 * seed, each in its own namespace. `start` sets every task up and says when the exam ends; `status` lists the tasks and
 * the time left; `finish` checks each task as `kubelab learn check` does and scores it (each task the same weight, each
 * of its checks the same share); `review` walks a finished exam: each task's checks, what it was about, and the path the
 * learner took (their own entries of the event log in its namespace, replayable with `kubelab events`). The exam is kept in
 * DIR/exam.json, so a restarted lab keeps its time and tasks.
 */
import { currentSeq, drawTasks, readExam, scoreExam, timeLeft, writeExam, type CheckResult, type ExamSet, type Lang, type TaskScore } from '@kubelab/learn';
import { allScenarios, LearnError, runLearnCommand, type LearnLab } from '../learn/learn-cli.js';

export interface ExamOptions {
  set: ExamSet;
  minutes: number;
  seed: number;
  tasks?: number;
}

const setTitle: Record<ExamSet, string> = { cka: 'CKA', ckad: 'CKAD' };

/** Each task's checks now, as `kubelab learn status NAME -o json` reads them. */
async function checksOf(lab: LearnLab, name: string, lang: Lang): Promise<CheckResult[]> {
  const lines: string[] = [];
  await runLearnCommand(lab, 'status', name, lang, (line) => lines.push(line), true);
  return (JSON.parse(lines.join('\n')) as { checks: CheckResult[] }).checks;
}

const taskLine = (t: TaskScore, i: number) => `Task ${i + 1} ${t.name}: ${t.passed}/${t.total} ${t.passed === t.total ? '✓' : '✗'}`;

interface LearnerEntry {
  seq: number;
  time: string;
  actor: string;
  type: string;
  kind: string;
  name: string;
}

/** The learner's own entries in a task's namespace since the exam started: the path they took. */
async function learnerEntries(lab: LearnLab, namespace: string, since: number): Promise<LearnerEntry[]> {
  const res = await fetch(`${lab.apiUrl}/kubelab/v1/events?namespace=${namespace}&since=${since}`);
  if (!res.ok) return [];
  const entries = (await res.text()).trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as LearnerEntry);
  return entries.filter((e) => e.actor.startsWith('user:'));
}

const pathLine = (e: LearnerEntry) => `    ${String(e.seq).padEnd(7)} ${e.time.slice(11, 19)}  ${e.actor.padEnd(26)} ${e.type} ${e.kind}/${e.name}`;

/** The check a task fails when the learner changed it after the time was up: in the exam, that work would not count. */
function inTime(late: number, endsAt: string, lang: Lang): CheckResult {
  const at = endsAt.slice(11, 16);
  return {
    id: 'in-time', ok: false,
    message: lang === 'ko' ? `시간이 끝난 ${at} UTC 뒤에 ${late}번 바꿨습니다: 시험에서는 그 작업이 점수가 되지 않습니다`
      : `changed ${late} time${late === 1 ? '' : 's'} after the time was up at ${at} UTC: in the exam, that work would not count`,
  };
}

/** Runs one `kubelab exam` command; returns the exit code, writing to `out`. */
export async function runExamCommand(lab: LearnLab, command: string, options: ExamOptions, lang: Lang, out: (line: string) => void, now = () => new Date()): Promise<number> {
  const exam = readExam(lab);
  const scenarios = new Map(allScenarios(lab.scenariosDir).map((s) => [s.name, s]));
  switch (command) {
    case 'start': {
      const left = exam && timeLeft(exam.endsAt, now());
      if (exam && !exam.finished) throw new LearnError(`an exam is under way (${exam.tasks.length} tasks, ${left ? `${left} left` : 'its time is up'}): kubelab exam finish scores it first`);
      const tasks = drawTasks([...scenarios.values()], options.set, options.seed, options.tasks);
      if (tasks.length === 0) throw new LearnError(`no scenario is a task of the ${options.set} set`);
      for (const name of tasks) await runLearnCommand(lab, 'start', name, lang, () => undefined);
      // The learner's path begins where the tasks' set-up ends.
      const startSeq = await currentSeq(lab.apiUrl, (url) => fetch(url));
      const startedAt = now();
      const endsAt = new Date(startedAt.getTime() + options.minutes * 60_000);
      writeExam(lab, { set: options.set, seed: options.seed, minutes: options.minutes, startedAt: startedAt.toISOString(), endsAt: endsAt.toISOString(), tasks, startSeq });
      out(`${setTitle[options.set]} practice exam: ${tasks.length} tasks, ${options.minutes} minutes (seed ${options.seed}); it ends at ${endsAt.toISOString().slice(11, 16)} UTC.`);
      out('kubelab exam status shows the tasks and the time left; kubelab exam finish scores them.');
      tasks.forEach((name, i) => {
        const s = scenarios.get(name)!;
        out('');
        out(`Task ${i + 1} (namespace ${s.namespace}): ${s.title[lang]}`);
        out(s.goal[lang]);
      });
      return 0;
    }
    case 'status': {
      if (!exam) throw new LearnError('no exam: start one with kubelab exam start [--set cka|ckad]');
      const left = timeLeft(exam.endsAt, now());
      out(`${setTitle[exam.set]} practice exam (seed ${exam.seed}): ${exam.finished ? `finished, ${exam.finished.score}%` : left ? `${left} left` : 'the time is up: kubelab exam finish scores it'}`);
      exam.tasks.forEach((name, i) => out(`  Task ${i + 1}  ${scenarios.get(name)?.namespace.padEnd(28) ?? name}  ${scenarios.get(name)?.title[lang] ?? ''}`));
      return 0;
    }
    case 'finish': {
      if (!exam) throw new LearnError('no exam: start one with kubelab exam start [--set cka|ckad]');
      if (exam.finished) throw new LearnError(`this exam was finished at ${exam.finished.at} (${exam.finished.score}%): kubelab exam review walks it, kubelab exam start begins another`);
      const at = now();
      const endsAt = Date.parse(exam.endsAt);
      const results = [];
      for (const name of exam.tasks) {
        const checks = await checksOf(lab, name, lang);
        const namespace = scenarios.get(name)?.namespace;
        const late = at.getTime() > endsAt && namespace ? (await learnerEntries(lab, namespace, exam.startSeq)).filter((e) => Date.parse(e.time) > endsAt).length : 0;
        results.push({ name, checks: late > 0 ? [...checks, inTime(late, exam.endsAt, lang)] : checks });
      }
      const { score, tasks } = scoreExam(results);
      writeExam(lab, { ...exam, finished: { at: at.toISOString(), score, tasks } });
      const over = Math.floor((at.getTime() - endsAt) / 60_000);
      if (over > 0) out(`Finished ${over} minute${over === 1 ? '' : 's'} after the time was up: a task you changed since is not whole, as that work would not count in the exam.`);
      tasks.forEach((t, i) => {
        out(taskLine(t, i));
        for (const c of t.checks) out(`  ${c.ok ? '✓' : '✗'} ${c.message}`);
      });
      out('');
      out(`Score: ${score}% (${tasks.filter((t) => t.passed === t.total).length} of ${tasks.length} tasks whole). kubelab exam review walks each task.`);
      return 0;
    }
    case 'review': {
      if (!exam?.finished) throw new LearnError(exam ? 'the exam is not finished: kubelab exam finish scores it first' : 'no exam: start one with kubelab exam start [--set cka|ckad]');
      out(`${setTitle[exam.set]} practice exam (seed ${exam.seed}), finished at ${exam.finished.at}: ${exam.finished.score}%`);
      for (const [i, t] of exam.finished.tasks.entries()) {
        const s = scenarios.get(t.name);
        out('');
        out(`${taskLine(t, i)}  ${s?.title[lang] ?? ''}`);
        for (const c of t.checks) out(`  ${c.ok ? '✓' : '✗'} ${c.message}`);
        if (s) out(s.explanation[lang].split('\n').map((l) => `  ${l}`).join('\n'));
        const path = s ? (await learnerEntries(lab, s.namespace, exam.startSeq)).map(pathLine) : [];
        out(path.length ? '  your path (kubelab events --namespace … shows it whole):' : '  your path: nothing you did is in its namespace\'s log');
        for (const line of path) out(line);
      }
      return 0;
    }
    default:
      throw new LearnError(`unknown exam command "${command}"; one of start, status, finish, review`);
  }
}

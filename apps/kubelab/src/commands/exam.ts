/** `kubelab exam`: a timed practice exam of `kubelab learn` scenarios, scored from the cluster and its event log (its work: exam/exam-cli.ts). */
import { examSets, type ExamSet } from '@kubelab/learn';
import { Command, Option } from 'commander';
import { dataDirOption, kubeconfigOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { runExamCommand } from '../exam/exam-cli.js';
import { langOf } from '../learn/learn-cli.js';
import { asUsageError, learnLabOf, type LearnOptions } from './learn.js';

/** `kubelab exam start`'s options besides the lab's and the language. */
export interface ExamFlags extends LearnOptions {
  set?: string;
  minutes?: string;
  seed?: string;
  tasks?: string;
}

const whole = (value: string | undefined, flag: string, fallback: number, least: number) => {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < least) throw new UsageError(`${flag} takes a whole number of at least ${least}, got "${value}"`);
  return n;
};

/** `kubelab exam` and its commands on the command line. */
export function command(work: typeof run, done: Done): Command {
  const exam = new Command('exam')
    .summary('a timed practice exam, scored from the cluster and its event log')
    .description('a timed practice exam (CKA or CKAD): its tasks are learn scenarios drawn from a seed, each in its own namespace '
      + '(learn-NAME); finish scores each task from the cluster and the event log, review walks them with the path you took; '
      + 'the exam is kept in DIR/exam.json, so a restarted lab keeps its time');
  const examCommand = (name: string, summary: string) => {
    const c = exam.command(name).summary(summary).description(summary)
      .option('--lang <en|ko>', 'the language of every text (default: KUBELAB_LANG, else en)')
      .addOption(dataDirOption())
      .addOption(kubeconfigOption());
    if (name === 'start') {
      c.addOption(new Option('--set <set>', 'which exam').choices([...examSets]).default('cka'))
        .option('--minutes <N>', 'how long it lasts (default: 120)')
        .option('--seed <N>', 'draws the tasks and their order: the same seed, the same exam (default: a random one)')
        .option('--tasks <N>', 'how many tasks (default: every task of the set)');
    }
    return c.action(async (options: ExamFlags) => done(await work(name, options)));
  };
  examCommand('start', 'start an exam: its tasks set up, each in its namespace, and the time it ends at');
  examCommand('status', 'the tasks and the time left');
  examCommand('finish', 'score every task and the whole exam');
  examCommand('review', 'walk a finished exam: each task\'s checks, what it was about, and the path you took');
  return exam;
}

/** Runs `kubelab exam COMMAND` on the lab of --kubeconfig (the compose lab) or --data-dir. */
export async function run(subcommand: string, values: ExamFlags): Promise<number> {
  try {
    const lang = langOf(values.lang, process.env);
    const options = {
      set: (values.set ?? 'cka') as ExamSet, minutes: whole(values.minutes, '--minutes', 120, 1),
      seed: whole(values.seed, '--seed', Math.floor(Math.random() * 1_000_000), 0), tasks: values.tasks === undefined ? undefined : whole(values.tasks, '--tasks', 1, 1),
    };
    return await runExamCommand(learnLabOf(values), subcommand, options, lang, (line) => process.stdout.write(`${line}\n`));
  } catch (e) {
    throw asUsageError(e);
  }
}

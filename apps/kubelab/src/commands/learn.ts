/** `kubelab learn`: guided scenarios, each in its own namespace, checked against the cluster and its event log (their work: learn/learn-cli.ts). */
import { execFile } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ScenarioError } from '@kubelab/learn';
import { Command } from 'commander';
import { composeTimeScale, kubeconfigApi, kubelabBin, root, runningLab } from '../cli/lab.js';
import { dataDirOf, dataDirOption, kubeconfigOption, type Done, type LabApiOptions } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { langOf, LearnError, runLearnCommand, withLabFlags, type LearnLab } from '../learn/learn-cli.js';

/** `kubelab learn`'s options: the language, and -o json for status and check. */
export interface LearnOptions extends LabApiOptions {
  lang?: string;
  output?: string;
}

/** `kubelab learn` and its commands on the command line; `work` gets the command's name, the scenario named and the options. */
export function command(work: typeof run, done: Done): Command {
  const learn = new Command('learn')
    .summary('guided scenarios, checked against the cluster and its event log')
    .description('guided scenarios from the pod lifecycle, each in its own namespace (learn-NAME): start one, work with kubectl, '
      + 'and check: it reads the namespace\'s objects and its event log since the start, says what is not yet right, and exits 0 '
      + 'only when the goal holds, with what happened; progress is kept in DIR/learn.json');
  const learnCommand = (name: string, summary: string, argument?: string) => {
    const c = learn.command(name).summary(summary).description(summary)
      .option('--lang <en|ko>', 'the language of every text (default: KUBELAB_LANG, else en)')
      .addOption(dataDirOption())
      .addOption(kubeconfigOption());
    if (name === 'status' || name === 'check') c.option('-o, --output <json>', 'one JSON object: the scenario, passed, and each check');
    if (argument) c.argument(argument);
    return c.action(async (scenario: string | LearnOptions, options?: LearnOptions) =>
      done(await work(name, typeof scenario === 'string' ? scenario : undefined, (typeof scenario === 'string' || scenario === undefined ? options : scenario) ?? {})));
  };
  learnCommand('list', 'the scenarios and how far you are with each');
  learnCommand('start', 'start a scenario: its namespace, its objects and its goal', '<NAME>');
  learnCommand('status', 'the checks of the scenario in progress (or NAME), without marking it done', '[NAME]');
  learnCommand('check', 'check the scenario in progress (or NAME); exit 0 only when its goal holds', '[NAME]');
  learnCommand('hint', 'the next hint of the scenario in progress', '[NAME]');
  learnCommand('solve', 'apply the reference solution of the scenario in progress', '[NAME]');
  learnCommand('reset', 'delete the scenario\'s namespace and everything in it, nothing else', '[NAME]');
  return learn;
}

/**
 * The lab `kubelab learn` and `kubelab exam` work on: the one of --kubeconfig (the compose lab) or --data-dir, its scenarios,
 * and how a scenario's kubelab step reaches the same lab. `listing` (learn list) reads no lab.
 */
export function learnLabOf(values: LabApiOptions, listing = false): LearnLab {
  const dataDir = dataDirOf(values.dataDir);
  const lab = listing ? { apiUrl: '', timeScale: 1, kubeconfig: '' }
    : values.kubeconfig !== undefined ? { apiUrl: kubeconfigApi(values.kubeconfig), timeScale: composeTimeScale(), kubeconfig: resolve(values.kubeconfig) }
    : runningLab(values.dataDir);
  // A scenario's chaos drill goes to the same lab: the one of the data dir, or the compose lab of the kubeconfig.
  const labFlags = values.kubeconfig !== undefined ? ['--kubeconfig', resolve(values.kubeconfig)] : ['--data-dir', dataDir];
  const kubelab = (args: string[]) => new Promise<void>((done, fail) => {
    execFile(process.execPath, [kubelabBin, ...withLabFlags(args, labFlags)], { timeout: 120_000 }, (error, _stdout, stderr) =>
      (error ? fail(new LearnError(`kubelab ${args.join(' ')}: ${stderr.trim() || error.message}`)) : done()));
  });
  return { apiUrl: lab.apiUrl, timeScale: lab.timeScale, kubeconfig: lab.kubeconfig, kubelab, dataDir, scenariosDir: join(root, 'libs/learn/scenarios') };
}

/** A scenario's or a lab's refusal as the CLI says it (`kubelab: …`, exit 2); anything else as it is. */
export function asUsageError(e: unknown): unknown {
  return e instanceof LearnError || e instanceof ScenarioError ? new UsageError(e.message) : e;
}

/** Runs `kubelab learn COMMAND [NAME]` on the lab of --kubeconfig (the compose lab) or --data-dir. */
export async function run(subcommand: string, name: string | undefined, values: LearnOptions): Promise<number> {
  if (values.output !== undefined && values.output !== 'json') throw new UsageError(`-o takes json, got "${values.output}"`);
  try {
    const lang = langOf(values.lang, process.env);
    return await runLearnCommand(learnLabOf(values, subcommand === 'list'), subcommand, name, lang, (line) => process.stdout.write(`${line}\n`), values.output === 'json');
  } catch (e) {
    throw asUsageError(e);
  }
}

/** `kubelab deschedule`: evicts pods so the scheduler can place them better, as the descheduler does. */
import type { DescheduleStrategy } from '@kubelab/scheduling';
import { Command } from 'commander';
import { runningLab } from '../cli/lab.js';
import { dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { deschedule, descheduleStrategies } from '../deschedule.js';

/** `kubelab deschedule`'s options: which strategies, and whether to act or only print the plan. */
export interface DescheduleOptions extends DataDirOption {
  dryRun?: boolean;
  strategies?: string;
}

/** `kubelab deschedule` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('deschedule')
    .summary('evict pods so the scheduler can place them better')
    .description('evicts pods so the scheduler can place them better; --dry-run prints the plan only')
    .option('--dry-run', 'print the plan only')
    .option('--strategies <S,…>', `the strategies (default: ${descheduleStrategies.join(',')})`)
    .addOption(dataDirOption())
    .action(async (options: DescheduleOptions) => done(await work(options)));
}

/** Evicts the pods the strategies pick (or, with --dry-run, prints the plan) on the running lab. */
export async function run(values: DescheduleOptions): Promise<number> {
  const strategies = values.strategies ? values.strategies.split(',').map((s) => s.trim()) : [...descheduleStrategies];
  const unknown = strategies.filter((s) => !(descheduleStrategies as readonly string[]).includes(s));
  if (unknown.length) throw new UsageError(`unknown strategy(ies): ${unknown.join(', ')}; known: ${descheduleStrategies.join(', ')}`);
  const state = runningLab(values.dataDir);
  const lines = await deschedule(state.apiUrl, strategies as DescheduleStrategy[], values.dryRun ?? false);
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

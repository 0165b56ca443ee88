/** `kubelab events`: the event log, one line per change, filtered, and followed with --follow. */
import { Command } from 'commander';
import { labApi } from '../cli/lab.js';
import { logFilters, logParams, outputFormat, outputOption, type LogFilterOptions } from '../cli/log-options.js';
import type { Done } from '../cli/options.js';
import { showEvents } from '../events.js';
import { painter, wantsColour } from '../log-format.js';
import { showUnrecordedRefusals } from '../unrecorded-refusals.js';
import { UsageError } from '../cli/usage-error.js';

/** `kubelab events`' options: the filters, --follow, --refusals and -o. */
export interface EventsOptions extends LogFilterOptions {
  follow?: boolean;
  refusals?: boolean;
  output?: string;
}

/** `kubelab events` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return logFilters(
    new Command('events')
      .summary('the event log, one line per change')
      .description(`one line per change: seq, time, actor, type, object and what changed;
--actor user matches every user, --actor kubelet every node's kubelet`)
      .option('--follow', 'keep printing new changes')
      .option('--refusals', 'instead of the log: the newest refused requests it does not record (unauthenticated callers, users over their rate)')
      .addOption(outputOption()),
  ).action(async (options: EventsOptions) => done(await work(options)));
}

/** Prints the log's entries that pass the filters; with --follow, new ones as they come, until Ctrl-C. */
export async function run(values: EventsOptions): Promise<number> {
  const format = outputFormat(values.output);
  if (values.refusals && values.follow) throw new UsageError('--refusals shows what the api-server remembers now; it cannot be followed');
  const apiUrl = labApi(values);
  if (values.refusals) {
    await showUnrecordedRefusals(apiUrl, format, painter(wantsColour(process.stdout, process.env)), (text) => process.stdout.write(text));
    return 0;
  }
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());
  const options = { params: logParams(values), follow: values.follow ?? false, format, colour: wantsColour(process.stdout, process.env) };
  await showEvents(apiUrl, options, (text) => process.stdout.write(text), stop.signal);
  return 0;
}

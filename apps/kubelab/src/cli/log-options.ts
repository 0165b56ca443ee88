/**
 * The event log commands' shared options (events, export: the filters; events, replay: -o) and
 * how their values are read: a point of the log, an output format, the API's query.
 */
import { typeNamed } from '@kubelab/api';
import { Option, type Command } from 'commander';
import { parseLogPoint, type LogPoint } from '../log-range.js';
import { outputFormats, type OutputFormat } from '../log-format.js';
import { dataDirOption, kubeconfigOption, type LabApiOptions } from './options.js';
import { UsageError } from './usage-error.js';

/** The filters of `kubelab events` and `kubelab export`. */
export interface LogFilterOptions extends LabApiOptions {
  since?: string;
  kind?: string;
  namespace?: string;
  name?: string;
  type?: string;
  actor?: string;
}

/** -o for the commands that print the log or the cluster as a table, JSON or YAML. */
export const outputOption = () => new Option('-o, --output <FORMAT>', `${outputFormats.join('|')} (default: table)`);

/** Adds the filter options, --data-dir and --kubeconfig, in the order their help lists them. */
export const logFilters = (cmd: Command) =>
  cmd
    .addOption(new Option('--since <SEQ|DURATION|TIME>', 'from this point of the log: a seq, a duration ago (30s, 5m, 1h30m) or an RFC 3339 time'))
    .option('--kind <K>', 'only objects of this kind (pod, deployment, …)')
    .option('--namespace <NS>', 'only objects in this namespace')
    .option('--name <N>', 'only objects with this name')
    .option('--type <T[,T…]>', 'only entries of these types')
    .option('--actor <A>', 'only changes by this actor (user: every user, kubelet: every node\'s kubelet)')
    .addOption(dataDirOption())
    .addOption(kubeconfigOption());

/** The point of the log a --since or --at names; a UsageError that shows the forms it takes. */
export function logPoint(value: string, flag: string): LogPoint {
  const point = parseLogPoint(value, new Date());
  if (!point) throw new UsageError(`--${flag} takes a seq (1200), a duration ago (30s, 5m, 1h30m) or an RFC 3339 time, got "${value}"`);
  return point;
}

/** The format -o names; a table when none is given. */
export function outputFormat(value: string | undefined): OutputFormat {
  if (value === undefined) return 'table';
  if (!(outputFormats as readonly string[]).includes(value)) throw new UsageError(`-o must be one of ${outputFormats.join(', ')}, got "${value}"`);
  return value as OutputFormat;
}

/** The query of GET /kubelab/v1/events from the filter flags. */
export function logParams(values: LogFilterOptions): Record<string, string | undefined> {
  const since = values.since === undefined ? undefined : logPoint(values.since, 'since');
  const kind = values.kind === undefined ? undefined : typeNamed(values.kind)?.kind ?? values.kind;
  return {
    since: since && 'seq' in since ? String(since.seq) : undefined, sinceTime: since && 'time' in since ? since.time : undefined,
    kind, namespace: values.namespace, name: values.name, type: values.type, actor: values.actor,
  };
}

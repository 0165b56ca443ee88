/** Scheduler settings from flags (and KUBELAB_* environment variables, for compose). */
import { componentFlagsUsage, parseComponentFlags, type ComponentFlags } from '@kubelab/bus';

export interface SchedulerConfig extends ComponentFlags {
  /** Pods whose spec.schedulerName is this are ours (default-scheduler). */
  schedulerName: string;
  /** Binds in flight at once: decisions stay sequential, the api-server round trips overlap. */
  parallelBinds: number;
}

const usage = `usage: scheduler ${componentFlagsUsage}\n  [--scheduler-name default-scheduler] [--parallel-binds 64]`;

/** Parses argv; throws an Error whose message says what to fix. */
export function parseSchedulerConfig(argv: string[], env: NodeJS.ProcessEnv = process.env): SchedulerConfig {
  const { flags, values } = parseComponentFlags(argv, { 'scheduler-name': { type: 'string' }, 'parallel-binds': { type: 'string' } }, usage, env);
  const parallelBinds = Number(values['parallel-binds'] ?? 64);
  if (!Number.isInteger(parallelBinds) || parallelBinds < 1) throw new Error(`--parallel-binds must be a whole number ≥ 1, got "${values['parallel-binds']}"`);
  return { ...flags, schedulerName: values['scheduler-name'] ?? 'default-scheduler', parallelBinds };
}

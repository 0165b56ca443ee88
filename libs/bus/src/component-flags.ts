/**
 * The flags every control-plane component shares (scheduler, controller-manager):
 * where NATS is, the lab's time scale, log level, and leader election, read the same
 * way everywhere, with KUBELAB_* environment variables for the compose file.
 */
import { hostname } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { defaultLeaderElectionTimings } from './leader-election.js';
import { natsServers } from './nats-servers.js';

export interface ComponentFlags {
  /** One NATS server, or the members of a NATS cluster comma-separated (nats-servers.ts). */
  natsUrl: string;
  /** The nkey seed file this process signs in to NATS with (bus-identity.ts); none for an open nats-server. */
  natsNkey?: string;
  timeScale: number;
  logLevel: string;
  leaderElect: boolean;
  /** Unique among replicas of the component: host name and pid by default. */
  identity: string;
  leaseDurationSeconds: number;
  renewDeadlineSeconds: number;
  retryPeriodSeconds: number;
}

const shared = {
  'nats-url': { type: 'string' }, 'nats-nkey': { type: 'string' }, 'time-scale': { type: 'string' }, 'log-level': { type: 'string' },
  'leader-elect': { type: 'string' }, 'leader-elect-identity': { type: 'string' },
  'leader-elect-lease-duration': { type: 'string' }, 'leader-elect-renew-deadline': { type: 'string' }, 'leader-elect-retry-period': { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const componentFlagsUsage = `--nats-url nats://127.0.0.1:4222[,nats://…] [--nats-nkey FILE] [--time-scale 1] [--log-level warn]
  [--leader-elect true] [--leader-elect-identity NAME] [--leader-elect-lease-duration 15] [--leader-elect-renew-deadline 10] [--leader-elect-retry-period 2]`;

function positive(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const value = Number(text.replace(/s$/, ''));
  if (!(value > 0)) throw new Error(`--${flag} must be a positive number of seconds, got "${text}"`);
  return value;
}

/**
 * Parses argv with the shared flags plus the component's own; throws an Error whose
 * message says what to fix (and shows `usage`).
 */
export function parseComponentFlags(argv: string[], own: ParseArgsConfig['options'], usage: string, env: NodeJS.ProcessEnv = process.env): { flags: ComponentFlags; values: Record<string, string | undefined> } {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options: { ...shared, ...own }, strict: true }) as { values: Record<string, string | undefined> });
  } catch (e) {
    throw new Error(`${(e as Error).message}\n${usage}`);
  }
  const natsUrl = values['nats-url'] ?? env.KUBELAB_NATS_URL;
  if (!natsUrl) throw new Error(`--nats-url is required\n${usage}`);
  // A list with something other than NATS URLs in it is refused here, before anything connects.
  natsServers(natsUrl);
  const leaderElect = values['leader-elect'] ?? 'true';
  if (leaderElect !== 'true' && leaderElect !== 'false') throw new Error(`--leader-elect must be true or false, got "${leaderElect}"`);
  const natsNkey = values['nats-nkey'] ?? env.KUBELAB_NATS_NKEY;
  const flags: ComponentFlags = {
    natsUrl,
    ...(natsNkey ? { natsNkey } : {}),
    timeScale: positive(values['time-scale'] ?? env.KUBELAB_TIME_SCALE, 'time-scale', 1),
    logLevel: values['log-level'] ?? env.KUBELAB_LOG_LEVEL ?? 'warn',
    leaderElect: leaderElect === 'true',
    identity: values['leader-elect-identity'] ?? `${hostname()}_${process.pid}`,
    leaseDurationSeconds: positive(values['leader-elect-lease-duration'], 'leader-elect-lease-duration', defaultLeaderElectionTimings.leaseDurationSeconds),
    renewDeadlineSeconds: positive(values['leader-elect-renew-deadline'], 'leader-elect-renew-deadline', defaultLeaderElectionTimings.renewDeadlineSeconds),
    retryPeriodSeconds: positive(values['leader-elect-retry-period'], 'leader-elect-retry-period', defaultLeaderElectionTimings.retryPeriodSeconds),
  };
  if (flags.renewDeadlineSeconds >= flags.leaseDurationSeconds) {
    throw new Error('--leader-elect-renew-deadline must be shorter than --leader-elect-lease-duration, so a leader stops before another may start');
  }
  return { flags, values };
}

/**
 * `kubelab clock [forward DURATION | reset]`: the machines' clock, which a lab can move on to see what a year does to a
 * cluster: kubeadm's certificates expire (`kubeadm certs check-expiration` says `<invalid>`), the control plane's
 * programs refuse them as they start, and `kubeadm certs renew` brings them back. The offset is the ConfigMap
 * kube-system/kubelab-clock (libs/bus clock-offset.ts), written as the learner's act, so the log and `kubelab why` name
 * the move. It only goes forward, as time does; `reset` gives the machines the host's time again.
 */
import {
  ApiClient, ApiRequestError, formatClockDuration, labClockConfigMap, labClockObject, labClockOffsetOf, parseClockDuration, type ResourceRef,
} from '@kubelab/bus';
import type { ConfigMap } from '@kubelab/api';
import { Command } from 'commander';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { alive, readLabState } from '../lab-state.js';
import { adminNkeyFile } from '../nats-auth.js';

/** Who the log names as having moved the clock. */
export const clockActor = 'user:kubelab clock';
const configMaps: ResourceRef = { group: '', version: 'v1', plural: 'configmaps' };

/** What `kubelab clock` does: say the time, move it on, or give back the host's. */
export type ClockAction = { kind: 'show' } | { kind: 'forward'; duration: string } | { kind: 'reset' };

/** `kubelab clock` on the command line. */
export function command(work: typeof run, done: Done): Command {
  const clock = new Command('clock').summary('the machines\' clock: show it, move it on, reset it')
    .description(`the time the lab's machines read (a node's date, kubeadm, the control plane's certificate checks): the
host's, or moved on by kubelab clock forward, to rehearse what a year does to a cluster's certificates`);
  clock.command('show', { isDefault: true }).summary('the machines\' time, and how far ahead of the host\'s it is').addOption(dataDirOption())
    .action(async (options: DataDirOption) => done(await work({ kind: 'show' }, options)));
  clock.command('forward').summary('move the machines\' clock on by DURATION (400d, 8760h, 1d12h)').argument('<DURATION>').addOption(dataDirOption())
    .action(async (duration: string, options: DataDirOption) => done(await work({ kind: 'forward', duration }, options)));
  clock.command('reset').summary('give the machines the host\'s time again').addOption(dataDirOption())
    .action(async (options: DataDirOption) => done(await work({ kind: 'reset' }, options)));
  return clock;
}

/** Carries `action` out on the lab running from the data dir, and says the machines' time after it. */
export async function run(action: ClockAction, values: DataDirOption): Promise<number> {
  const moveBy = action.kind === 'forward' ? parseClockDuration(action.duration) : 0;
  if (typeof moveBy !== 'number') throw new UsageError(`kubelab clock forward: ${moveBy.error}`);
  if (action.kind === 'forward' && moveBy === 0) throw new UsageError('kubelab clock forward: the duration must be more than 0s');
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  if (!state || !alive(state.supervisorPid)) throw new UsageError(`no lab runs in ${dataDir}; start one with kubelab up (or name its folder with --data-dir)`);
  const client = await ApiClient.connect(state.natsUrl, clockActor, { kind: 'admin' }, adminNkeyFile(dataDir));
  try {
    const { namespace, name } = labClockConfigMap;
    const current = await client.get<ConfigMap>(configMaps, namespace, name).catch((e: unknown) => {
      if (e instanceof ApiRequestError && e.code === 404) return undefined;
      throw e;
    });
    let offset = labClockOffsetOf(current);
    if (action.kind === 'forward') {
      offset += moveBy;
      const wanted = labClockObject(offset);
      if (current) await client.update<ConfigMap>(configMaps, namespace, { ...current, data: wanted.data });
      else await client.create<ConfigMap>(configMaps, namespace, wanted);
    } else if (action.kind === 'reset') {
      offset = 0;
      if (current) await client.delete(configMaps, namespace, name);
    }
    const now = new Date(Date.now() + offset).toISOString().replace(/\.\d+Z$/, 'Z');
    process.stdout.write(offset === 0 ? `the machines' clock is the host's: ${now}\n` : `the machines' clock: ${now}, ${formatClockDuration(offset)} ahead of the host's\n`);
    return 0;
  } catch (e) {
    if (e instanceof ApiRequestError) throw new UsageError(`kubelab clock: the api-server refused: ${e.message}`);
    throw e;
  } finally {
    await client.close();
  }
}

/** Has a running lab's NATS take users written since it started (`kubelab node add`, `kubelab join-command`). */
import { join } from 'node:path';
import { busConnectionOptions } from '@kubelab/bus';
import { connect } from 'nats';
import { alive, type LabState } from './lab-state.js';

/** The lab's nats-server processes that run: `nats`, or each member of a NATS cluster (`nats-1`…). */
const natsProcesses = (state: LabState) => state.processes.filter((p) => /^nats(-\d+)?$/.test(p.name) && alive(p.pid));

/** Waits until NATS lets the user of `nkeyFile` in; false after 10 s. */
async function natsAdmits(natsUrl: string, nkeyFile: string): Promise<boolean> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const nc = await connect({ servers: natsUrl.split(','), ...busConnectionOptions({ kind: 'admin' }, nkeyFile), reconnect: false }).catch(() => undefined);
    if (nc) {
      await nc.close();
      return true;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

/**
 * Sends the lab's nats-server(s) SIGHUP, on which nats-server reads its configuration again, and resolves once the user of
 * `nkeyFile` gets in; false when the lab of `state` does not run (its NATS reads the users when it starts).
 */
export async function reloadLabNats(dataDir: string, state: LabState | undefined, nkeyFile: string): Promise<boolean> {
  const servers = state && alive(state.supervisorPid) ? natsProcesses(state) : [];
  if (!state || servers.length === 0) return false;
  for (const server of servers) process.kill(server.pid, 'SIGHUP');
  if (!(await natsAdmits(state.natsUrl, nkeyFile))) throw new Error(`NATS did not take the new users in 10 s; see ${join(dataDir, 'logs', 'nats.log')}`);
  return true;
}

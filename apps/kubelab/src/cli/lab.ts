/**
 * The lab a command works on: where the workspace is, the lab running from a data dir, and the
 * API of the lab a command reads (the one --kubeconfig names, else the data dir's). Each one
 * trusts that lab's CA for the command's fetches, and says what to do when no lab is there.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { labSecretFile, readSecret } from '@kubelab/bus';
import type { ControlApi } from '../chaos/chaos-cli.js';
import { readKubeconfig } from '../kubeconfig.js';
import { alive, readLabState, type LabState } from '../lab-state.js';
import { trustKubeconfig, trustLabCa } from '../lab-trust.js';
import { dataDirOf, type LabApiOptions } from './options.js';
import { UsageError } from './usage-error.js';

const binInWorkspace = 'apps/kubelab/bin/kubelab.mjs';

/** The nearest folder above `from` that holds the kubelab bin: the CLI runs from its bundle in dist/, or from its sources under tsx and tests. */
function workspaceOf(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, binInWorkspace))) return dir;
    if (dirname(dir) === dir) throw new Error(`no ${binInWorkspace} above ${from}`);
  }
}

/** The workspace: the services' bundles (dist/), the image catalog (deploy/) and the scenarios (libs/learn/scenarios). */
export const root = workspaceOf(dirname(fileURLToPath(import.meta.url)));
/** The kubelab command itself, for `up --detach` and the scenarios' drills to run it again. */
export const kubelabBin = join(root, binInWorkspace);

/** The CLI talks to one lab: its fetches trust that lab's CA. */
export function trustApi(state: LabState): void {
  if (state.caFile && !trustLabCa(state.caFile)) throw new UsageError(`the lab's CA ${state.caFile} is missing; restart the lab (kubelab down, then kubelab up) to make a new one`);
}

/** The lab running from the data dir; a UsageError when none is. */
export function runningLab(dataDirFlag: string | undefined): LabState {
  const dataDir = dataDirOf(dataDirFlag);
  const state = readLabState(dataDir);
  if (!state || !alive(state.supervisorPid)) {
    throw new UsageError(`no lab is running from ${dataDir}; start one with: kubelab up (for the compose lab, add --kubeconfig ${join(dataDir, 'compose-kubeconfig')})`);
  }
  trustApi(state);
  return state;
}

/** The control API of the lab running from the data dir, with the secret it asks for; a UsageError when the secret is missing. */
export function labControl(dataDir: string, state: LabState): ControlApi {
  const secret = readSecret(labSecretFile(dataDir));
  if (secret === undefined) throw new UsageError(`the lab's secret ${labSecretFile(dataDir)} is missing, and its control API refuses drills without it; restart the lab (kubelab down, then kubelab up) to make a new one`);
  return { url: state.controlUrl, secret };
}

/** The API a kubeconfig names (the compose lab's), trusting its CA and presenting its client certificate. */
export function kubeconfigApi(file: string): string {
  const config = readKubeconfig(resolve(file));
  if (typeof config === 'string') throw new UsageError(`--kubeconfig: ${config}`);
  if (config.credentials) trustKubeconfig(config.credentials);
  return config.server.replace(/\/$/, '');
}

/** The API of the lab: the one --kubeconfig names (the compose lab), else the lab running from the data dir. */
export const labApi = (values: LabApiOptions): string =>
  values.kubeconfig !== undefined ? kubeconfigApi(values.kubeconfig) : runningLab(values.dataDir).apiUrl;

/** The compose lab's time scale, as its services get it (KUBELAB_TIME_SCALE): it has no lab.json to read it from. */
export const composeTimeScale = (): number => (Number(process.env.KUBELAB_TIME_SCALE) > 0 ? Number(process.env.KUBELAB_TIME_SCALE) : 1);

/** lab.json in the data dir: which processes this lab started, for status and down. */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A process as the supervisor left it: running, paused (SIGSTOP), stopped by a drill, or exited on its own. */
export type ProcessState = 'running' | 'paused' | 'stopped' | 'exited';

export interface LabState {
  supervisorPid: number;
  apiUrl: string;
  /** Every api-server's URL (`kubelab up --api-servers N`), apiUrl first. */
  apiUrls?: string[];
  /** Every NATS client URL comma-separated, as components' --nats-url takes them (one server's URL without a cluster). */
  natsUrl: string;
  /** The same, one URL per server: the lab's one server, or each member of its NATS cluster. */
  natsUrls: string[];
  /** The address the lab's nats-server listens on (kubelab up --nats-listen); kubelab join-command reads it. */
  natsListen?: string;
  /** The supervisor's control API (chaos drills). */
  controlUrl: string;
  /** The dashboard page, when the lab runs the dashboard component. */
  dashboardUrl?: string;
  /** Where the lab's Ingress controller answers on the host. */
  ingressUrls?: { http: string; https: string };
  /** Kubernetes seconds per real second. */
  timeScale: number;
  kubeconfig: string;
  /** The PostgreSQL database of the event log, its password masked; none: DIR/events.sqlite. */
  database?: string;
  /** The lab CA the api-server's certificate chains to; none when it serves plain HTTP. */
  caFile?: string;
  ready: boolean;
  processes: {
    name: string;
    pid: number;
    /** Its arguments as /proc/PID/cmdline shows them: what tells a leftover of a dead supervisor from a process that got its pid since. */
    cmdline: string[];
    log: string;
    state: ProcessState;
    /** Times the supervisor restarted it after it exited on its own. */
    restarts: number;
    /** A thread of the thread host (a node's agent, the scheduler, the controller-manager, the dashboard), whose pid it shows; its command line is the one its own process would have: signalled through the supervisor, not by pid. */
    thread?: boolean;
    /** A kubelet-agent's nodes (one, or several with `kubelab up --nodes-per-agent`): its drills act on all of them. */
    nodes?: string[];
    partitioned?: boolean;
  }[];
}

const fileOf = (dataDir: string) => join(dataDir, 'lab.json');

/** The nodes a process of the lab hosts: a kubelet-agent's, none for any other. */
export const agentNodes = (p: { nodes?: readonly string[] }): readonly string[] => p.nodes ?? [];

export function readLabState(dataDir: string): LabState | undefined {
  if (!existsSync(fileOf(dataDir))) return undefined;
  return JSON.parse(readFileSync(fileOf(dataDir), 'utf8')) as LabState;
}

/** Written to a temporary file and renamed, so a reader never sees half a file. */
export function writeLabState(dataDir: string, state: LabState): void {
  const temporary = `${fileOf(dataDir)}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state, null, 2));
  renameSync(temporary, fileOf(dataDir));
}

export function removeLabState(dataDir: string): void {
  rmSync(fileOf(dataDir), { force: true });
}

/** True while a process with that pid runs: a zombie (exited, not yet reaped, as init in a container may take seconds to) does not. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\d+ \(.*\) Z /s.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    // No /proc to tell: kill(0) answered.
    return true;
  }
}

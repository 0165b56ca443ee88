/**
 * What every node of an agent shares with its pod workers: clock, API client, Event recorder, image catalog, network,
 * logs, config, DNS, Services and volume stores. In a module of its own so the node host and the pod workers it
 * creates both import it without importing each other.
 */
import type { Service } from '@kubelab/api';
import type { ApiClient, EventRecorder } from '@kubelab/bus';
import type { ImageCatalog } from '@kubelab/images';
import type { NodeFacts } from '@kubelab/scheduling';
import type { NodeServices } from '@kubelab/shell';
import type { Logger } from 'pino';
import type { ConfigLookup } from './runtime/container-config.js';
import type { ClusterNetwork } from './runtime/emulated-container.js';
import type { LabClock } from './runtime/lab-clock.js';
import type { LabTime } from './runtime/lab-time.js';
import type { LogStore } from './runtime/log-store.js';
import type { VolumeStores } from './volumes/volume-stores.js';

/** What every node of an agent shares. */
export interface NodeRuntimeDeps {
  clock: LabClock;
  time: LabTime;
  client: ApiClient;
  events: EventRecorder;
  log: Logger;
  catalog: ImageCatalog;
  network: ClusterNetwork;
  logs: (podUid: string) => LogStore;
  /** The ConfigMaps and Secrets pods read (environment and volumes). */
  config: ConfigLookup;
  /** The cluster DNS address and domain a ClusterFirst pod's resolv.conf names, as the node's kubelet last started with them. */
  dns: () => { nameserver: string; domain: string };
  /** Every Service, for the variables the kubelet gives each container (KUBERNETES_SERVICE_HOST …). */
  services: () => readonly Service[];
  /** The stores of volumes that outlive pods (PersistentVolumes, the nodes' disks), shared by the agent's nodes. */
  stores: VolumeStores;
  /** The node's name and labels as the API has them now (what a PersistentVolume's node affinity is matched against). */
  nodeFacts: () => NodeFacts;
  /** The node's systemd, which a hostPID pod's `chroot /host systemctl …` reaches as on a node. */
  nodeServices: () => NodeServices | undefined;
  /** The node's kubelet as it last started, which a pod's sandbox is asked for under (undefined: none has read its configuration yet). */
  runningKubelet: () => RunningKubelet | undefined;
}

/** What a pod's worker asks of the node's kubelet: the cgroup driver its configuration named, and its journal. */
export interface RunningKubelet {
  readonly cgroupDriver: string | undefined;
  say(severity: 'I' | 'W' | 'E', source: string, message: string): void;
}

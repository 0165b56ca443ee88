/** What the api-server's event log (/kubelab/v1) answers: its entries and the cluster folded to a seq. */
import type { KubeObject, LogEventMeta } from '@kubelab/api';

/** One entry of GET /kubelab/v1/events. */
export interface LogEntry extends LogEventMeta {
  // JSON off /kubelab/v1/events, of any kind (none on an audit entry): its readers across the workspace narrow it by `kind`.
  object: any;
}

/** GET /kubelab/v1/state: every object as the log left it at `seq`. */
export interface ClusterState {
  seq: number;
  items: KubeObject[];
}

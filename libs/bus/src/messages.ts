/** Message shapes on the subjects in subjects.ts. */
import type { KubeObject, LogEventMeta, WatchEventType } from '@kubelab/api';

/**
 * `recordDrop`: an agent reports a connection NetworkPolicy dropped (body: ConnectionDrop with its Occurrences); the api-server logs it.
 * `requestToken`: serviceaccounts/NAME/token, the TokenRequest a kubelet makes for a pod's projected token (`name` is the ServiceAccount).
 * `getScale` / `updateScale`: GET and PUT of NAME/scale (an autoscaling/v1 Scale), as the horizontal pod autoscaler's scale client reads and writes it.
 */
export type ApiVerb =
  | 'get' | 'list' | 'create' | 'update' | 'updateStatus' | 'patchStatus' | 'finalize' | 'patch' | 'delete' | 'bind' | 'evict' | 'recordDrop' | 'requestToken'
  | 'getScale' | 'updateScale' | 'etcd' | 'kubeadm';

/** A request to the api-server over NATS; resources are named as in URLs. */
export interface ApiBusRequest {
  verb: ApiVerb;
  group: string;
  version: string;
  plural: string;
  namespace?: string;
  name?: string;
  body?: unknown;
  patchType?: 'json' | 'merge' | 'strategic';
  labelSelector?: string;
  fieldSelector?: string;
  /** For lists: at most this many items per reply, the rest behind `continue`. */
  limit?: number;
  continue?: string;
  gracePeriodSeconds?: number;
  /** For deletes: what happens to the object's dependents (the garbage collector's cascade). */
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  nodeName?: string;
  /** The component acting, recorded in the log (scheduler, controller-manager, node-1 …). */
  actor: string;
  /** seq of the event that made the actor act. */
  cause?: number;
  /**
   * false: the caller reads no more of a write's success than that it succeeded (ApiClient.send), and the api-server
   * answers it with the code alone. A refusal carries its Status all the same.
   */
  replyObject?: false;
}

/**
 * What the control-plane node's agent asks of the store as etcd (ApiBusRequest verb `etcd`, its body): what it holds
 * (`etcdctl snapshot save`, `endpoint status`), a range of its keys (`etcdctl get`), or to bring it back to a snapshot's
 * revision (etcd starting on a data directory `etcdutl snapshot restore` made), once per `restoreId`.
 */
export type EtcdRequest =
  | { op: 'status' }
  | { op: 'range'; key: string; prefix: boolean; values: boolean; limit: number }
  | { op: 'restore'; restoreId: string; revision: number; snapshot: string; dataDir: string };

/**
 * What the control-plane node's kubeadm asks of the API with the admin's credentials (ApiBusRequest verb `kubeadm`, its
 * body): `upgrade apply`'s writes (`version`: the release the cluster moves to, vX.Y.Z), or a new bootstrap token
 * (`token create`), valid `ttlSeconds` (0: forever); the reply to that is the token, ID.SECRET, and its expiration.
 */
export type KubeadmRequest =
  | { op: 'upgrade'; version: string }
  | { op: 'token'; ttlSeconds: number; description?: string };

export interface KubeadmTokenReply {
  token: string;
  expiration?: string;
}

/** The reply to a restore: the entry that records it, or that it was carried out before. */
export type EtcdRestoreReply = { restored: true; seq: number; changed: number } | { restored: false };

/** The reply: an HTTP-like code and the object, list or Status. */
export interface ApiBusReply {
  code: number;
  /** JSON off the bus: what it holds depends on the verb and the code, and each reader narrows it (ApiClient.call, list: a Status above 299). */
  body: unknown;
}

/**
 * One HTTP request a container sends to https://kubernetes.default.svc (on `kubelab.api.pod-http`):
 * what crosses the emulated network to the api-server, which answers it as its HTTPS listener
 * would, knowing the sender only by the bearer token in `headers`.
 */
export interface PodHttpRequest {
  method: string;
  /** The path with its query (`/api/v1/namespaces/default/pods?limit=1`). */
  path: string;
  /** Header names in lower case, as Node gives them. */
  headers: Record<string, string>;
  body?: string;
}

/** The api-server's answer to a PodHttpRequest. */
export interface PodHttpReply {
  status: number;
  headers: [string, string][];
  body: string;
}

/** One committed event on `kubelab.events`. */
export interface BusEvent extends LogEventMeta {
  watchType: WatchEventType;
  object: KubeObject;
}

/**
 * A request on `kubelab.events.replay`: the committed events after seq `after` that an informer missed, as a reflector's
 * watch resumes from its last resourceVersion. Only the events of `kind` (in `namespace`, matching one of
 * `fieldSelectors` before or after the change, when given) are sent whole; the others are only counted.
 */
export interface EventReplayRequest {
  after: number;
  kind: string;
  namespace?: string;
  fieldSelectors?: string[];
}

/**
 * The answer: every event up to `through` was looked at, those asked for are in `events` (in seq order), and `complete`
 * says `through` was the newest committed; else ask again after `through`. `expired`: the api-server no longer remembers
 * events that old (kube-apiserver's 410 Gone for a watch from a compacted resourceVersion), so the informer lists.
 */
export type EventReplayReply = { expired: true } | { expired?: false; through: number; complete: boolean; events: BusEvent[] };

/** The head beacon on `kubelab.events.head`. */
export interface HeadBeacon {
  seq: number;
}

/** Message shapes on the subjects in subjects.ts. */
import type { KubeObject, LogEventMeta, WatchEventType } from '@kubelab/api';

/**
 * `recordDrop`: an agent reports a connection NetworkPolicy dropped (body: ConnectionDrop with its Occurrences); the api-server logs it.
 * `requestToken`: serviceaccounts/NAME/token, the TokenRequest a kubelet makes for a pod's projected token (`name` is the ServiceAccount).
 * `getScale` / `updateScale`: GET and PUT of NAME/scale (an autoscaling/v1 Scale), as the horizontal pod autoscaler's scale client reads and writes it.
 */
export type ApiVerb =
  | 'get' | 'list' | 'create' | 'update' | 'updateStatus' | 'patchStatus' | 'finalize' | 'patch' | 'delete' | 'bind' | 'evict' | 'recordDrop' | 'requestToken'
  | 'getScale' | 'updateScale';

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
}

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

/** The head beacon on `kubelab.events.head`. */
export interface HeadBeacon {
  seq: number;
}

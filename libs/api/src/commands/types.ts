/**
 * Commands and the changes they decide. The api-server's deciders are pure: they read
 * a view of the current objects and return changes; the app numbers, stores and
 * publishes them. Everything random or timed comes in through `CommandContext`.
 */
import type { WatchEventType } from '../log-event.js';
import type { KubeObject } from '../object.js';
import type { UserInfo } from '../rbac/types.js';
import type { ResourceType } from '../registry.js';
import type { PortRange } from '../kinds/service/node-ports.js';

/** Who acts, why, and the inputs a pure decider may not make up itself. */
export interface CommandContext {
  actor: string;
  /** seq of the event that made the actor act, when there is one. */
  cause: number | null;
  now: Date;
  newUid: () => string;
  /** Five random characters for generateName, as Kubernetes uses. */
  randomSuffix: () => string;
  /** A random whole number from 0 to `below` - 1 (the allocators' draws: a Service's node ports). */
  randomInt: (below: number) => number;
  options: ApiServerOptions;
  /** Who the request was authenticated as, for the admission plugins that ask (NodeRestriction, ValidatingAdmissionPolicy's request.userInfo); none for the lab's own writes. */
  user?: UserInfo;
  /** The command is a dry run: admission sees request.dryRun true. */
  dryRun?: boolean;
}

/** The api-server settings that admission reads (kube-apiserver flags). */
export interface ApiServerOptions {
  defaultNotReadyTolerationSeconds: number;
  defaultUnreachableTolerationSeconds: number;
  /** First address of the Service ClusterIP range (10.96.0.0/12 → 10.96.0.0) and its size. */
  serviceCidr: string;
  /** --service-node-port-range (default 30000-32767). */
  serviceNodePortRange?: PortRange;
  /**
   * --authorization-mode: RBAC (the default) judges what a user may grant when writing roles and bindings;
   * AlwaysAllow lets every user escalate, as its authorizer allows every `escalate` and `bind`.
   */
  authorizationMode?: 'RBAC' | 'AlwaysAllow';
}

/** Read access to the objects as the command should see them (committed + decided). */
export interface StateView {
  get(kind: string, namespace: string, name: string): KubeObject | undefined;
  list(kind: string, namespace?: string): KubeObject[];
}

/** One decided change: a domain event and the object as it leaves it. */
export interface Change {
  /** Past-tense domain event type: PodCreated, PodBound, PodDeletionRequested, … */
  type: string;
  watchType: WatchEventType;
  resource: ResourceType;
  /** The object after the change (for deletions: its last state). resourceVersion is set by the store. */
  object: KubeObject;
  previous?: KubeObject;
}

/** What a command decides: the changes to store, the reply, warnings for the client. */
export interface Decision {
  changes: Change[];
  /** Index into `changes` of the object to reply with, or a ready reply body. */
  reply: { code: number; change?: number; body?: unknown };
  warnings: string[];
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

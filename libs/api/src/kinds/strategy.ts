/**
 * What a kind does on create, update, delete, status and its subresources, as kube-apiserver's
 * `pkg/registry/<group>/<kind>/strategy.go` and its REST storage say it: one generic store (the
 * deciders in commands/) asks the kind's strategy at each step, and the strategy is pure
 * functions of the object, the view of the store and the command's context. A kind without
 * behaviour gets `builtInStrategy`'s answers.
 */
import { applyDefaults } from '../admission/defaults/apply-defaults.js';
import { validateCreate, validateUpdate } from '../admission/validation/validate.js';
import { hasPodTemplate } from '../admission/pod-security/pod-template.js';
import { podTemplateWarnings } from '../admission/pod-security/admit-pod.js';
import type { DeleteOptions, WriteOptions, WriteSubresource } from '../commands/command.js';
import type { CommandContext, Decision, StateView } from '../commands/types.js';
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import type { FieldError } from '../status.js';

/** What a hook reads besides the object: the type the command writes, the objects as the command sees them, its context. */
export interface KindWrite {
  resource: ResourceType;
  /** The namespace the request names ('' for cluster-scoped kinds and cluster-wide requests). */
  namespace: string;
  view: StateView;
  ctx: CommandContext;
}

/** A write of a subresource that changes its parent object (a namespace's finalize, a CSR's approval, a pod's ephemeral containers). */
export type SubresourceWriter = (w: KindWrite, current: KubeObject, body: KubeObject, options: WriteOptions) => Decision;

/** The generic store's delete of one object, without admission, that an eviction ends in (EvictionREST deletes through the pod Store). */
export type StoreDelete = (obj: KubeObject, options: DeleteOptions) => Decision;

/** A write an RBAC-like storage judges before storing it: the object as the command decided it, and the object it replaces. */
export interface JudgedWrite {
  object: KubeObject;
  current?: KubeObject;
}

/** One kind's behaviour. Every field has a default (`builtInStrategy`); a kind overrides what it does differently. */
export interface KindStrategy {
  /** rest.RESTUpdateStrategy's AllowCreateOnUpdate: a PUT of a missing object creates it (Endpoints, Lease, Event, Node). */
  allowCreateOnUpdate: boolean;
  /** Whether metadata.generation is set and counts spec changes (kube-apiserver leaves it unset where no controller reports observedGeneration back). */
  generation: boolean;
  /** Whether status is *reported* by the component that observes it (`PodStatusReported`) rather than updated (`JobStatusUpdated`). */
  statusReported: boolean;
  /** PrepareForCreate: the fields a client may not set are reset before defaulting and validation. Returns a new object or the same one. */
  prepareForCreate(obj: KubeObject, now: Date): KubeObject;
  /** PrepareForUpdate of the main resource, before defaulting and validation. */
  prepareForUpdate(next: KubeObject, current: KubeObject): KubeObject;
  /** The status strategy's PrepareForUpdate. */
  prepareForStatusUpdate(next: KubeObject, current: KubeObject, now: Date): KubeObject;
  /** Defaulting (the scheme's defaulters; a CRD's apiextensions defaults; nothing for a custom resource, decoded with its schema's). */
  defaults(obj: KubeObject): KubeObject;
  /** The strategy's Validate on create. */
  validateCreate(obj: KubeObject): FieldError[];
  /** The strategy's ValidateUpdate. */
  validateUpdate(next: KubeObject, current: KubeObject): FieldError[];
  /** The mutating admission plugins that change this kind on create (LimitRanger, ServiceAccount, Priority; DefaultStorageClass), after defaulting. */
  mutateOnCreate(obj: KubeObject, w: KindWrite): KubeObject;
  /** The mutating admission plugins on update (Priority keeps a pod's priority), after defaulting. */
  mutateOnUpdate(next: KubeObject, current: KubeObject, w: KindWrite): KubeObject;
  /** The validating plugins that refuse with a 403 after validation (LimitRanger's limits, one globalDefault PriorityClass). Throws the refusal. */
  checkCreate(obj: KubeObject, w: KindWrite): void;
  /** The same on update (PersistentVolumeClaimResize, one globalDefault PriorityClass). */
  checkUpdate(next: KubeObject, current: KubeObject, w: KindWrite): void;
  /** The PodSecurity plugin's verdict: warnings, or a thrown refusal. `requestedName` names the object as the request did. */
  podSecurity(obj: KubeObject, current: KubeObject | undefined, w: KindWrite, requestedName: string): string[];
  /** The storage's own judgement of a write before anything else (RBAC's escalation prevention). Throws the refusal. */
  judgeWrite?(write: JudgedWrite, w: KindWrite): void;
  /** What the REST storage does to an admitted new object before it is stored (a Service's addresses, a pod's SchedulingGated condition). */
  completeCreate(obj: KubeObject, w: KindWrite): KubeObject;
  /** What the update strategy keeps of the stored object, or allocates, after admission (a namespace's spec.finalizers, a Service's new node ports). */
  completeUpdate(next: KubeObject, current: KubeObject, w: KindWrite): KubeObject;
  /** Whether an update that leaves a deleted object without finalizers removes it (a pod waits for its kubelet's grace 0, a namespace for spec.finalizers). */
  removedWhenFinalized(obj: KubeObject): boolean;
  /** The grace period of a delete: a pod on a node is stopped gracefully; everything else goes at once. */
  gracePeriod(obj: KubeObject, options: DeleteOptions): number;
  /** Whether a delete's propagationPolicy adds the orphan/foregroundDeletion finalizer (pods are never held by them). */
  propagationFinalizers: boolean;
  /** A finalizer the storage adds on every delete (apiextensions' cleanup of a CRD's objects). */
  deletionFinalizer?: string;
  /** The kind's own DELETE of one object (a namespace turns Terminating), instead of the generic store's. */
  delete?(obj: KubeObject, w: KindWrite): Decision;
  /** Subresources written like their parent, besides status. */
  subresourceWriters: Partial<Record<Exclude<WriteSubresource, 'status'>, SubresourceWriter>>;
  /** POST …/binding (pods). */
  bind?(w: KindWrite, name: string, nodeName: string): Decision;
  /** POST …/eviction (pods), ending in `remove`. */
  evict?(w: KindWrite, name: string, options: DeleteOptions, remove: StoreDelete): Decision;
  /** The Scale subresource's status.selector text, when the kind's selector is no LabelSelector (a ReplicationController's label map). */
  scaleSelector?(obj: KubeObject): string;
}

const same = <T>(obj: T) => obj;

/** The answers of a built-in kind without behaviour of its own: the scheme's defaults and validation, nothing else. */
export const builtInStrategy: KindStrategy = {
  allowCreateOnUpdate: false,
  generation: true,
  statusReported: false,
  prepareForCreate: same,
  prepareForUpdate: same,
  prepareForStatusUpdate: same,
  defaults: applyDefaults,
  validateCreate,
  validateUpdate,
  mutateOnCreate: same,
  mutateOnUpdate: same,
  checkCreate: () => undefined,
  checkUpdate: () => undefined,
  // Workloads with a pod template earn the PodSecurity warnings of the pods they would make.
  podSecurity: (obj, _current, w) => (hasPodTemplate(w.resource.kind, w.resource.group)
    ? podTemplateWarnings(w.view.get('Namespace', '', obj.metadata.namespace ?? '')?.metadata.labels, obj)
    : []),
  completeCreate: same,
  completeUpdate: same,
  removedWhenFinalized: () => true,
  gracePeriod: () => 0,
  propagationFinalizers: true,
  subresourceWriters: {},
};

/** A strategy that differs from the built-in default in `overrides`. */
export function strategy(overrides: Partial<KindStrategy>): KindStrategy {
  return { ...builtInStrategy, ...overrides };
}

/** PrepareForCreate of the kinds whose status is worked out afresh (defaulting gives a pod its Pending status), whatever the client sent. */
export function dropStatus(obj: KubeObject): KubeObject {
  const { status: _status, ...rest } = obj;
  return rest as KubeObject;
}

/** PrepareForCreate of the kinds whose new objects start with an empty status, whatever the client sent. */
export const emptyStatus = (obj: KubeObject): KubeObject => ({ ...obj, status: {} });

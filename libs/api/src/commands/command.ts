/** The write commands the api-server accepts, over HTTP and NATS alike. */
import type { KubeObject } from '../object.js';
import type { ResourceType } from '../registry.js';
import type { FieldValidation, PatchType } from './types.js';

interface Target {
  resource: ResourceType;
  namespace: string;
  name: string;
}

/**
 * `dryRun=All`: the write is decided in full (defaults, admission, validation, names, uids) and
 * answered, but nothing is stored, published or numbered, as kube-apiserver's DryRunnableStorage.
 */
export interface DryRunOption {
  dryRun?: boolean;
}

export interface WriteOptions extends DryRunOption {
  fieldManager?: string;
  fieldValidation: FieldValidation;
  force?: boolean;
}

export interface DeleteOptions extends DryRunOption {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

/** Subresources written like their parent object: status, a pod's ephemeral containers, a namespace's finalizers, a CSR's approval. */
export type WriteSubresource = 'status' | 'ephemeralcontainers' | 'finalize' | 'approval';

export type Command =
  | ({ type: 'Create'; body: KubeObject; options: WriteOptions } & Omit<Target, 'name'>)
  | ({ type: 'Update'; body: KubeObject; options: WriteOptions; subresource?: WriteSubresource } & Target)
  | ({ type: 'Patch'; patchType: PatchType; patch: unknown; options: WriteOptions; subresource?: WriteSubresource | 'scale' } & Target)
  | ({ type: 'Delete'; options: DeleteOptions } & Target)
  | ({ type: 'DeleteCollection'; names: string[]; options: DeleteOptions } & Omit<Target, 'name'>)
  | ({ type: 'Bind'; nodeName: string; options?: DryRunOption } & Target)
  | ({ type: 'Evict'; options: DeleteOptions } & Target)
  | ({ type: 'UpdateScale'; replicas: number; resourceVersion?: string; options: WriteOptions } & Target);

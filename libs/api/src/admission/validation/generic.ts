/**
 * The rules every kind gets when it has no rules of its own: exactly ValidateObjectMeta on
 * create and ValidateObjectMetaUpdate on update, with DNS-subdomain names, as
 * kube-apiserver applies them to custom resources (whose kinds kubelab cannot know).
 */
import type { KubeObject } from '../../object.js';
import type { FieldError } from '../../status.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

/** A kind's create and update checks. */
export interface KindRules {
  create: (obj: KubeObject) => FieldError[];
  update: (obj: KubeObject, old: KubeObject) => FieldError[];
}

/**
 * The rules of one kind written against its typed object (`Pod`, `Service`, …): the table
 * looks them up by kind, so the object they are handed is of that kind.
 */
export function kindRules<T extends KubeObject>(create: (obj: T) => FieldError[], update: (obj: T, old: T) => FieldError[]): KindRules {
  return { create: (obj) => create(obj as T), update: (obj, old) => update(obj as T, old as T) };
}

/** Rules that check metadata only, for kinds whose spec Kubernetes does not validate (or has none). */
export function metadataOnlyRules(meta: MetaRules): KindRules {
  return {
    create: (obj) => validateObjectMeta(obj.metadata, meta),
    update: (obj, old) => validateObjectMetaUpdate(obj.metadata, old.metadata, meta),
  };
}

/**
 * The generic rules of a kind kubelab has no table entry for. Its scope is taken from the
 * caller when known, else from the object: the api-server sets metadata.namespace from the
 * request path for namespaced kinds and clears it for cluster-scoped ones before admission.
 */
export function genericRules(obj: KubeObject, namespaced?: boolean): KindRules {
  const scoped = namespaced ?? Boolean(obj.metadata?.namespace);
  return metadataOnlyRules({ namespaced: scoped, name: nameIsDNSSubdomain, kubeFinalizers: false });
}

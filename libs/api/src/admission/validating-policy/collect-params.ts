/**
 * The param objects a binding hands its policy (generic.CollectParams): none needed without a
 * paramKind or a paramRef (the policy runs once, `params` null); otherwise the object named by
 * paramRef.name, or every object paramRef.selector selects, in paramRef.namespace or the
 * request's namespace for a namespaced paramKind. Finding none runs nothing, unless
 * parameterNotFoundAction is Deny. Errors are worded as kube-apiserver words them.
 */
import type { KubeObject } from '../../object.js';
import { labelSelectorFromObject, matchesLabels, type LabelSelector } from '../../selectors/index.js';

/** admissionregistration/v1 ParamRef, as stored. */
export interface ParamRef {
  name?: string;
  namespace?: string;
  selector?: LabelSelector;
  parameterNotFoundAction?: 'Allow' | 'Deny';
}

/** How to read the objects of the policy's paramKind: its scope and its objects in a namespace ('' for all of a cluster-scoped kind). */
export interface ParamSource {
  namespaced: boolean;
  list: (namespace: string) => readonly KubeObject[];
}

/** The params to run the policy with (null: run once without params), or a configuration error. */
export type CollectedParams = { params: (KubeObject | null)[] } | { error: string };

/** The params a binding's paramRef gives for a request in `requestNamespace`. */
export function collectParams(hasParamKind: boolean, source: ParamSource, ref: ParamRef | undefined, requestNamespace: string): CollectedParams {
  if (!hasParamKind || !ref) return { params: [null] };
  let namespace = '';
  if (source.namespaced) {
    namespace = ref.namespace || requestNamespace;
    if (!namespace) return { error: 'cannot use namespaced paramRef in policy binding that matches cluster-scoped resources' };
  } else if (ref.namespace) {
    return { error: 'paramRef.namespace must not be provided for a cluster-scoped `paramKind`' };
  }
  const candidates = source.list(namespace);
  let params: KubeObject[];
  if (ref.name) params = candidates.filter((o) => o.metadata.name === ref.name);
  else if (ref.selector) {
    const requirements = labelSelectorFromObject(ref.selector);
    params = candidates.filter((o) => matchesLabels(requirements, o.metadata.labels));
  } else return { error: 'one of name or selector must be provided' };
  if (params.length === 0 && ref.parameterNotFoundAction === 'Deny') return { error: 'no params found for policy binding with `Deny` parameterNotFoundAction' };
  return { params };
}

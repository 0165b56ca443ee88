/**
 * Which custom kinds the controller-manager keeps caches of, as kube-controller-manager's
 * garbage collector learns them through discovery: one informer per established CRD, on its
 * storage version (the objects as the log holds them), started when the CRD is established
 * and stopped when it goes or its storage version changes.
 */
import { resourceTypesOfCrd, type KubeObject, type ResourceType } from '@kubelab/api';

/** An informer to run: the storage version to list and watch, and every version the CRD serves. */
export interface CustomInformer {
  key: string;
  storage: ResourceType;
  served: ResourceType[];
}

/** The informers to start and the keys of those to stop. */
export interface CustomInformerPlan {
  start: CustomInformer[];
  stop: string[];
}

/** group/version/plural: a storage version change is a new informer. */
export const customInformerKey = (t: ResourceType): string => `${t.group}/${t.version}/${t.plural}`;

/** The informers the CRDs call for. */
export function customInformersOf(crds: readonly KubeObject[]): CustomInformer[] {
  return crds.flatMap((crd) => {
    const served = resourceTypesOfCrd(crd);
    const storage = served.find((t) => t.storage === 'log');
    return storage ? [{ key: customInformerKey(storage), storage, served }] : [];
  });
}

/** What to change so that exactly the informers the CRDs call for run. */
export function planCustomInformers(crds: readonly KubeObject[], running: ReadonlySet<string>): CustomInformerPlan {
  const wanted = customInformersOf(crds);
  const wantedKeys = new Set(wanted.map((i) => i.key));
  return { start: wanted.filter((i) => !running.has(i.key)), stop: [...running].filter((key) => !wantedKeys.has(key)) };
}

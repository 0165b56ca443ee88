/** The owner reference marked controller: what default spreading and the descheduler group pods by. */
import type { KubeObject } from '@kubelab/api';

/** The controlling owner's identity, as ownerReferences records it. */
export interface ControllerOwner {
  kind: string;
  name: string;
  uid: string;
}

/** The pod's controller owner reference, if it has one. */
export function controllerOwner(pod: KubeObject): ControllerOwner | undefined {
  const ref = (pod.metadata.ownerReferences ?? []).find((r) => r.controller === true);
  return ref ? { kind: ref.kind, name: ref.name, uid: ref.uid } : undefined;
}

/** `kubectl get networkpolicies`: NAME POD-SELECTOR AGE. */
import type { NetworkPolicy } from 'kubernetes-types/networking/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';
import { selectorCell } from './selector-cells.js';

/** Prints NetworkPolicies; an empty pod selector (every pod) prints "<none>", as kube-apiserver's does. */
export const networkPolicyPrinter: KindPrinter = {
  columns: [nameColumn, column('Pod-Selector', 'Selects the pods to which this NetworkPolicy object applies.  The array of ingress rules is applied to any pods selected by this field. Multiple network policies can select the same set of pods.  In this case, the ingress rules for each are combined additively. This field is NOT optional and follows standard label selector semantics. An empty podSelector matches all pods in this namespace.'), ageColumn],
  print(obj, now) {
    const policy = obj as NetworkPolicy;
    return { cells: [policy.metadata?.name ?? '', selectorCell(policy.spec?.podSelector), ageSince(policy.metadata?.creationTimestamp, now)] };
  },
};

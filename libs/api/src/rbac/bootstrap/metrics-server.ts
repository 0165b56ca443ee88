/**
 * What the lab's resource metrics API brings into the RBAC policy, as metrics-server's release manifest does: the
 * system:aggregated-metrics-reader ClusterRole, aggregated into view, edit and admin, so whoever may view a namespace
 * may read its pods' metrics too (`kubectl top pod`). It is the add-on's object, not kube-apiserver's, so it carries
 * the add-on's label rather than the bootstrapping one.
 */
import type { KubeObject } from '../../object.js';
import { rule } from './builders.js';

/** metrics-server's ClusterRoles (manifests/base/rbac.yaml, labelled `k8s-app: metrics-server` by its kustomization). */
export const metricsServerClusterRoles: readonly KubeObject[] = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: {
      name: 'system:aggregated-metrics-reader',
      labels: {
        'k8s-app': 'metrics-server',
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
        'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      },
    },
    rules: [rule(['metrics.k8s.io'], ['pods', 'nodes'], ['get', 'list', 'watch'])],
  },
];

/**
 * The ClusterRoles of kube-controller-manager's controllers in a Kubernetes 1.32 cluster
 * (bootstrappolicy controller_policy.go, golden file testdata/controller-roles.yaml,
 * default feature gates, so the roles of gated controllers are absent), and their
 * bindings: each `system:controller:NAME` is bound to the ServiceAccount kube-system/NAME
 * the controller-manager runs that controller as.
 */
import type { KubeObject } from '../../object.js';
import { clusterRole, clusterRoleBinding, eventsRule, rule, serviceAccount } from './builders.js';

const CONTROLLER_PREFIX = 'system:controller:';
const read = ['get', 'list', 'watch'];
const all = ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'];

const controller = (name: string, rules: Parameters<typeof clusterRole>[1]): KubeObject => clusterRole(`${CONTROLLER_PREFIX}${name}`, rules);

/** The default controller ClusterRoles, by name. */
export const controllerRoles: readonly KubeObject[] = [
  controller('attachdetach-controller', [
    rule([''], ['persistentvolumeclaims', 'persistentvolumes'], ['list', 'watch']),
    rule([''], ['nodes'], read),
    rule([''], ['nodes/status'], ['patch', 'update']),
    rule([''], ['pods'], ['list', 'watch']),
    eventsRule,
    rule(['storage.k8s.io'], ['volumeattachments'], ['create', 'delete', 'get', 'list', 'watch']),
    rule(['storage.k8s.io'], ['csidrivers'], read),
    rule(['storage.k8s.io'], ['csinodes'], read),
  ]),
  controller('certificate-controller', [
    rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['delete', 'get', 'list', 'watch']),
    rule(['certificates.k8s.io'], ['certificatesigningrequests/approval', 'certificatesigningrequests/status'], ['update']),
    rule(['certificates.k8s.io'], ['signers'], ['approve'], ['kubernetes.io/kube-apiserver-client-kubelet']),
    rule(['certificates.k8s.io'], ['signers'], ['sign'], ['kubernetes.io/kube-apiserver-client', 'kubernetes.io/kube-apiserver-client-kubelet', 'kubernetes.io/kubelet-serving', 'kubernetes.io/legacy-unknown']),
    rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    eventsRule,
  ]),
  controller('clusterrole-aggregation-controller', [
    rule(['rbac.authorization.k8s.io'], ['clusterroles'], ['escalate', 'get', 'list', 'patch', 'update', 'watch']),
  ]),
  controller('cronjob-controller', [
    rule(['batch'], ['cronjobs'], ['get', 'list', 'update', 'watch']),
    rule(['batch'], ['jobs'], all),
    rule(['batch'], ['cronjobs/status'], ['update']),
    rule(['batch'], ['cronjobs/finalizers'], ['update']),
    rule([''], ['pods'], ['delete', 'list', 'watch']),
    eventsRule,
  ]),
  controller('daemon-set-controller', [
    rule(['apps', 'extensions'], ['daemonsets'], read),
    rule(['apps', 'extensions'], ['daemonsets/status'], ['update']),
    rule(['apps', 'extensions'], ['daemonsets/finalizers'], ['update']),
    rule([''], ['nodes'], ['list', 'watch']),
    rule([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
    rule([''], ['pods/binding'], ['create']),
    rule(['apps'], ['controllerrevisions'], all),
    eventsRule,
  ]),
  controller('deployment-controller', [
    rule(['apps', 'extensions'], ['deployments'], ['get', 'list', 'update', 'watch']),
    rule(['apps', 'extensions'], ['deployments/status'], ['update']),
    rule(['apps', 'extensions'], ['deployments/finalizers'], ['update']),
    rule(['apps', 'extensions'], ['replicasets'], all),
    rule([''], ['pods'], ['get', 'list', 'update', 'watch']),
    eventsRule,
  ]),
  controller('disruption-controller', [
    rule(['apps', 'extensions'], ['deployments'], read),
    rule(['apps', 'extensions'], ['replicasets'], read),
    rule([''], ['replicationcontrollers'], read),
    rule(['policy'], ['poddisruptionbudgets'], read),
    rule(['apps'], ['statefulsets'], read),
    rule(['policy'], ['poddisruptionbudgets/status'], ['update']),
    rule([''], ['pods/status'], ['patch', 'update']),
    rule(['*'], ['*/scale'], ['get']),
    eventsRule,
  ]),
  controller('endpoint-controller', [
    rule([''], ['pods', 'services'], read),
    rule([''], ['endpoints'], ['create', 'delete', 'get', 'list', 'update', 'watch']),
    rule([''], ['endpoints/restricted'], ['create']),
    eventsRule,
  ]),
  controller('endpointslice-controller', [
    rule([''], ['nodes', 'pods', 'services'], read),
    rule([''], ['services/finalizers'], ['update']),
    rule(['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update', 'watch']),
    eventsRule,
  ]),
  controller('endpointslicemirroring-controller', [
    rule([''], ['endpoints', 'services'], read),
    rule([''], ['services/finalizers'], ['update']),
    rule([''], ['endpoints/finalizers'], ['update']),
    rule(['discovery.k8s.io'], ['endpointslices'], ['create', 'delete', 'get', 'list', 'update', 'watch']),
    eventsRule,
  ]),
  controller('ephemeral-volume-controller', [
    rule([''], ['pods'], read),
    rule([''], ['pods/finalizers'], ['update']),
    rule([''], ['persistentvolumeclaims'], ['create', 'get', 'list', 'watch']),
    eventsRule,
  ]),
  controller('expand-controller', [
    rule([''], ['persistentvolumes'], ['get', 'list', 'patch', 'update', 'watch']),
    rule([''], ['persistentvolumeclaims/status'], ['patch', 'update']),
    rule([''], ['persistentvolumeclaims'], read),
    eventsRule,
    rule([''], ['services'], ['get']),
  ]),
  controller('generic-garbage-collector', [
    rule(['*'], ['*'], ['delete', 'get', 'list', 'patch', 'update', 'watch']),
    eventsRule,
  ]),
  controller('horizontal-pod-autoscaler', [
    rule(['autoscaling'], ['horizontalpodautoscalers'], read),
    rule(['autoscaling'], ['horizontalpodautoscalers/status'], ['update']),
    rule(['*'], ['*/scale'], ['get', 'update']),
    rule([''], ['pods'], ['list', 'watch']),
    rule(['metrics.k8s.io'], ['pods'], ['list', 'watch']),
    rule(['custom.metrics.k8s.io'], ['*'], read),
    rule(['external.metrics.k8s.io'], ['*'], read),
    eventsRule,
  ]),
  controller('job-controller', [
    rule(['batch'], ['jobs'], ['get', 'list', 'patch', 'update', 'watch']),
    rule(['batch'], ['jobs/status'], ['update']),
    rule(['batch'], ['jobs/finalizers'], ['update']),
    rule([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
    eventsRule,
  ]),
  controller('legacy-service-account-token-cleaner', [
    rule([''], ['configmaps'], ['get'], ['kube-apiserver-legacy-service-account-token-tracking']),
    rule([''], ['secrets'], ['delete', 'patch']),
  ]),
  controller('namespace-controller', [
    rule([''], ['namespaces'], ['delete', 'get', 'list', 'watch']),
    rule([''], ['namespaces/finalize', 'namespaces/status'], ['update']),
    rule(['*'], ['*'], ['delete', 'deletecollection', 'get', 'list', 'watch']),
  ]),
  controller('node-controller', [
    rule([''], ['nodes'], ['delete', 'get', 'list', 'patch', 'update', 'watch']),
    rule([''], ['nodes/status'], ['patch', 'update']),
    rule([''], ['pods/status'], ['patch', 'update']),
    rule([''], ['pods'], ['delete', 'get', 'list', 'watch']),
    eventsRule,
  ]),
  controller('persistent-volume-binder', [
    rule([''], ['persistentvolumes'], ['create', 'delete', 'get', 'list', 'update', 'watch']),
    rule([''], ['persistentvolumes/status'], ['update']),
    rule([''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']),
    rule([''], ['persistentvolumeclaims/status'], ['update']),
    rule([''], ['pods'], ['create', 'delete', 'get', 'list', 'watch']),
    rule(['storage.k8s.io'], ['storageclasses'], read),
    rule([''], ['nodes'], ['list', 'watch']),
    eventsRule,
    rule([''], ['events'], ['watch']),
    rule([''], ['services'], ['get']),
  ]),
  controller('pod-garbage-collector', [
    rule([''], ['pods'], ['delete', 'list', 'watch']),
    rule([''], ['nodes'], read),
    rule([''], ['pods/status'], ['patch']),
  ]),
  controller('pv-protection-controller', [
    rule([''], ['persistentvolumes'], ['get', 'list', 'update', 'watch']),
    eventsRule,
  ]),
  controller('pvc-protection-controller', [
    rule([''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']),
    rule([''], ['pods'], read),
    eventsRule,
  ]),
  controller('replicaset-controller', [
    rule(['apps', 'extensions'], ['replicasets'], ['get', 'list', 'update', 'watch']),
    rule(['apps', 'extensions'], ['replicasets/status'], ['update']),
    rule(['apps', 'extensions'], ['replicasets/finalizers'], ['update']),
    rule([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
    eventsRule,
  ]),
  controller('replication-controller', [
    rule([''], ['replicationcontrollers'], ['get', 'list', 'update', 'watch']),
    rule([''], ['replicationcontrollers/status'], ['update']),
    rule([''], ['replicationcontrollers/finalizers'], ['update']),
    rule([''], ['pods'], ['create', 'delete', 'list', 'patch', 'watch']),
    eventsRule,
  ]),
  controller('resourcequota-controller', [
    rule(['*'], ['*'], ['list', 'watch']),
    rule([''], ['resourcequotas/status'], ['update']),
    eventsRule,
  ]),
  controller('root-ca-cert-publisher', [
    rule([''], ['configmaps'], ['create', 'update']),
    eventsRule,
  ]),
  controller('route-controller', [
    rule([''], ['nodes'], ['list', 'watch']),
    rule([''], ['nodes/status'], ['patch']),
    eventsRule,
  ]),
  controller('service-account-controller', [
    rule([''], ['serviceaccounts'], ['create']),
    eventsRule,
  ]),
  controller('service-controller', [
    rule([''], ['services'], read),
    rule([''], ['services/status'], ['patch', 'update']),
    rule([''], ['nodes'], ['list', 'watch']),
    eventsRule,
  ]),
  controller('statefulset-controller', [
    rule([''], ['pods'], ['list', 'watch']),
    rule(['apps'], ['statefulsets'], read),
    rule(['apps'], ['statefulsets/status'], ['update']),
    rule(['apps'], ['statefulsets/finalizers'], ['update']),
    rule([''], ['pods'], ['create', 'delete', 'get', 'patch', 'update']),
    rule(['apps'], ['controllerrevisions'], all),
    rule([''], ['persistentvolumeclaims'], ['create', 'get', 'list', 'watch']),
    rule([''], ['persistentvolumeclaims'], ['delete', 'update']),
    rule([''], ['pods/finalizers'], ['update']),
    eventsRule,
  ]),
  controller('ttl-after-finished-controller', [
    rule(['batch'], ['jobs'], ['delete', 'get', 'list', 'watch']),
    eventsRule,
  ]),
  controller('ttl-controller', [
    rule([''], ['nodes'], ['list', 'patch', 'update', 'watch']),
    eventsRule,
  ]),
  controller('validatingadmissionpolicy-status-controller', [
    rule(['admissionregistration.k8s.io'], ['validatingadmissionpolicies'], read),
    rule(['admissionregistration.k8s.io'], ['validatingadmissionpolicies/status'], ['get', 'patch', 'update']),
    eventsRule,
  ]),
];

/** One ClusterRoleBinding per controller role, to the controller's ServiceAccount in kube-system. */
export const controllerRoleBindings: readonly KubeObject[] = controllerRoles.map((r) => {
  const name = r.metadata.name!;
  return clusterRoleBinding(name, name, [serviceAccount('kube-system', name.slice(CONTROLLER_PREFIX.length))]);
});

/**
 * The names kubelab's controller-manager gives the controllers whose ServiceAccounts upstream names otherwise
 * (NewControllerInitializers' names vs the accounts in controller_policy.go); the rest share one name.
 */
const serviceAccountOfController = new Map([
  ['garbage-collector', 'generic-garbage-collector'],
  ['node-lifecycle-controller', 'node-controller'],
  ['daemonset-controller', 'daemon-set-controller'],
]);

const controllerServiceAccounts = new Set(controllerRoles.map((r) => r.metadata.name!.slice(CONTROLLER_PREFIX.length)));

/**
 * The ServiceAccount in kube-system a controller of the controller-manager acts as, as kube-controller-manager's
 * --use-service-account-credentials runs each with its own account (bound to its role above), so a controller may do what
 * its role grants and nothing more; undefined for a name that is no controller's (the shared informers' lists).
 */
export function controllerServiceAccount(controller: string): string | undefined {
  const account = serviceAccountOfController.get(controller) ?? controller;
  return controllerServiceAccounts.has(account) ? account : undefined;
}

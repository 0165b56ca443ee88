/**
 * The default ClusterRoles of a Kubernetes 1.32 cluster (bootstrappolicy policy.go
 * ClusterRoles(), golden file testdata/cluster-roles.yaml, default feature gates), in the
 * golden file's order. admin, edit and view aggregate the system:aggregate-to-* roles.
 */
import type { KubeObject } from '../../object.js';
import { aggregatingClusterRole, clusterRole, eventsRule, rule, urls } from './builders.js';

const read = ['get', 'list', 'watch'];
const write = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const readWrite = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const approver = (signer: string): KubeObject => clusterRole(`system:certificates.k8s.io:${signer.replace('kubernetes.io/', '')}-approver`, [
  rule(['certificates.k8s.io'], ['signers'], ['approve'], [signer]),
]);

/** The default ClusterRoles, controller roles excluded. */
export const defaultClusterRoles: readonly KubeObject[] = [
  aggregatingClusterRole('admin', 'rbac.authorization.k8s.io/aggregate-to-admin'),
  clusterRole('cluster-admin', [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
  aggregatingClusterRole('edit', 'rbac.authorization.k8s.io/aggregate-to-edit', { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }),
  clusterRole('system:aggregate-to-admin', [
    rule(['authorization.k8s.io'], ['localsubjectaccessreviews'], ['create']),
    rule(['rbac.authorization.k8s.io'], ['rolebindings', 'roles'], readWrite),
  ], { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' }),
  clusterRole('system:aggregate-to-edit', [
    rule([''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy'], read),
    rule([''], ['serviceaccounts'], ['impersonate']),
    rule([''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy'], write),
    rule([''], ['pods/eviction'], ['create']),
    rule([''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy'], write),
    rule([''], ['serviceaccounts/token'], ['create']),
    rule(['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale'], write),
    rule(['autoscaling'], ['horizontalpodautoscalers'], write),
    rule(['batch'], ['cronjobs', 'jobs'], write),
    rule(['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale'], write),
    rule(['policy'], ['poddisruptionbudgets'], write),
    rule(['networking.k8s.io'], ['ingresses', 'networkpolicies'], write),
    rule(['coordination.k8s.io'], ['leases'], readWrite),
  ], { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }),
  clusterRole('system:aggregate-to-view', [
    rule([''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status'], read),
    rule([''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status'], read),
    rule([''], ['namespaces'], read),
    rule(['discovery.k8s.io'], ['endpointslices'], read),
    rule(['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status'], read),
    rule(['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status'], read),
    rule(['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status'], read),
    rule(['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale'], read),
    rule(['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status'], read),
    rule(['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies'], read),
  ], { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' }),
  clusterRole('system:auth-delegator', [
    rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
    rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
  ]),
  clusterRole('system:basic-user', [
    rule(['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['create']),
    rule(['authentication.k8s.io'], ['selfsubjectreviews'], ['create']),
  ]),
  clusterRole('system:certificates.k8s.io:certificatesigningrequests:nodeclient', [
    rule(['certificates.k8s.io'], ['certificatesigningrequests/nodeclient'], ['create']),
  ]),
  clusterRole('system:certificates.k8s.io:certificatesigningrequests:selfnodeclient', [
    rule(['certificates.k8s.io'], ['certificatesigningrequests/selfnodeclient'], ['create']),
  ]),
  approver('kubernetes.io/kube-apiserver-client'),
  approver('kubernetes.io/kube-apiserver-client-kubelet'),
  approver('kubernetes.io/kubelet-serving'),
  approver('kubernetes.io/legacy-unknown'),
  clusterRole('system:discovery', [
    urls(['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'], ['get']),
  ]),
  clusterRole('system:heapster', [
    rule([''], ['events', 'namespaces', 'nodes', 'pods'], read),
    rule(['extensions'], ['deployments'], read),
  ]),
  clusterRole('system:kube-aggregator', [rule([''], ['endpoints', 'services'], read)]),
  clusterRole('system:kube-controller-manager', [
    eventsRule,
    rule(['coordination.k8s.io'], ['leases'], ['create']),
    rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['kube-controller-manager']),
    rule([''], ['secrets', 'serviceaccounts'], ['create']),
    rule([''], ['secrets'], ['delete']),
    rule([''], ['configmaps', 'namespaces', 'secrets', 'serviceaccounts'], ['get']),
    rule([''], ['secrets', 'serviceaccounts'], ['update']),
    rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
    rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    rule(['*'], ['*'], ['list', 'watch']),
    rule([''], ['serviceaccounts/token'], ['create']),
  ]),
  clusterRole('system:kube-dns', [rule([''], ['endpoints', 'services'], ['list', 'watch'])]),
  clusterRole('system:kube-scheduler', [
    eventsRule,
    rule(['coordination.k8s.io'], ['leases'], ['create']),
    rule(['coordination.k8s.io'], ['leases'], ['get', 'update'], ['kube-scheduler']),
    rule([''], ['nodes'], read),
    rule([''], ['pods'], ['delete', 'get', 'list', 'watch']),
    rule([''], ['bindings', 'pods/binding'], ['create']),
    rule([''], ['pods/status'], ['patch', 'update']),
    rule([''], ['replicationcontrollers', 'services'], read),
    rule(['apps', 'extensions'], ['replicasets'], read),
    rule(['apps'], ['statefulsets'], read),
    rule(['policy'], ['poddisruptionbudgets'], read),
    rule([''], ['persistentvolumeclaims', 'persistentvolumes'], read),
    rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
    rule(['authorization.k8s.io'], ['subjectaccessreviews'], ['create']),
    rule(['storage.k8s.io'], ['csinodes'], read),
    rule([''], ['namespaces'], read),
    rule(['storage.k8s.io'], ['csidrivers'], read),
    rule(['storage.k8s.io'], ['csistoragecapacities'], read),
  ]),
  clusterRole('system:kubelet-api-admin', [
    rule([''], ['nodes'], read),
    rule([''], ['nodes'], ['proxy']),
    rule([''], ['nodes/log', 'nodes/metrics', 'nodes/proxy', 'nodes/stats'], ['*']),
  ]),
  clusterRole('system:monitoring', [
    urls(['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'], ['get']),
  ]),
  clusterRole('system:node', [
    rule(['authentication.k8s.io'], ['tokenreviews'], ['create']),
    rule(['authorization.k8s.io'], ['localsubjectaccessreviews', 'subjectaccessreviews'], ['create']),
    rule([''], ['services'], read),
    rule([''], ['nodes'], ['create', 'get', 'list', 'watch']),
    rule([''], ['nodes/status'], ['patch', 'update']),
    rule([''], ['nodes'], ['patch', 'update']),
    rule([''], ['events'], ['create', 'patch', 'update']),
    rule([''], ['pods'], read),
    rule([''], ['pods'], ['create', 'delete']),
    rule([''], ['pods/status'], ['patch', 'update']),
    rule([''], ['pods/eviction'], ['create']),
    rule([''], ['configmaps', 'secrets'], read),
    rule([''], ['persistentvolumeclaims', 'persistentvolumes'], ['get']),
    rule([''], ['endpoints'], ['get']),
    rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch']),
    rule(['coordination.k8s.io'], ['leases'], ['create', 'delete', 'get', 'patch', 'update']),
    rule(['storage.k8s.io'], ['volumeattachments'], ['get']),
    rule([''], ['serviceaccounts/token'], ['create']),
    rule([''], ['persistentvolumeclaims/status'], ['get', 'patch', 'update']),
    rule(['storage.k8s.io'], ['csidrivers'], read),
    rule(['storage.k8s.io'], ['csinodes'], ['create', 'delete', 'get', 'patch', 'update']),
    rule(['node.k8s.io'], ['runtimeclasses'], read),
  ]),
  clusterRole('system:node-bootstrapper', [
    rule(['certificates.k8s.io'], ['certificatesigningrequests'], ['create', 'get', 'list', 'watch']),
  ]),
  clusterRole('system:node-problem-detector', [
    rule([''], ['nodes'], ['get']),
    rule([''], ['nodes/status'], ['patch']),
    eventsRule,
  ]),
  clusterRole('system:node-proxier', [
    rule([''], ['endpoints', 'services'], ['list', 'watch']),
    rule([''], ['nodes'], read),
    eventsRule,
    rule(['discovery.k8s.io'], ['endpointslices'], ['list', 'watch']),
  ]),
  clusterRole('system:persistent-volume-provisioner', [
    rule([''], ['persistentvolumes'], ['create', 'delete', 'get', 'list', 'watch']),
    rule([''], ['persistentvolumeclaims'], ['get', 'list', 'update', 'watch']),
    rule(['storage.k8s.io'], ['storageclasses'], read),
    rule([''], ['events'], ['watch']),
    eventsRule,
  ]),
  clusterRole('system:public-info-viewer', [urls(['/healthz', '/livez', '/readyz', '/version', '/version/'], ['get'])]),
  clusterRole('system:service-account-issuer-discovery', [urls(['/.well-known/openid-configuration', '/openid/v1/jwks'], ['get'])]),
  clusterRole('system:volume-scheduler', [
    rule([''], ['persistentvolumes'], ['get', 'list', 'patch', 'update', 'watch']),
    rule(['storage.k8s.io'], ['storageclasses'], read),
    rule([''], ['persistentvolumeclaims'], ['get', 'list', 'patch', 'update', 'watch']),
  ]),
  aggregatingClusterRole('view', 'rbac.authorization.k8s.io/aggregate-to-view', { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' }),
];

/**
 * What every cluster has from the start: the four namespaces, the `kubernetes` Service,
 * the built-in PriorityClasses system-node-critical and system-cluster-critical, the
 * default RBAC policy (cluster-admin, admin/edit/view, the system: roles and bindings),
 * as kube-apiserver's rbac/bootstrap-roles post-start hook writes it, the resource metrics
 * API's reader role that metrics-server's manifest adds, and the lab's StorageClasses
 * (kind's default `standard`, and `shared`).
 */
import { ApiError, bootstrapPolicy, clusterDnsIp, firstServiceIp, labStorageClasses, metricsServerClusterRoles, resourceTypes, systemNamespaces, systemPriorityClasses, type Command } from '@kubelab/api';
import type { ApiService } from './api.service.js';
import { kubeadmAddons } from './kubeadm-addons.js';

const byKind = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;

/**
 * Creates what is missing; idempotent, so a restart finds everything in place. With `addons`, a new cluster (one whose
 * kube-system this start made) also gets kubeadm's add-ons, once: what a learner then scales, edits or deletes stays so.
 */
export async function bootstrapCluster(api: ApiService, serviceCidr: string, addons = false): Promise<void> {
  const options = { fieldValidation: 'Strict' as const, fieldManager: 'kube-apiserver' };
  const commands: Command[] = systemNamespaces.map((name) => ({
    type: 'Create', resource: byKind('Namespace'), namespace: '', options,
    body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } },
  }));
  commands.push({
    type: 'Create', resource: byKind('Service'), namespace: 'default', options,
    body: {
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'kubernetes', labels: { component: 'apiserver', provider: 'kubernetes' } },
      spec: { clusterIP: firstServiceIp(serviceCidr), ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
    },
  });
  for (const { name, value, description } of systemPriorityClasses) {
    commands.push({
      type: 'Create', resource: byKind('PriorityClass'), namespace: '', options,
      body: { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name }, value, description },
    });
  }
  const { clusterRoles, clusterRoleBindings, roles, roleBindings } = bootstrapPolicy;
  for (const body of [...clusterRoles, ...clusterRoleBindings, ...roles, ...roleBindings, ...metricsServerClusterRoles]) {
    commands.push({ type: 'Create', resource: byKind(body.kind!), namespace: body.metadata.namespace ?? '', options, body: structuredClone(body) });
  }
  for (const body of labStorageClasses) {
    commands.push({ type: 'Create', resource: byKind('StorageClass'), namespace: '', options, body: structuredClone(body) });
  }
  let newCluster = false;
  for (const command of commands) {
    const made = await createUnlessThere(api, command, 'api-server');
    if (made && command.type === 'Create' && command.body.kind === 'Namespace' && command.body.metadata.name === 'kube-system') newCluster = true;
  }
  if (!addons || !newCluster) return;
  for (const body of kubeadmAddons(clusterDnsIp(serviceCidr), serviceCidr)) {
    await createUnlessThere(api, { type: 'Create', resource: byKind(body.kind!), namespace: body.metadata.namespace ?? '', options: { ...options, fieldManager: 'kubeadm' }, body }, 'kubeadm');
  }
}

/** Runs a Create; false when the object is there already (another api-server of the lab made it first). */
async function createUnlessThere(api: ApiService, command: Command, actor: string): Promise<boolean> {
  try {
    await api.execute(command, actor);
    return true;
  } catch (e) {
    if (e instanceof ApiError && e.status.reason === 'AlreadyExists') return false;
    throw e;
  }
}

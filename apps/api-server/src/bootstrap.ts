/**
 * What every cluster has from the start: the four namespaces, the `kubernetes` Service
 * and the built-in PriorityClasses system-node-critical and system-cluster-critical.
 */
import { ApiError, firstServiceIp, resourceTypes, systemPriorityClasses, type Command } from '@kubelab/api';
import type { ApiService } from './api.service.js';

const byKind = (kind: string) => resourceTypes.find((t) => t.kind === kind)!;
const namespaces = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** Creates what is missing; idempotent, so a restart finds everything in place. */
export async function bootstrapCluster(api: ApiService, serviceCidr: string): Promise<void> {
  const options = { fieldValidation: 'Strict' as const, fieldManager: 'kube-apiserver' };
  const commands: Command[] = namespaces.map((name) => ({
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
  for (const command of commands) {
    try {
      await api.execute(command, 'api-server');
    } catch (e) {
      if (!(e instanceof ApiError && e.status.reason === 'AlreadyExists')) throw e;
    }
  }
}

/**
 * The serviceaccounts-controller of kube-controller-manager
 * (pkg/controller/serviceaccount/serviceaccounts_controller.go, syncNamespace): every
 * active namespace has the ServiceAccounts it must have (`default`), recreated when
 * someone deletes them; a namespace being terminated gets none.
 */
import type { Namespace, ServiceAccount } from '@kubelab/api';

/** kube-controller-manager's DefaultServiceAccountsControllerOptions: only `default`. */
export const SERVICE_ACCOUNTS_TO_ENSURE = ['default'] as const;

/**
 * The ServiceAccounts to create in `namespace`, given the ones of that namespace that
 * exist. A namespace not Active (or already marked for deletion) gets nothing.
 */
export function missingServiceAccounts(namespace: Namespace, serviceAccounts: readonly ServiceAccount[]): ServiceAccount[] {
  if (namespace.metadata.deletionTimestamp) return [];
  if ((namespace.status?.phase ?? 'Active') !== 'Active') return [];
  const name = namespace.metadata.name!;
  const existing = new Set(serviceAccounts.filter((sa) => sa.metadata.namespace === name).map((sa) => sa.metadata.name));
  return SERVICE_ACCOUNTS_TO_ENSURE.filter((sa) => !existing.has(sa)).map((sa) => ({
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: sa, namespace: name },
  }));
}

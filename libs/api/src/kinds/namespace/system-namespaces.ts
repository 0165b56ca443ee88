/**
 * The namespaces kube-apiserver owns (pkg/controlplane/controller/systemnamespaces): it creates
 * them at start and, every minute after, whichever went missing. default, kube-system and
 * kube-public may not be deleted (the namespace strategy refuses it); kube-node-lease may, and
 * comes back empty, for the kubelets to renew their Leases in again.
 */

/** default, kube-system, kube-public and kube-node-lease, in the order kube-apiserver lists them. */
export const systemNamespaces: readonly string[] = ['default', 'kube-system', 'kube-public', 'kube-node-lease'];

/** The system namespaces to create: those `exists` does not find (a Terminating one still exists, and waits for its deletion). */
export function missingSystemNamespaces(exists: (name: string) => boolean): string[] {
  return systemNamespaces.filter((name) => !exists(name));
}

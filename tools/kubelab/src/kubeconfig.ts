/** The kubeconfig `kubelab up` writes (and `kubelab kubeconfig` prints): plain HTTP on loopback, no credentials. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

/** The kubeconfig for a server, as YAML (`kubelab kubeconfig` prints it). */
export function kubeconfigYaml(server: string): string {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubelab', cluster: { server } }],
    users: [{ name: 'kubelab', user: {} }],
    contexts: [{ name: 'kubelab', context: { cluster: 'kubelab', user: 'kubelab', namespace: 'default' } }],
    'current-context': 'kubelab',
    preferences: {},
  };
  return stringify(config);
}

export function writeKubeconfig(file: string, server: string): void {
  writeFileSync(file, kubeconfigYaml(server), { mode: 0o600 });
}

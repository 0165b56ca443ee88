/** The kubeconfig `kubelab up` writes: plain HTTP on loopback, no credentials. */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';

export function writeKubeconfig(file: string, server: string): void {
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kubelab', cluster: { server } }],
    users: [{ name: 'kubelab', user: {} }],
    contexts: [{ name: 'kubelab', context: { cluster: 'kubelab', user: 'kubelab', namespace: 'default' } }],
    'current-context': 'kubelab',
    preferences: {},
  };
  writeFileSync(file, stringify(config), { mode: 0o600 });
}

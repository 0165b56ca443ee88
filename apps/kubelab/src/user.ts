/**
 * `kubelab user add NAME [--group G]…`: a new user of the lab, as `kubeadm kubeconfig user`
 * makes one: a client certificate the lab CA signs (CN the name, an O per group), put in
 * the lab's kubeconfig as a user and a context of that name. The api-server authenticates
 * the certificate; what the user may do is up to RBAC (a new user may do next to nothing).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { issueUserCertificate, userNameProblem } from '@kubelab/pki';
import { addKubeconfigUser } from './kubeconfig.js';

/** A user that cannot be added; the message says what to change. */
export class UserError extends Error {}

/** Adds the user to the lab's kubeconfig in `kubeconfigFile` with a certificate from the CA in `certDir`; returns what to tell the person. */
export async function addUser(certDir: string, kubeconfigFile: string, name: string, groups: readonly string[], now: Date): Promise<string> {
  for (const [what, value] of [['the user name', name], ...groups.map((g) => ['a group', g])] as const) {
    const problem = userNameProblem(value);
    if (problem) throw new UserError(`${what} ${JSON.stringify(value)} ${problem}`);
  }
  const [caCert, caKey] = ['ca.crt', 'ca.key'].map((f) => join(certDir, f));
  if (!existsSync(caCert) || !existsSync(caKey)) throw new UserError(`no lab CA in ${certDir}: start the lab first (kubelab up)`);
  if (!existsSync(kubeconfigFile)) throw new UserError(`no lab kubeconfig at ${kubeconfigFile}: start the lab first (kubelab up)`);
  const pair = await issueUserCertificate({ cert: readFileSync(caCert, 'utf8'), key: readFileSync(caKey, 'utf8') }, name, groups, now);
  addKubeconfigUser(kubeconfigFile, name, pair);
  const inGroups = groups.length > 0 ? ` in group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}` : '';
  return `user "${name}"${inGroups} added to ${kubeconfigFile} as context ${name}:  kubectl --context ${name} get pods   (RBAC decides what ${name} may do)`;
}

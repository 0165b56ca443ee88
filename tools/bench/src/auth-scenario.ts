/**
 * Scenario `auth`: what authentication and RBAC cost. The same closed-loop pod creates over
 * HTTPS, as a user with a client certificate, against an api-server that authorizes with
 * RBAC (the user allowed by a RoleBinding to `edit`, among a hundred other bindings) and
 * against one with --authorization-mode AlwaysAllow; their rates side by side, and the ratio.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { issueUserCertificate } from '@kubelab/pki';
import { Agent, fetch } from 'undici';
import { closedLoopPosts, quantile, type ClientTls } from './http-load.js';
import { startSecureApiServer } from './lab-processes.js';

const say = (line: string) => process.stdout.write(`${line}\n`);
const clients = 32;
const total = 10_000;

const podBody = (i: number) => JSON.stringify({
  apiVersion: 'v1', kind: 'Pod', metadata: { name: `bench-${i}`, labels: { app: 'bench' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.14.2', ports: [{ containerPort: 80 }] }] },
});

/** Writes, as the lab admin, the bindings the measured user lives among: its own to `edit`, and a hundred to others. */
async function bindUser(url: string, admin: ClientTls): Promise<void> {
  const dispatcher = new Agent({ connect: admin });
  const create = async (path: string, body: object) => {
    const res = await fetch(`${url}${path}`, { method: 'POST', dispatcher, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  };
  const binding = (name: string, user: string) => ({
    apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'edit' }, subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: user }],
  });
  for (let i = 0; i < 100; i++) await create('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', binding(`other-${i}`, `user-${i}`));
  await create('/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', binding('bench-edits', 'bench'));
}

async function measure(dir: string, step: string, mode: 'RBAC' | 'AlwaysAllow'): Promise<number> {
  say(`${step} ${total} pod creates over HTTPS as user "bench", ${clients} concurrent clients, --authorization-mode ${mode}`);
  const server = await startSecureApiServer(join(dir, mode), mode);
  try {
    const pki = (file: string) => readFileSync(join(dir, mode, 'pki', file), 'utf8');
    const ca = { cert: pki('ca.crt'), key: pki('ca.key') };
    const admin = { ca: ca.cert, cert: pki('admin.crt'), key: pki('admin.key') };
    await bindUser(server.url, admin);
    const user = await issueUserCertificate(ca, 'bench', ['bench-team'], new Date());
    const tls = { ca: ca.cert, ...user };
    const url = `${server.url}/api/v1/namespaces/default/pods`;
    await closedLoopPosts(url, clients, 1000, (i) => podBody(total + i), () => undefined, tls);
    const r = await closedLoopPosts(url, clients, total, podBody, (n) => say(`      ${n}/${total}`), tls);
    const rate = r.requests / r.seconds;
    say(`      creates/s: ${rate.toFixed(0)}   p50: ${quantile(r.latenciesMs, 0.5).toFixed(2)} ms   p99: ${quantile(r.latenciesMs, 0.99).toFixed(2)} ms   errors: ${r.errors}`);
    return rate;
  } finally {
    server.stop();
  }
}

export async function runAuthBenchmark(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kubelab-bench-auth-'));
  try {
    const open = await measure(dir, '[1/2]', 'AlwaysAllow');
    const rbac = await measure(dir, '[2/2]', 'RBAC');
    say(`RBAC: ${rbac.toFixed(0)} creates/s, AlwaysAllow: ${open.toFixed(0)} creates/s; RBAC costs ${((1 - rbac / open) * 100).toFixed(1)}% of the rate`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Runs the real kubectl (/usr/bin/kubectl) against a test's api-server with its own
 * kubeconfig and a fresh discovery cache, always under a timeout. For an HTTPS
 * server the kubeconfig carries the CA and a client certificate, as the lab's own does.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TlsCredentials } from './lab-tls.js';
import { tempDir } from './temp-dir.js';

export interface KubectlResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** How one kubectl run is fed: its stdin, a deadline, extra environment (e.g. KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false). */
export interface KubectlOptions {
  stdin?: string;
  timeoutMs?: number;
  env?: Record<string, string>;
}

export interface Kubectl {
  (args: string[], options?: KubectlOptions): Promise<KubectlResult>;
  kubeconfig: string;
  /** The stdout of a run that writes nothing on stderr (no warning, no refusal); it fails with what was written there otherwise. */
  stdout(args: string[], options?: KubectlOptions): Promise<string>;
  /** Starts a long-running kubectl (e.g. `get -w`) and gives access to its output so far. */
  spawn(args: string[], options?: Pick<KubectlOptions, 'env'>): { output: () => string; stop: () => void };
}

const base64 = (pem: string) => Buffer.from(pem).toString('base64');

/** A kubectl bound to the server at `url` and working in `namespace`; an https server needs the lab's `credentials`. */
export function kubectlFor(url: string, credentials?: TlsCredentials, namespace = 'default'): Kubectl {
  const dir = tempDir('kubectl');
  const kubeconfig = join(dir, 'kubeconfig');
  const ca = credentials ? `, certificate-authority-data: ${base64(credentials.ca)}` : '';
  const user = credentials ? `client-certificate-data: ${base64(credentials.cert)}, client-key-data: ${base64(credentials.key)}` : '';
  writeFileSync(kubeconfig, [
    'apiVersion: v1', 'kind: Config',
    `clusters: [{name: lab, cluster: {server: "${url}"${ca}}}]`,
    `users: [{name: lab, user: {${user}}}]`,
    `contexts: [{name: lab, context: {cluster: lab, user: lab, namespace: ${namespace}}}]`,
    'current-context: lab', '',
  ].join('\n'));
  const base = ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache')];
  const run = (args: string[], options: KubectlOptions = {}) =>
    new Promise<KubectlResult>((resolve) => {
      const child = spawn('kubectl', [...base, ...args], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d) => (stdout += d));
      child.stderr.on('data', (d) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
      child.on('close', (code) => (clearTimeout(timer), resolve({ code, stdout, stderr })));
      // kubectl may exit before it reads stdin (a refusal, a kill at the deadline): the pipe is gone, not an error of the test.
      child.stdin.on('error', () => undefined);
      child.stdin.end(options.stdin ?? '');
    });
  return Object.assign(run, {
    kubeconfig,
    stdout: async (args: string[], options?: KubectlOptions) => {
      const { stdout, stderr } = await run(args, options);
      if (stderr !== '') throw new Error(`kubectl ${args.join(' ')} wrote on stderr: ${stderr}`);
      return stdout;
    },
    spawn: (args: string[], options: Pick<KubectlOptions, 'env'> = {}) => {
      const child = spawn('kubectl', [...base, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...options.env } });
      let out = '';
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
      return { output: () => out, stop: () => void child.kill('SIGKILL') };
    },
  });
}

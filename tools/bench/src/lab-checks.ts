/**
 * What a user asks of a big lab while and after its pods start, as the scale and density benches ask it: the real
 * kubectl listing every pod in chunks of 500, and `kubelab verify` checking the replayed log against the live objects.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { quantile } from './http-load.js';
import { root } from './lab-processes.js';
import { ProcessSampler } from './process-sampler.js';

export interface VerifyRun {
  agreed: boolean;
  said: string;
  seconds: number;
  api_server_peak_rss_mib: number;
  cli_peak_rss_mib: number;
}

/** `kubelab verify` as a user runs it (the CLI's bin, against the lab's kubeconfig), with the api-server's and its own peak RSS. */
export function kubelabVerify(kubeconfig: string, apiServerPid: number): Promise<VerifyRun> {
  return new Promise((resolve) => {
    const began = Date.now();
    const child = spawn(process.execPath, [join(root, 'apps/kubelab/bin/kubelab.mjs'), 'verify', '--kubeconfig', kubeconfig], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const sampler = new ProcessSampler();
    sampler.add('api-server', apiServerPid);
    sampler.add('cli', child.pid!);
    sampler.start();
    let said = '';
    child.stdout.on('data', (d: Buffer) => (said += d.toString()));
    child.stderr.on('data', (d: Buffer) => (said += d.toString()));
    child.on('close', (code) => {
      const { rssMiB } = sampler.stop();
      resolve({
        agreed: code === 0, said: said.trim().split('\n').slice(0, 5).join('\n'), seconds: (Date.now() - began) / 1000,
        api_server_peak_rss_mib: rssMiB['api-server'] ?? 0, cli_peak_rss_mib: rssMiB.cli ?? 0,
      });
    });
  });
}

export interface KubectlRun {
  answered: boolean;
  seconds: number;
  pods_listed: number;
  running_when_asked: number;
  /** The pages kubectl asked for, and the api-server's time to answer each (kubectl's own count, to the response's headers). */
  pages: number;
  page_p50_ms: number;
  page_p99_ms: number;
  /** What kubectl waited on its own rate limit (client-go's 5 requests/s after a burst of 10): none of it is the api-server's. */
  throttled_seconds: number;
}

/** A Go duration as kubectl prints it (`177.47ms`, `1.2s`, `950µs`), in seconds. */
function goSeconds(text: string): number {
  const [, n, unit] = /^([\d.]+)(ms|s|µs|us|m)$/.exec(text) ?? [];
  const scale = { s: 1, ms: 1e-3, µs: 1e-6, us: 1e-6, m: 60 }[unit ?? ''];
  return scale === undefined ? 0 : Number(n) * scale;
}

/**
 * The real kubectl listing every pod in chunks of 500, against the lab's kubeconfig. Its request log (-v=6) tells the
 * api-server's time per page from kubectl's own throttling: a list of 100,000 pods is 200 pages, and kubectl waits about
 * 0.2 s before each after the tenth, whichever server answers.
 */
export function kubectlGetPods(kubeconfig: string, runningNow: number): Promise<KubectlRun> {
  return new Promise((resolve) => {
    const began = Date.now();
    const child = spawn('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, 'get', 'pods', '-A', '--chunk-size=500', '--no-headers', '--request-timeout=120s', '-v=6'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    const pageMs: number[] = [];
    let throttled = 0;
    child.stdout.on('data', (d: Buffer) => (lines += d.toString().split('\n').length - 1));
    createInterface({ input: child.stderr }).on('line', (line) => {
      const page = / GET \S+\/pods\S* 200 OK in (\d+) milliseconds/.exec(line);
      if (page) pageMs.push(Number(page[1]));
      const waited = /Waited for (\S+) due to client-side throttling/.exec(line);
      if (waited) throttled += goSeconds(waited[1]);
    });
    const done = (answered: boolean) => resolve({
      answered, seconds: (Date.now() - began) / 1000, pods_listed: lines, running_when_asked: runningNow,
      pages: pageMs.length, page_p50_ms: quantile(pageMs, 0.5), page_p99_ms: quantile(pageMs, 0.99), throttled_seconds: Math.round(throttled * 10) / 10,
    });
    child.on('close', (code) => done(code === 0));
    child.on('error', () => done(false));
  });
}

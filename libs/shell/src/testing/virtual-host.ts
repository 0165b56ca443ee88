/**
 * A ProcessHost for specs: a virtual lab clock that only moves when the test
 * advances it, captured stdout/stderr, a kill switch, and in-memory DNS and
 * HTTP tables. Lets a spec run `sleep 3600` scripts in microseconds.
 */
import { MemoryFs } from '../fs/memory-fs.js';
import { decodeUtf8, fromUint8Array } from '../io/byte-string.js';
import type { HttpRequestOptions, HttpResponse, ProcessHost, ProcessTable } from '../process/process-host.js';
import type { TerminationSignal } from '../process/signals.js';

interface Timer {
  readonly at: number;
  readonly resolve: () => void;
}

/** The lab at the test's command. */
export interface VirtualHost {
  readonly host: ProcessHost;
  readonly fs: MemoryFs;
  /** Name → IP answers for `lookup`; add to it to make a Service "appear". */
  readonly dns: Map<string, string>;
  /** URL → response for `http`; a missing URL is a refused connection. */
  readonly web: Map<string, HttpResponse>;
  /** Every request `http` was asked for, in order. */
  readonly requests: { url: string; request?: HttpRequestOptions }[];
  /** Origin (`https://host`) → the PEM of the private CA its TLS certificate chains to. */
  readonly tlsIssuers: Map<string, string>;
  /** Everything written to stdout so far, decoded as UTF-8. */
  stdout(): string;
  /** Everything written to stderr so far, decoded as UTF-8. */
  stderr(): string;
  /** Everything written to stdout so far, as a byte string. */
  stdoutBytes(): string;
  /** Seconds of lab time since the start. */
  elapsed(): number;
  /** Sleeps still waiting for the clock (a finished or killed process leaves none). */
  pendingSleeps(): number;
  /** Moves the clock forward, waking sleepers in order and letting the process run between them. */
  advance(seconds: number): Promise<void>;
  /** Lets the process run until it waits on the clock again. */
  settle(): Promise<void>;
  kill(signal: TerminationSignal): void;
}

const START = Date.UTC(2025, 0, 1, 12, 0, 0);
const SETTLE_ROUNDS = 20;

/** Builds a host around `fs` (a fresh MemoryFs by default) and `env`. */
export function virtualHost(options: { fs?: MemoryFs; env?: Record<string, string>; workingDir?: string; pid?: number; processes?: ProcessTable } = {}): VirtualHost {
  let now = 0;
  let out = '';
  let err = '';
  const timers: Timer[] = [];
  const controller = new AbortController();
  const dns = new Map<string, string>();
  const web = new Map<string, HttpResponse>();
  const requests: { url: string; request?: HttpRequestOptions }[] = [];
  const tlsIssuers = new Map<string, string>();
  const fs = options.fs ?? new MemoryFs({ now: () => new Date(START + now * 1000) });
  const settle = async () => {
    for (let i = 0; i < SETTLE_ROUNDS; i++) await new Promise<void>((resolve) => setImmediate(resolve));
  };
  const host: ProcessHost = {
    fs,
    env: options.env ?? {},
    signal: controller.signal,
    workingDir: options.workingDir,
    pid: options.pid,
    processes: options.processes,
    sleep: (seconds, stop) =>
      new Promise<void>((resolve) => {
        const timer = { at: now + seconds, resolve };
        timers.push(timer);
        const forget = () => {
          const index = timers.indexOf(timer);
          if (index >= 0) timers.splice(index, 1);
        };
        stop?.addEventListener('abort', forget, { once: true });
      }),
    now: () => new Date(START + now * 1000),
    stdout: (bytes) => (out += fromUint8Array(bytes)),
    stderr: (bytes) => (err += fromUint8Array(bytes)),
    lookup: async (name) => dns.get(name),
    http: async (url, request) => {
      requests.push({ url, ...(request ? { request } : {}) });
      return web.get(url);
    },
    tlsIssuer: async (url) => tlsIssuers.get(new URL(url).origin),
  };
  return {
    host,
    fs,
    dns,
    web,
    requests,
    tlsIssuers,
    stdout: () => decodeUtf8(out),
    stderr: () => decodeUtf8(err),
    stdoutBytes: () => out,
    elapsed: () => now,
    pendingSleeps: () => timers.length,
    settle,
    async advance(seconds) {
      const target = now + seconds;
      for (;;) {
        await settle();
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > target) break;
        timers.shift();
        now = next.at;
        next.resolve();
      }
      now = target;
      await settle();
    },
    kill: (signal) => controller.abort(signal),
  };
}

/**
 * Everything an emulated container process may touch, supplied by the agent
 * that runs it. The shell never reaches the real host: files, clock, output,
 * DNS and HTTP all go through this interface, and the agent decides what they
 * mean in the lab (virtual time, cluster DNS, Service routing, pod logs).
 */
import type { MemoryFs } from '../fs/memory-fs.js';

/** What an HTTP GET returned; only the status and the body text matter to wget and curl. */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

/** The world as one container process sees it. */
export interface ProcessHost {
  /** The container's file system, volumes already mounted. */
  readonly fs: MemoryFs;
  /** The process environment (pod `env`, Service variables, HOSTNAME, PATH, HOME…). */
  readonly env: Readonly<Record<string, string>>;
  /**
   * Aborted when the kubelet kills the container. `abort('SIGTERM')` ends it with
   * status 143; any other reason (normally 'SIGKILL') with 137. The process stops
   * at its next await, so a long `sleep` ends at once.
   */
  readonly signal: AbortSignal;
  /** The container's `workingDir`; `/` when absent. */
  readonly workingDir?: string;
  /** Resolves after `seconds` of lab time (fractions allowed). Called only with finite, positive values. */
  sleep(seconds: number): Promise<void>;
  /** The lab clock, for `date`. */
  now(): Date;
  /** Appends to the container's stdout log. */
  stdout(text: string): void;
  /** Appends to the container's stderr log. */
  stderr(text: string): void;
  /** Cluster DNS: the IPv4 address `name` resolves to from this pod, or undefined (NXDOMAIN). */
  lookup(name: string): Promise<string | undefined>;
  /** An HTTP GET of `url` (always `scheme://host[:port]/path`); undefined when the connection is refused or has no route. */
  http(url: string): Promise<HttpResponse | undefined>;
}

/**
 * A component started by `kubelab up` gets an IPC channel to the supervisor. The channel
 * closes however the supervisor ends (Ctrl-C, a closed terminal, kill -9), so its
 * 'disconnect' is the one sure sign that nobody will stop this process: it then stops
 * as on SIGTERM, and exits for sure after a grace period. A process started by hand
 * (docker compose, a test) has no channel and runs as before.
 */

export interface ParentWatch {
  /** How the process stops in order once it runs; until then, a parent gone ends it at once. */
  stopWith(stop: () => unknown): void;
  /**
   * Tells the supervisor the port this process listens on: asked for port 0, it bound one itself,
   * so no other process can take it between a choice and the bind. Nothing without a supervisor.
   */
  listening(port: number): void;
}

/** What a component sends its supervisor once it listens (ParentWatch.listening). */
export interface ListeningMessage {
  listening: number;
}

/**
 * Watches the parent from now on: call it first thing, since a supervisor may die while
 * the process is still starting (a Node is Ready before its agent's start has returned).
 */
export function watchParent(graceMs = 4000): ParentWatch {
  let stop: (() => unknown) | undefined;
  const gone = () => {
    // Still starting: there is nothing to stop in order yet.
    if (!stop) process.exit(1);
    setTimeout(() => process.exit(1), graceMs).unref();
    void stop();
  };
  // process.send exists only in a process spawned with an IPC channel, and stays once the channel closed.
  if (typeof process.send === 'function') {
    if (!process.connected) gone();
    process.once('disconnect', gone);
    // The channel only watches: it must not keep alive a process that would otherwise exit.
    process.channel?.unref();
  }
  return {
    stopWith: (s) => (stop = s),
    listening: (port) => {
      if (process.connected) process.send?.({ listening: port } satisfies ListeningMessage);
    },
  };
}

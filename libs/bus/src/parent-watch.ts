/**
 * A component started by `kubelab up` gets an IPC channel to the supervisor. The channel
 * closes however the supervisor ends (Ctrl-C, a closed terminal, kill -9), so its
 * 'disconnect' is the one sure sign that nobody will stop this process: it then stops
 * as on SIGTERM, and exits for sure after a grace period. A process started by hand
 * (docker compose, a test) has no channel and runs as before.
 */

/** Stops the process with `stop` once its parent is gone; a no-op without an IPC channel. */
export function stopWhenParentGoes(stop: () => unknown, graceMs = 4000): void {
  // process.send exists only in a process spawned with an IPC channel, and stays once the channel closed.
  if (typeof process.send !== 'function') return;
  const gone = () => {
    setTimeout(() => process.exit(1), graceMs).unref();
    void stop();
  };
  // The parent may have gone while this process was still starting.
  if (!process.connected) return gone();
  process.once('disconnect', gone);
  // The channel only watches: it must not keep alive a process that would otherwise exit.
  process.channel?.unref();
}

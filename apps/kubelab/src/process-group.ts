/**
 * Signals for a lab process reach its whole process group: the supervisor starts each
 * one as a group leader, and nats-server lives in its guardian's group, so killing,
 * pausing or continuing `nats` acts on both.
 */

/** Signals the group led by `pid`, or the process alone when it leads none; nothing when it is gone. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Gone already: nothing left to signal.
    }
  }
}

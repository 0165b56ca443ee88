/** Container lifecycle hooks (postStart, preStop): exec, httpGet or sleep, against the emulated container. */
import type { LifecycleHandler } from 'kubernetes-types/core/v1';
import type { EmulatedContainer } from './emulated-container.js';
import type { LabClock } from './lab-clock.js';

export interface HookOutcome {
  ok: boolean;
  /** Why it failed, worded as the kubelet's FailedPostStartHook / FailedPreStopHook events. */
  message?: string;
}

/** Runs a hook handler; `timeoutSeconds` bounds exec (the grace period for preStop). */
export async function runHook(handler: LifecycleHandler, container: EmulatedContainer, clock: LabClock, timeoutSeconds: number): Promise<HookOutcome> {
  if (handler?.exec) {
    const r = await container.exec(handler.exec.command ?? [], timeoutSeconds);
    if (r.exitCode === 0) return { ok: true };
    return { ok: false, message: `Exec lifecycle hook (${JSON.stringify(handler.exec.command)}) for Container "${container.name}" failed - error: command '${(handler.exec.command ?? []).join(' ')}' exited with ${r.exitCode}: ${r.output.trim()}, message: "${r.output.trim()}"` };
  }
  if (handler?.httpGet) {
    const port = typeof handler.httpGet.port === 'number' ? handler.httpGet.port : container.namedPort(String(handler.httpGet.port));
    const path = handler.httpGet.path ?? '/';
    const answer = container.httpGet(port, path);
    if (answer && answer.status < 400) return { ok: true };
    return { ok: false, message: `HTTP lifecycle hook (${path}) for Container "${container.name}" failed - error: ${answer ? `HTTP status ${answer.status}` : 'connection refused'}` };
  }
  if (handler?.sleep) {
    await clock.sleep(Math.min(Number(handler.sleep.seconds) || 0, timeoutSeconds));
    return { ok: true };
  }
  return { ok: true };
}

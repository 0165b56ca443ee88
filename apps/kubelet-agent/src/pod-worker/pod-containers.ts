/**
 * The processes of one pod that run now: its own containers (init and app) and its debug containers, for exec,
 * attach, port-forward, Services, resource accounting and chaos drills. The worker adds and removes them as it
 * carries out starts and sees exits; nothing here decides.
 */
import type { Container, EphemeralContainer } from 'kubernetes-types/core/v1';
import type { ContainerActivity, EmulatedContainer } from '../runtime/emulated-container.js';

/** A running container with what it does and the spec that set its resources. */
export interface RunningContainer {
  name: string;
  spec: Pick<Container, 'resources'>;
  activity: ContainerActivity;
}

export class PodContainers {
  private readonly pods = new Map<string, EmulatedContainer>();
  /** Made at the first debug container: an empty Map is 170 bytes more for every pod an agent runs. */
  private debuggers?: Map<string, EmulatedContainer>;

  /** One of the pod's own containers (init or app, not a debug one) that runs now. */
  own(name: string): EmulatedContainer | undefined {
    return this.pods.get(name);
  }

  /** The names of the pod's own running containers. */
  ownNames(): string[] {
    return [...this.pods.keys()];
  }

  /** Any running container of the pod (its own or a debug one), for exec and attach. */
  running(name: string): EmulatedContainer | undefined {
    return this.pods.get(name) ?? this.debuggers?.get(name);
  }

  /** The pod's own container that listens on `port` (Services, other pods, port-forward). */
  listening(port: number): EmulatedContainer | undefined {
    return [...this.pods.values()].find((c) => c.listensOn(port));
  }

  started(name: string, container: EmulatedContainer): void {
    this.pods.set(name, container);
  }

  /** The container's process ended; a later run under the same name is left alone. */
  ended(name: string, container: EmulatedContainer): void {
    if (this.pods.get(name) === container) this.pods.delete(name);
  }

  debugStarted(name: string, container: EmulatedContainer): void {
    (this.debuggers ??= new Map()).set(name, container);
  }

  debugEnded(name: string): void {
    this.debuggers?.delete(name);
  }

  /** Every running container with its activity, the spec found by `specOf` ({} when the spec no longer names it). */
  withActivity(specOf: (name: string) => Container | EphemeralContainer | undefined): RunningContainer[] {
    const running = [...this.pods.entries(), ...(this.debuggers ?? [])];
    return running.map(([name, container]) => ({ name, spec: specOf(name) ?? {}, activity: container.activity }));
  }

  /** SIGKILL to every container of the pod's own (an eviction). */
  killOwn(): void {
    for (const c of this.pods.values()) c.kill();
  }

  /** SIGKILL to everything and forget it (the pod is gone, or the agent stops). */
  killAll(): void {
    for (const c of [...this.pods.values(), ...(this.debuggers?.values() ?? [])]) c.kill();
    this.pods.clear();
    this.debuggers?.clear();
  }
}

/**
 * PodGC's shell: every gc-check period (20 s, scaled) it asks `planPodGc` which pods
 * to clean up — terminated ones beyond the threshold, orphans of vanished nodes,
 * unscheduled ones being deleted, those on out-of-service nodes — and force-deletes
 * them, as kube-controller-manager's podgc does.
 */
import { planPodGc } from '@kubelab/controllers';
import { refs, type Controller, type ControllerContext } from './controller-context.js';
import { actingAs } from './controller-context.js';

const gcCheckPeriodSeconds = 20;

export class PodGcController implements Controller {
  readonly name = 'pod-garbage-collector';
  private timer: NodeJS.Timeout | undefined;
  private orphanSince: ReadonlyMap<string, number> = new Map();
  private running = false;
  private readonly client;

  constructor(private readonly ctx: ControllerContext) {
    this.client = actingAs(ctx, this.name).client;
  }

  start(): void {
    clearInterval(this.timer);
    this.timer = setInterval(() => void this.collect(), (gcCheckPeriodSeconds * 1000) / this.ctx.config.timeScale);
  }

  pause(): void {
    clearInterval(this.timer);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async collect(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      const { actions, orphanSince } = planPodGc(this.ctx.informers.pods.list(), this.ctx.informers.nodes.list(), {
        terminatedPodGcThreshold: this.ctx.config.terminatedPodGcThreshold, orphanSince: this.orphanSince,
      }, this.ctx.clock());
      this.orphanSince = orphanSince;
      for (const action of actions) {
        const { namespace, name } = action.pod.metadata;
        try {
          if (action.type === 'MarkPodFailed') await this.client.patchStatus(refs.pods, namespace!, name!, action.patch, undefined, 'strategic');
          else await this.client.delete(refs.pods, namespace!, name!, 0);
        } catch (e) {
          this.ctx.log.debug({ pod: `${namespace}/${name}`, err: (e as Error).message }, 'podgc: skipped');
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/**
 * The CronJob controller's shell: a CronJob or one of its Jobs changes → the CronJob
 * is queued; a sync asks `reconcileCronJob` and carries out its steps, then sleeps
 * until the next schedule time. Schedules run on the lab clock — lab time starts as
 * the process's wall time and passes timeScale times faster — so at time scale 60 an
 * every-minute CronJob fires every second. Stored times stay wall-clock times (AGE
 * and LAST SCHEDULE read right); they are mapped to lab time for the decision.
 */
import { kubeTime, nextScheduleTime, parseCronSchedule, type CronJob } from '@kubelab/api';
import type { CronJobStatus } from 'kubernetes-types/batch/v1';
import { reconcileCronJob, type CronJobAction } from '@kubelab/controllers';
import { controllerOf, ignoreGone, keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

const timeFields = ['creationTimestamp', 'lastScheduleTime', 'lastSuccessfulTime', 'startTime', 'completionTime'];

/** The status times the controller writes, kept exact: stored to the second, one wall second is timeScale lab seconds. */
const scheduleFields = ['lastScheduleTime', 'lastSuccessfulTime'] as const;

export class CronJobController extends QueueController {
  private readonly origin = Date.now();
  /** "key|field" → the last wall time stored there and the exact lab time it stands for. */
  private readonly exact = new Map<string, { stored: string | undefined; lab: string }>();

  constructor(ctx: ControllerContext) {
    super('cronjob-controller', ctx);
    const { cronJobs, jobs } = ctx.informers;
    cronJobs.onChange((type, cj) => {
      if (type !== 'DELETED') return this.queue.add(keyOf(cj), seqOf(cj));
      for (const field of scheduleFields) this.exact.delete(`${keyOf(cj)}|${field}`);
    });
    jobs.onChange((_type, job) => {
      const owner = controllerOf(job);
      if (owner?.kind === 'CronJob') this.queue.add(`${job.metadata.namespace}/${owner.name}`, seqOf(job));
    });
  }

  private toLab(ms: number): number {
    return this.origin + (ms - this.origin) * this.ctx.config.timeScale;
  }

  private toWall(ms: number): number {
    return this.origin + (ms - this.origin) / this.ctx.config.timeScale;
  }

  /** A copy with its metadata and status times mapped between wall and lab time. */
  private mapped<T>(o: T, map: (ms: number) => number): T {
    const walk = (v: unknown): unknown => {
      if (Array.isArray(v)) return v.map(walk);
      if (!v || typeof v !== 'object') return v;
      return Object.fromEntries(Object.entries(v).map(([k, x]) =>
        [k, timeFields.includes(k) && typeof x === 'string' ? kubeTime(new Date(map(Date.parse(x)))) : k === 'metadata' || k === 'status' ? walk(x) : x]));
    };
    return walk(o) as T;
  }

  /** The CronJob on lab time, its schedule times exactly as this controller decided them. */
  private labView(key: string, cronJob: CronJob): CronJob {
    const view = this.mapped(cronJob, (ms) => this.toLab(ms));
    for (const field of scheduleFields) {
      const known = this.exact.get(`${key}|${field}`);
      if (known && known.stored === cronJob.status?.[field]) view.status = { ...view.status, [field]: known.lab };
    }
    return view;
  }

  /** The status to store (wall time), remembering the exact lab times behind it. */
  private storedStatus(key: string, status: CronJobStatus): CronJobStatus {
    const stored = this.mapped({ status }, (ms) => this.toWall(ms)).status;
    for (const field of scheduleFields) {
      const lab = status[field];
      if (lab) this.exact.set(`${key}|${field}`, { stored: stored[field], lab });
    }
    return stored;
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { namespace, name } = splitKey(key);
    const cronJob = this.ctx.informers.cronJobs.get(namespace, name);
    if (!cronJob) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.jobs.resourceVersion)) return { requeueAfterMs: 10 };
    const parsed = parseCronSchedule(String(cronJob.spec?.schedule ?? ''));
    if (!parsed.ok) {
      this.ctx.log.warn({ cronJob: key, errors: parsed.errors }, 'unparseable schedule');
      return;
    }
    const toLab = (ms: number) => this.toLab(ms);
    const jobs = this.ctx.informers.jobs.byIndex('namespace', namespace).map((j) => this.mapped(j, toLab));
    const now = new Date(this.toLab(Date.now()));
    const next = (after: Date) => nextScheduleTime(parsed.schedule, after, cronJob.spec?.timeZone);
    const { actions, requeueAt } = reconcileCronJob(this.labView(key, cronJob), jobs, now, next);
    for (const action of actions) await this.carryOut(key, cronJob, action, cause);
    return requeueAt ? { requeueAfterMs: Math.max(10, this.toWall(requeueAt.getTime()) - Date.now()) } : undefined;
  }

  private async carryOut(key: string, cronJob: CronJob, action: CronJobAction, cause: number | undefined): Promise<void> {
    const ns = cronJob.metadata.namespace!;
    switch (action.type) {
      case 'CreateJob': {
        const created = await this.client.create(refs.jobs, ns, action.job, cause).catch((e: { code?: number }) => {
          if (e.code === 409) return undefined;
          throw e;
        });
        if (created) this.expectations.expect(key, seqOf(created));
        return;
      }
      case 'DeleteJob': {
        const deleted = await this.client.delete(refs.jobs, ns, action.name, undefined, cause, 'Background').catch(ignoreGone);
        if (deleted) this.expectations.expect(key, seqOf(deleted));
        return;
      }
      case 'UpdateStatus':
        return this.writeStatus(key, refs.cronJobs, cronJob, this.storedStatus(key, action.status), cause);
      case 'RecordEvent':
        return void this.events.record(cronJob, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}

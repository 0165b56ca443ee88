/** CronJob status written the way Kubernetes serializes it, so equal statuses compare equal. */
import type { CronJobStatus } from 'kubernetes-types/batch/v1';

/** `fields` in Kubernetes' field order, empty ones left out (omitempty). */
export function cronJobStatus(fields: CronJobStatus): CronJobStatus {
  return {
    ...(fields.active && fields.active.length > 0 ? { active: fields.active } : {}),
    ...(fields.lastScheduleTime ? { lastScheduleTime: fields.lastScheduleTime } : {}),
    ...(fields.lastSuccessfulTime ? { lastSuccessfulTime: fields.lastSuccessfulTime } : {}),
  };
}

/** `status` without the active references for which `drop` holds. */
export function withoutActive(status: CronJobStatus, drop: (ref: { uid?: string; name?: string }) => boolean): CronJobStatus {
  return cronJobStatus({ ...status, active: (status.active ?? []).filter((ref) => !drop(ref)) });
}

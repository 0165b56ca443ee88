/** The CronJob controller's events, worded as cronjob_controllerv2.go records them. */
import type { CronJobAction } from './cronjob-actions.js';

type RecordEvent = Extract<CronJobAction, { type: 'RecordEvent' }>;

const normal = (reason: string, message: string): RecordEvent => ({ type: 'RecordEvent', eventType: 'Normal', reason, message });
const warning = (reason: string, message: string): RecordEvent => ({ type: 'RecordEvent', eventType: 'Warning', reason, message });

/** Wording of each event, by reason. */
export const cronJobEvents = {
  created: (job: string) => normal('SuccessfulCreate', `Created job ${job}`),
  deleted: (job: string) => normal('SuccessfulDelete', `Deleted job ${job}`),
  sawCompleted: (job: string, condition: string) => normal('SawCompletedJob', `Saw completed job: ${job}, condition: ${condition}`),
  missing: (job: string) => normal('MissingJob', `Active job went missing: ${job}`),
  unexpected: (job: string) => warning('UnexpectedJob', `Saw a job that the controller did not create or forgot: ${job}`),
  alreadyActive: () => normal('JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid'),
  tooManyMissed: () => warning('TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'),
  unknownTimeZone: (timeZone: string, error: string) => warning('UnknownTimeZone', `invalid timeZone: ${JSON.stringify(timeZone)}: ${error}`),
  invalidSchedule: (schedule: string, error: string) => warning('InvalidSchedule', `invalid schedule: ${schedule} : ${error}`),
};

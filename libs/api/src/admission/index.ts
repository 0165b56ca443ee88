/**
 * Admission of written objects, as kube-apiserver 1.32 does it: defaulting, the
 * mutating and validating admission plugins a plain cluster runs (ServiceAccount,
 * Priority, DefaultTolerationSeconds, LimitRanger), and per-kind validation.
 */
export { applyDefaults } from './defaults/apply-defaults.js';
export { prepareForCreate, prepareForStatusUpdate, prepareForUpdate } from './strategy/prepare.js';
export * from './storage/index.js';
export type { DefaultingOptions } from './defaults/defaulting-options.js';
export { applyJobSelector } from './defaults/job-selector.js';
export { defaultImagePullPolicy } from './defaults/image-pull-policy.js';
export { qosClassOf } from './qos.js';
export type { QOSClass } from './qos.js';
export { applyLimitRanges } from './limit-ranger/apply-limit-ranges.js';
export { checkLimitRanges } from './limit-ranger/check-limit-ranges.js';
export { assignServiceAccount, mountServiceAccountToken } from './service-account/mount-token.js';
export { addDefaultTolerations } from './defaults/default-tolerations.js';
export { admitPodPriority, keepPodPriority } from './priority/pod-priority.js';
export type { PodPriorityAdmission } from './priority/pod-priority.js';
export { globalDefaultClass, secondGlobalDefaultRefusal } from './priority/global-default.js';
export { systemPriorityClasses } from './priority/system-priority-classes.js';
export type { SystemPriorityClass } from './priority/system-priority-classes.js';
export { validateCreate, validateUpdate } from './validation/validate.js';
export { validateCertificateSigningRequestApprovalUpdate } from './validation/certificate-signing-request.js';
export { POD_UPDATE_FORBIDDEN } from './validation/pod-update.js';
export { parseCronSchedule } from './validation/cron-schedule.js';
export type { CronFields, CronInterval, CronParseResult, CronSchedule } from './validation/cron-schedule.js';
export { nextScheduleTime } from './validation/next-schedule-time.js';
export { parseGoDuration } from './validation/go-duration.js';
export {
  QUANTITY_FORMAT_ERROR,
  QuantityError,
  addQuantities,
  canonicalQuantity,
  compareQuantities,
  formatQuantity,
  milliValue,
  parseQuantity,
  quantityError,
  roundUpToMilli,
  toQuantity,
} from './quantity.js';
export type { Quantity, QuantityFormat } from './quantity.js';
export { checkResourceQuotas, evaluatorFor, groupResourceOfQuotaName, hardResourceNames, resourceListJson, usageUnderQuota } from './resource-quota/index.js';
export type { GroupResource, QuotaEvaluator, QuotaRequest, ScopeRequirement } from './resource-quota/index.js';

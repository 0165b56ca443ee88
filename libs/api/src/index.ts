export * from './object.js';
export type * from './typed-objects.js';
export * from './registry.js';
export * from './custom-resources/index.js';
export * from './status.js';
export * from './field-errors.js';
export * from './discovery.js';
export * from './answered-kinds.js';
export * from './conversion/index.js';
export * from './patch/index.js';
export { shareManagedFields } from './managed-fields/index.js';
export * from './printers/index.js';
export * from './selectors/index.js';
export * from './schema/index.js';
export * from './commands/index.js';
export * from './kinds/index.js';
export * from './log-event.js';
export * from './shared-value.js';
export { canonicalQuantity, evaluatorFor, formatQuantity, groupResourceOfQuotaName, hardResourceNames, milliValue, parseQuantity, resourceListJson, toQuantity, usageUnderQuota } from './admission/index.js';
export type { GroupResource } from './admission/index.js';
export { nextScheduleTime, parseCronSchedule, parseGoDuration } from './admission/index.js';
export type { CronFields, CronInterval, CronParseResult, CronSchedule } from './admission/index.js';
export { nodeRestrictionRefusal, type NodeWrite } from './admission/node-restriction.js';
export { compareQuantities } from './admission/index.js';
export {
  BETA_STORAGE_CLASS_ANNOTATION, DEFAULT_STORAGE_CLASS_ANNOTATION, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER,
  LOCAL_PATH_PROVISIONER, SHARED_PROVISIONER, claimClass, claimHasClass, defaultStorageClass, isDefaultStorageClass, isVolumeBoundToClaim, labStorageClasses, volumeClass,
} from './admission/index.js';
export * from './wire/index.js';
export * from './rbac/index.js';
export * from './network-policy/index.js';
export * from './audit/index.js';
export * from './metrics/index.js';
export * from './slo/index.js';

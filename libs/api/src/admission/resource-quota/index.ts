/** The ResourceQuota admission plugin and the usage accounting the quota controller shares with it. */
export { checkResourceQuotas } from './check-resource-quotas.js';
export type { QuotaRequest } from './check-resource-quotas.js';
export { evaluatorFor, groupResourceOfQuotaName } from './evaluators.js';
export type { GroupResource } from './evaluators.js';
export { hardResourceNames } from './evaluator.js';
export type { QuotaEvaluator, ScopeRequirement } from './evaluator.js';
export { resourceListJson, usageUnderQuota } from './quota-usage.js';

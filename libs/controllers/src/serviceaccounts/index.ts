/** The ServiceAccounts controller: which ServiceAccounts a namespace must have. */
export { missingServiceAccounts, SERVICE_ACCOUNTS_TO_ENSURE } from './ensure-service-accounts.js';

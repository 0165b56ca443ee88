/** `kubectl get serviceaccounts`: NAME SECRETS AGE. */
import type { ServiceAccount } from 'kubernetes-types/core/v1';
import { ageColumn, column, nameColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** Prints ServiceAccounts with the number of secrets they list. */
export const serviceAccountPrinter: KindPrinter = {
  columns: [nameColumn, column('Secrets', 'Secrets is a list of the secrets in the same namespace that pods running using this ServiceAccount are allowed to use. Pods are only limited to this list if this service account has a "kubernetes.io/enforce-mountable-secrets" annotation set to "true". The "kubernetes.io/enforce-mountable-secrets" annotation is deprecated since v1.32. Prefer separate namespaces to isolate access to mounted secrets. This field should not be used to find auto-generated service account token secrets for use outside of pods. Instead, tokens can be requested directly using the TokenRequest API, or service account token secrets can be manually created. More info: https://kubernetes.io/docs/concepts/configuration/secret'), ageColumn],
  print(obj, now) {
    const account = obj as ServiceAccount;
    return { cells: [account.metadata?.name ?? '', account.secrets?.length ?? 0, ageSince(account.metadata?.creationTimestamp, now)] };
  },
};

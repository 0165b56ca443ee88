/**
 * rbac/validation ConfirmNoEscalation: a user may only grant rules it already holds in the
 * namespace of the request (cluster-wide for cluster objects). The owner's rules are
 * resolved as the registry reads them, and resolution errors do not stop the check: they
 * are appended to the message.
 */
import { aggregate, quote } from '../selectors/label-validation.js';
import { describeMissingRules, quoteList } from './compact-rules.js';
import { uncoveredRules } from './covers.js';
import type { PolicyRule, RbacObjects, UserInfo } from './types.js';
import { visitRulesFor } from './visit-rules.js';

/** The refusal's detail when the user does not hold every rule, undefined when it does. */
export function confirmNoEscalation(user: UserInfo, namespace: string, rules: readonly PolicyRule[], rbac: RbacObjects): string | undefined {
  const ownerRules: PolicyRule[] = [];
  const errors: string[] = [];
  for (const visited of visitRulesFor(user, namespace, rbac, 'registry')) {
    if ('error' in visited) errors.push(visited.error);
    else ownerRules.push(visited.rule);
  }
  const missing = uncoveredRules(ownerRules, rules);
  if (missing.length === 0) return undefined;
  const message = `user ${quote(user.username)} (groups=${quoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${describeMissingRules(missing).join('\n')}`;
  return errors.length > 0 ? `${message}; resolution errors: [${aggregate(errors)}]` : message;
}

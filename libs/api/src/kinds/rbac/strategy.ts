/**
 * The four RBAC kinds' policy-based storage (pkg/registry/rbac/{role,clusterrole,rolebinding,
 * clusterrolebinding}/policybased/storage.go): a write may only grant what its writer already
 * holds, unless the writer may `escalate` the role or `bind` the role it refers to. It judges the
 * object as the command decided it (after a patch or a server-side apply's merge), whichever
 * front door the command came through, as the user the context names; the lab's own writes
 * (no user) and an api-server that authorizes everything (AlwaysAllow) are never judged.
 */
import type { StateView } from '../../commands/types.js';
import { escalationRefusal, type EscalationRequest } from '../../rbac/escalation-refusal.js';
import type { RbacObjects } from '../../rbac/types.js';
import { ApiError } from '../../status.js';
import { strategy, type JudgedWrite, type KindStrategy, type KindWrite } from '../strategy.js';

/** The roles and bindings the command sees, as the authorizer reads them. */
export function rbacObjectsOfView(view: StateView): RbacObjects {
  return {
    clusterRoles: view.list('ClusterRole'),
    clusterRoleBindings: view.list('ClusterRoleBinding'),
    roles: (namespace) => view.list('Role', namespace),
    roleBindings: (namespace) => view.list('RoleBinding', namespace),
  };
}

/** Throws the 403 (or the 404 of a binding's missing role) when the write would grant what its user does not hold. */
function judgeEscalation(write: JudgedWrite, w: KindWrite): void {
  const user = w.ctx.user;
  if (!user || w.ctx.options.authorizationMode === 'AlwaysAllow') return;
  const namespace = w.resource.namespaced ? w.namespace : '';
  const request: EscalationRequest = write.current ? { operation: 'update', oldObject: write.current, namespace } : { operation: 'create', namespace };
  const refusal = escalationRefusal(user, write.object, rbacObjectsOfView(w.view), request);
  if (refusal) throw new ApiError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', ...refusal });
}

/** The strategy of Role, ClusterRole, RoleBinding and ClusterRoleBinding: no generation, and the escalation check. */
export const rbacStrategy: KindStrategy = strategy({ generation: false, judgeWrite: judgeEscalation });

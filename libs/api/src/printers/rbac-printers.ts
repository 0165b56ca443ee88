/**
 * `kubectl get rolebindings` / `clusterrolebindings`: NAME ROLE AGE, wide USERS GROUPS
 * SERVICEACCOUNTS. Roles and ClusterRoles have no printer in kube-apiserver (NAME CREATED AT).
 */
import type { Subject } from 'kubernetes-types/rbac/v1';
import type { ClusterRoleBinding, RoleBinding } from '../typed-objects.js';
import { ageColumn, column, nameColumn, wideColumn } from './columns.js';
import { ageSince } from './human-duration.js';
import type { KindPrinter } from './kind-printer.js';

/** rbac.SubjectsStrings: user names, group names and `namespace/name` of service accounts, each ", "-joined. */
export function subjectCells(subjects: readonly Subject[] | undefined): [users: string, groups: string, serviceAccounts: string] {
  const users: string[] = [];
  const groups: string[] = [];
  const serviceAccounts: string[] = [];
  for (const subject of subjects ?? []) {
    if (subject.kind === 'ServiceAccount') serviceAccounts.push(`${subject.namespace ?? ''}/${subject.name}`);
    else if (subject.kind === 'User') users.push(subject.name);
    else if (subject.kind === 'Group') groups.push(subject.name);
  }
  return [users.join(', '), groups.join(', '), serviceAccounts.join(', ')];
}

function bindingPrinter(roleDescription: string, bindingKind: string): KindPrinter {
  return {
    columns: [
      nameColumn,
      column('Role', roleDescription),
      ageColumn,
      wideColumn('Users', `Users in the ${bindingKind}`),
      wideColumn('Groups', `Groups in the ${bindingKind}`),
      wideColumn('ServiceAccounts', `ServiceAccounts in the ${bindingKind}`),
    ],
    print(obj, now) {
      const binding = obj as RoleBinding | ClusterRoleBinding;
      return {
        cells: [
          binding.metadata?.name ?? '',
          `${binding.roleRef?.kind ?? ''}/${binding.roleRef?.name ?? ''}`,
          ageSince(binding.metadata?.creationTimestamp, now),
          ...subjectCells(binding.subjects),
        ],
      };
    },
  };
}

/** Prints RoleBindings. */
export const roleBindingPrinter = bindingPrinter('RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.', 'roleBinding');

/** Prints ClusterRoleBindings. */
export const clusterRoleBindingPrinter = bindingPrinter('RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.', 'clusterRoleBinding');

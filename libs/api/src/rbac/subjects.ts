/**
 * Which binding subject a user is, and how the authorizer names it in its reasons
 * (rbac/validation rule.go appliesTo and describeSubject). A ServiceAccount subject
 * without a namespace means the binding's own namespace, and none at all in a
 * ClusterRoleBinding.
 */
import { quote } from '../selectors/label-validation.js';
import type { Subject, UserInfo } from './types.js';

/** The username kube-apiserver gives a ServiceAccount's tokens. */
export function serviceAccountUsername(namespace: string, name: string): string {
  return `system:serviceaccount:${namespace}:${name}`;
}

/** The first subject of the binding that applies to the user, if any. */
export function subjectFor(user: UserInfo, subjects: readonly Subject[] | undefined, bindingNamespace: string): Subject | undefined {
  return (subjects ?? []).find((subject) => appliesToUser(user, subject, bindingNamespace));
}

function appliesToUser(user: UserInfo, subject: Subject, bindingNamespace: string): boolean {
  switch (subject.kind) {
    case 'User':
      return user.username === subject.name;
    case 'Group':
      return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const namespace = subject.namespace || bindingNamespace;
      return namespace !== '' && user.username === serviceAccountUsername(namespace, subject.name);
    }
    default:
      return false;
  }
}

/** `User "alice"`, `Group "g"`, `ServiceAccount "name/namespace"`. */
export function describeSubject(subject: Subject, bindingNamespace: string): string {
  // A subject's kind (User, Group, ServiceAccount) is data of the binding, not a stored kind: only a ServiceAccount has a namespace to print.
  if (subject.kind === 'ServiceAccount') return `${subject.kind} ${quote(`${subject.name}/${subject.namespace || bindingNamespace}`)}`;
  return `${subject.kind} ${quote(subject.name)}`;
}

/**
 * The Kubernetes CEL authorization library (k8s.io/apiserver/pkg/cel/library/authz.go, with the
 * 1.32 selector additions): the `authorizer` variable a ValidatingAdmissionPolicy sees,
 * `authorizer.path()`, `.group().resource().subresource().namespace().name().check(verb)`,
 * `authorizer.serviceAccount(ns, name)` and `authorizer.requestResource`, whose decisions come
 * from the api-server's own authorizer for the requesting user.
 */
import type { Environment } from '@marcbachmann/cel-js';
import type { RequestAttributes, UserInfo } from '../../../rbac/types.js';
import { serviceAccountUsername } from '../../../rbac/subjects.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from '../../validation/name-formats.js';

/** The api-server's decision for one user and request (RBAC, or everyone under AlwaysAllow). */
export type AuthorizeCheck = (user: UserInfo, attrs: RequestAttributes) => { allowed: boolean; reason: string };

/** kubernetes.authorization.Decision. */
export class AuthorizationDecisionValue {
  constructor(readonly allowed: boolean, readonly reason: string) {}
}

/** kubernetes.authorization.Authorizer: who to check for, and how. */
export class AuthorizerValue {
  constructor(readonly user: UserInfo, readonly authorize: AuthorizeCheck, private readonly request?: ResourceCheckValue) {}

  /** `authorizer.requestResource`: a check preset to the request's resource. */
  get requestResource(): ResourceCheckValue {
    return this.request ?? new ResourceCheckValue(this, '', '');
  }
}

/** kubernetes.authorization.PathCheck. */
export class PathCheckValue {
  constructor(readonly authorizer: AuthorizerValue, readonly path: string) {}
}

/** kubernetes.authorization.GroupCheck. */
export class GroupCheckValue {
  constructor(readonly authorizer: AuthorizerValue, readonly group: string) {}
}

/** kubernetes.authorization.ResourceCheck; each setter returns a changed copy. */
export class ResourceCheckValue {
  constructor(
    readonly authorizer: AuthorizerValue, readonly group: string, readonly resource: string,
    readonly subresource = '', readonly namespace = '', readonly name = '',
  ) {}

  with(change: Partial<Pick<ResourceCheckValue, 'subresource' | 'namespace' | 'name'>>): ResourceCheckValue {
    const next = { subresource: this.subresource, namespace: this.namespace, name: this.name, ...change };
    return new ResourceCheckValue(this.authorizer, this.group, this.resource, next.subresource, next.namespace, next.name);
  }
}

const T = 'kubernetes.authorization';

/** The resource of a request, as NewResourceAuthorizerVal presets `authorizer.requestResource`. */
export interface RequestedResource {
  group: string;
  resource: string;
  subresource: string;
  namespace: string;
  name: string;
}

/** The `authorizer` value for a request by `user`. */
export function authorizerFor(user: UserInfo, authorize: AuthorizeCheck, requested: RequestedResource): AuthorizerValue {
  const base = new AuthorizerValue(user, authorize);
  return new AuthorizerValue(user, authorize, new ResourceCheckValue(base, requested.group, requested.resource, requested.subresource, requested.namespace, requested.name));
}

function decide(authorizer: AuthorizerValue, attrs: RequestAttributes): AuthorizationDecisionValue {
  const { allowed, reason } = authorizer.authorize(authorizer.user, attrs);
  return new AuthorizationDecisionValue(allowed, reason);
}

function serviceAccount(authorizer: AuthorizerValue, namespace: string, name: string): AuthorizerValue {
  if (nameIsDNSSubdomain(name, false).length > 0) throw new Error('Invalid service account name');
  if (nameIsDNSLabel(namespace, false).length > 0) throw new Error('Invalid service account namespace');
  const user: UserInfo = { username: serviceAccountUsername(namespace, name), groups: ['system:serviceaccounts', `system:serviceaccounts:${namespace}`] };
  return new AuthorizerValue(user, authorizer.authorize);
}

const notBlank = (value: string, what: string) => {
  if (value.trim() === '') throw new Error(`${what} must not be empty`);
  return value;
};

/** Declares the authorization types and functions, and the `authorizer` variable. */
export function registerAuthorizerLibrary(env: Environment): Environment {
  return env
    .registerType(`${T}.Decision`, AuthorizationDecisionValue)
    .registerType(`${T}.PathCheck`, PathCheckValue)
    .registerType(`${T}.GroupCheck`, GroupCheckValue)
    .registerType(`${T}.ResourceCheck`, ResourceCheckValue)
    .registerType(`${T}.Authorizer`, { ctor: AuthorizerValue, fields: { requestResource: `${T}.ResourceCheck` } })
    .registerVariable('authorizer', `${T}.Authorizer`)
    .registerFunction(`${T}.Authorizer.path(string): ${T}.PathCheck`, (a: AuthorizerValue, path: string) => new PathCheckValue(a, notBlank(path, 'path')))
    .registerFunction(`${T}.Authorizer.group(string): ${T}.GroupCheck`, (a: AuthorizerValue, group: string) => new GroupCheckValue(a, group))
    .registerFunction(`${T}.Authorizer.serviceAccount(string, string): ${T}.Authorizer`, serviceAccount)
    .registerFunction(`${T}.GroupCheck.resource(string): ${T}.ResourceCheck`, (g: GroupCheckValue, resource: string) => new ResourceCheckValue(g.authorizer, g.group, notBlank(resource, 'resource')))
    .registerFunction(`${T}.ResourceCheck.subresource(string): ${T}.ResourceCheck`, (r: ResourceCheckValue, subresource: string) => r.with({ subresource }))
    .registerFunction(`${T}.ResourceCheck.namespace(string): ${T}.ResourceCheck`, (r: ResourceCheckValue, namespace: string) => r.with({ namespace }))
    .registerFunction(`${T}.ResourceCheck.name(string): ${T}.ResourceCheck`, (r: ResourceCheckValue, name: string) => r.with({ name }))
    // RBAC has no opinion on selectors: they narrow nothing it decides.
    .registerFunction(`${T}.ResourceCheck.fieldSelector(string): ${T}.ResourceCheck`, (r: ResourceCheckValue) => r)
    .registerFunction(`${T}.ResourceCheck.labelSelector(string): ${T}.ResourceCheck`, (r: ResourceCheckValue) => r)
    .registerFunction(`${T}.PathCheck.check(string): ${T}.Decision`, (p: PathCheckValue, verb: string) => decide(p.authorizer, { resourceRequest: false, verb, path: p.path }))
    .registerFunction(`${T}.ResourceCheck.check(string): ${T}.Decision`, (r: ResourceCheckValue, verb: string) => decide(r.authorizer, {
      resourceRequest: true, verb, apiGroup: r.group, apiVersion: '*', resource: r.resource,
      ...(r.subresource ? { subresource: r.subresource } : {}), ...(r.name ? { name: r.name } : {}), ...(r.namespace ? { namespace: r.namespace } : {}),
    }))
    .registerFunction(`${T}.Decision.allowed(): bool`, (d: AuthorizationDecisionValue) => d.allowed)
    .registerFunction(`${T}.Decision.reason(): string`, (d: AuthorizationDecisionValue) => d.reason)
    .registerFunction(`${T}.Decision.errored(): bool`, () => false)
    .registerFunction(`${T}.Decision.error(): string`, () => '');
}

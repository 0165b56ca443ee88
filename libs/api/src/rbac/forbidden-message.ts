/**
 * The message of the 403 kube-apiserver answers a request it did not authorize, word for
 * word (responsewriters/errors.go BuildForbiddenMessage and ForbiddenStatusError, wrapped
 * by apierrors.NewForbidden): kubectl prints it after "Error from server (Forbidden): ".
 * The sentence is HTML-escaped (&, <, >) as the api-server's sanitizer does; the reason is not.
 */
import { quote } from '../selectors/label-validation.js';
import type { RequestAttributes, UserInfo } from './types.js';

/**
 * `pods "web" is forbidden: User "alice" cannot get resource "pods" in API group "" in the namespace "default"`,
 * with the authorizer's reason appended after ": " when it gave one.
 */
export function forbiddenMessage(user: UserInfo, attrs: RequestAttributes, reason = ''): string {
  const sentence = sanitize(buildForbiddenMessage(user, attrs));
  const detail = reason ? `${sentence}: ${reason}` : sentence;
  if (!attrs.resourceRequest || (!attrs.resource && !attrs.apiGroup)) return `forbidden: ${detail}`;
  const groupResource = attrs.apiGroup ? `${attrs.resource}.${attrs.apiGroup}` : attrs.resource;
  return attrs.name ? `${groupResource} ${quote(attrs.name)} is forbidden: ${detail}` : `${groupResource} is forbidden: ${detail}`;
}

/** The sentence about the user and the request alone (BuildForbiddenMessage). */
function buildForbiddenMessage(user: UserInfo, attrs: RequestAttributes): string {
  const who = `User ${quote(user.username)}`;
  if (!attrs.resourceRequest) return `${who} cannot ${attrs.verb} path ${quote(attrs.path)}`;
  const resource = attrs.subresource ? `${attrs.resource}/${attrs.subresource}` : attrs.resource;
  const what = `${who} cannot ${attrs.verb} resource ${quote(resource)} in API group ${quote(attrs.apiGroup)}`;
  return attrs.namespace ? `${what} in the namespace ${quote(attrs.namespace)}` : `${what} at the cluster scope`;
}

function sanitize(message: string): string {
  return message.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
}

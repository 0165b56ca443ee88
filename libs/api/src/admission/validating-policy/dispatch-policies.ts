/**
 * The ValidatingAdmissionPolicy admission plugin (validating/dispatcher.go): every policy that
 * has a binding and matches the request runs once per matching binding and param; a failed
 * validation is enforced as the binding's validationActions say: Deny refuses the request (the
 * first denial names the policy and binding; its reason picks the HTTP code, 422 for Invalid),
 * Warn adds a warning, Audit only annotates the audit log (none here). Configuration errors (an unknown paramKind, a
 * binding whose params cannot be found) deny under failurePolicy Fail. The policy kinds
 * themselves and the webhook configurations are never subject to policies.
 */
import type { KubeObject } from '../../object.js';
import type { ValidatingAdmissionPolicy, ValidatingAdmissionPolicyBinding } from '../../typed-objects.js';
import type { AdmissionRequest } from './admission-request.js';
import type { AuthorizeCheck } from './cel-library/authorizer-library.js';
import { collectParams, type ParamRef, type ParamSource } from './collect-params.js';
import { evaluatePolicy, type PolicyDecision } from './evaluate-policy.js';
import { matchesResources, type MatchResources } from './match-resources.js';

/** The objects the plugin reads: policies, bindings, namespaces, and the objects of a paramKind. */
export interface PolicySource {
  policies: readonly ValidatingAdmissionPolicy[];
  bindings: readonly ValidatingAdmissionPolicyBinding[];
  namespace: (name: string) => KubeObject | undefined;
  /** How to read a paramKind's objects; undefined when the kind is not served. */
  params: (apiVersion: string, kind: string) => ParamSource | undefined;
  /** The api-server's authorizer, which the policies' `authorizer` variable asks. */
  authorize: AuthorizeCheck;
}

/**
 * What the plugin says of a request: a refusal (HTTP code, Status reason, message) or nothing,
 * plus warnings. Audit failures only annotate kube-apiserver's audit log, which kubelab does not
 * keep, so they leave no trace here.
 */
export interface PolicyVerdict {
  refusal?: { code: number; reason: string; message: string };
  warnings: string[];
}

interface Denial {
  policy: string;
  binding?: string;
  message: string;
  reason: string;
}

const exemptKinds = new Set(['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration']);

const byName = (a: KubeObject, b: KubeObject) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0);

/** kube-apiserver's reasonToCode. */
const codeOf = (reason: string) => ({ Forbidden: 403, Unauthorized: 401, RequestEntityTooLarge: 413 })[reason] ?? 422;

/** schema.GroupVersionKind's String(): `group/version, Kind=Kind`. */
function gvkText(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  return `${group}/${version}, Kind=${kind}`;
}

/** The labels the namespaceSelector reads: of the Namespace being written, or of the request's namespace. */
function namespaceLabels(request: AdmissionRequest, source: PolicySource): Record<string, string> | undefined {
  const writesNamespace = request.resource.group === '' && request.resource.resource === 'namespaces' && !request.subresource
    && (request.operation === 'CREATE' || request.operation === 'UPDATE');
  if (writesNamespace) return request.object?.metadata.labels ?? {};
  return request.namespace ? source.namespace(request.namespace)?.metadata.labels : undefined;
}

const isExempt = (request: AdmissionRequest) => request.kind.group === 'admissionregistration.k8s.io' && exemptKinds.has(request.kind.kind);

/** Runs every bound policy against the request. */
export function admitByPolicies(request: AdmissionRequest, source: PolicySource): PolicyVerdict {
  const verdict: PolicyVerdict = { warnings: [] };
  if (isExempt(request)) return verdict;
  const labels = namespaceLabels(request, source);
  const isNamespace = request.kind.group === '' && request.kind.kind === 'Namespace';
  const namespace = request.namespace && !isNamespace ? source.namespace(request.namespace) : undefined;
  const denials: Denial[] = [];
  for (const policy of [...source.policies].sort(byName)) {
    const name = policy.metadata.name ?? '';
    const bindings = source.bindings.filter((b) => b.spec?.policyName === name).sort(byName);
    if (bindings.length === 0) continue;
    const spec = policy.spec ?? {};
    const failClosed = spec.failurePolicy !== 'Ignore';
    if (!spec.matchConstraints || !matchesResources(spec.matchConstraints as MatchResources, request, labels, false)) continue;
    const paramKind = spec.paramKind;
    const params = paramKind ? source.params(paramKind.apiVersion ?? '', paramKind.kind ?? '') : undefined;
    if (paramKind && !params) {
      if (failClosed) denials.push({ policy: name, message: `failed to configure policy: failed to find resource referenced by paramKind: '${gvkText(paramKind.apiVersion ?? '', paramKind.kind ?? '')}'`, reason: '' });
      continue;
    }
    for (const binding of bindings) {
      const bindingName = binding.metadata.name ?? '';
      const matchResources = binding.spec?.matchResources as MatchResources | undefined;
      if (matchResources && !matchesResources(matchResources, request, labels, true)) continue;
      const collected = collectParams(Boolean(paramKind), params ?? { namespaced: false, list: () => [] }, binding.spec?.paramRef as ParamRef | undefined, request.namespace);
      if ('error' in collected) {
        if (failClosed) denials.push({ policy: name, binding: bindingName, message: `failed to configure binding: ${collected.error}`, reason: '' });
        continue;
      }
      const decisions: PolicyDecision[] = collected.params.flatMap((param) => evaluatePolicy(policy, request, param, namespace, source.authorize));
      const actions: string[] = binding.spec?.validationActions ?? [];
      for (const decision of decisions.filter((d) => d.action === 'deny')) {
        if (actions.includes('Deny')) denials.push({ policy: name, binding: bindingName, message: decision.message, reason: decision.reason });
        if (actions.includes('Warn')) {
          const warning = `Validation failed for ValidatingAdmissionPolicy '${name}' with binding '${bindingName}': ${decision.message}`;
          if (!verdict.warnings.includes(warning)) verdict.warnings.push(warning);
        }
      }
    }
  }
  const first = denials[0];
  if (!first) return verdict;
  const reason = first.reason || 'Invalid';
  const message = first.binding === undefined
    ? `ValidatingAdmissionPolicy '${first.policy}' denied request: ${first.message}`
    : `ValidatingAdmissionPolicy '${first.policy}' with binding '${first.binding}' denied request: ${first.message}`;
  return { ...verdict, refusal: { code: codeOf(reason), reason, message } };
}

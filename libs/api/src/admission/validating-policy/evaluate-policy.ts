/**
 * One policy run for one request, binding and param (validating/validator.go): the match
 * conditions first (any false: the policy does not apply; an error: the failure policy
 * decides), then each validation, each with the variables it reads evaluated lazily. A false
 * validation denies with its reason (Invalid by default) and its message: the messageExpression's
 * string when it gives one, else `message`, else `failed expression: …`. An expression that does
 * not compile or fails to run denies under failurePolicy Fail and admits under Ignore.
 */
import type { KubeObject } from '../../object.js';
import type { AdmissionRequest } from './admission-request.js';
import { requestVariable } from './admission-request.js';
import { authorizerFor, type AuthorizeCheck } from './cel-library/authorizer-library.js';
import { compileExpression, VariableError, type Activation, type CompiledExpression, type RunResult } from './cel-program.js';
import { celValue } from './cel-value.js';

/** What one validation decided. */
export interface PolicyDecision {
  action: 'admit' | 'deny';
  message: string;
  /** The Status reason of a denial (Invalid, Forbidden, Unauthorized, RequestEntityTooLarge); empty for errors. */
  reason: string;
  /** Index of the validation that decided; -1 for match condition errors. */
  index: number;
}

/** The stored ValidatingAdmissionPolicy spec fields the evaluation reads. */
interface PolicySpec {
  failurePolicy?: 'Fail' | 'Ignore';
  paramKind?: unknown;
  matchConditions?: { name: string; expression: string }[];
  variables?: { name: string; expression: string }[];
  validations?: { expression: string; message?: string; messageExpression?: string; reason?: string }[];
}

/** kube-apiserver's MaxEvaluatedMessageExpressionSizeBytes. */
const maxMessageBytes = 5 * 1024;

const runCompiled = (compiled: CompiledExpression, activation: Activation): RunResult =>
  'error' in compiled ? { error: `compilation error: ${compiled.error}` } : compiled.run(activation);

/** The `variables` object: each variable computed once, when an expression first reads it. */
function lazyVariables(spec: PolicySpec, hasParams: boolean, activation: Activation): Record<string, unknown> {
  const variables: Record<string, unknown> = {};
  for (const variable of spec.variables ?? []) {
    let result: RunResult | undefined;
    Object.defineProperty(variables, variable.name, {
      enumerable: true,
      get: () => {
        if (!result) {
          const compiled = compileExpression(variable.expression, hasParams, 'any');
          result = 'error' in compiled ? { error: `composited variable "${variable.name}" fails to compile: ${compiled.error}` } : compiled.run(activation);
        }
        if ('error' in result) throw new VariableError(result.error);
        return result.value;
      },
    });
  }
  return variables;
}

/** The namespace as `namespaceObject` shows it: metadata without managed fields or owners. */
function namespaceVariable(namespace: KubeObject | undefined): unknown {
  if (!namespace) return null;
  const { managedFields: _managed, ownerReferences: _owners, ...metadata } = namespace.metadata;
  return { metadata, spec: namespace.spec ?? {}, status: namespace.status ?? {} };
}

/** The `authorizer` variable: checks as the requesting user, `requestResource` preset to the request's resource. */
function authorizerVariable(request: AdmissionRequest, authorize: AuthorizeCheck): unknown {
  const user = request.user ?? { username: '', groups: [] };
  const { group, resource } = request.resource;
  return authorizerFor(user, authorize, { group, resource, subresource: request.subresource, namespace: request.namespace, name: request.name });
}

function activationFor(spec: PolicySpec, request: AdmissionRequest, param: KubeObject | null, namespace: KubeObject | undefined, authorize: AuthorizeCheck): Activation {
  const activation: Activation = celValue({
    object: request.object,
    oldObject: request.oldObject,
    request: requestVariable(request),
    namespaceObject: namespaceVariable(namespace),
    ...(spec.paramKind ? { params: param } : {}),
  }) as Activation;
  activation.authorizer = authorizerVariable(request, authorize);
  activation.variables = lazyVariables(spec, Boolean(spec.paramKind), activation);
  return activation;
}

/** A denial's message: the messageExpression's one-line string, else the message, else the expression. */
function denialMessage(validation: NonNullable<PolicySpec['validations']>[number], hasParams: boolean, activation: Activation): string {
  if (validation.messageExpression?.trim()) {
    const result = runCompiled(compileExpression(validation.messageExpression, hasParams, 'string'), activation);
    if ('value' in result && typeof result.value === 'string') {
      const message = result.value.trim();
      if (message && new TextEncoder().encode(message).length <= maxMessageBytes && !message.includes('\n')) return message;
    }
  }
  if (validation.message?.trim()) return validation.message.trim();
  return `failed expression: ${validation.expression.trim()}`;
}

/**
 * The decisions of one policy for a request: none when a match condition is false, one per
 * validation otherwise. `namespace` is the request's Namespace object (none for cluster-scoped
 * kinds and for a Namespace itself); `authorize` answers the `authorizer` variable's checks.
 */
export function evaluatePolicy(
  policy: KubeObject, request: AdmissionRequest, param: KubeObject | null, namespace: KubeObject | undefined, authorize: AuthorizeCheck,
): PolicyDecision[] {
  const spec: PolicySpec = policy.spec ?? {};
  const onError = spec.failurePolicy === 'Ignore' ? 'admit' : 'deny';
  const hasParams = Boolean(spec.paramKind);
  const activation = activationFor(spec, request, param, namespace, authorize);
  const conditionErrors: string[] = [];
  for (const condition of spec.matchConditions ?? []) {
    const result = runCompiled(compileExpression(condition.expression, hasParams, 'bool'), activation);
    if ('error' in result) conditionErrors.push(result.error);
    else if (result.value === false) return [];
  }
  if (conditionErrors.length > 0) {
    return [{ action: onError, message: conditionErrors.length === 1 ? conditionErrors[0] : `[${conditionErrors.join(', ')}]`, reason: '', index: -1 }];
  }
  return (spec.validations ?? []).map((validation, index) => {
    const result = runCompiled(compileExpression(validation.expression, hasParams, 'bool'), activation);
    if ('error' in result) return { action: onError, message: result.error, reason: '', index };
    if (result.value === true) return { action: 'admit', message: '', reason: '', index };
    return { action: 'deny', message: denialMessage(validation, hasParams, activation), reason: validation.reason ?? 'Invalid', index };
  });
}

/**
 * The ValidatingAdmissionPolicy admission plugin of kube-apiserver 1.32: CEL policies bound to
 * requests by ValidatingAdmissionPolicyBindings, evaluated with @marcbachmann/cel-js.
 */
export { admitByPolicies } from './dispatch-policies.js';
export type { PolicySource, PolicyVerdict } from './dispatch-policies.js';
export type { AdmissionOperation, AdmissionRequest } from './admission-request.js';
export type { ParamSource } from './collect-params.js';
export { expressionErrors } from './validate-expressions.js';
export type { AuthorizeCheck } from './cel-library/authorizer-library.js';

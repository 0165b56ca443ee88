/**
 * The compiled form of a CRD schema's `x-kubernetes-validations`, as apiextensions-apiserver's
 * schema/cel/compilation.go gives each rule: its program, its messageExpression's, whether it is
 * a transition rule (reads `oldSelf`) and its fieldPath normalized. The environment declares
 * `self` and `oldSelf` dynamically typed (kube-apiserver types them from the schema; here the
 * schema's own validation has checked the values' types before any rule runs), `oldSelf` an
 * optional for `optionalOldSelf` rules, with the Kubernetes CEL libraries of the
 * ValidatingAdmissionPolicy environment. Rules are compiled once
 * per schema node and kept with it; a rule cel-js cannot compile keeps no program and is never
 * evaluated, so it cannot refuse anything.
 */
import { Environment, type ASTNode, type ParseResult } from '@marcbachmann/cel-js';
import { registerKubernetesLibrary } from '../admission/validating-policy/kubernetes-library.js';
import { astChildren, parseForCelJs } from '../admission/validating-policy/cel-rewrite.js';
import { normalizedFieldPath } from './rule-field-path.js';
import type { JSONSchemaProps, ValidationRule } from './types.js';

/** One rule ready to run; `program` is missing when cel-js cannot compile the rule. */
export interface CompiledRule {
  rule: ValidationRule;
  program?: ParseResult;
  messageProgram?: ParseResult;
  usesOldSelf: boolean;
  /** The normalized fieldPath (`spec.foo`, `[key]`), when the rule has a valid one. */
  fieldPath?: string;
}

const base = registerKubernetesLibrary(new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false }).registerVariable('self', 'dyn'));
const plain = base.clone().registerVariable('oldSelf', 'dyn');
const withOptionalOldSelf = base.clone().registerVariable('oldSelf', 'optional<dyn>');

/**
 * The program of a rule or message expression, when cel-js compiles it to one of `types`;
 * `optionalOldSelf` declares `oldSelf` an optional, as for a rule that says so.
 */
export function compileRuleExpression(expression: string, types: readonly string[], optionalOldSelf = false): ParseResult | undefined {
  try {
    const parsed = parseForCelJs(expression, optionalOldSelf ? withOptionalOldSelf : plain);
    const checked = parsed.check();
    return checked.valid && types.includes(checked.type ?? '') ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function readsOldSelf(node: ASTNode): boolean {
  return (node.op === 'id' && node.args === 'oldSelf') || astChildren(node).some(readsOldSelf);
}

function compileRule(rule: ValidationRule, node: JSONSchemaProps): CompiledRule {
  const program = compileRuleExpression(rule.rule, ['bool', 'dyn'], rule.optionalOldSelf === true);
  return {
    rule,
    program,
    messageProgram: rule.messageExpression ? compileRuleExpression(rule.messageExpression, ['string', 'dyn']) : undefined,
    usesOldSelf: program !== undefined && readsOldSelf(program.ast),
    fieldPath: rule.fieldPath ? normalizedFieldPath(rule.fieldPath, node) : undefined,
  };
}

const compiled = new WeakMap<JSONSchemaProps, CompiledRule[]>();

/**
 * The compiled rules of `rules` (a schema node, or an allOf entry of one) about the values
 * `node` describes, compiled on first use and kept as long as the schema is.
 */
export function compiledRules(rules: JSONSchemaProps, node: JSONSchemaProps): CompiledRule[] {
  let known = compiled.get(rules);
  if (!known) {
    known = (rules['x-kubernetes-validations'] ?? []).map((rule) => compileRule(rule, node));
    compiled.set(rules, known);
  }
  return known;
}

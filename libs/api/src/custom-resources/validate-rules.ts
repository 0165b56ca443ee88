/**
 * The CEL half of custom resource validation, as kube-apiserver 1.32 runs a CRD's
 * `x-kubernetes-validations` (apiextensions-apiserver schema/cel/validation.go, Validator.Validate,
 * called by the custom resource strategy): the object is walked along the schema and every rule
 * of a node present in the object runs with `self` bound to its value. A transition rule (one
 * reading `oldSelf`) runs only on update where the old object has a correlated value (see
 * rule-correlation.ts), or with `optionalOldSelf` always, `oldSelf` then an optional. A false rule
 * is a field error at the node (or its fieldPath) with the rule's reason, worded by its
 * messageExpression, its message or `failed rule: <rule>`; a rule that fails to run is an
 * Invalid error naming the cause. The rules are skipped, with one note, when the object has
 * errors that block them (strategy.go's hasBlockingErr). The CEL cost budget is not enforced,
 * and ratcheted failures, which kube-apiserver returns as warnings, are dropped.
 */
import { Optional } from '@marcbachmann/cel-js';
import { runtimeCause, type CelProblem } from '../admission/validating-policy/cel-messages.js';
import { duplicate, forbiddenField, invalidValue, required } from '../field-errors.js';
import { isPlainObject, type KubeObject } from '../object.js';
import type { FieldError, FieldErrorType } from '../status.js';
import { ratchetAllOf, ratchetField, ratchetItem, ratchets, rootRatchet, oldItemByKeys, type Ratchet } from './rule-correlation.js';
import { compiledRules, type CompiledRule } from './rule-programs.js';
import { selfValue } from './rule-self.js';
import type { JSONSchemaProps, ValidationRule } from './types.js';

/** One node of the walk: its value, its correlated old value, the schema its rules come from and the schema of its value. */
interface Visit {
  value: unknown;
  old: unknown;
  rules: JSONSchemaProps;
  node: JSONSchemaProps;
  path: string;
  resourceRoot: boolean;
  ratchet: Ratchet;
}

/** The variables of a node's rules: `oldSelf` plain where the old value exists, and as an optional. */
interface Activations {
  plain: Record<string, unknown>;
  optional: Record<string, unknown>;
}

/** kube-apiserver's MaxEvaluatedMessageExpressionSizeBytes. */
const maxMessageBytes = 5 * 1024;

/** The errors that stop the rules from running: the schema's own checks whose bounds CEL's cost estimates rely on. */
const blocking = new Set<FieldErrorType>(['FieldValueNotSupported', 'FieldValueRequired', 'FieldValueTooLong', 'FieldValueTooMany', 'FieldValueTypeInvalid']);

const notChecked = invalidValue('<nil>', 'null', 'some validation rules were not checked because the object was invalid; correct the existing errors to complete validation');

const child = (path: string, name: string) => (path ? `${path}.${name}` : name);

/** The field a field.Path prints: the root is `<nil>`. */
const printed = (path: string) => path || '<nil>';

/** Whether the schema has rules anywhere kube-apiserver looks for them to build a validator (allOf entries are not). */
function hasRules(schema: JSONSchemaProps | undefined): boolean {
  if (!schema) return false;
  const additional = isPlainObject(schema.additionalProperties) ? (schema.additionalProperties as JSONSchemaProps) : undefined;
  return (schema['x-kubernetes-validations'] ?? []).length > 0 || hasRules(schema.items) || hasRules(additional)
    || Object.values(schema.properties ?? {}).some(hasRules);
}

/** The text that stands for a rule in error messages: its message, else its expression. */
const ruleText = (rule: ValidationRule) => (rule.message ? rule.message.trim() : rule.rule.trim());

type Outcome = { value: unknown } | { error: CelProblem };

function run(program: NonNullable<CompiledRule['program']>, activation: Record<string, unknown>): Outcome {
  try {
    return { value: program(activation) };
  } catch (e) {
    return { error: e as CelProblem };
  }
}

/** A rule's run-time error, as validateExpressions words it. */
function runtimeError(problem: CelProblem, rule: ValidationRule): string {
  const cause = runtimeCause(problem);
  if (cause.startsWith('no such overload')) {
    return `'no such overload': call arguments did not match a supported operator, function or macro signature for rule: ${ruleText(rule)}`;
  }
  return `${cause} evaluating rule: ${ruleText(rule)}`;
}

/** A failed rule's detail: its messageExpression's one-line string, else its message, else `failed rule: …`. */
function failureDetail(compiled: CompiledRule, activation: Record<string, unknown>): string {
  const outcome = compiled.messageProgram && run(compiled.messageProgram, activation);
  if (outcome && 'value' in outcome && typeof outcome.value === 'string') {
    const message = outcome.value.trim();
    if (message && !message.includes('\n') && new TextEncoder().encode(message).length <= maxMessageBytes) return message;
  }
  return compiled.rule.message ? compiled.rule.message.trim() : `failed rule: ${ruleText(compiled.rule)}`;
}

/** fieldErrorForReason: the error of a failed rule; the value shown is the node's schema type. */
function errorForReason(field: string, type: string, detail: string, reason: string | undefined): FieldError {
  if (reason === 'FieldValueForbidden') return forbiddenField(field, detail);
  if (reason === 'FieldValueRequired') return required(field, detail);
  if (reason === 'FieldValueDuplicate') return duplicate(field, type);
  return invalidValue(field, type, detail);
}

function ruleErrors(compiled: CompiledRule, activations: Activations, v: Visit): FieldError[] {
  const optional = compiled.rule.optionalOldSelf === true;
  if (!compiled.program || (compiled.usesOldSelf && !('oldSelf' in activations.plain) && !optional)) return [];
  const type = v.node.type ?? '';
  const outcome = run(compiled.program, optional ? activations.optional : activations.plain);
  if ('error' in outcome) return [invalidValue(printed(v.path), type, runtimeError(outcome.error, compiled.rule))];
  if (outcome.value === true || (!compiled.usesOldSelf && ratchets(v.ratchet))) return [];
  const field = printed(compiled.fieldPath ? child(v.path, compiled.fieldPath) : v.path);
  return [errorForReason(field, type, failureDetail(compiled, activations.plain), compiled.rule.reason)];
}

function nodeErrors(v: Visit): FieldError[] {
  const rules = compiledRules(v.rules, v.node);
  if (rules.length === 0) return [];
  const self = selfValue(v.value, v.node, v.resourceRoot);
  const hasOld = v.old !== undefined && v.old !== null;
  const oldSelf = hasOld ? selfValue(v.old, v.node, v.resourceRoot) : undefined;
  const activations = {
    plain: hasOld ? { self, oldSelf } : { self },
    optional: { self, oldSelf: hasOld ? Optional.of(oldSelf) : Optional.none() },
  };
  return rules.flatMap((rule) => ruleErrors(rule, activations, v));
}

function visitItems(v: Visit, items: unknown[], errors: FieldError[]): void {
  const [rules, node] = [v.rules.items, v.node.items];
  if (!rules || !node) return;
  items.forEach((item, i) => visit({
    value: item, old: oldItemByKeys(v.node, v.old, item), rules, node, path: `${v.path}[${i}]`, resourceRoot: false, ratchet: ratchetItem(v.ratchet, i),
  }, errors));
}

/** The rule and value schemas of an object's field, when both have one. */
function fieldSchemas(v: Visit, key: string): { rules: JSONSchemaProps; node: JSONSchemaProps; path: string } | undefined {
  const [rules, node] = [v.rules.additionalProperties, v.node.additionalProperties];
  if (isPlainObject(rules) && isPlainObject(node)) return { rules, node, path: `${v.path}[${key}]` };
  const [property, nodeProperty] = [v.rules.properties?.[key], v.node.properties?.[key]];
  return property && nodeProperty ? { rules: property, node: nodeProperty, path: child(v.path, key) } : undefined;
}

function visitFields(v: Visit, fields: Record<string, unknown>, errors: FieldError[]): void {
  const old = isPlainObject(v.old) ? v.old : {};
  for (const [key, value] of Object.entries(fields)) {
    const schemas = fieldSchemas(v, key);
    if (schemas) visit({ value, old: old[key], ...schemas, resourceRoot: false, ratchet: ratchetField(v.ratchet, key) }, errors);
  }
}

function visit(v: Visit, errors: FieldError[]): void {
  if (v.value === null || v.value === undefined) return;
  errors.push(...nodeErrors(v));
  for (const entry of v.rules.allOf ?? []) visit({ ...v, rules: entry, ratchet: ratchetAllOf(v.ratchet) }, errors);
  if (Array.isArray(v.value)) visitItems(v, v.value, errors);
  else if (isPlainObject(v.value)) visitFields(v, v.value, errors);
}

/**
 * The errors of the schema's rules for `obj` (with `old` on update), after `earlier` (the
 * metadata and schema errors): none when the schema has no rules, one note when `earlier` has
 * an error that blocks them.
 */
export function validateByRules(obj: KubeObject, schema: JSONSchemaProps, old: KubeObject | undefined, earlier: readonly FieldError[]): FieldError[] {
  if (!hasRules(schema)) return [];
  if (earlier.some((e) => blocking.has(e.type))) return [notChecked];
  const errors: FieldError[] = [];
  visit({ value: obj, old, rules: schema, node: schema, path: '', resourceRoot: true, ratchet: rootRatchet(obj, old, schema) }, errors);
  return errors;
}

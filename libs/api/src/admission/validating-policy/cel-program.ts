/**
 * Compiling and running ValidatingAdmissionPolicy expressions. The environment declares what
 * kube-apiserver's admission CEL environment declares (object, oldObject, request,
 * namespaceObject, variables, and params only when the policy has a paramKind), all dynamically
 * typed, and `authorizer` with the Kubernetes libraries (kubernetes-library.ts).
 * Compiled programs are kept by their text, as kube-apiserver keeps a policy's.
 */
import { Environment } from '@marcbachmann/cel-js';
import { compilationFailed, resultedInError, runtimeCause, type CelProblem } from './cel-messages.js';
import { registerKubernetesLibrary } from './kubernetes-library.js';
import { parseForCelJs } from './cel-rewrite.js';

/** The type an expression must have: a validation or match condition is a bool, a message a string. */
export type ExpectedType = 'bool' | 'string' | 'any';

/** The variables an expression runs with (already CEL values: see celValue). */
export type Activation = Record<string, unknown>;

/** A compiled expression, or the detail of why it does not compile. */
export type CompiledExpression = { expression: string; run: (activation: Activation) => RunResult } | { expression: string; error: string };

/** An expression's value, or the error it resulted in (worded as kube-apiserver does). */
export type RunResult = { value: unknown } | { error: string };

/** A variable's own error, carried through the expressions that read it. */
export class VariableError extends Error {}

const base = registerKubernetesLibrary(new Environment({ enableOptionalTypes: true, homogeneousAggregateLiterals: false })
  .registerVariable('object', 'dyn')
  .registerVariable('oldObject', 'dyn')
  .registerVariable('request', 'map')
  .registerVariable('namespaceObject', 'dyn')
  .registerVariable('variables', 'map'));
const declaredFunctions = new Set(base.getDefinitions().functions.map((f) => f.name));
const declared = (name: string) => declaredFunctions.has(name);
const withParams = base.clone().registerVariable('params', 'dyn');
const withoutParams = base.clone();

const maxCached = 2000;
const cache = new Map<string, CompiledExpression>();

function run(program: (activation: Activation) => unknown, expression: string, activation: Activation): RunResult {
  try {
    return { value: program(activation) };
  } catch (e) {
    return { error: resultedInError(expression, e instanceof VariableError ? e.message : runtimeCause(e as CelProblem)) };
  }
}

function compile(expression: string, hasParams: boolean, expected: ExpectedType): CompiledExpression {
  const env = hasParams ? withParams : withoutParams;
  let parsed: ReturnType<Environment['parse']>;
  try {
    parsed = parseForCelJs(expression, env);
  } catch (e) {
    return { expression, error: compilationFailed(expression, e as CelProblem, declared) };
  }
  const checked = parsed.check();
  if (!checked.valid) return { expression, error: compilationFailed(expression, checked.error as CelProblem, declared) };
  if (expected !== 'any' && checked.type !== expected) return { expression, error: `must evaluate to ${expected}` };
  return { expression, run: (activation) => run(parsed, expression, activation) };
}

/**
 * The compiled form of `expression`: a program to run, or the compile error's detail
 * (`compilation failed: ERROR: <input>:1:5: …`, `must evaluate to bool`).
 */
export function compileExpression(expression: string, hasParams: boolean, expected: ExpectedType): CompiledExpression {
  const key = `${hasParams ? 'p' : '-'}${expected}:${expression}`;
  const known = cache.get(key);
  if (known) return known;
  if (cache.size >= maxCached) cache.clear();
  const compiled = compile(expression, hasParams, expected);
  cache.set(key, compiled);
  return compiled;
}

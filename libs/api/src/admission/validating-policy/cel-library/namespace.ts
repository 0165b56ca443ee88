/**
 * cel-go declares namespaced functions (`sets.contains`, `ip.isCanonical`, `format.named`,
 * `strings.quote`); @marcbachmann/cel-js has no qualified function names, so each namespace is a
 * constant of its own type and its functions are that type's methods. The call reads the same.
 */
import type { Environment } from '@marcbachmann/cel-js';

/** Declares `name` as a namespace whose functions are registered as `<returned type>.fn(...)`. */
export function registerNamespace(env: Environment, name: string): string {
  const typeName = `kubernetes.namespace.${name}`;
  // cel-js knows a value's type by its class, so each namespace needs a class of its own.
  const FunctionNamespace = class {};
  env.registerType(typeName, FunctionNamespace).registerConstant(name, typeName, new FunctionNamespace());
  return typeName;
}

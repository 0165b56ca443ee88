/**
 * admissionregistration.k8s.io/v1 webhook configuration defaults (SetDefaults_ValidatingWebhook,
 * ..._MutatingWebhook, ..._Rule, ..._ServiceReference): failurePolicy Fail, matchPolicy
 * Equivalent, empty (match-all) namespace and object selectors, a 10s timeout, rules of
 * any scope, service port 443, and reinvocationPolicy Never for mutating webhooks.
 */
import type { MutatingWebhook, NamedRuleWithOperations, RuleWithOperations, ValidatingWebhook } from 'kubernetes-types/admissionregistration/v1';
import { isPlainObject } from '../../object.js';
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from '../../typed-objects.js';

/** SetDefaults_Rule: rules of any scope unless told (kubernetes-types lacks Rule's inlined fields, `scope` among them). */
export function defaultRuleScopes(rules: RuleWithOperations[] | NamedRuleWithOperations[] | undefined): void {
  for (const rule of Array.isArray(rules) ? rules : []) if (isPlainObject(rule)) (rule as { scope?: string }).scope ??= '*';
}

function defaultWebhook(webhook: ValidatingWebhook | MutatingWebhook): void {
  webhook.failurePolicy ??= 'Fail';
  webhook.matchPolicy ??= 'Equivalent';
  webhook.namespaceSelector ??= {};
  webhook.objectSelector ??= {};
  webhook.timeoutSeconds ??= 10;
  defaultRuleScopes(webhook.rules);
  const service = webhook.clientConfig?.service;
  if (isPlainObject(service)) service.port ??= 443;
}

/** Fills a ValidatingWebhookConfiguration's defaults in place. */
export function defaultValidatingWebhookConfiguration(configuration: ValidatingWebhookConfiguration): void {
  for (const webhook of Array.isArray(configuration.webhooks) ? configuration.webhooks : []) if (isPlainObject(webhook)) defaultWebhook(webhook);
}

/** Fills a MutatingWebhookConfiguration's defaults in place, reinvocationPolicy Never included. */
export function defaultMutatingWebhookConfiguration(configuration: MutatingWebhookConfiguration): void {
  for (const webhook of Array.isArray(configuration.webhooks) ? configuration.webhooks : []) {
    if (!isPlainObject(webhook)) continue;
    defaultWebhook(webhook);
    webhook.reinvocationPolicy ??= 'Never';
  }
}

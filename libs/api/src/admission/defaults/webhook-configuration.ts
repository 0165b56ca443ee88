/**
 * admissionregistration.k8s.io/v1 webhook configuration defaults (SetDefaults_ValidatingWebhook,
 * ..._MutatingWebhook, ..._Rule, ..._ServiceReference): failurePolicy Fail, matchPolicy
 * Equivalent, empty (match-all) namespace and object selectors, a 10s timeout, rules of
 * any scope, service port 443, and reinvocationPolicy Never for mutating webhooks.
 */
import { isPlainObject } from '../../object.js';
import type { KubeObject } from '../../object.js';

function defaultWebhook(webhook: any, mutating: boolean): void {
  webhook.failurePolicy ??= 'Fail';
  webhook.matchPolicy ??= 'Equivalent';
  webhook.namespaceSelector ??= {};
  webhook.objectSelector ??= {};
  webhook.timeoutSeconds ??= 10;
  if (mutating) webhook.reinvocationPolicy ??= 'Never';
  for (const rule of Array.isArray(webhook.rules) ? webhook.rules : []) if (isPlainObject(rule)) rule.scope ??= '*';
  const service = webhook.clientConfig?.service;
  if (isPlainObject(service)) service.port ??= 443;
}

/** Fills a ValidatingWebhookConfiguration's defaults in place. */
export function defaultValidatingWebhookConfiguration(configuration: KubeObject): void {
  for (const webhook of Array.isArray(configuration.webhooks) ? configuration.webhooks : []) if (isPlainObject(webhook)) defaultWebhook(webhook, false);
}

/** Fills a MutatingWebhookConfiguration's defaults in place. */
export function defaultMutatingWebhookConfiguration(configuration: KubeObject): void {
  for (const webhook of Array.isArray(configuration.webhooks) ? configuration.webhooks : []) if (isPlainObject(webhook)) defaultWebhook(webhook, true);
}

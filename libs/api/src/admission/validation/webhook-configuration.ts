/**
 * admissionregistration.k8s.io/v1 Validating- and MutatingWebhookConfiguration validation
 * (validateValidatingWebhookConfiguration / ...Mutating...): fully qualified, unique webhook
 * names, rules, enums, a side-effect class of None or NoneOnDryRun, a 1–30 s timeout, exactly
 * one of url or service, match conditions and a known AdmissionReview version. On update the
 * stricter rules apply only when the stored configuration already met them, as kube does.
 * CEL expressions are not compiled: kubelab has no CEL environment.
 */
import type { MutatingWebhook, WebhookClientConfig } from 'kubernetes-types/admissionregistration/v1';
import type { MutatingWebhookConfiguration, ValidatingWebhookConfiguration } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { duplicate, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { FAILURE_POLICIES, MATCH_POLICIES, validateRuleWithOperations, validateWebhookService, validateWebhookUrl } from './admission-rules.js';
import { child, index } from './field-path.js';
import { isStruct, listOf } from './fields.js';
import { goStringSlice } from './go-syntax.js';
import { validateLabelSelector } from './label-selector.js';
import { validateMatchConditions } from './match-conditions.js';
import { isDNS1035Label, isDNS1123Subdomain, nameIsDNSSubdomain } from './name-formats.js';
import type { MetaRules } from './object-meta.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';

const META: MetaRules = { namespaced: false, name: nameIsDNSSubdomain, kubeFinalizers: false };
const ALL_SIDE_EFFECTS = ['None', 'NoneOnDryRun', 'Some', 'Unknown'];
const NO_SIDE_EFFECTS = ['None', 'NoneOnDryRun'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const REVIEW_VERSIONS = ['v1', 'v1beta1'];

/** Rules relaxed on update when the stored configuration already broke them. */
interface Options {
  requireNoSideEffects: boolean;
  requireRecognizedReviewVersion: boolean;
  requireUniqueNames: boolean;
}

const STRICT: Options = { requireNoSideEffects: true, requireRecognizedReviewVersion: true, requireUniqueNames: true };
/** Either kind of configuration: its webhooks are read as mutating ones, which have every field a validating one has and reinvocationPolicy. */
type WebhookConfiguration = ValidatingWebhookConfiguration | MutatingWebhookConfiguration;
const hooksOf = (configuration: WebhookConfiguration): MutatingWebhook[] => listOf<MutatingWebhook>(configuration.webhooks);
const versionsOf = (hook: MutatingWebhook | undefined): string[] => listOf(hook?.admissionReviewVersions).map(String);

/** IsFullyQualifiedName: a DNS subdomain of at least three segments. */
function validateFullyQualifiedName(name: string, path: string): FieldError[] {
  if (!name) return [required(path)];
  const errors = isDNS1123Subdomain(name);
  if (errors.length > 0) return [invalidValue(path, name, errors.join(','))];
  return name.split('.').length < 3 ? [invalidValue(path, name, 'should be a domain with at least three segments separated by dots')] : [];
}

function validateClientConfig(config: WebhookClientConfig | undefined, path: string): FieldError[] {
  const url = config?.url;
  const hasUrl = typeof url === 'string';
  const hasService = isStruct(config?.service);
  if (hasUrl === hasService) return [required(path, 'exactly one of url or service is required')];
  return hasUrl ? validateWebhookUrl(url, child(path, 'url')) : validateWebhookService(config?.service, child(path, 'service'));
}

function validateWebhook(hook: MutatingWebhook | undefined, path: string, mutating: boolean, options: Options): FieldError[] {
  const errors = validateFullyQualifiedName(String(hook?.name ?? ''), child(path, 'name'));
  listOf(hook?.rules).forEach((rule, i) => errors.push(...validateRuleWithOperations(rule, index(child(path, 'rules'), i))));
  if (hook?.failurePolicy != null && !FAILURE_POLICIES.includes(hook.failurePolicy)) errors.push(notSupported(child(path, 'failurePolicy'), hook.failurePolicy, FAILURE_POLICIES));
  if (hook?.matchPolicy != null && !MATCH_POLICIES.includes(hook.matchPolicy)) errors.push(notSupported(child(path, 'matchPolicy'), hook.matchPolicy, MATCH_POLICIES));
  const sideEffects = options.requireNoSideEffects ? NO_SIDE_EFFECTS : ALL_SIDE_EFFECTS;
  if (hook?.sideEffects == null) errors.push(required(child(path, 'sideEffects'), `must specify one of ${sideEffects.join(', ')}`));
  else if (!sideEffects.includes(hook.sideEffects)) errors.push(notSupported(child(path, 'sideEffects'), hook.sideEffects, sideEffects));
  const timeout = hook?.timeoutSeconds;
  if (typeof timeout === 'number' && (timeout > 30 || timeout < 1)) errors.push(invalidValue(child(path, 'timeoutSeconds'), timeout, 'the timeout value must be between 1 and 30 seconds'));
  errors.push(...validateLabelSelector(hook?.namespaceSelector, child(path, 'namespaceSelector')));
  errors.push(...validateLabelSelector(hook?.objectSelector, child(path, 'objectSelector')));
  if (mutating && hook?.reinvocationPolicy != null && !REINVOCATION_POLICIES.includes(hook.reinvocationPolicy)) {
    errors.push(notSupported(child(path, 'reinvocationPolicy'), hook.reinvocationPolicy, REINVOCATION_POLICIES));
  }
  errors.push(...validateClientConfig(hook?.clientConfig, child(path, 'clientConfig')));
  errors.push(...validateMatchConditions(hook?.matchConditions, child(path, 'matchConditions')));
  return errors;
}

function validateReviewVersions(versions: string[], path: string, requireRecognized: boolean): FieldError[] {
  if (versions.length === 0) return [required(path, `must specify one of ${REVIEW_VERSIONS.join(', ')}`)];
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  versions.forEach((version, i) => {
    if (seen.has(version)) {
      errors.push(invalidValue(index(path, i), version, 'duplicate version'));
      return;
    }
    seen.add(version);
    errors.push(...isDNS1035Label(version).map((message) => invalidValue(index(path, i), version, message)));
  });
  if (requireRecognized && !versions.some((version) => REVIEW_VERSIONS.includes(version))) {
    errors.push(invalidRendered(path, goStringSlice(versions), `must include at least one of ${REVIEW_VERSIONS.join(', ')}`));
  }
  return errors;
}

function validateConfiguration(configuration: WebhookConfiguration, mutating: boolean, options: Options): FieldError[] {
  const errors = validateObjectMeta(configuration.metadata, META);
  const names = new Set<string>();
  hooksOf(configuration).forEach((hook, i) => {
    const path = index('webhooks', i);
    errors.push(...validateWebhook(hook, path, mutating, options));
    errors.push(...validateReviewVersions(versionsOf(hook), child(path, 'admissionReviewVersions'), options.requireRecognizedReviewVersion));
    const name = String(hook?.name ?? '');
    if (options.requireUniqueNames && name) {
      if (names.has(name)) errors.push(duplicate(child(path, 'name'), name));
      names.add(name);
    }
  });
  return errors;
}

function optionsFrom(old: WebhookConfiguration): Options {
  const hooks = hooksOf(old);
  const names = hooks.map((hook) => String(hook?.name ?? ''));
  return {
    requireNoSideEffects: hooks.every((hook) => NO_SIDE_EFFECTS.includes(hook?.sideEffects ?? '')),
    requireRecognizedReviewVersion: hooks.every((hook) => versionsOf(hook).length === 0 || versionsOf(hook).some((v) => REVIEW_VERSIONS.includes(v))),
    requireUniqueNames: new Set(names).size === names.length,
  };
}

/** Checks a ValidatingWebhookConfiguration being created. */
export function validateValidatingWebhookConfigurationCreate(configuration: ValidatingWebhookConfiguration): FieldError[] {
  return validateConfiguration(configuration, false, STRICT);
}

/** Checks a ValidatingWebhookConfiguration update. */
export function validateValidatingWebhookConfigurationUpdate(configuration: ValidatingWebhookConfiguration, old: ValidatingWebhookConfiguration): FieldError[] {
  return [...validateObjectMetaUpdate(configuration.metadata, old.metadata, META), ...validateConfiguration(configuration, false, optionsFrom(old))];
}

/** Checks a MutatingWebhookConfiguration being created. */
export function validateMutatingWebhookConfigurationCreate(configuration: MutatingWebhookConfiguration): FieldError[] {
  return validateConfiguration(configuration, true, STRICT);
}

/** Checks a MutatingWebhookConfiguration update. */
export function validateMutatingWebhookConfigurationUpdate(configuration: MutatingWebhookConfiguration, old: MutatingWebhookConfiguration): FieldError[] {
  return [...validateObjectMetaUpdate(configuration.metadata, old.metadata, META), ...validateConfiguration(configuration, true, optionsFrom(old))];
}

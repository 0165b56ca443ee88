/**
 * DaemonSet validation (ValidateDaemonSet / ValidateDaemonSetUpdate plus the apps/v1
 * strategy's immutable selector): a non-empty selector matching a valid, restartPolicy-Always
 * template, and a rolling update that moves exactly one of maxUnavailable and maxSurge.
 */
import type { DaemonSetSpec, DaemonSetUpdateStrategy, RollingUpdateDaemonSet } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { DaemonSet } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, notSupported, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { isStruct } from './fields.js';
import { goLabelSelector } from './go-syntax.js';
import { goIntOrString, intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import { isConvertibleSelector, isEmptySelector, validateLabelSelector } from './label-selector.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { validatePodTemplateSpec, validateSelectorMatchesTemplate } from './pod-template.js';
import { semanticEqual } from './semantic-equal.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };
const STRATEGY_TYPES = ['RollingUpdate', 'OnDelete'];

function goStrategy(strategy: DaemonSetUpdateStrategy | undefined): string {
  const rollingUpdate = isStruct(strategy?.rollingUpdate) ? '(*apps.RollingUpdateDaemonSet)(0xc000000000)' : '(*apps.RollingUpdateDaemonSet)(nil)';
  return `apps.DaemonSetUpdateStrategy{Type:${JSON.stringify(String(strategy?.type ?? ''))}, RollingUpdate:${rollingUpdate}}`;
}

/** ValidateRollingUpdateDaemonSet. */
function validateRollingUpdate(rollingUpdate: RollingUpdateDaemonSet, path: string): FieldError[] {
  const unavailablePath = child(path, 'maxUnavailable');
  const surgePath = child(path, 'maxSurge');
  const errors = [
    ...validatePositiveIntOrPercent(rollingUpdate.maxUnavailable, unavailablePath),
    ...validatePositiveIntOrPercent(rollingUpdate.maxSurge, surgePath),
    ...validateNotMoreThan100Percent(rollingUpdate.maxUnavailable, unavailablePath),
    ...validateNotMoreThan100Percent(rollingUpdate.maxSurge, surgePath),
  ];
  const hasUnavailable = intOrPercentValue(rollingUpdate.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(rollingUpdate.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errors.push(invalidRendered(surgePath, goIntOrString(rollingUpdate.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  if (!hasUnavailable && !hasSurge) errors.push(required(unavailablePath, 'cannot be 0 when maxSurge is 0'));
  return errors;
}

/** ValidateDaemonSetUpdateStrategy. */
function validateUpdateStrategy(strategy: DaemonSetUpdateStrategy | undefined): FieldError[] {
  const path = 'spec.updateStrategy';
  switch (strategy?.type) {
    case 'OnDelete':
      return [];
    case 'RollingUpdate':
      return isStruct(strategy.rollingUpdate) ? validateRollingUpdate(strategy.rollingUpdate, child(path, 'rollingUpdate')) : [required(child(path, 'rollingUpdate'))];
    default: {
      const list = STRATEGY_TYPES.map((s) => JSON.stringify(s)).join(', ');
      return [{ type: 'FieldValueNotSupported', field: path, message: `Unsupported value: ${goStrategy(strategy)}: supported values: ${list}` }];
    }
  }
}

function validateSelectorAndTemplate(spec: Partial<DaemonSetSpec>): FieldError[] {
  const errors = validateLabelSelector(spec.selector, 'spec.selector');
  if (isConvertibleSelector(spec.selector)) errors.push(...validateSelectorMatchesTemplate(spec.selector, spec.template, 'spec.template'));
  if (isEmptySelector(spec.selector)) errors.push(invalidRendered('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for daemonset'));
  return errors;
}

function validateTemplatePolicies(template: PodTemplateSpec | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const restartPolicy = template?.spec?.restartPolicy ?? '';
  if (restartPolicy !== 'Always') errors.push(notSupported('spec.template.spec.restartPolicy', restartPolicy, ['Always']));
  if (template?.spec?.activeDeadlineSeconds !== undefined && template?.spec?.activeDeadlineSeconds !== null) {
    errors.push(forbiddenField('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in DaemonSet is not Supported'));
  }
  return errors;
}

/** ValidateDaemonSetSpec. */
function validateSpec(spec: Partial<DaemonSetSpec>): FieldError[] {
  return [
    ...validateSelectorAndTemplate(spec),
    ...validatePodTemplateSpec(spec.template, 'spec.template'),
    ...validateTemplatePolicies(spec.template),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateUpdateStrategy(spec.updateStrategy),
    ...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
  ];
}

/** Checks a DaemonSet being created. */
export function validateDaemonSetCreate(daemonSet: DaemonSet): FieldError[] {
  return [...validateObjectMeta(daemonSet.metadata, META), ...validateSpec(daemonSet.spec ?? {})];
}

/** Checks a DaemonSet update; the selector may not change. */
export function validateDaemonSetUpdate(daemonSet: DaemonSet, old: DaemonSet): FieldError[] {
  const errors = [...validateObjectMetaUpdate(daemonSet.metadata, old.metadata, META), ...validateSpec(daemonSet.spec ?? {})];
  if (!semanticEqual(daemonSet.spec?.selector, old.spec?.selector)) {
    errors.push(invalidRendered('spec.selector', goLabelSelector(daemonSet.spec?.selector), FIELD_IMMUTABLE));
  }
  return errors;
}

/**
 * Deployment validation (ValidateDeployment / ValidateDeploymentUpdate plus the apps/v1
 * strategy's immutable selector): replicas, selector and template, rollout strategy,
 * history and progress deadline.
 */
import type { DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment } from 'kubernetes-types/apps/v1';
import type { Deployment } from '../../typed-objects.js';
import type { FieldError } from '../../status.js';
import { forbiddenField, invalidRendered, invalidValue, notSupported, required } from '../../field-errors.js';
import { child } from './field-path.js';
import { isStruct } from './fields.js';
import { goLabelSelector } from './go-syntax.js';
import { goIntOrString, intOrPercentValue, validateNotMoreThan100Percent, validatePositiveIntOrPercent } from './int-or-percent.js';
import { nameIsDNSSubdomain } from './name-formats.js';
import { validateNonNegative } from './non-negative.js';
import type { MetaRules } from './object-meta.js';
import { FIELD_IMMUTABLE, validateObjectMeta, validateObjectMetaUpdate } from './object-meta.js';
import { semanticEqual } from './semantic-equal.js';
import { validateWorkloadSelectorAndTemplate } from './workload-selector.js';

const META: MetaRules = { namespaced: true, name: nameIsDNSSubdomain, kubeFinalizers: true };

function validateRollingUpdate(rollingUpdate: RollingUpdateDeployment, path: string): FieldError[] {
  const unavailablePath = child(path, 'maxUnavailable');
  const errors = [
    ...validatePositiveIntOrPercent(rollingUpdate.maxUnavailable, unavailablePath),
    ...validatePositiveIntOrPercent(rollingUpdate.maxSurge, child(path, 'maxSurge')),
  ];
  if (intOrPercentValue(rollingUpdate.maxUnavailable) === 0 && intOrPercentValue(rollingUpdate.maxSurge) === 0) {
    errors.push(invalidRendered(unavailablePath, goIntOrString(rollingUpdate.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errors.push(...validateNotMoreThan100Percent(rollingUpdate.maxUnavailable, unavailablePath));
  return errors;
}

function validateStrategy(strategy: DeploymentStrategy | undefined, path: string): FieldError[] {
  const s: DeploymentStrategy = isStruct(strategy) ? strategy : {};
  switch (s.type) {
    case 'Recreate':
      return isStruct(s.rollingUpdate) ? [forbiddenField(child(path, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return isStruct(s.rollingUpdate)
        ? validateRollingUpdate(s.rollingUpdate, child(path, 'rollingUpdate'))
        : [required(child(path, 'rollingUpdate'), 'this should be defaulted and never be nil')];
    default:
      return [notSupported(path, s.type ?? '', ['Recreate', 'RollingUpdate'])];
  }
}

function validateProgressDeadline(spec: Partial<DeploymentSpec>): FieldError[] {
  const deadline = spec.progressDeadlineSeconds;
  if (typeof deadline !== 'number') return [];
  const errors = validateNonNegative(deadline, 'spec.progressDeadlineSeconds');
  if (deadline <= (spec.minReadySeconds ?? 0)) errors.push(invalidValue('spec.progressDeadlineSeconds', deadline, 'must be greater than minReadySeconds'));
  return errors;
}

function validateSpec(spec: Partial<DeploymentSpec>): FieldError[] {
  return [
    ...validateNonNegative(spec.replicas, 'spec.replicas'),
    ...validateWorkloadSelectorAndTemplate(spec, 'spec'),
    ...validateStrategy(spec.strategy, 'spec.strategy'),
    ...validateNonNegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateNonNegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'),
    ...validateProgressDeadline(spec),
  ];
}

/** Checks a Deployment being created. */
export function validateDeploymentCreate(deployment: Deployment): FieldError[] {
  return [...validateObjectMeta(deployment.metadata, META), ...validateSpec(deployment.spec ?? {})];
}

/** Checks a Deployment update; the selector may not change. */
export function validateDeploymentUpdate(deployment: Deployment, old: Deployment): FieldError[] {
  const errors = [...validateObjectMetaUpdate(deployment.metadata, old.metadata, META), ...validateSpec(deployment.spec ?? {})];
  if (!semanticEqual(deployment.spec?.selector, old.spec?.selector)) {
    errors.push(invalidRendered('spec.selector', goLabelSelector(deployment.spec?.selector), FIELD_IMMUTABLE));
  }
  return errors;
}

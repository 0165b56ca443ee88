/**
 * apiextensions-apiserver's strategies: a CustomResourceDefinition is defaulted and validated by
 * apiextensions' own rules and held on delete by the cleanup finalizer until its objects are
 * gone; a custom resource is validated by its CRD's schema (decoding already defaulted and
 * pruned it). Neither is judged by the built-in kinds' plugins.
 */
import { crdCleanupFinalizer } from '../../custom-resources/crd-status.js';
import { validateCustomResource } from '../../custom-resources/admission.js';
import { defaultCrd, initialCrdStatus, validateCrdCreate, validateCrdUpdate } from '../../custom-resources/validate-crd.js';
import type { ResourceType } from '../../registry.js';
import { strategy, type KindStrategy } from '../strategy.js';

const noPodSecurity = () => [];

/** The CustomResourceDefinition kind's strategy. */
export const customResourceDefinitionStrategy: KindStrategy = strategy({
  // A CRD starts with an empty status that records its storage version.
  prepareForCreate: (crd) => ({ ...crd, status: initialCrdStatus(crd) }),
  defaults: defaultCrd,
  validateCreate: validateCrdCreate,
  validateUpdate: validateCrdUpdate,
  podSecurity: noPodSecurity,
  deletionFinalizer: crdCleanupFinalizer,
});

/** The strategy of the custom resources served as `t`: its CRD's schema validates them. */
export function customResourceStrategy(t: ResourceType): KindStrategy {
  return strategy({
    defaults: (obj) => obj,
    validateCreate: (obj) => validateCustomResource(t, obj),
    validateUpdate: (next, current) => validateCustomResource(t, next, current),
    podSecurity: noPodSecurity,
  });
}

/**
 * The Ingress kind: its status is emptied on create, and kube-apiserver's DefaultIngressClass admission plugin gives
 * an Ingress that names no class (neither spec.ingressClassName nor the legacy kubernetes.io/ingress.class annotation)
 * the cluster's default IngressClass: the one annotated ingressclass.kubernetes.io/is-default-class "true", the newest
 * of several.
 */
import type { KubeObject } from '../../object.js';
import { emptyStatus, strategy, type KindStrategy, type KindWrite } from '../strategy.js';

const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';
const legacyClassAnnotation = 'kubernetes.io/ingress.class';

/** The default IngressClass of `classes`: of those marked default, the newest (creationTimestamp), then the first by name. */
export function defaultIngressClass(classes: readonly KubeObject[]): KubeObject | undefined {
  const created = (c: KubeObject) => Date.parse(c.metadata.creationTimestamp ?? '') || 0;
  return classes
    .filter((c) => c.metadata.annotations?.[defaultClassAnnotation] === 'true')
    .sort((a, b) => created(b) - created(a) || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))[0];
}

function admitDefaultIngressClass(ingress: KubeObject, w: KindWrite): KubeObject {
  const spec = (ingress as { spec?: { ingressClassName?: string } }).spec;
  if (spec?.ingressClassName || ingress.metadata.annotations?.[legacyClassAnnotation] !== undefined) return ingress;
  const byDefault = defaultIngressClass(w.view.list('IngressClass'));
  return byDefault ? { ...ingress, spec: { ...spec, ingressClassName: byDefault.metadata.name } } as KubeObject : ingress;
}

/** The Ingress kind's strategy. */
export const ingressStrategy: KindStrategy = strategy({ prepareForCreate: emptyStatus, mutateOnCreate: admitDefaultIngressClass });

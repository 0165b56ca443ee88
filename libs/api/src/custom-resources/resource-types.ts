/**
 * The resource types an established CustomResourceDefinition serves: one per served
 * version, under the names the CRD's status accepted, its storage version stored in the
 * event log and the others views of it (conversion strategy None: only apiVersion differs).
 */
import type { CustomResourceSubresources } from 'kubernetes-types/apiextensions/v1';
import type { KubeObject } from '../object.js';
import type { ResourceType, SubresourceType } from '../registry.js';
import type { CustomResourceDefinition } from '../typed-objects.js';
import type { CustomResourceInfo, JSONSchemaProps } from './types.js';

const allVerbs = ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'];

/** Whether a CRD's Established condition is True. */
export function isEstablished(crd: KubeObject): boolean {
  return ((crd as CustomResourceDefinition).status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
}

/** kube-apiserver's name for a custom kind's schema: stable.example.com/v1 CronTab → com.example.stable.v1.CronTab. */
export function customSchemaName(group: string, version: string, kind: string): string {
  return [...group.split('.').reverse(), version, kind].join('.');
}

/** Kubernetes' version priority: GA over beta over alpha, higher numbers first, then the rest by name. */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number, string] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [3, 0, 0, v];
    return [m[2] === undefined ? 0 : m[2] === 'beta' ? 1 : 2, -Number(m[1]), -Number(m[3] ?? 0), v];
  };
  const [x, y] = [rank(a), rank(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return (x[i] as number) - (y[i] as number);
  return x[3] < y[3] ? -1 : x[3] > y[3] ? 1 : 0;
}

function subresourcesOf(group: string, version: string, kind: string, subresources: CustomResourceSubresources | undefined): SubresourceType[] {
  const verbs = ['get', 'patch', 'update'];
  return [
    ...(subresources?.scale ? [{ name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs }] : []),
    ...(subresources?.status ? [{ name: 'status', kind, group, version, verbs }] : []),
  ];
}

/** The served types of one established CRD, preferred version first. */
export function resourceTypesOfCrd(given: KubeObject): ResourceType[] {
  const crd = given as CustomResourceDefinition;
  const spec = crd.spec;
  if (!isEstablished(crd) || !spec) return [];
  const names = crd.status?.acceptedNames ?? spec.names;
  const versions = spec.versions ?? [];
  const storageVersion = versions.find((v) => v.storage)?.name ?? versions[0]?.name;
  return versions
    .filter((v) => v.served)
    .sort((a, b) => compareVersions(a.name, b.name))
    .map((v): ResourceType => {
      const custom: CustomResourceInfo = {
        crdName: crd.metadata.name!,
        revision: crd.metadata.resourceVersion ?? '',
        storageVersion,
        schema: (v.schema?.openAPIV3Schema ?? { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }) as JSONSchemaProps,
        printerColumns: v.additionalPrinterColumns ?? [],
        scale: v.subresources?.scale,
        terminating: Boolean(crd.metadata.deletionTimestamp),
      };
      return {
        group: spec.group,
        version: v.name,
        kind: names.kind,
        listKind: names.listKind ?? `${names.kind}List`,
        plural: names.plural,
        singular: names.singular ?? names.kind.toLowerCase(),
        namespaced: spec.scope !== 'Cluster',
        shortNames: names.shortNames ?? [],
        categories: names.categories ?? [],
        verbs: allVerbs,
        subresources: subresourcesOf(spec.group, v.name, names.kind, v.subresources),
        schemaName: customSchemaName(spec.group, v.name, names.kind),
        storage: v.name === storageVersion ? 'log' : 'view',
        custom,
      };
    });
}

const groupOf = (crd: KubeObject) => (crd as CustomResourceDefinition).spec?.group;

/** Every type served by the given CRDs, by group name then version priority. */
export function resourceTypesOfCrds(crds: readonly KubeObject[]): ResourceType[] {
  return [...crds]
    .sort((a, b) => String(groupOf(a)).localeCompare(String(groupOf(b))) || String(a.metadata.name).localeCompare(String(b.metadata.name)))
    .flatMap(resourceTypesOfCrd);
}

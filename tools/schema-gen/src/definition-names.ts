/**
 * Translates between client-node class names (`V1PodSpec`, `CoreV1Event`) and
 * Kubernetes OpenAPI definition names (`io.k8s.api.core.v1.PodSpec`).
 *
 * A class name carries the version and the type name but, except where two
 * groups clash (`CoreV1Event` vs `EventsV1Event`), not the group. The group is
 * found by asking kubernetes-types which package declares the type; a type too
 * new for kubernetes-types belongs to the package of the type referring to it.
 */
import type { Declaration } from './declarations.js';
import type { ApiPackage } from './kubernetes-types-index.js';

/** Where a type lives: kubernetes-types group directory, version and type name. */
export interface TypeLocation {
  group: string;
  version: string;
  name: string;
}

const classNamePattern = /^([A-Z][a-z]+)?(V\d+(?:(?:alpha|beta)\d+)?)([A-Z]\w*)$/;

const packagePrefixes: Record<string, string> = {
  meta: 'io.k8s.apimachinery.pkg.apis.meta',
  apiextensions: 'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions',
  apiregistration: 'io.k8s.kube-aggregator.pkg.apis.apiregistration',
};

/** `io.k8s.api.core.v1.PodSpec` for core/v1/PodSpec. */
export function definitionName(location: TypeLocation): string {
  const prefix = packagePrefixes[location.group] ?? `io.k8s.api.${location.group}`;
  return `${prefix}.${location.version}.${location.name}`;
}

/** The location a definition name denotes (the inverse of definitionName). */
export function parseDefinitionName(name: string): TypeLocation {
  const match = /^(.*)\.(v\d+(?:(?:alpha|beta)\d+)?)\.(\w+)$/.exec(name);
  if (!match) throw new Error(`not a versioned definition name: ${name}`);
  const [, prefix, version, typeName] = match;
  const special = Object.entries(packagePrefixes).find(([, p]) => p === prefix);
  const group = special ? special[0] : prefix.replace(/^io\.k8s\.api\./, '');
  if (group === prefix) throw new Error(`unknown definition package: ${prefix}`);
  return { group, version, name: typeName };
}

/** Client-node class names that may model a location, most specific first. */
export function candidateClassNames(location: TypeLocation): string[] {
  const version = location.version[0].toUpperCase() + location.version.slice(1);
  const group = location.group[0].toUpperCase() + location.group.slice(1);
  return [`${group}${version}${location.name}`, `${version}${location.name}`];
}

/** Resolves client-node classes to their API package using kubernetes-types. */
export class TypeLocator {
  constructor(private readonly packages: readonly ApiPackage[]) {}

  /** Where the class `className`, referred to from a type in `referrer`, lives. */
  locate(className: string, referrer: TypeLocation): TypeLocation {
    const match = classNamePattern.exec(className);
    if (!match) throw new Error(`cannot parse client-node class name ${className}`);
    const [, groupPrefix, capitalVersion, name] = match;
    const version = capitalVersion.toLowerCase();
    if (groupPrefix) return { group: groupPrefix.toLowerCase(), version, name };
    const groups = this.packages
      .filter((p) => p.version === version && p.declarations.has(name))
      .map((p) => p.group);
    const group =
      groups.length === 1
        ? groups[0]
        : [referrer.group, 'core', 'meta'].find((g) => groups.includes(g)) ??
          (groups.length === 0 ? referrer.group : undefined);
    if (!group) throw new Error(`${className} is declared in several groups (${groups.join(', ')})`);
    return { group, version, name };
  }

  /** kubernetes-types' declaration of a type, if it has one. */
  declaration(location: TypeLocation): Declaration | undefined {
    return this.packages
      .find((p) => p.group === location.group && p.version === location.version)
      ?.declarations.get(location.name);
  }
}

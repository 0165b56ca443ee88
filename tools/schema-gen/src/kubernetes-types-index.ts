/**
 * The kubernetes-types package lays its declarations out by API group package
 * (`core/v1.d.ts`, `meta/v1.d.ts`, `apps/v1.d.ts`), which is exactly the
 * knowledge client-node's flat class names (`V1PodSpec`) lack. It also keeps
 * the descriptions of fields whose type is another object (client-node drops
 * those) and names `Quantity`/`MicroTime` where client-node just says string.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Declaration, readDeclarations } from './declarations.js';

/** Declarations of one API package, e.g. core/v1. */
export interface ApiPackage {
  /** Directory name in kubernetes-types: core, meta, apps, … */
  group: string;
  version: string;
  declarations: Map<string, Declaration>;
}

/** Every `<group>/<version>.d.ts` of kubernetes-types. */
export function readKubernetesTypes(root: string): ApiPackage[] {
  const packages: ApiPackage[] = [];
  for (const group of readdirSync(root).sort()) {
    const dir = join(root, group);
    if (!statSync(dir).isDirectory()) continue;
    for (const file of readdirSync(dir).sort()) {
      if (!file.endsWith('.d.ts')) continue;
      packages.push({ group, version: file.slice(0, -'.d.ts'.length), declarations: readDeclarations(join(dir, file)) });
    }
  }
  return packages;
}

/**
 * Loads one @kubernetes/client-node model: the attribute map its class
 * exposes at run time (field names and types) and the doc comments of its
 * .d.ts (descriptions, and which fields are required).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Declaration, readDeclarations } from './declarations.js';

/** One entry of a model's `getAttributeTypeMap()`. */
export interface ModelAttribute {
  name: string;
  baseName: string;
  type: string;
  format: string;
}

/** A client-node model class. */
export interface Model {
  className: string;
  attributes: ModelAttribute[];
  declaration: Declaration;
}

/** Reads models from client-node's `dist/gen/models` directory. */
export class ModelLibrary {
  constructor(private readonly dir: string) {}

  /** True when client-node has a model class of this name. */
  has(className: string): boolean {
    return existsSync(join(this.dir, `${className}.js`));
  }

  /** The model, or an error naming the missing class. */
  async load(className: string): Promise<Model> {
    if (!this.has(className)) throw new Error(`client-node has no model ${className}`);
    const module = await import(pathToFileURL(join(this.dir, `${className}.js`)).href);
    const attributes: ModelAttribute[] = module[className].getAttributeTypeMap();
    const declaration = readDeclarations(join(this.dir, `${className}.d.ts`)).get(className);
    if (!declaration) throw new Error(`${className}.d.ts does not declare ${className}`);
    return { className, attributes, declaration };
  }
}

/**
 * Walks client-node's models from the root definitions and builds the compact
 * schema catalog: every reachable definition with its description, required
 * fields and typed properties.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type {
  FieldType,
  SchemaCatalog,
  SchemaDefinition,
  SchemaProperty,
} from '../../../libs/api/src/schema/schema-catalog.js';
import type { ModelAttribute, ModelLibrary } from './client-node-models.js';
import type { Declaration } from './declarations.js';
import {
  candidateClassNames,
  definitionName,
  parseDefinitionName,
  type TypeLocation,
  TypeLocator,
} from './definition-names.js';
import type { Root } from './roots.js';

const time = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const microTime = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';
const intOrString = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const quantity = 'io.k8s.apimachinery.pkg.api.resource.Quantity';

const intOrStringDescription =
  'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.';

/** Builds the catalog for `roots` from client-node models and kubernetes-types text. */
export async function buildCatalog(roots: Root[], models: ModelLibrary, locator: TypeLocator): Promise<SchemaCatalog> {
  const walk = new CatalogWalk(models, locator);
  for (const root of roots) walk.addRoot(root.definition);
  const definitions = await walk.run();
  const kinds = Object.fromEntries(roots.map((r) => [r.definition, r.kinds]));
  return { kinds: sortKeys(kinds), definitions: sortKeys(definitions) };
}

class CatalogWalk {
  private readonly classOf = new Map<string, string>();
  private readonly pending: Array<{ className: string; location: TypeLocation }> = [];
  private readonly usedScalars = new Set<string>();

  constructor(
    private readonly models: ModelLibrary,
    private readonly locator: TypeLocator,
  ) {}

  addRoot(name: string): void {
    const location = parseDefinitionName(name);
    const className = candidateClassNames(location).find((c) => this.models.has(c));
    if (!className) throw new Error(`no client-node model for ${name}`);
    const located = definitionName(this.locator.locate(className, location));
    if (located !== name) throw new Error(`${name}: client-node's ${className} is ${located}`);
    this.enqueue(className, location);
  }

  async run(): Promise<Record<string, SchemaDefinition>> {
    const definitions: Record<string, SchemaDefinition> = {};
    for (let next = this.pending.shift(); next; next = this.pending.shift()) {
      definitions[definitionName(next.location)] = await this.definition(next.className, next.location);
    }
    for (const scalar of this.usedScalars) definitions[scalar] = this.scalarDefinition(scalar);
    return definitions;
  }

  /** Queues a class once; a class reached under two different names is a naming bug. */
  private enqueue(className: string, location: TypeLocation): string {
    const name = definitionName(location);
    const known = this.classOf.get(className);
    if (known && known !== name) throw new Error(`${className} resolves to both ${known} and ${name}`);
    if (!known) {
      this.classOf.set(className, name);
      this.pending.push({ className, location });
    }
    return name;
  }

  private async definition(className: string, location: TypeLocation): Promise<SchemaDefinition> {
    const model = await this.models.load(className);
    const upstream = this.locator.declaration(location);
    const properties: Record<string, SchemaProperty> = {};
    const required: string[] = [];
    for (const attribute of model.attributes) {
      const own = model.declaration.members.get(attribute.name);
      const theirs = upstream?.members.get(attribute.baseName);
      const type = this.fieldType(attribute.type, attribute, theirs?.typeText ?? '', location);
      const description = chooseDescription(this.fieldDescription(own?.description, type), theirs?.description);
      properties[attribute.baseName] = description ? { type, description } : { type };
      if (own && !own.optional) required.push(attribute.baseName);
    }
    return withoutEmpty({
      description: chooseDescription(model.declaration.description, upstream?.description),
      required,
      properties,
    });
  }

  /**
   * client-node describes a field typed IntOrString or MicroTime with the
   * type's own text ("IntOrString is a type that…"); that is no field description.
   */
  private fieldDescription(description: string | undefined, type: FieldType): string | undefined {
    const scalar = type.replace(/^(\[\]|map\[string\])+/, '');
    if (!description || !this.usedScalars.has(scalar)) return description;
    return sameWords(description, this.scalarDefinition(scalar).description ?? '') ? undefined : description;
  }

  private fieldType(type: string, attribute: ModelAttribute, upstreamType: string, referrer: TypeLocation): FieldType {
    const array = /^Array<(.+)>$/.exec(type);
    if (array) return `[]${this.fieldType(array[1], attribute, upstreamType, referrer)}`;
    const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
    if (map) return `map[string]${this.fieldType(map[1], attribute, upstreamType, referrer)}`;
    switch (type) {
      case 'string':
        if (/\bQuantity\b/.test(upstreamType)) return this.scalar(quantity);
        return attribute.format === 'byte' ? 'byte' : 'string';
      case 'number':
        if (!['int32', 'int64', 'double'].includes(attribute.format)) {
          throw new Error(`number field ${attribute.baseName} has format "${attribute.format}"`);
        }
        return attribute.format;
      case 'boolean':
      case 'any':
        return type;
      case 'Date':
      case 'V1MicroTime':
        return this.scalar(attribute.format === 'date-time-micro' ? microTime : time);
      case 'IntOrString':
        return this.scalar(intOrString);
      default:
        return this.enqueue(type, this.locator.locate(type, referrer));
    }
  }

  private scalar(name: string): string {
    this.usedScalars.add(name);
    return name;
  }

  private scalarDefinition(name: string): SchemaDefinition {
    const meta = { group: 'meta', version: 'v1' };
    switch (name) {
      case time:
        return { description: this.upstreamText({ ...meta, name: 'Time' }), scalar: 'date-time' };
      case microTime:
        return { description: this.upstreamText({ ...meta, name: 'MicroTime' }), scalar: 'date-time-micro' };
      case quantity:
        return {
          description: this.upstreamText({ group: 'api', version: 'resource', name: 'Quantity' }),
          scalar: 'quantity',
        };
      default:
        return { description: intOrStringDescription, scalar: 'int-or-string' };
    }
  }

  private upstreamText(location: TypeLocation): string {
    const declaration: Declaration | undefined = this.locator.declaration(location);
    if (!declaration) throw new Error(`kubernetes-types lacks ${location.group}/${location.version}.${location.name}`);
    return declaration.description;
  }
}

/**
 * client-node's text is newer (1.33) but flattens paragraphs to double spaces;
 * kubernetes-types (1.30) keeps the line breaks. Same words → keep the breaks.
 */
function chooseDescription(clientNode: string | undefined, kubernetesTypes: string | undefined): string {
  if (!clientNode) return kubernetesTypes ?? '';
  return kubernetesTypes && sameWords(kubernetesTypes, clientNode) ? kubernetesTypes : clientNode;
}

function sameWords(a: string, b: string): boolean {
  const words = (text: string) => text.replace(/\s+/g, ' ').trim();
  return words(a) === words(b);
}

function withoutEmpty(definition: Required<Omit<SchemaDefinition, 'scalar'>>): SchemaDefinition {
  const result: SchemaDefinition = {};
  if (definition.description) result.description = definition.description;
  if (definition.required.length > 0) result.required = definition.required;
  result.properties = definition.properties;
  return result;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

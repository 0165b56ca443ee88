/**
 * Lays the catalog out as JSON with one property per line: compact enough to
 * ship, and a regenerated file diffs field by field.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type { SchemaCatalog, SchemaDefinition } from '../../../libs/api/src/schema/schema-catalog.js';

/** The catalog as the text of k8s-schema.generated.json. */
export function formatCatalog(catalog: SchemaCatalog): string {
  const kinds = Object.entries(catalog.kinds).map(([name, gvks]) => `  ${JSON.stringify(name)}: ${JSON.stringify(gvks)}`);
  const definitions = Object.entries(catalog.definitions).map(([name, d]) => formatDefinition(name, d));
  return `{\n "kinds": {\n${kinds.join(',\n')}\n },\n "definitions": {\n${definitions.join(',\n')}\n }\n}\n`;
}

function formatDefinition(name: string, definition: SchemaDefinition): string {
  const { properties, ...rest } = definition;
  const lines = Object.entries(rest).map(([key, value]) => `   ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  if (properties) {
    const fields = Object.entries(properties).map(([field, p]) => `    ${JSON.stringify(field)}: ${JSON.stringify(p)}`);
    lines.push(fields.length > 0 ? `   "properties": {\n${fields.join(',\n')}\n   }` : '   "properties": {}');
  }
  return `  ${JSON.stringify(name)}: {\n${lines.join(',\n')}\n  }`;
}

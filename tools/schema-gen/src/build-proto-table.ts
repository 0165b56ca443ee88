/**
 * Joins generated.proto (field numbers and wire types) with the Go structs
 * (JSON names, omitempty, pointers, inline embedding) into the table the
 * api-server's protobuf decoder reads, and checks every JSON name against
 * the OpenAPI schema catalog: a name the catalog does not know stops the
 * generator rather than producing objects the api-server would refuse.
 */
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type { ProtoField, ProtoMessage, ProtoSpecial, ProtoTable } from '../../../libs/api/src/schema/protobuf-table.js';
// eslint-disable-next-line @nx/enforce-module-boundaries -- as above
import type { SchemaCatalog } from '../../../libs/api/src/schema/schema-catalog.js';
import type { GoField, GoPackage, GoStruct } from './go-struct-tags.js';
import type { ProtoFieldDeclaration, ProtoFile } from './proto-file.js';

/** One API package: its generated.proto and its Go structs. */
export interface SourcePackage {
  proto: ProtoFile;
  go: GoPackage;
}

const meta = 'k8s.io.apimachinery.pkg.apis.meta.v1';

/** Messages whose JSON is a string, a number or raw JSON rather than an object of their fields. */
const specials: Record<string, ProtoSpecial> = {
  [`${meta}.Time`]: 'time',
  [`${meta}.MicroTime`]: 'microTime',
  [`${meta}.Duration`]: 'duration',
  [`${meta}.FieldsV1`]: 'fieldsV1',
  [`${meta}.Verbs`]: 'stringList',
  'k8s.io.api.authentication.v1.ExtraValue': 'stringList',
  'k8s.io.api.authorization.v1.ExtraValue': 'stringList',
  'k8s.io.api.certificates.v1.ExtraValue': 'stringList',
  'k8s.io.apimachinery.pkg.api.resource.Quantity': 'quantity',
  'k8s.io.apimachinery.pkg.api.resource.QuantityValue': 'quantity',
  'k8s.io.apimachinery.pkg.util.intstr.IntOrString': 'intOrString',
  'k8s.io.apimachinery.pkg.runtime.RawExtension': 'rawExtension',
};

/** The table, and the fields whose JSON name is not their proto name (worth a look on each upgrade). */
export interface BuiltProtoTable {
  table: ProtoTable;
  renamed: string[];
}

/** The decoder's table for `packages`, checked against `catalog`. */
export function buildProtoTable(packages: readonly SourcePackage[], catalog: SchemaCatalog): BuiltProtoTable {
  const messages: Record<string, ProtoMessage> = {};
  const kinds: Record<string, Record<string, string>> = {};
  const renamed: string[] = [];
  for (const { proto, go } of packages) {
    const apiVersion = apiVersionOf(proto.package, go);
    for (const declaration of proto.messages) {
      const name = `${proto.package}.${declaration.name}`;
      const special = specials[name];
      if (special) {
        messages[name] = { special };
        continue;
      }
      const struct = go.structs.get(declaration.name) ?? metaStruct(go.definedTypes.get(declaration.name), packages);
      if (!struct) throw new Error(`${name}: no Go struct ${declaration.name} in the package's sources`);
      const fields: Record<string, ProtoField> = {};
      for (const declared of declaration.fields) {
        const field = fieldOf(name, declared, struct.fields);
        if (field.json === '-') continue;
        fields[String(declared.number)] = field;
        if (field.json !== undefined && field.json !== declared.name) renamed.push(`${name}.${declared.name} → ${field.json}`);
      }
      messages[name] = { fields };
      if (struct.isKind && apiVersion) (kinds[apiVersion] ??= {})[declaration.name] = name;
    }
  }
  for (const [name, message] of Object.entries(messages)) {
    for (const field of Object.values(message.fields ?? {})) {
      if (field.type.includes('.') && !messages[field.type]) throw new Error(`${name}: field type ${field.type} is in none of the packages read`);
    }
    checkAgainstCatalog(name, message, messages, catalog);
  }
  const sortedKinds = sortKeys(Object.fromEntries(Object.entries(kinds).map(([v, k]) => [v, sortKeys(k)])));
  return { table: { kinds: sortedKinds, messages: sortKeys(messages) }, renamed };
}

/** The meta/v1 struct a `metav1.X` defined type stands for. */
function metaStruct(base: string | undefined, packages: readonly SourcePackage[]): GoStruct | undefined {
  if (!base?.startsWith('metav1.')) return undefined;
  return packages.find((p) => p.proto.package === meta)?.go.structs.get(base.slice('metav1.'.length));
}

/** `apps/v1` for k8s.io.api.apps.v1, `v1` for core, `*` for meta/v1; none for other apimachinery packages. */
function apiVersionOf(pkg: string, go: GoPackage): string | undefined {
  if (pkg === meta) return '*';
  const match = /^k8s\.io\.api\.(\w+)\.(v\w+)$/.exec(pkg);
  if (!match) return undefined;
  const group = go.groupName ?? match[1];
  return group ? `${group}/${match[2]}` : match[2];
}

function fieldOf(message: string, declaration: ProtoFieldDeclaration, goFields: readonly GoField[]): ProtoField {
  const go = goFields.find((f) => f.protobuf?.number === declaration.number);
  const where = `${message} field ${declaration.number} (${declaration.name})`;
  if (!go) throw new Error(`${where}: no Go field carries protobuf number ${declaration.number}`);
  if (go.protobuf?.name !== undefined && go.protobuf.name !== declaration.name) throw new Error(`${where}: the Go tag names it ${go.protobuf?.name}`);
  const field: ProtoField = go.json.inline ? { inline: true, type: declaration.type } : { json: go.json.name, type: declaration.type };
  if (declaration.label === 'repeated') field.repeated = true;
  if (declaration.label === 'map') field.map = true;
  if (!field.inline) Object.assign(field, goJsonEncoding(declaration, go));
  if (!field.json && !field.inline) throw new Error(`${where}: Go field ${go.goName} has no JSON name`);
  return field;
}

/**
 * What encoding/json does with the field when it holds nothing, from its Go type and tag: a
 * pointer, slice or map is left out under omitempty (a slice or map also when empty) and written
 * as null without it; a scalar is left out when zero under omitempty and written as its zero
 * without it; a struct is never left out, whatever its tag says.
 */
function goJsonEncoding(declaration: ProtoFieldDeclaration, go: GoField): Pick<ProtoField, 'omitZero' | 'omitEmpty' | 'unset'> {
  const omitEmpty = go.json.omitEmpty;
  if (go.goType.startsWith('*')) return omitEmpty ? {} : { unset: 'null' };
  const collection = declaration.label !== 'optional' || declaration.type === 'bytes' || /^(\[\]|map\[)/.test(go.goType) || specials[declaration.type] === 'stringList';
  if (collection) return omitEmpty ? { omitEmpty: true } : { unset: 'null' };
  if (!declaration.type.includes('.')) return omitEmpty ? { omitZero: true } : { unset: 'zero' };
  return { unset: 'struct' };
}

/** Every JSON name a message contributes, inline structs flattened. */
function jsonNames(name: string, messages: Record<string, ProtoMessage>): string[] {
  return Object.values(messages[name]?.fields ?? {}).flatMap((f) => (f.inline ? jsonNames(f.type, messages) : [f.json!]));
}

/** `io.k8s.api.core.v1.Pod` for k8s.io.api.core.v1.Pod. */
function definitionName(message: string): string {
  return `io.k8s.${message.slice('k8s.io.'.length)}`;
}

function checkAgainstCatalog(name: string, message: ProtoMessage, messages: Record<string, ProtoMessage>, catalog: SchemaCatalog): void {
  const properties = catalog.definitions[definitionName(name)]?.properties;
  if (!message.fields || !properties) return;
  for (const json of jsonNames(name, messages)) {
    if (!(json in properties)) throw new Error(`${name}: JSON field "${json}" is not in the schema catalog's ${definitionName(name)}`);
  }
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

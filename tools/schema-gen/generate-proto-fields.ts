/**
 * Regenerates libs/api/src/schema/protobuf-fields.generated.json, the field
 * table of the api-server's protobuf decoder (kubectl 1.32 sends create bodies
 * as application/vnd.kubernetes.protobuf), from Kubernetes' own sources:
 * generated.proto for field numbers and wire types, the Go structs beside it
 * for JSON names, omitempty, pointers and inline embedding (what go-json-form.ts writes for an
 * unset field comes from them too). JSON names are
 * checked against k8s-schema.generated.json, so run `generate` first when the
 * served kinds change. Deterministic: same inputs, same bytes.
 *
 * Sources: the kubernetes/api and kubernetes/apimachinery repositories at the
 * release matching the Kubernetes version the api-server reports (1.32):
 *
 *   src=$(mktemp -d)
 *   git clone -q --depth 1 --branch v0.32.13 https://github.com/kubernetes/api "$src/k8s.io/api"
 *   git clone -q --depth 1 --branch v0.32.13 https://github.com/kubernetes/apimachinery "$src/k8s.io/apimachinery"
 *   npx nx run schema-gen:generate-proto-fields --sources="$src"
 *
 * (or: npx tsx tools/schema-gen/generate-proto-fields.ts "$src")
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type { SchemaCatalog } from '../../libs/api/src/schema/schema-catalog.js';
import { apiPackages, readGoSources } from './src/api-packages.js';
import { buildProtoTable, type SourcePackage } from './src/build-proto-table.js';
import { formatProtoTable } from './src/format-proto-table.js';
import { readGoPackage } from './src/go-struct-tags.js';
import { parseProtoFile } from './src/proto-file.js';

const sources = process.argv[2];
if (!sources) {
  console.error('usage: generate-proto-fields.ts <directory holding k8s.io/api and k8s.io/apimachinery>');
  process.exit(2);
}
const workspace = join(dirname(fileURLToPath(import.meta.url)), '../..');
const schemaDir = join(workspace, 'libs/api/src/schema');
const output = join(schemaDir, 'protobuf-fields.generated.json');

function readPackage(path: string): SourcePackage {
  const dir = join(sources, path);
  const proto = parseProtoFile(readFileSync(join(dir, 'generated.proto'), 'utf8'), join(path, 'generated.proto'));
  return { proto, go: readGoPackage(readGoSources(dir)) };
}

const catalog = JSON.parse(readFileSync(join(schemaDir, 'k8s-schema.generated.json'), 'utf8')) as SchemaCatalog;
const { table, renamed } = buildProtoTable(apiPackages.map(readPackage), catalog);
const text = formatProtoTable(table);
writeFileSync(output, text);
const kinds = Object.values(table.kinds).reduce((n, byKind) => n + Object.keys(byKind).length, 0);
console.log(`${output}: ${Object.keys(table.messages).length} messages, ${kinds} kinds, ${text.length} bytes`);
console.log(`fields whose JSON name differs from the proto name:\n  ${renamed.join('\n  ')}`);

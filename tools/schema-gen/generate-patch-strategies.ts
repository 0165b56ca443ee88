/**
 * Regenerates libs/api/src/schema/patch-strategies.generated.json, the strategic-merge
 * metadata (`patchStrategy` / `patchMergeKey` struct tags) of every definition in the
 * schema catalog, from the Go structs of Kubernetes' own API packages: the OpenAPI
 * documents carry it as kube-apiserver's do, and kubectl computes its patches from it.
 * Run `generate` first when the served kinds change. Deterministic: same inputs, same bytes.
 *
 * Sources: as for generate-proto-fields.ts (kubernetes/api and kubernetes/apimachinery at
 * the release matching the Kubernetes version the api-server reports):
 *
 *   npx nx run schema-gen:generate-patch-strategies --sources="$src"
 *
 * (or: npx tsx tools/schema-gen/generate-patch-strategies.ts "$src")
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
// eslint-disable-next-line @nx/enforce-module-boundaries -- imported by path, not as @kubelab/api, whose entry point loads the JSON this tool writes
import type { SchemaCatalog } from '../../libs/api/src/schema/catalog-types.js';
import { apiPackages, readGoSources } from './src/api-packages.js';
import { buildPatchStrategies } from './src/build-patch-strategies.js';
import { readGoPackage } from './src/go-struct-tags.js';

const sources = process.argv[2];
if (!sources) {
  console.error('usage: generate-patch-strategies.ts <directory holding k8s.io/api and k8s.io/apimachinery>');
  process.exit(2);
}
const workspace = join(dirname(fileURLToPath(import.meta.url)), '../..');
const schemaDir = join(workspace, 'libs/api/src/schema');
const output = join(schemaDir, 'patch-strategies.generated.json');

const catalog = JSON.parse(readFileSync(join(schemaDir, 'k8s-schema.generated.json'), 'utf8')) as SchemaCatalog;
const packages = apiPackages.map((path) => ({ path, go: readGoPackage(readGoSources(join(sources, path))) }));
const table = buildPatchStrategies(packages, catalog);
const lines = Object.entries(table).map(([definition, fields]) => `  ${JSON.stringify(definition)}: ${JSON.stringify(fields)}`);
const text = `{\n${lines.join(',\n')}\n}\n`;
writeFileSync(output, text);
console.log(`${output}: ${lines.length} definitions, ${Object.values(table).reduce((n, f) => n + Object.keys(f).length, 0)} fields`);

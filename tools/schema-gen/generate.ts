/**
 * Regenerates libs/api/src/schema/k8s-schema.generated.json from the models of
 * @kubernetes/client-node and the doc comments of kubernetes-types, so the
 * api-server can decode strictly and serve OpenAPI v3 without shipping either
 * package at run time. Deterministic: same inputs, same bytes.
 *
 *   npx tsx tools/schema-gen/generate.ts
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildCatalog } from './src/build-catalog.js';
import { ModelLibrary } from './src/client-node-models.js';
import { TypeLocator } from './src/definition-names.js';
import { formatCatalog } from './src/format-catalog.js';
import { readKubernetesTypes } from './src/kubernetes-types-index.js';
import { schemaRoots } from './src/roots.js';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '../..');
const output = join(workspace, 'libs/api/src/schema/k8s-schema.generated.json');

const models = new ModelLibrary(join(workspace, 'node_modules/@kubernetes/client-node/dist/gen/models'));
const locator = new TypeLocator(readKubernetesTypes(join(workspace, 'node_modules/kubernetes-types')));
const catalog = await buildCatalog(schemaRoots(), models, locator);
const text = formatCatalog(catalog);
writeFileSync(output, text);
console.log(`${output}: ${Object.keys(catalog.definitions).length} definitions, ${text.length} bytes`);

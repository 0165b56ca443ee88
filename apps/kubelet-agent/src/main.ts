/** kubelet-agent process entry. */
import { readFileSync } from 'node:fs';
import { runComponent } from '@kubelab/bus';
import { CatalogError, parseCatalog, parseUserCatalog, type ImageCatalog } from '@kubelab/images';
import { parse as parseYaml } from 'yaml';
import { Agent } from './agent.js';
import { parseAgentConfig } from './config.js';
import { LiveCatalog } from './live-catalog.js';

function loadCatalog(file: string, parse: (doc: unknown) => ImageCatalog): ImageCatalog {
  try {
    const text = readFileSync(file, 'utf8');
    // The lab's agents read the JSON copy the bundles are built with (kubelab's bin): a YAML parse costs each a tenth of a second.
    return parse(file.endsWith('.json') ? JSON.parse(text) : parseYaml(text));
  } catch (e) {
    const detail = e instanceof CatalogError ? e.problems.join('\n  ') : (e as Error).message;
    throw new Error(`the image catalog ${file} is not usable:\n  ${detail}`);
  }
}

void runComponent('kubelet-agent', parseAgentConfig, async (config, log) => {
  const lab = loadCatalog(config.catalogFile, (doc) => parseCatalog(doc));
  const extra = config.catalogExtraFile === undefined ? { repositories: [] } : loadCatalog(config.catalogExtraFile, (doc) => parseUserCatalog(doc, lab));
  return Agent.start(config, new LiveCatalog(lab, extra, log), log);
});

/** kubelet-agent process entry. */
import { readFileSync } from 'node:fs';
import { runComponent } from '@kubelab/bus';
import { CatalogError, parseCatalog, type ImageCatalog } from '@kubelab/images';
import { parse as parseYaml } from 'yaml';
import { Agent } from './agent.js';
import { parseAgentConfig } from './config.js';

function loadCatalog(file: string): ImageCatalog {
  try {
    return parseCatalog(parseYaml(readFileSync(file, 'utf8')));
  } catch (e) {
    const detail = e instanceof CatalogError ? e.problems.join('\n  ') : (e as Error).message;
    throw new Error(`the image catalog ${file} is not usable:\n  ${detail}`);
  }
}

void runComponent('kubelet-agent', parseAgentConfig, async (config, log) => Agent.start(config, loadCatalog(config.catalogFile), log));

/** kubelet-agent process entry: flags → agent; SIGTERM/SIGINT → orderly stop. */
import { readFileSync } from 'node:fs';
import { CatalogError, parseCatalog, type ImageCatalog } from '@kubelab/images';
import pino from 'pino';
import { parse as parseYaml } from 'yaml';
import { Agent } from './agent.js';
import { parseAgentConfig, type AgentConfig } from './config.js';

function fail(message: string): never {
  process.stderr.write(`kubelet-agent: ${message}\n`);
  process.exit(2);
}

function loadCatalog(file: string): ImageCatalog {
  try {
    return parseCatalog(parseYaml(readFileSync(file, 'utf8')));
  } catch (e) {
    const detail = e instanceof CatalogError ? e.problems.join('\n  ') : (e as Error).message;
    return fail(`the image catalog ${file} is not usable:\n  ${detail}`);
  }
}

async function main(): Promise<void> {
  let config: AgentConfig;
  try {
    config = parseAgentConfig(process.argv.slice(2));
  } catch (e) {
    return fail((e as Error).message);
  }
  const log = pino({ name: 'kubelet-agent', level: config.logLevel });
  const agent = await Agent.start(config, loadCatalog(config.catalogFile), log).catch((e: Error) => fail(`could not start: ${e.message}`));
  const stop = async () => {
    await agent.stop();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

void main();

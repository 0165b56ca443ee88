/** `kubelab image add` and `kubelab image list`: the images the lab's nodes can pull, and your own added to them. */
import { CatalogError, parseUserCatalog, UserImageError } from '@kubelab/images';
import { Command } from 'commander';
import { mkdirSync } from 'node:fs';
import { root } from '../cli/lab.js';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { addUserImage, imageTable, publishUserImages, readLabCatalog, readUserEntries, userCatalogFile } from '../images.js';
import { alive, readLabState } from '../lab-state.js';
import { adminNatsOptions } from '../nats-auth.js';

/** `kubelab image add`'s options: the catalog image it behaves as, its port, and the lab that learns of it. */
export interface ImageAddOptions extends DataDirOption {
  like?: string;
  port?: string;
  natsUrl?: string;
}

/** `kubelab image` and its commands on the command line. */
export function command(work: { add: typeof runAdd; list: typeof runList }, done: Done): Command {
  const image = new Command('image').summary('the images nodes can pull; add your own').description('the images the lab\'s nodes can pull, and your own added to them');
  image
    .command('add')
    .summary('make your own image pullable, as kind load does')
    .description(`makes your own image pullable, as \`kind load\` does: it behaves as the --like image of the catalog
(listening on PORT instead when given); kept in DIR/images.yaml and seen by the running lab's nodes
at once (the lab of DIR, or the one at --nats-url)`)
    .argument('<IMAGE:TAG>')
    .option('--like <IMAGE>', 'the catalog image it behaves as (kubelab image list shows them)')
    .option('--port <PORT>', 'the port it listens on instead')
    .addOption(dataDirOption())
    .option('--nats-url <URL>', 'the NATS of a lab without a supervisor here (the compose lab)')
    .action(async (reference: string, options: ImageAddOptions) => done(await work.add(reference, options)));
  image
    .command('list')
    .summary('the images nodes can pull')
    .description('the images nodes can pull (deploy/images.yaml and what image add added); with a REPOSITORY, its tags and tag patterns')
    .argument('[REPOSITORY]')
    .addOption(dataDirOption())
    .action(async (repository: string | undefined, options: DataDirOption) => done(await work.list(repository, options)));
  return image;
}

/** The lab's catalog and the data dir's additions; a broken user catalog is the user's to fix. */
function catalogs(dataDir: string) {
  const lab = readLabCatalog(root);
  try {
    return { lab, entries: readUserEntries(dataDir, () => lab) };
  } catch (e) {
    if (e instanceof CatalogError) throw new UsageError(`${userCatalogFile(dataDir)} is not usable; fix it:\n  ${e.problems.join('\n  ')}`);
    throw e;
  }
}

/** The catalog's repositories, or one REPOSITORY's tags and tag patterns. */
export async function runList(repository: string | undefined, values: DataDirOption): Promise<number> {
  const { lab, entries } = catalogs(dataDirOf(values.dataDir));
  const lines = imageTable(lab, parseUserCatalog({ repositories: entries }, lab), repository);
  if (lines.length === 0) throw new UsageError(`no repository ${repository} in the catalog; kubelab image list shows them all`);
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

/** Adds the image to the data dir's catalog and, when a lab runs, to its nodes' at once. */
export async function runAdd(reference: string, values: ImageAddOptions): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  if (values.like === undefined) throw new UsageError('image add needs --like IMAGE: the catalog image it behaves as, e.g. --like nginx (kubelab image list shows them)');
  if (values.port !== undefined && !/^\d+$/.test(values.port)) throw new UsageError(`--port must be a whole number between 1 and 65535, got "${values.port}"`);
  const { lab } = catalogs(dataDir);
  mkdirSync(dataDir, { recursive: true });
  let entry;
  try {
    entry = addUserImage(dataDir, lab, { reference, like: values.like, port: values.port === undefined ? undefined : Number(values.port) });
  } catch (e) {
    throw e instanceof UserImageError ? new UsageError(e.message) : e;
  }
  const [tag] = entry.tags;
  const state = readLabState(dataDir);
  // A lab without a supervisor here (docker compose, agents elsewhere) is reached by its NATS URL.
  const natsUrl = values.natsUrl ?? (state !== undefined && alive(state.supervisorPid) ? state.natsUrl : undefined);
  const running = natsUrl !== undefined;
  if (natsUrl !== undefined) await publishUserImages(natsUrl, [entry], { replace: false }, adminNatsOptions(dataDir));
  const listening = tag.behaviour ? `, listening on ${tag.behaviour.listens.join(',')}` : '';
  process.stdout.write(`kubelab: added ${entry.name}:${tag.tag} (like ${tag.like}${listening}) to ${userCatalogFile(dataDir)}\n`);
  process.stdout.write(running ? 'the lab\'s nodes can pull it now\n' : `the lab's nodes can pull it once it runs (kubelab up --data-dir ${dataDir})\n`);
  return 0;
}

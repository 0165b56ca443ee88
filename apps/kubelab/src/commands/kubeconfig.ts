/** `kubelab kubeconfig`: a kubeconfig for the lab's API, with the lab CA and the admin's client certificate embedded. */
import { Command } from 'commander';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { certDir } from '../components.js';
import { kubeconfigYaml, readLabCredentials } from '../kubeconfig.js';
import { alive, readLabState } from '../lab-state.js';

/** `kubelab kubeconfig`'s options: the API's URL and where the lab's certificates are. */
export interface KubeconfigOptions extends DataDirOption {
  server?: string;
  certDir?: string;
}

/** `kubelab kubeconfig` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('kubeconfig')
    .summary('print a kubeconfig for the lab')
    .description(`prints a kubeconfig for URL with the lab CA and the admin's client certificate from PKI_DIR (the
api-server's --cert-dir; by default DIR/pki) embedded; URL is by default the running lab's API, else
https://127.0.0.1:6443 (the compose lab writes its own to .kubelab/compose-kubeconfig)`)
    .option('--server <URL>', 'the API\'s URL')
    .option('--cert-dir <PKI_DIR>', 'the api-server\'s --cert-dir (default: DIR/pki)')
    .addOption(dataDirOption())
    .action(async (options: KubeconfigOptions) => done(await work(options)));
}

/** Prints the kubeconfig; warns when kubectl would not trust the server. */
export async function run(values: KubeconfigOptions): Promise<number> {
  if (values.server !== undefined && !URL.canParse(values.server)) throw new UsageError(`--server must be a URL such as https://127.0.0.1:6443, got "${values.server}"`);
  const dataDir = dataDirOf(values.dataDir);
  const state = readLabState(dataDir);
  const server = values.server ?? (state && alive(state.supervisorPid) ? state.apiUrl : undefined) ?? 'https://127.0.0.1:6443';
  const pki = values.certDir ?? certDir(dataDir);
  const credentials = new URL(server).protocol === 'https:' ? readLabCredentials(pki) : undefined;
  if (new URL(server).protocol === 'https:' && !credentials) {
    if (values.certDir !== undefined) throw new UsageError(`--cert-dir ${pki} lacks ca.crt, admin.crt or admin.key: give the api-server's --cert-dir`);
    process.stderr.write(`kubelab: no lab CA in ${pki}, so kubectl will not trust ${server}: give the api-server's --cert-dir with --cert-dir\n`);
  }
  process.stdout.write(kubeconfigYaml(server, credentials));
  return 0;
}

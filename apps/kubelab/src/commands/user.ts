/** `kubelab user add`: a new user of the lab, as kubeadm kubeconfig user makes one. */
import { join } from 'node:path';
import { Command } from 'commander';
import { dataDirOf, dataDirOption, type DataDirOption, type Done } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { certDir } from '../components.js';
import { addUser, UserError } from '../user.js';

/** `kubelab user add`'s options: the groups the user is in. */
export interface UserAddOptions extends DataDirOption {
  group?: string[];
}

/** `kubelab user` and its command on the command line. */
export function command(work: typeof runAdd, done: Done): Command {
  const user = new Command('user').summary('the lab\'s users, each a kubeconfig context').description('the lab\'s users: each a client certificate from the lab CA and a context of its name in the lab\'s kubeconfig');
  user
    .command('add')
    .summary('add a user: a client certificate and a kubeconfig context')
    .description(`adds a user, as kubeadm kubeconfig user does: a client certificate the lab CA signs (CN NAME, an O for
each --group) and a user and context NAME in DIR/kubeconfig (kubectl --context NAME …); RBAC decides
what the user may do, which at first is next to nothing`)
    .argument('<NAME>')
    .option('--group <G>', 'a group the user is in (repeat for more)', (g: string, all: string[] = []) => [...all, g])
    .addOption(dataDirOption())
    .action(async (name: string, options: UserAddOptions) => done(await work(name, options)));
  return user;
}

/** Issues the user's certificate and adds its context to the lab's kubeconfig. */
export async function runAdd(name: string, values: UserAddOptions): Promise<number> {
  const dataDir = dataDirOf(values.dataDir);
  try {
    process.stdout.write(`kubelab: ${await addUser(certDir(dataDir), join(dataDir, 'kubeconfig'), name, values.group ?? [], new Date())}\n`);
  } catch (e) {
    throw e instanceof UserError ? new UsageError(e.message) : e;
  }
  return 0;
}

/** `kubelab why KIND/NAME`: the causal chain behind an object's state, walked back through the event log. */
import { typeNamed } from '@kubelab/api';
import { servedTypes } from '@kubelab/learn';
import { Command } from 'commander';
import { labApi } from '../cli/lab.js';
import { dataDirOption, kubeconfigOption, type Done, type LabApiOptions } from '../cli/options.js';
import { UsageError } from '../cli/usage-error.js';
import { wantsColour } from '../log-format.js';
import { why } from '../why.js';

/** `kubelab why`'s options: the object's namespace and the lab to read. */
export interface WhyOptions extends LabApiOptions {
  namespace?: string;
}

/** `kubelab why` on the command line. */
export function command(work: typeof run, done: Done): Command {
  return new Command('why')
    .summary('the causal chain behind an object\'s state')
    .description(`the causal chain behind an object's state, walked back through each entry's cause to its root,
oldest first, with the scheduler's reasons; deleted objects too`)
    .argument('<KIND/NAME>')
    .option('-n, --namespace <NAMESPACE>', 'the object\'s namespace (default: default)')
    .addOption(dataDirOption())
    .addOption(kubeconfigOption())
    .action(async (target: string, options: WhyOptions) => done(await work(target, options)));
}

/** Prints the chain of causes behind KIND/NAME's state, oldest first. */
export async function run(target: string, values: WhyOptions): Promise<number> {
  const [kindText, name] = target.split('/');
  if (!name) throw new UsageError('why takes one KIND/NAME, e.g. kubelab why pod/web-5d8f9-x7k2p');
  const api = labApi(values);
  // A kind of the cluster's CRDs too (the Gateway API's the lab serves out of the box): what the api-server serves.
  const t = typeNamed(kindText) ?? typeNamed(kindText, await servedTypes(api, fetch));
  if (!t) throw new UsageError(`unknown kind "${kindText}": use a resource such as pod, node, deployment, replicaset, service, httproute`);
  const lines = await why(api, t, values.namespace ?? 'default', name, wantsColour(process.stdout, process.env));
  process.stdout.write(lines.map((l) => `${l}\n`).join(''));
  return 0;
}

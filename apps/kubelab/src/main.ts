/** The kubelab CLI's entry: runs the command line (cli/program.ts, the commands in commands/), then exits with its code once stdout has taken every line. */
import { runKubelab } from './cli/program.js';
import { stdoutFlushed } from './cli/stdout.js';

runKubelab(process.argv.slice(2)).then(async (code) => {
  await stdoutFlushed();
  process.exit(code);
});

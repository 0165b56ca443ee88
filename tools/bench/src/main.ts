/** Benchmarks: `npm run bench -- api` (a scenario's flags follow its name). Prints numbers with progress; asserts nothing. */
import { runAgentBenchmark } from './agent-scenario.js';
import { runApiBenchmark } from './api-scenario.js';
import { runAuthBenchmark } from './auth-scenario.js';
import { runDecideBenchmark } from './decide-scenario.js';
import { runDensityBenchmark } from './density-scenario.js';
import { runHealBenchmark } from './heal-scenario.js';
import { buildBundles } from './lab-processes.js';
import { runLogSizeBenchmark } from './log-size-scenario.js';
import { runScaleBenchmark } from './scale-scenario.js';
import { runSchedulerBenchmark } from './scheduler-scenario.js';
import { runStartupBenchmark } from './startup-scenario.js';
import { runStreamsBenchmark } from './streams-scenario.js';

const scenarios: Record<string, (argv: string[]) => Promise<void>> = {
  api: runApiBenchmark, auth: runAuthBenchmark, agent: runAgentBenchmark, scheduler: runSchedulerBenchmark, heal: runHealBenchmark, 'log-size': runLogSizeBenchmark, startup: runStartupBenchmark,
  streams: runStreamsBenchmark, scale: runScaleBenchmark, density: runDensityBenchmark, decide: runDecideBenchmark,
};

const name = process.argv[2] ?? 'api';
const scenario = scenarios[name];
if (!scenario) {
  process.stderr.write(`bench: unknown scenario "${name}"; known: ${Object.keys(scenarios).join(', ')}\n`);
  process.exit(2);
}
// Every scenario runs the services' bundles, as the lab does.
buildBundles().then(() => scenario(process.argv.slice(3))).then(
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`bench: ${e.message}\n`);
    process.exit(1);
  },
);

/** scheduler process entry. */
import { runComponent } from '@kubelab/bus';
import { parseSchedulerConfig } from './config.js';
import { Scheduler } from './scheduler.js';

void runComponent('scheduler', parseSchedulerConfig, (config, log) => Scheduler.start(config, log));

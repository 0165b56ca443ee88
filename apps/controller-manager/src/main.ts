/** controller-manager process entry. */
import { runComponent } from '@kubelab/bus';
import { parseControllerManagerConfig } from './config.js';
import { ControllerManager } from './controller-manager.js';

void runComponent('controller-manager', parseControllerManagerConfig, (config, log) => ControllerManager.start(config, log));

/**
 * The `kubelab learn` scenarios that act on the lab itself (a node's agent killed, the
 * descheduler run, etcd restored), rehearsed one at a time on a kubeadm-shaped lab of their own
 * (learn-rehearsal.ts), while learn.e2e.ts rehearses the others.
 */
import { describe } from 'vitest';
import { actsOnTheLab, describeRehearsals, learnSuite, scenarios, timeScale } from './learn-rehearsal.js';

describe(`kubelab learn's lab-wide scenarios on a lab at time scale ${timeScale}`, () => {
  describeRehearsals(learnSuite({ controlPlane: true }), scenarios.filter(actsOnTheLab), 'one at a time');
});

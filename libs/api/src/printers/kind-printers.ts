/** Which printer prints which kind; a kind missing here prints as NAME AGE. */
import { configMapPrinter, secretPrinter } from './config-printers.js';
import { controllerRevisionPrinter } from './controller-revision-printer.js';
import { createdAtPrinter } from './created-at-printer.js';
import { cronJobPrinter } from './cron-job-printer.js';
import { daemonSetPrinter } from './daemon-set-printer.js';
import { deploymentPrinter } from './deployment-printer.js';
import { endpointSlicePrinter } from './endpoint-slice-printer.js';
import { endpointsPrinter } from './endpoints-printer.js';
import { eventPrinter } from './event-printer.js';
import { fallbackPrinter } from './fallback-printer.js';
import { jobPrinter } from './job-printer.js';
import type { KindPrinter } from './kind-printer.js';
import { leasePrinter } from './lease-printer.js';
import { namespacePrinter } from './namespace-printer.js';
import { nodePrinter } from './node-printer.js';
import { podPrinter } from './pod-printer.js';
import { priorityClassPrinter } from './priority-class-printer.js';
import { replicaSetPrinter } from './replica-set-printer.js';
import { servicePrinter } from './service-printer.js';
import { statefulSetPrinter } from './stateful-set-printer.js';

const printers: Readonly<Record<string, KindPrinter>> = {
  Pod: podPrinter,
  Node: nodePrinter,
  Namespace: namespacePrinter,
  Service: servicePrinter,
  Endpoints: endpointsPrinter,
  ConfigMap: configMapPrinter,
  Secret: secretPrinter,
  Event: eventPrinter,
  LimitRange: createdAtPrinter,
  Deployment: deploymentPrinter,
  ReplicaSet: replicaSetPrinter,
  StatefulSet: statefulSetPrinter,
  DaemonSet: daemonSetPrinter,
  ControllerRevision: controllerRevisionPrinter,
  Job: jobPrinter,
  CronJob: cronJobPrinter,
  PriorityClass: priorityClassPrinter,
  Lease: leasePrinter,
  EndpointSlice: endpointSlicePrinter,
};

/** The printer for a kind. */
export function printerFor(kind: string): KindPrinter {
  return Object.hasOwn(printers, kind) ? printers[kind] : fallbackPrinter;
}

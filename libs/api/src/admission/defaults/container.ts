/**
 * Container defaults (SetDefaults_Container, _Probe, _HTTPGetAction, _ObjectFieldSelector
 * and the declarative port protocol), applied to containers of pods and of templates.
 */
import { isPlainObject } from '../../object.js';
import { defaultImagePullPolicy } from './image-pull-policy.js';
import { canonicalizeResourceList } from './resource-list.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const PROBE_DEFAULTS: Record<string, number> = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 };

/** An HTTPGetAction's path "/" and scheme HTTP. */
function defaultHTTPGet(action: any): void {
  if (!isPlainObject(action)) return;
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

function defaultProbe(probe: any): void {
  if (!isPlainObject(probe)) return;
  for (const [field, value] of Object.entries(PROBE_DEFAULTS)) {
    if (!probe[field]) probe[field] = value;
  }
  defaultHTTPGet(probe.httpGet);
}

/** A downward API field selector's apiVersion v1. */
export function defaultFieldRef(ref: any): void {
  if (isPlainObject(ref)) ref.apiVersion ||= 'v1';
}

/** Fills a container's defaults in place. */
export function defaultContainer(container: any): void {
  if (!isPlainObject(container)) return;
  container.imagePullPolicy ||= defaultImagePullPolicy(String(container.image ?? ''));
  container.terminationMessagePath ||= '/dev/termination-log';
  container.terminationMessagePolicy ||= 'File';
  if (!isPlainObject(container.resources)) container.resources = {};
  canonicalizeResourceList(container.resources.limits);
  canonicalizeResourceList(container.resources.requests);
  for (const port of Array.isArray(container.ports) ? container.ports : []) {
    if (isPlainObject(port)) port.protocol ||= 'TCP';
  }
  for (const variable of Array.isArray(container.env) ? container.env : []) defaultFieldRef(variable?.valueFrom?.fieldRef);
  for (const probe of PROBES) defaultProbe(container[probe]);
  defaultHTTPGet(container.lifecycle?.postStart?.httpGet);
  defaultHTTPGet(container.lifecycle?.preStop?.httpGet);
}

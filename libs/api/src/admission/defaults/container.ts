/**
 * Container defaults (SetDefaults_Container, _Probe, _HTTPGetAction, _ObjectFieldSelector
 * and the declarative port protocol), applied to containers of pods and of templates.
 */
import type { Container, EphemeralContainer, HTTPGetAction, ObjectFieldSelector, Probe } from 'kubernetes-types/core/v1';
import { isPlainObject } from '../../object.js';
import { defaultImagePullPolicy } from './image-pull-policy.js';
import { canonicalizeResourceList } from './resource-list.js';

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/** An HTTPGetAction's path "/" and scheme HTTP. */
function defaultHTTPGet(action: HTTPGetAction | undefined): void {
  if (!isPlainObject(action)) return;
  action.path ||= '/';
  action.scheme ||= 'HTTP';
}

function defaultProbe(probe: Probe | undefined): void {
  if (!isPlainObject(probe)) return;
  probe.timeoutSeconds ||= 1;
  probe.periodSeconds ||= 10;
  probe.successThreshold ||= 1;
  probe.failureThreshold ||= 3;
  defaultHTTPGet(probe.httpGet);
}

/** A downward API field selector's apiVersion v1. */
export function defaultFieldRef(ref: ObjectFieldSelector | undefined): void {
  if (isPlainObject(ref)) ref.apiVersion ||= 'v1';
}

/** Fills a container's defaults in place (an ephemeral container's too: its fields are a container's). */
export function defaultContainer(container: Container | EphemeralContainer): void {
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

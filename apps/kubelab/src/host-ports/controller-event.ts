/** An Event a controller of the host's way in records on an object, as `kubectl describe` lists them; never throws. */
import type { KubeObject } from '@kubelab/api';
import { eventNameSuffix, type ApiClient } from '@kubelab/bus';

const eventsRef = { group: '', version: 'v1', plural: 'events' };

export async function recordControllerEvent(
  client: ApiClient, component: string, involved: KubeObject, type: 'Normal' | 'Warning', reason: string, message: string,
): Promise<void> {
  const namespace = involved.metadata.namespace ?? 'default';
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  const { apiVersion, kind, metadata: { name, uid, resourceVersion } } = involved;
  const event = {
    apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.${eventNameSuffix()}`, namespace },
    involvedObject: { apiVersion, kind, namespace, name, uid, resourceVersion },
    reason, message, type, source: { component }, reportingComponent: component, reportingInstance: '',
    firstTimestamp: now, lastTimestamp: now, count: 1,
  } as KubeObject;
  await client.create(eventsRef, namespace, event).catch(() => undefined);
}

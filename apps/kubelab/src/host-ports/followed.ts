/**
 * The host ports' caches (Services, EndpointSlices, Ingresses, the Gateway API's objects and the Secrets and Namespaces they
 * name), each on its lane of the event stream (libs/bus event-lanes.ts): NATS hands the supervisor those kinds' changes,
 * not every change of the lab.
 */
import type { KubeObject } from '@kubelab/api';
import { Informer, type ApiClient, type ResourceRef } from '@kubelab/bus';

export const followed = <T extends KubeObject>(client: ApiClient, resource: ResourceRef & { kind: string }) => new Informer<T>(client, resource, { lanes: true });

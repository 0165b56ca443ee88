/**
 * pod-security-admission's DefaultPodSpecExtractor: the pod template of the workload kinds that
 * carry one. Their writes get PodSecurity's warnings, never its refusal: the pods they make are
 * judged when they are created.
 */
import type { PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import type { KubeObject, ObjectMeta } from '../../object.js';
import type { CronJob, PodTemplate, Typed } from '../../typed-objects.js';

interface Extractor {
  group: string;
  template: (o: KubeObject) => PodTemplateSpec | undefined;
}

/** A kind whose spec holds the pod template (ReplicationController, ReplicaSet, Deployment, StatefulSet, DaemonSet, Job). */
type WithTemplate = Typed<{ spec?: { template?: PodTemplateSpec } }>;

const spec = (o: KubeObject) => (o as WithTemplate).spec?.template;

const extractors: Record<string, Extractor> = {
  PodTemplate: { group: '', template: (o) => (o as PodTemplate).template },
  ReplicationController: { group: '', template: spec },
  ReplicaSet: { group: 'apps', template: spec },
  Deployment: { group: 'apps', template: spec },
  StatefulSet: { group: 'apps', template: spec },
  DaemonSet: { group: 'apps', template: spec },
  Job: { group: 'batch', template: spec },
  CronJob: { group: 'batch', template: (o) => (o as CronJob).spec?.jobTemplate?.spec?.template },
};

/** Whether PodSecurity looks at writes of this kind of the API group. */
export function hasPodTemplate(kind: string, group: string): boolean {
  return Object.hasOwn(extractors, kind) && extractors[kind].group === group;
}

/** The object's pod template (metadata and spec), or undefined when it has none to judge. */
export function podTemplateOf(object: KubeObject): { metadata: ObjectMeta; spec: PodSpec | undefined } | undefined {
  const template = extractors[object.kind]?.template(object);
  if (template == null) return undefined;
  return { metadata: template.metadata ?? {}, spec: template.spec };
}

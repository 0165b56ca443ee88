/**
 * pod-security-admission's DefaultPodSpecExtractor: the pod template of the workload kinds that
 * carry one. Their writes get PodSecurity's warnings, never its refusal: the pods they make are
 * judged when they are created.
 */
import type { KubeObject } from '../../object.js';

interface Extractor {
  group: string;
  template: (o: KubeObject) => { metadata?: any; spec?: any } | undefined;
}

const spec = (o: KubeObject) => o.spec?.template;

const extractors: Record<string, Extractor> = {
  PodTemplate: { group: '', template: (o) => o.template },
  ReplicationController: { group: '', template: spec },
  ReplicaSet: { group: 'apps', template: spec },
  Deployment: { group: 'apps', template: spec },
  StatefulSet: { group: 'apps', template: spec },
  DaemonSet: { group: 'apps', template: spec },
  Job: { group: 'batch', template: spec },
  CronJob: { group: 'batch', template: (o) => o.spec?.jobTemplate?.spec?.template },
};

/** Whether PodSecurity looks at writes of this kind of the API group. */
export function hasPodTemplate(kind: string, group: string): boolean {
  return Object.hasOwn(extractors, kind) && extractors[kind].group === group;
}

/** The object's pod template (metadata and spec), or undefined when it has none to judge. */
export function podTemplateOf(object: KubeObject): { metadata: any; spec: any } | undefined {
  const template = extractors[object.kind]?.template(object);
  if (template == null) return undefined;
  return { metadata: template.metadata ?? {}, spec: template.spec ?? {} };
}

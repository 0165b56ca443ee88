/**
 * The pod a Job creates from its template: named after the Job, owned by it, carrying
 * the tracking finalizer and, for Indexed Jobs, its completion index.
 */
import { cloneJson, isPlainObject, type Job, type Pod } from '@kubelab/api';
import type { Container, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1';
import { COMPLETION_INDEX_ANNOTATION, JOB_TRACKING_FINALIZER } from './job-pods.js';

function withIndexEnv(container: Container): Container {
  const env = (container.env ?? []).filter((e) => e?.name !== 'JOB_COMPLETION_INDEX');
  const fieldPath = `metadata.annotations['${COMPLETION_INDEX_ANNOTATION}']`;
  return { ...container, env: [...env, { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath } } }] };
}

function applyIndex(pod: Pod & { spec: PodSpec }, jobName: string, index: number): void {
  pod.metadata.generateName = `${jobName}-${index}-`;
  pod.metadata.annotations = { ...pod.metadata.annotations, [COMPLETION_INDEX_ANNOTATION]: `${index}` };
  pod.metadata.labels = { ...pod.metadata.labels, [COMPLETION_INDEX_ANNOTATION]: `${index}` };
  pod.spec.hostname ??= `${jobName}-${index}`;
  pod.spec.containers = (pod.spec.containers ?? []).map(withIndexEnv);
  if (pod.spec.initContainers) pod.spec.initContainers = pod.spec.initContainers.map(withIndexEnv);
}

/**
 * A new pod for the Job (Kubernetes' GetPodFromTemplate plus the Job's additions);
 * `index` is given for Indexed Jobs only.
 */
export function podForJob(job: Job, index?: number): Pod {
  const source = job.spec?.template;
  const template: PodTemplateSpec = isPlainObject(source) ? cloneJson(source) : {};
  const name = job.metadata.name ?? '';
  const metadata = isPlainObject(template.metadata) ? template.metadata : {};
  const pod: Pod & { spec: PodSpec } = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: `${name}-`,
      namespace: job.metadata.namespace,
      labels: { ...metadata.labels },
      annotations: { ...metadata.annotations },
      finalizers: [...(metadata.finalizers ?? []), JOB_TRACKING_FINALIZER],
      ownerReferences: [
        { apiVersion: 'batch/v1', kind: 'Job', name, uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true },
      ],
    },
    // A template without a spec (validation refuses it) gives an empty one, for the api-server to refuse.
    spec: isPlainObject(template.spec) ? template.spec : ({} as PodSpec),
  };
  if (index !== undefined) applyIndex(pod, name, index);
  if (Object.keys(pod.metadata.annotations ?? {}).length === 0) delete pod.metadata.annotations;
  return pod;
}

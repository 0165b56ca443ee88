/**
 * The PodSecurity admission plugin of kube-apiserver 1.32 (pod-security-admission): the
 * pod-security.kubernetes.io namespace labels, the baseline and restricted checks, and what
 * they say of Pod, workload and Namespace writes.
 */
export { admitPodSecurity, podTemplateWarnings } from './admit-pod.js';
export { admitNamespaceSecurity } from './admit-namespace.js';
export type { NamespaceVerdict } from './admit-namespace.js';
export { hasPodTemplate } from './pod-template.js';
export type { PodSecurityVerdict } from './verdict.js';

/** The Deployment controller: pure decisions for the controller-manager's Deployment shell. */
export type { DeploymentAction, DeploymentReconcileResult } from './deployment-actions.js';
export { reconcileDeployment } from './reconcile-deployment.js';
export { computePodTemplateHash, equalIgnoreHash, safeEncodeString, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';
export {
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
} from './revisions.js';

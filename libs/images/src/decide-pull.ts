/**
 * The kubelet's pull decision (shouldPullImage): Never never pulls, Always always
 * does, IfNotPresent only when the node lacks the image. A missing image under Never
 * is the ErrImageNeverPull failure rather than a pull.
 */

/** A container's imagePullPolicy. */
export type ImagePullPolicy = 'Always' | 'IfNotPresent' | 'Never';

/** What the kubelet does about a container's image. */
export type PullDecision = 'pull' | 'use-cached' | 'never-pull';

/** Whether to pull, given the policy and whether the node already holds the image. */
export function decidePull(policy: ImagePullPolicy, cached: boolean): PullDecision {
  if (policy === 'Always') return 'pull';
  if (policy === 'IfNotPresent' && !cached) return 'pull';
  return cached ? 'use-cached' : 'never-pull';
}

/**
 * VolumeBinding (filter): the node must suit the pod's claims as FindPodVolumes judges
 * it; its reasons (one or more) are UnschedulableAndUnresolvable, since evicting pods
 * frees no volume.
 */
import type { NodeInfo } from '../snapshot/node-info.js';
import { findPodVolumes } from '../volumes/find-pod-volumes.js';
import type { PodContext } from './pod-context.js';
import type { Rejection } from './rejection.js';

/** Rejects a node where a bound claim's volume is out of reach or an unbound claim finds no volume. */
export function volumeBinding(ctx: PodContext, node: NodeInfo): Rejection | undefined {
  if (!ctx.volumeClaims) return undefined;
  const { reasons } = findPodVolumes(ctx.volumeClaims, node);
  return reasons.length > 0 ? { plugin: 'VolumeBinding', reasons, resolvable: false } : undefined;
}

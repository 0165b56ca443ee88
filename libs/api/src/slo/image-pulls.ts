/**
 * How long each pod's images took to pull, from its kubelet's Pulled Events (`Successfully pulled image "nginx" in 1.2s
 * (1.5s including waiting). Image size: … bytes.`): the SLO of pod startup leaves that time out, as the kubelet's own
 * pod_start_sli_duration_seconds does (its tracker takes the span from the first pull's start to the last one's end). Each
 * pull counts with its wait behind other pulls, and a pod's pulls are added up; an image already present on the node
 * ("Container image … already present on machine") took none. The kubelet says its durations on the lab's clock, which
 * runs `timeScale` times as fast as the host's: divided by it, they are the host's, as every other SLO figure.
 */
import { parseGoDuration } from '../admission/validation/go-duration.js';
import type { CoreEvent } from '../typed-objects.js';

const pulled = /^Successfully pulled image .* in \S+ \((\S+) including waiting\)/;

/** Milliseconds (the host's) each pod spent pulling, by the pod's UID; a pod that pulled nothing is absent. */
export function imagePullTimes(events: readonly CoreEvent[], timeScale = 1): Map<string, number> {
  const byPod = new Map<string, number>();
  for (const event of events) {
    const uid = event.involvedObject?.uid;
    if (event.reason !== 'Pulled' || event.involvedObject?.kind !== 'Pod' || !uid) continue;
    const total = pulled.exec(event.message ?? '')?.[1];
    const ms = total === undefined ? undefined : parseGoDuration(total);
    if (ms !== undefined) byPod.set(uid, (byPod.get(uid) ?? 0) + ms / timeScale);
  }
  return byPod;
}

/**
 * How a node's CPU is shared when its containers want more than it has, kept simple: each container first gets no
 * more than its limit (the CFS quota throttles it there), then, if the node still falls short, the CPU is divided in
 * proportion to the containers' requests, as cgroup cpu.shares do (a container without a request weighs 2m, the
 * kubelet's minimum shares): one that wants less than its part keeps what it wants and the rest is divided again among
 * the others. No time slices, no pod-level cgroups, no burst.
 */

/** What one container wants and is entitled to, in millicores. */
export interface CpuClaim {
  readonly demandMillicores: number;
  readonly requestMillicores: number;
  /** undefined: no limit. */
  readonly limitMillicores: number | undefined;
}

/** The kubelet's minimum cpu.shares (2), as millicores: what a container without a request weighs. */
const minimumWeightMillicores = 2;

/** The millicores each container gets, in the claims' order, out of `capacityMillicores`. */
export function shareCpu(claims: readonly CpuClaim[], capacityMillicores: number): number[] {
  const capped = claims.map((c) => Math.max(0, Math.min(c.demandMillicores, c.limitMillicores ?? Infinity)));
  const capacity = Math.max(0, capacityMillicores);
  if (capped.reduce((sum, d) => sum + d, 0) <= capacity) return capped;
  const weights = claims.map((c) => Math.max(minimumWeightMillicores, c.requestMillicores));
  const granted = capped.map(() => 0);
  let open = capped.map((_, i) => i);
  let left = capacity;
  for (;;) {
    const perWeight = left / open.reduce((sum, i) => sum + weights[i], 0);
    const satisfied = open.filter((i) => capped[i] <= weights[i] * perWeight);
    if (satisfied.length === 0) {
      for (const i of open) granted[i] = weights[i] * perWeight;
      return granted;
    }
    for (const i of satisfied) {
      granted[i] = capped[i];
      left -= capped[i];
    }
    open = open.filter((i) => !satisfied.includes(i));
    if (open.length === 0) return granted;
  }
}

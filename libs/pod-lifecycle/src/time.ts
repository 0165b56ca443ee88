/**
 * Time arithmetic on the ISO strings kept in a PodRuntime, and the second-precision RFC 3339
 * form the kubelet writes into a pod status (it truncates before sending).
 */

/** The instant `seconds` after `from`. */
export function addSeconds(from: string | Date, seconds: number): Date {
  return new Date(new Date(from).getTime() + seconds * 1000);
}

/** Seconds from `from` to `to`, with fractions. */
export function secondsBetween(from: string | Date, to: string | Date): number {
  return (new Date(to).getTime() - new Date(from).getTime()) / 1000;
}

/** `2024-05-01T10:00:00Z`: truncated to the second, as the kubelet reports times. */
export function kubeTime(at: string | Date): string {
  return new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * klog's text format, which every Kubernetes component (kubelet, kube-apiserver, kube-scheduler,
 * kube-controller-manager) writes its log in: severity, month and day, time to the microsecond, pid,
 * the source file and line, then the structured message.
 */
const two = (n: number, width = 2) => String(n).padStart(width, '0');

/** One klog line: `I1125 02:00:00.123456     812 server.go:484] "Kubelet version" kubeletVersion="v1.32.0"`. */
export function klogLine(severity: 'I' | 'W' | 'E' | 'F', at: Date, pid: number, source: string, message: string): string {
  const time = `${two(at.getUTCHours())}:${two(at.getUTCMinutes())}:${two(at.getUTCSeconds())}.${two(at.getUTCMilliseconds(), 3)}000`;
  return `${severity}${two(at.getUTCMonth() + 1)}${two(at.getUTCDate())} ${time} ${String(pid).padStart(7)} ${source}] ${message}`;
}

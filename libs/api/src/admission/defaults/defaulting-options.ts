/**
 * The kube-apiserver flags that defaulting and admission read.
 */

/** `--default-not-ready-toleration-seconds` and `--default-unreachable-toleration-seconds` (300 each by default). */
export interface DefaultingOptions {
  defaultNotReadyTolerationSeconds: number;
  defaultUnreachableTolerationSeconds: number;
}

/** The two resources kube-scheduler's default profile fits and scores on. */

/** Requested or allocatable cpu (millicores) and memory (bytes). */
export interface Resources {
  milliCpu: number;
  memory: number;
}

/** kube-scheduler's DefaultMilliCPURequest: what a container without a cpu request weighs when scoring. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;

/** kube-scheduler's DefaultMemoryRequest (200Mi): what a container without a memory request weighs when scoring. */
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

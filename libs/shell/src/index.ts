/**
 * @kubelab/shell — the in-process "operating system" of emulated containers:
 * a per-container file system with shareable volumes, and a small POSIX sh
 * with busybox-style utilities that runs a container's command without ever
 * touching the real host.
 */

/** Per-container file system: image files, /tmp, /dev/null, and mounted volumes. */
export { MemoryFs, type MemoryFsOptions, type MountOptions } from './fs/memory-fs.js';
/** A store shared between containers and kept across restarts (emptyDir, ConfigMap files), telling of its changes (PersistentVolumes kept in the lab). */
export { Volume, type FsEntryKind, type FsStat, type VolumeChangeListener } from './fs/volume.js';
/** File-system failures with errno codes and strerror messages. */
export { FsError, type FsErrorCode } from './fs/fs-error.js';
/** Absolute, normalised paths (`resolvePath('../x', '/a/b')` → `/a/x`). */
export { parentPath, resolvePath } from './fs/path.js';

/** Byte strings (one char per byte), the shell's form of all data, and their UTF-8 / Uint8Array conversions. */
export { decodeUtf8, encodeUtf8, fromUint8Array, toUint8Array } from './io/byte-string.js';
/** What the agent provides to a running process: fs, env, clock, output bytes, kill signal, DNS, HTTP, process table. */
export type { BootstrapToken, CriContainer, CriImage, CriSandbox, EtcdKeyValue, EtcdMember, EtcdStatus, HttpRequestOptions, HttpResponse, JournalEntry, NodeCri, NodeEtcd, NodeKubeadm, NodeNetwork, NodeServices, PodInterface, ProcessHost, ProcessInfo, ProcessTable, ServiceUnit } from './process/process-host.js';
/** Exit statuses of killed processes: 128 + the signal's number for 'SIGTERM', 'SIGINT'…; any other reason → 137. */
export { exitCodeForSignal, SIGNAL_NUMBERS, type SessionSignal, type TerminationSignal } from './process/signals.js';
/** Limits for `runProcess`: commands without a sleep, commands per event-loop yield, nesting depth, the burst before a busy process spins on its host. */
export type { ShellLimits } from './process/runtime.js';
/** Runs a container's command + args and resolves its exit status. */
export { runProcess } from './process/launch.js';
/** Whether an exec's program exists in the container (else containerd's "executable file not found in $PATH"). */
export { programExists } from './process/program-exists.js';
/** exec/attach sessions: a process fed stdin as it arrives, with or without a TTY (interactive `sh`). */
export { startProcess, type ProcessSession, type SessionOptions, type SessionOutput } from './session/start-process.js';
/** Whether runProcess runs a program itself (a shell or a utility). */
export { shellRuns } from './shell-programs.js';

/** The sh parser, for validating a script up front (e.g. to warn in `kubectl apply` output). */
export { parseScript } from './syntax/parser.js';
/** The parsed-script tree `parseScript` returns. */
export type {
  AndOrList,
  Assignment,
  Command,
  ForCommand,
  GroupCommand,
  IfCommand,
  LoopCommand,
  Pipeline,
  Redirect,
  Script,
  SimpleCommand,
  Word,
  WordPart,
} from './syntax/ast.js';
/** A script the parser rejects; its message reads `syntax error: …`. */
export { ShellSyntaxError } from './syntax/syntax-error.js';
export { alignColumns } from './commands/columns.js';
export { databasePath, databaseText, parseDatabase, type EtcdDatabase } from './commands/etcd-data.js';
export { caDays, certificateValidity, kubeadmPkiText, type CertificateValidity } from './commands/kubeadm-pki.js';
/** A node's installed Kubernetes packages, from dpkg's status on its disk, and the package files of a node the kubeadm guide set up (dpkg's status, the pkgs.k8s.io source and its fetched index). */
export { installedVersion, installedVersionIn, kubernetesNodePackageFiles } from './commands/debian-packages.js';

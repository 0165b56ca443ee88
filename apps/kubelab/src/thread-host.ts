/**
 * The thread host: `kubelab up` runs the nodes' kubelet-agents, the scheduler, the controller-manager and the dashboard as
 * threads of this one process (libs/bus hosted-thread.ts says why and how a drill still acts on one component). Each thread
 * runs its component's own entry with the flags its process would have had, writes its log to the component's file, and is
 * started, signalled and reported on at the supervisor's word. With the supervisor gone (or on SIGTERM) the host stops its
 * threads in order, as the supervisor would have, then itself.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { watchParent, type ListeningMessage, type ThreadHostReport, type ThreadHostRequest, type HostedThreadData, type HostedThreadMessage, type ThreadSignal } from '@kubelab/bus';

/**
 * How long a thread told to stop may take before it is ended: within the 4 s a lab process has once its supervisor is gone
 * (libs/bus watchParent), as each process the threads were took. A stop that waits on NATS, which goes 1 s after the
 * supervisor, is cut short here.
 */
const stopGraceMs = 3000;

interface Thread {
  worker: Worker;
  data: HostedThreadData;
  /** The signal that ends it, when one was sent: a thread ended at once shows it, as a killed process shows its signal. */
  ending?: ThreadSignal;
  exited: Promise<void>;
}

/**
 * Each thread's young generation: up to 8 MiB semi-spaces (V8 makes the young generation three of them), where a lab
 * process has 2 (components.ts nodeFlags). What a thread handles for a pod (a change parsed, a status worked out, a
 * request and its reply) lives for a few milliseconds; with 2 MiB much of it outlived two scavenges under a burst and was
 * promoted, to be marked and compacted with the old generation. Creating 1,000 pods on 10 nodes (`npm run bench --
 * density`, five runs each, alternated) took the thread host 9.7 CPU-s instead of 11.1, and the lab ran 91 pods/s instead
 * of 84; its peak RSS under the burst was 150 MiB higher (540 MiB). Offered at 100 pods/s (each node's thread handling
 * 10 a second), four runs each made no difference beyond the runs' spread. Each thread gives its grown semi-spaces back
 * once idle (libs/bus idle-memory.ts, started by hosted-thread.ts), so the lab at rest holds no more than with 2 MiB.
 */
const youngGenerationMiB = 24;

const threads = new Map<string, Thread>();
const report = (message: ThreadHostReport) => process.connected && process.send?.(message);

function start(name: string, entry: string, argv: string[], log: string): void {
  if (threads.has(name)) return;
  const logFd = openSync(log, 'a');
  const data: HostedThreadData = { kubelabHostedThread: true, logFd, frozen: new Int32Array(new SharedArrayBuffer(4)) };
  const worker = new Worker(entry, { argv, workerData: data, stdout: true, stderr: true, resourceLimits: { maxYoungGenerationSizeMb: youngGenerationMiB } });
  let logOpen = true;
  const toLog = (bytes: Uint8Array) => logOpen && writeSync(logFd, bytes);
  // What the component writes other than its log lines (a library's warning) goes to its log too; what arrives after its end is dropped.
  for (const stream of [worker.stdout, worker.stderr]) stream.on('data', (chunk: Buffer) => toLog(chunk));
  const thread: Thread = {
    worker, data,
    exited: new Promise((resolve) => worker.once('exit', (code) => {
      threads.delete(name);
      logOpen = false;
      closeSync(logFd);
      report({ exited: { name, code: thread.ending === 'SIGKILL' ? null : code, signal: thread.ending === 'SIGKILL' ? 'SIGKILL' : null } });
      resolve();
    })),
  };
  // An error the component did not catch ends its thread: said in its log in one line, as its process would have died.
  worker.on('error', (e) => toLog(Buffer.from(`${name.split('/')[0]}: ${e.message}\n`)));
  worker.on('message', (m: Partial<ListeningMessage>) => typeof m.listening === 'number' && report({ listening: { name, port: m.listening } }));
  threads.set(name, thread);
  report({ started: { name, threadId: worker.threadId } });
}

function signal(name: string, sent: ThreadSignal): void {
  const thread = threads.get(name);
  if (!thread) return;
  const { worker, data } = thread;
  const say = (word: HostedThreadMessage) => worker.postMessage(word);
  switch (sent) {
    case 'SIGKILL':
      thread.ending = 'SIGKILL';
      void worker.terminate();
      return;
    case 'SIGTERM':
      thread.ending ??= 'SIGTERM';
      return say('SIGTERM');
    case 'SIGSTOP':
      Atomics.store(data.frozen, 0, 1);
      return say('SIGSTOP');
    case 'SIGCONT':
      Atomics.store(data.frozen, 0, 0);
      Atomics.notify(data.frozen, 0);
      return;
  }
}

/** Stops every thread in order, ends those that take longer than the grace, then the process. */
let stopping: Promise<void> | undefined;
function stopAll(): Promise<void> {
  stopping ??= (async () => {
    const all = [...threads.entries()];
    for (const [name] of all) {
      signal(name, 'SIGTERM');
      signal(name, 'SIGCONT');
    }
    const late = setTimeout(() => all.forEach(([name]) => signal(name, 'SIGKILL')), stopGraceMs);
    await Promise.all(all.map(([, thread]) => thread.exited));
    clearTimeout(late);
    process.exit(0);
  })();
  return stopping;
}

const parent = watchParent(stopGraceMs + 1000);
parent.stopWith(stopAll);
// The channel is this process's work: it lives on it until the supervisor is gone (watchParent let it go).
process.channel?.ref();
process.once('SIGTERM', () => void stopAll());
process.once('SIGINT', () => void stopAll());
process.on('message', (request: ThreadHostRequest) => {
  if (stopping) return;
  if ('start' in request) start(request.start.name, request.start.entry, request.start.argv, request.start.log);
  else signal(request.signal.name, request.signal.signal);
});
report({ ready: true });

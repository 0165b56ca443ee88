/**
 * Where the emulated network finds pods: those of this agent's nodes at once (whole, as its kubelets cache them), and
 * every pod of the cluster as it routes by (podNetworkView) only once this agent may make connections. A CNI agent
 * keeps every endpoint because packets cannot wait; here a connection is a request that can, and an agent whose
 * containers never connect (pause pods: the scale benches' ten agents of 100 nodes) kept a view of all 100,000 pods
 * and parsed each one's every change. The directory opens at the first connection, or as soon as a process that can
 * connect starts on this agent (a container's shell, an exec session or probe; an image's own server, pause, kube-proxy
 * or CoreDNS, never connects), so it is kept while the api-server is up and still routes when the control plane is
 * down. Once open, it stays open: in the default lab, each node's agent parsed every pod's every change for its system
 * pods alone, a third of the agents' CPU while 1,000 pause pods started.
 */
import type { Pod } from '@kubelab/api';
import type { Informer } from '@kubelab/bus';

/** What the network reads of a cache of pods. */
export type PodLookup = Pick<Informer<Pod>, 'list' | 'get'>;

/** The network's pods: this agent's own at once, every pod of the cluster once listed. */
export interface PodSource {
  readonly local: PodLookup;
  cluster(): Promise<PodLookup>;
  /** A process that can connect has started: every pod may be listed now. */
  prepare(): void;
}

export class PodDirectory implements PodSource {
  private opened: Promise<PodLookup> | undefined;
  private informer: Informer<Pod> | undefined;

  /** `open` makes an informer of every pod's network view; it is started, and resolves once it holds the listed state. */
  constructor(readonly local: PodLookup, private readonly open: () => Informer<Pod>) {}

  /** Every pod, once listed: the first call lists them, later calls share that list and its watch. */
  cluster(): Promise<PodLookup> {
    if (!this.opened) {
      const informer = (this.informer = this.open());
      this.opened = informer.start().then(() => informer);
    }
    return this.opened;
  }

  /** Lists every pod now, without waiting: a container that can connect has started. */
  prepare(): void {
    this.cluster().catch(() => undefined);
  }

  stop(): void {
    this.informer?.stop();
  }
}

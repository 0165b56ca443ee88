/**
 * Every pod of the cluster as the emulated network routes by (podNetworkView), kept only once this
 * agent may make connections. A CNI agent keeps every endpoint because packets cannot wait; here a
 * connection is a request that can, and an agent whose containers never connect (pause pods: the scale
 * benches' ten agents of 100 nodes) kept a view of all 100,000 pods and parsed each one's every change.
 * The directory opens at the first connection, or as soon as a container that can connect starts on
 * this agent, so it is kept while the api-server is up and still routes when the control plane is down.
 * Once open, it stays open.
 */
import type { Pod } from '@kubelab/api';
import type { Informer } from '@kubelab/bus';

/** What the network reads of a cache of pods. */
export type PodLookup = Pick<Informer<Pod>, 'list' | 'get'>;

export class PodDirectory {
  private opened: Promise<PodLookup> | undefined;
  private informer: Informer<Pod> | undefined;

  /** `open` starts an informer of every pod's network view and resolves once it holds the listed state. */
  constructor(private readonly open: () => Informer<Pod>) {}

  /** Every pod, once listed: the first call lists them, later calls share that list and its watch. */
  pods(): Promise<PodLookup> {
    if (!this.opened) {
      const informer = (this.informer = this.open());
      this.opened = informer.start().then(() => informer);
    }
    return this.opened;
  }

  /** Lists every pod now, without waiting: a container that can connect has started. */
  prepare(): void {
    this.pods().catch(() => undefined);
  }

  stop(): void {
    this.informer?.stop();
  }
}

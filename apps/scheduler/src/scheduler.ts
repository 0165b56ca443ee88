/**
 * The scheduler process: a thin shell around @kubelab/scheduling. It keeps a cluster
 * snapshot and a scheduling queue fed by the pod, node, claim, volume and storage class
 * informers, and while it leads: pops a pod, asks the pure `schedulePod` where it goes,
 * assumes it (and its volumes) there and binds it; a pod whose claims need binding first
 * waits for them in PreBind on its own (binds overlap; decisions stay one at a time, as
 * in kube-scheduler). Every decision is explained in a v1 Event whose annotation carries
 * the per-node verdicts and the top scores, so the event log says why a pod went where it went.
 */
import { kubeTime, type KubeObject, type Node, type PersistentVolume, type PersistentVolumeClaim, type Pod, type StorageClass } from '@kubelab/api';
import { ApiClient, ApiRequestError, campaign, EventRecorder, Informer, stripManagedFields, type Leadership } from '@kubelab/bus';
import {
  assumePodVolumes, boundPodView, ClusterSnapshot, findPreemption, revertAssumedPodVolumes, schedulePod, SchedulingQueue,
  type ClusterEvent, type DecisionExplanation, type ReservedVolumes,
} from '@kubelab/scheduling';
import type { Logger } from 'pino';
import type { SchedulerConfig } from './config.js';
import { claimsRef, storageClassesRef, VolumeBinder, volumesRef } from './volume-binder.js';

const podsRef = { group: '', version: 'v1', plural: 'pods', kind: 'Pod' };
const nodesRef = { group: '', version: 'v1', plural: 'nodes', kind: 'Node' };

/** The annotation on Scheduled / FailedScheduling events that explains the decision. */
export const decisionAnnotation = 'kubelab.dev/scheduling-decision';

const seqOf = (o: KubeObject) => Number(o.metadata.resourceVersion) || undefined;
const isTerminal = (pod: Pod) => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
/** A pending pod cached whole (it is scheduled, written back and explained from this copy); a bound one as the snapshot reads it. */
const cachedPod = (pod: Pod) => (pod.spec?.nodeName ? boundPodView(pod) : stripManagedFields(pod));

export class Scheduler {
  private readonly snapshot = new ClusterSnapshot();
  private readonly queue: SchedulingQueue;
  private readonly events: EventRecorder;
  private pods!: Informer<Pod>;
  private nodes!: Informer<Node>;
  private claims!: Informer<PersistentVolumeClaim>;
  private volumes!: Informer<PersistentVolume>;
  private storageClasses!: Informer<StorageClass>;
  private volumeBinder!: VolumeBinder;
  private leadership!: Leadership;
  private leading = false;
  private drainPending = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private bindsInFlight = 0;
  private stopped = false;

  private constructor(private readonly client: ApiClient, private readonly config: SchedulerConfig, private readonly log: Logger) {
    this.queue = new SchedulingQueue({ timeScale: config.timeScale });
    this.events = new EventRecorder(client, { component: config.schedulerName }, log, { correlate: false });
  }

  static async start(config: SchedulerConfig, log: Logger): Promise<Scheduler> {
    const client = await ApiClient.connect(config.natsUrl, config.schedulerName, { kind: 'scheduler' }, config.natsNkey);
    const scheduler = new Scheduler(client, config, log);
    await scheduler.watch();
    scheduler.leadership = await campaign(
      client.connection,
      { enabled: config.leaderElect, lease: config.schedulerName === 'default-scheduler' ? 'kube-scheduler' : config.schedulerName, ...config, replicas: client.bucketReplicas },
      { onStartedLeading: () => scheduler.lead(true), onStoppedLeading: () => scheduler.lead(false) },
    );
    log.info({ identity: config.identity }, 'scheduler ready');
    return scheduler;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.wakeTimer);
    this.volumeBinder?.stop();
    await this.leadership?.stop();
    for (const informer of [this.pods, this.nodes, this.claims, this.volumes, this.storageClasses]) informer?.stop();
    await this.client.close();
  }

  private lead(leading: boolean): void {
    this.leading = leading;
    this.log.info({ identity: this.config.identity, leading }, leading ? 'started leading' : 'stopped leading');
    if (leading) this.kick();
  }

  private async watch(): Promise<void> {
    this.nodes = new Informer<Node>(this.client, nodesRef, { transform: stripManagedFields });
    this.pods = new Informer<Pod>(this.client, podsRef, { transform: cachedPod });
    this.claims = new Informer<PersistentVolumeClaim>(this.client, claimsRef, { transform: stripManagedFields });
    this.volumes = new Informer<PersistentVolume>(this.client, volumesRef, { transform: stripManagedFields });
    this.storageClasses = new Informer<StorageClass>(this.client, storageClassesRef, { transform: stripManagedFields });
    this.volumeBinder = new VolumeBinder(this.client, { pods: this.pods, nodes: this.nodes, volumes: this.snapshot.volumes }, this.config.timeScale);
    this.nodes.onChange((type, node, event) => this.nodeChanged(type, node, event?.seq));
    this.pods.onChange((type, pod) => this.podChanged(type, pod));
    const volumes = this.snapshot.volumes;
    this.claims.onChange((type, claim) =>
      this.storageChanged(type, 'PersistentVolumeClaimAddOrUpdate', () => (type === 'DELETED' ? volumes.removeClaim(claim) : volumes.upsertClaim(claim))));
    this.volumes.onChange((type, volume) =>
      this.storageChanged(type, 'PersistentVolumeAddOrUpdate', () => (type === 'DELETED' ? volumes.removeVolume(volume) : volumes.upsertVolume(volume))));
    this.storageClasses.onChange((type, storageClass) =>
      this.storageChanged(type, 'StorageClassAddOrUpdate', () => (type === 'DELETED' ? volumes.removeClass(storageClass) : volumes.upsertClass(storageClass))));
    for (const informer of [this.nodes, this.storageClasses, this.volumes, this.claims, this.pods]) await informer.start();
  }

  /** A claim, volume or class came, changed or went: the snapshot follows, pending pods get another try, PreBind waits look again. */
  private storageChanged(type: 'ADDED' | 'MODIFIED' | 'DELETED', event: ClusterEvent, follow: () => void): void {
    follow();
    if (type !== 'DELETED') this.moveUnschedulable(event);
    this.volumeBinder.recheck();
  }

  private nodeChanged(type: 'ADDED' | 'MODIFIED' | 'DELETED', node: Node, _seq?: number): void {
    this.volumeBinder.recheck();
    if (type === 'DELETED') {
      this.snapshot.removeNode(node.metadata.name!);
      return;
    }
    const before = this.snapshot.nodeInfo(node.metadata.name!)?.node;
    this.snapshot.upsertNode(node);
    const event: ClusterEvent | undefined = !before ? 'NodeAdd' : schedulingRelevantChange(before, node);
    if (event) this.moveUnschedulable(event);
  }

  private podChanged(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: Pod): void {
    if (type === 'DELETED') {
      this.queue.delete(pod.metadata.uid!);
      this.volumeBinder.recheck();
      if (pod.spec?.nodeName) {
        this.snapshot.removePod(pod);
        this.moveUnschedulable('PodDelete');
      }
      return;
    }
    if (pod.spec?.nodeName) {
      this.queue.delete(pod.metadata.uid!);
      this.snapshot.upsertPod(pod);
      if (isTerminal(pod) || pod.metadata.deletionTimestamp) this.moveUnschedulable('PodDelete');
      return;
    }
    if (!this.responsibleFor(pod)) return;
    if (type === 'ADDED') this.queue.add(pod);
    else this.queue.update(pod);
    this.kick();
  }

  private responsibleFor(pod: Pod): boolean {
    return (pod.spec?.schedulerName ?? 'default-scheduler') === this.config.schedulerName && !pod.metadata.deletionTimestamp;
  }

  private moveUnschedulable(event: ClusterEvent): void {
    this.queue.moveAllToActiveOrBackoff(event, Date.now());
    this.kick();
  }

  /** Runs a drain soon, once, however many things asked for it. */
  private kick(): void {
    if (this.drainPending || this.stopped) return;
    this.drainPending = true;
    setImmediate(() => {
      this.drainPending = false;
      this.drain();
    });
  }

  /** Schedules what is due, yielding to I/O every few pods and when binds pile up. */
  private drain(): void {
    if (!this.leading || this.stopped) return;
    const budget = 64;
    for (let i = 0; i < budget; i++) {
      if (this.bindsInFlight >= this.config.parallelBinds) return;
      const pod = this.queue.pop(Date.now());
      if (!pod) return this.sleepUntilDue();
      this.scheduleOne(pod);
    }
    this.kick();
  }

  private sleepUntilDue(): void {
    clearTimeout(this.wakeTimer);
    const next = this.queue.nextWakeup(Date.now());
    if (next === undefined) return;
    this.wakeTimer = setTimeout(() => this.kick(), Math.max(1, next - Date.now()));
  }

  private scheduleOne(queued: Pod): void {
    const pod = this.pods.get(queued.metadata.namespace!, queued.metadata.name!);
    if (!pod || pod.metadata.uid !== queued.metadata.uid || pod.spec?.nodeName || !this.responsibleFor(pod)) return;
    const decision = schedulePod(this.snapshot, pod, { random: Math.random });
    if (decision.type === 'Bind') {
      this.snapshot.assume(pod, decision.nodeName);
      const reserved = decision.volumes ? assumePodVolumes(this.snapshot.volumes, pod, decision.nodeName, decision.volumes) : undefined;
      void this.bind(pod, decision.nodeName, decision.explanation, reserved);
      return;
    }
    void this.unschedulable(pod, decision.message, decision.explanation);
  }

  /** The binding cycle: PreBind (the pod's volumes, when it has claims to bind), then the binding itself. */
  private async bind(pod: Pod, nodeName: string, explanation: DecisionExplanation, reserved: ReservedVolumes | undefined): Promise<void> {
    const { namespace, name } = pod.metadata;
    if (reserved) {
      const failure = await this.volumeBinder.bindPodVolumes(pod, nodeName, reserved, seqOf(pod)).then(() => undefined, (e: Error) => e.message);
      if (failure !== undefined) return this.bindingCycleFailed(pod, nodeName, reserved, failure);
    }
    this.bindsInFlight++;
    try {
      await this.client.bind(namespace!, name!, nodeName, seqOf(pod));
      void this.events.record(pod, {
        type: 'Normal', reason: 'Scheduled', message: `Successfully assigned ${namespace}/${name} to ${nodeName}`,
        annotations: { [decisionAnnotation]: JSON.stringify(explanation) },
      }, undefined, seqOf(pod));
    } catch (e) {
      this.snapshot.removePod(pod);
      if (reserved) revertAssumedPodVolumes(this.snapshot.volumes, reserved);
      const gone = e instanceof ApiRequestError && (e.code === 404 || e.code === 409);
      if (!gone) {
        this.log.warn({ pod: `${namespace}/${name}`, node: nodeName, err: (e as Error).message }, 'binding failed; retrying after back-off');
        this.queue.markError(pod, Date.now());
      }
    } finally {
      this.bindsInFlight--;
      this.kick();
    }
  }

  /**
   * PreBind failed (a write refused, the claims not bound within the bind timeout, a
   * provisioner giving up): Unreserve, forget the assumed pod, and as handleSchedulingFailure
   * does for an error (not a FitError), back off and retry, saying why in FailedScheduling
   * and PodScheduled=False/SchedulerError.
   */
  private async bindingCycleFailed(pod: Pod, nodeName: string, reserved: ReservedVolumes, message: string): Promise<void> {
    revertAssumedPodVolumes(this.snapshot.volumes, reserved);
    this.snapshot.removePod(pod);
    this.log.warn({ pod: `${pod.metadata.namespace}/${pod.metadata.name}`, node: nodeName, err: message }, 'binding volumes failed; retrying after back-off');
    const current = this.pods.get(pod.metadata.namespace!, pod.metadata.name!);
    const stillPending = current?.metadata.uid === pod.metadata.uid && !current?.spec?.nodeName;
    if (stillPending) this.queue.markError(current!, Date.now());
    void this.events.record(pod, { type: 'Warning', reason: 'FailedScheduling', message }, undefined, seqOf(pod));
    if (stillPending) await this.reportPodScheduledFalse(current!, 'SchedulerError', message, undefined);
    this.kick();
  }

  /** FailedScheduling as Kubernetes reports it, after trying to make room by preemption. */
  private async unschedulable(pod: Pod, fitMessage: string, explanation: DecisionExplanation): Promise<void> {
    this.queue.markUnschedulable(pod, Date.now());
    const preemption = findPreemption(this.snapshot, pod);
    const message = 'nodeName' in preemption ? fitMessage : `${fitMessage} ${preemption.none}`;
    const nominated = 'nodeName' in preemption ? preemption.nodeName : undefined;
    if ('nodeName' in preemption) {
      for (const victim of preemption.victims) {
        void this.events.record(victim, { type: 'Normal', reason: 'Preempted', message: `Preempted by pod ${pod.metadata.uid} on node ${preemption.nodeName}` }, undefined, seqOf(pod));
        // A plain graceful delete, as kube-scheduler's preemption does: disruption budgets are weighed when choosing victims, not enforced.
        await this.client.delete({ group: '', version: 'v1', plural: 'pods' }, victim.metadata.namespace!, victim.metadata.name!, undefined, seqOf(pod)).catch((e: Error) =>
          this.log.warn({ victim: victim.metadata.name, err: e.message }, 'preemption eviction failed'),
        );
      }
    }
    await this.reportPodScheduledFalse(pod, 'Unschedulable', message, nominated);
    void this.events.record(pod, {
      type: 'Warning', reason: 'FailedScheduling', message,
      annotations: { [decisionAnnotation]: JSON.stringify(explanation) },
    }, undefined, seqOf(pod));
  }

  /** PodScheduled=False with `reason` (Unschedulable, SchedulerError) and the nominated node, written only when it changes. */
  private async reportPodScheduledFalse(pod: Pod, reason: string, message: string, nominatedNodeName: string | undefined): Promise<void> {
    const current = (pod.status?.conditions ?? []).find((c) => c.type === 'PodScheduled');
    const sameNomination = (pod.status?.nominatedNodeName ?? undefined) === (nominatedNodeName ?? pod.status?.nominatedNodeName);
    if (current?.status === 'False' && current.reason === reason && current.message === message && sameNomination) return;
    const condition = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: kubeTime(new Date()), reason, message };
    const status = {
      ...(pod.status ?? {}),
      ...(nominatedNodeName ? { nominatedNodeName } : {}),
      conditions: [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), condition],
    };
    await this.client.updateStatus(podsRef, pod.metadata.namespace!, { ...pod, status }, seqOf(pod)).catch((e: Error) =>
      this.log.debug({ pod: pod.metadata.name, err: e.message }, 'unschedulable status not written'),
    );
  }
}

/** Which queue-moving cluster event a node update amounts to, if any could help a pending pod. */
function schedulingRelevantChange(before: Node, after: Node): ClusterEvent | undefined {
  const ready = (n: Node) => (n.status?.conditions ?? []).find((c) => c.type === 'Ready')?.status;
  const taints = (n: Node) => JSON.stringify(n.spec?.taints ?? []);
  if (before.spec?.unschedulable && !after.spec?.unschedulable) return 'NodeSchedulable';
  if ((before.spec?.taints ?? []).length > (after.spec?.taints ?? []).length) return 'NodeTaintRemoved';
  if (ready(before) !== ready(after) || taints(before) !== taints(after)) return 'NodeUpdate';
  if (JSON.stringify(before.metadata.labels) !== JSON.stringify(after.metadata.labels)) return 'NodeUpdate';
  if (JSON.stringify(before.status?.allocatable) !== JSON.stringify(after.status?.allocatable)) return 'NodeUpdate';
  return undefined;
}

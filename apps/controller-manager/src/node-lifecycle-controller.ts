/**
 * The node lifecycle controller's shell: it follows the node leases in the NATS KV
 * bucket (heartbeats never reach the log), and every node-monitor period (5 s,
 * scaled) and on every node or pod change asks `reconcileNodeLifecycle` what a
 * silent or returning node means: Ready Unknown, the unreachable/not-ready taints,
 * pods marked not ready, and taint-based eviction when tolerations run out.
 */
import { nodeLeaseBucket, nodeLeases, watchLabBucket, type NodeLease } from '@kubelab/bus';
import { reconcileNodeLifecycle, type NodeLifecycleAction } from '@kubelab/controllers';
import type { KV } from 'nats';
import { keyOf, refs, seqOf, splitKey, type ControllerContext } from './controller-context.js';
import { QueueController } from './queue-controller.js';
import type { SyncResult } from './work-queue.js';

const nodeMonitorPeriodSeconds = 5;
const decoder = new TextDecoder();

export class NodeLifecycleController extends QueueController {
  private readonly leases = new Map<string, NodeLease>();
  private monitor: NodeJS.Timeout | undefined;
  private watching = true;

  private constructor(ctx: ControllerContext) {
    super('node-lifecycle-controller', ctx);
    ctx.informers.nodes.onChange((type, node) => type !== 'DELETED' && this.queue.add(keyOf(node), seqOf(node)));
    ctx.informers.pods.onChange((type, pod) => {
      if (type !== 'DELETED' && pod.spec?.nodeName) this.queue.add(`/${pod.spec.nodeName}`, seqOf(pod));
    });
  }

  static async create(ctx: ControllerContext): Promise<NodeLifecycleController> {
    const controller = new NodeLifecycleController(ctx);
    await controller.followLeases(await nodeLeases(ctx.client.connection, ctx.client.bucketReplicas));
    return controller;
  }

  /**
   * Keeps the newest lease of every node; the first pass of the watch is the current state. A deleted lease (kubectl delete
   * lease, kube-node-lease emptied) keeps its last renewal, as kube-controller-manager keeps the probe time it last saw: the
   * kubelet recreates the lease on its next renewal, and the node is not silent meanwhile.
   */
  private async followLeases(kv: KV): Promise<void> {
    const watch = await watchLabBucket(kv, nodeLeaseBucket);
    void (async () => {
      for await (const entry of watch) {
        if (!this.watching) break;
        if (entry.operation === 'PUT') this.leases.set(entry.key, JSON.parse(decoder.decode(entry.value)) as NodeLease);
      }
    })();
  }

  override start(): void {
    super.start();
    const period = (nodeMonitorPeriodSeconds * 1000) / this.ctx.config.timeScale;
    clearInterval(this.monitor);
    this.monitor = setInterval(() => {
      for (const node of this.ctx.informers.nodes.list()) this.queue.add(keyOf(node));
    }, period);
  }

  override pause(): void {
    clearInterval(this.monitor);
    super.pause();
  }

  override stop(): void {
    this.watching = false;
    clearInterval(this.monitor);
    super.stop();
  }

  protected async sync(key: string, cause: number | undefined): Promise<SyncResult> {
    const { name } = splitKey(key);
    const node = this.ctx.informers.nodes.get('', name);
    if (!node) return;
    if (!this.expectations.satisfied(key, this.ctx.informers.nodes.resourceVersion)) return { requeueAfterMs: 10 };
    const pods = this.ctx.informers.pods.byIndex('node', name);
    const { actions, requeueAfterMs } = reconcileNodeLifecycle(node, this.leases.get(name), pods, this.ctx.clock(), {
      nodeMonitorGracePeriodSeconds: this.ctx.config.nodeMonitorGracePeriodSeconds,
    });
    // The node's own writes in order, then its pods all at once: a silent node's
    // thirty pods must not hold up the next node's taints.
    // Each write names the one before as its cause, and the pods name the node as
    // this pass left it (its taint): `kubelab why` walks from a pod to its node.
    const isNodeWrite = (a: NodeLifecycleAction) => a.type === 'UpdateNodeStatus' || a.type === 'UpdateNodeTaints';
    let nodeCause = cause;
    for (const action of actions.filter(isNodeWrite)) nodeCause = (await this.carryOut(key, action, nodeCause)) ?? nodeCause;
    const podCause = nodeCause === cause ? seqOf(node) ?? cause : nodeCause;
    await Promise.all(actions.filter((a) => !isNodeWrite(a)).map((a) => this.carryOut(key, a, a.type === 'RecordEvent' ? nodeCause : podCause)));
    return requeueAfterMs !== undefined ? { requeueAfterMs } : undefined;
  }

  /** Carries out one action; a node write resolves with its seq. */
  private async carryOut(key: string, action: NodeLifecycleAction, cause: number | undefined): Promise<number | undefined> {
    switch (action.type) {
      case 'UpdateNodeStatus': {
        const updated = await this.client.updateStatus(refs.nodes, '', action.node, cause);
        this.expectations.expect(key, seqOf(updated));
        return seqOf(updated);
      }
      case 'UpdateNodeTaints': {
        // A patch, not an update: it follows this pass's status write without a resourceVersion to match.
        const updated = await this.client.patch(refs.nodes, '', action.node.metadata.name!, { spec: { taints: action.node.spec?.taints } }, 'merge', cause);
        this.expectations.expect(key, seqOf(updated));
        return seqOf(updated);
      }
      case 'MarkPodNotReady':
        await this.client.updateStatus(refs.pods, action.pod.metadata.namespace!, action.pod, cause).catch(ignoreConflict);
        return undefined;
      case 'EvictPod':
        await this.client.delete(refs.pods, action.pod.metadata.namespace!, action.pod.metadata.name!, undefined, cause).catch(ignoreConflict);
        return undefined;
      case 'RecordEvent':
        return void this.events.record(action.involved, { type: action.eventType, reason: action.reason, message: action.message }, undefined, cause);
      default: {
        const never: never = action;
        throw new Error(`unknown action ${JSON.stringify(never)}`);
      }
    }
  }
}

/** A pod that changed or went meanwhile is looked at again on the next pass. */
function ignoreConflict(e: { code?: number }): undefined {
  if (e.code === 409 || e.code === 404) return undefined;
  throw e;
}

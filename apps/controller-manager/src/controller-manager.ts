/**
 * The controller-manager process: one set of informers, the controllers that read
 * them, and a lease so that of several replicas only the leader acts (the others
 * keep warm caches and take over when the leader's lease runs out).
 */
import { readFileSync } from 'node:fs';
import { LOCAL_PATH_PROVISIONER, shareConditions, shareStrings, SHARED_PROVISIONER, type KubeObject } from '@kubelab/api';
import { ApiClient, campaign, Informer, stripManagedFields, type Leadership } from '@kubelab/bus';
import type { Logger } from 'pino';
import { ClusterRoleAggregationController } from './clusterrole-aggregation-controller.js';
import type { ControllerManagerConfig } from './config.js';
import { cacheIndexers, podIndexers, refs, type Controller, type ControllerContext, type Informers } from './controller-context.js';
import { CronJobController } from './cronjob-controller.js';
import { CustomKindInformers } from './custom-kind-informers.js';
import { DaemonSetController } from './daemonset-controller.js';
import { DeploymentController } from './deployment-controller.js';
import { DisruptionController } from './disruption-controller.js';
import { EndpointSliceController } from './endpoint-slice-controller.js';
import { EndpointsController } from './endpoints-controller.js';
import { GarbageCollector } from './garbage-collector.js';
import { HorizontalPodAutoscalerController } from './horizontal-pod-autoscaler-controller.js';
import { JobController } from './job-controller.js';
import { LabProvisionerController } from './lab-provisioner-controller.js';
import { NamespaceController } from './namespace-controller.js';
import { NodeLifecycleController } from './node-lifecycle-controller.js';
import { PersistentVolumeBinderController } from './persistent-volume-binder-controller.js';
import { PodGcController } from './podgc-controller.js';
import { ReplicaSetController, replicaSetKind, replicationControllerKind } from './replicaset-controller.js';
import { ResourceQuotaController } from './resource-quota-controller.js';
import { RootCaPublisher } from './root-ca-publisher-controller.js';
import { ServiceAccountsController } from './serviceaccounts-controller.js';
import { StatefulSetController } from './statefulset-controller.js';
import { PvcProtectionController, PvProtectionController } from './storage-protection-controllers.js';
import { TtlAfterFinishedController } from './ttl-after-finished-controller.js';
import { ExpandController, SharedVolumeResizer } from './volume-expansion-controllers.js';

/**
 * What the caches keep of an object: all of it but managedFields, each string shared with the equal ones
 * already cached. The controllers read, compare and write back whole pods (a StatefulSet's update, the
 * node lifecycle's status write), so nothing more is left out; but of 10,000 pods' own copies of
 * "IfNotPresent", their node's IP and their condition types, one each is enough.
 */
const cachedObject = <T extends KubeObject>(object: T): T => shareStrings(stripManagedFields(object));
/** A pod as the caches keep it: its conditions, moreover, shared with every pod whose conditions are equal (shareConditions). */
const cachedPod = <T extends KubeObject>(pod: T): T => shareConditions(cachedObject(pod));

export class ControllerManager {
  private leadership!: Leadership;

  private constructor(
    private readonly client: ApiClient,
    private readonly informers: Informers,
    private readonly customKinds: CustomKindInformers,
    private readonly controllers: Controller[],
    private readonly log: Logger,
  ) {}

  static async start(config: ControllerManagerConfig, log: Logger): Promise<ControllerManager> {
    const client = await ApiClient.connect(config.natsUrl, 'controller-manager', { kind: 'controller-manager' }, config.natsNkey);
    // Each informer lists the one kind its ref names, so its cache holds only that kind: the narrowing is made once, here.
    const informers = Object.fromEntries(Object.entries(refs).map(([k, ref]) =>
      [k, new Informer(client, ref, ref === refs.pods ? { transform: cachedPod, indexers: podIndexers } : { transform: cachedObject, indexers: cacheIndexers })])) as unknown as Informers;
    const ctx: ControllerContext = { client, informers, config, log, clock: () => ({ now: new Date(), timeScale: config.timeScale }) };
    const customKinds = new CustomKindInformers(client, log);
    const controllers: Controller[] = [
      new ReplicaSetController(ctx, replicaSetKind),
      new ReplicaSetController(ctx, replicationControllerKind),
      new DeploymentController(ctx),
      new JobController(ctx),
      new CronJobController(ctx),
      new TtlAfterFinishedController(ctx),
      new StatefulSetController(ctx),
      new DaemonSetController(ctx),
      new EndpointsController(ctx),
      new EndpointSliceController(ctx),
      new GarbageCollector(ctx, customKinds),
      new PodGcController(ctx),
      new ServiceAccountsController(ctx),
      new NamespaceController(ctx),
      new DisruptionController(ctx),
      new ResourceQuotaController(ctx, customKinds),
      new HorizontalPodAutoscalerController(ctx, customKinds),
      new ClusterRoleAggregationController(ctx),
      new PersistentVolumeBinderController(ctx),
      new LabProvisionerController(ctx, LOCAL_PATH_PROVISIONER),
      new LabProvisionerController(ctx, SHARED_PROVISIONER),
      new PvcProtectionController(ctx),
      new PvProtectionController(ctx),
      new ExpandController(ctx),
      new SharedVolumeResizer(ctx),
      await NodeLifecycleController.create(ctx),
      ...(config.rootCaFile ? [new RootCaPublisher(ctx, readFileSync(config.rootCaFile, 'utf8'))] : []),
    ];
    for (const informer of Object.values(informers)) await informer.start();
    await customKinds.start();
    const manager = new ControllerManager(client, informers, customKinds, controllers, log);
    manager.leadership = await campaign(
      client.connection,
      { enabled: config.leaderElect, lease: 'kube-controller-manager', ...config, replicas: client.bucketReplicas },
      { onStartedLeading: () => manager.lead(true, config.identity), onStoppedLeading: () => manager.lead(false, config.identity) },
    );
    log.info({ identity: config.identity, controllers: controllers.map((c) => c.name) }, 'controller-manager ready');
    return manager;
  }

  private lead(leading: boolean, identity: string): void {
    this.log.info({ identity, leading }, leading ? 'started leading' : 'stopped leading');
    for (const c of this.controllers) {
      if (leading) c.start();
      else c.pause();
    }
  }

  async stop(): Promise<void> {
    await this.leadership?.stop();
    for (const c of this.controllers) c.stop();
    for (const informer of Object.values(this.informers)) informer.stop();
    this.customKinds.stop();
    await this.client.close();
  }
}

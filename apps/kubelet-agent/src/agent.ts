/**
 * The kubelet-agent process: hosts one or many emulated nodes. For each it
 * registers the Node, renews its lease in the NATS KV bucket, runs a worker per pod
 * bound to it, and answers log requests. The pod informer is shared by all nodes, and
 * so are the volume stores (PersistentVolumes' files, the nodes' disks). As a kubelet
 * watches pods with spec.nodeName and its own Node by name, the agent caches whole only
 * its nodes' pods and Nodes; the emulated network keeps what it routes by of every pod
 * (podNetworkView), as a CNI agent keeps every endpoint's address and labels.
 */
import {
  isAuditEntry, type ConfigMap, type Namespace, type NetworkPolicy, type Node, type PersistentVolume, type Pod, type Secret, type Service,
} from '@kubelab/api';
import {
  ApiClient, EventRecorder, eventSummary, followImageAdditions, imageAdditions, Informer, nodeLeases, nodeUsage, putNodeUsage, renewNodeLease, serveContainerStreams, subjects,
  type ApiBusReply, type BusEvent, type InformerPart, type PodChaosRequest, type StaticPodStarts, type VolumeStore,
} from '@kubelab/bus';
import { lookupImage } from '@kubelab/images';
import type { NodeFacts } from '@kubelab/scheduling';
import type { KV, Subscription } from 'nats';
import type { Logger } from 'pino';
import type { AgentConfig } from './config.js';
import { registerNode } from './node-registration.js';
import type { LiveCatalog } from './live-catalog.js';
import { decodeUtf8, encodeUtf8, type HttpResponse, type Volume } from '@kubelab/shell';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatedNetwork, podNetworkView } from './cluster-network.js';
import { dropReports } from './drop-reports.js';
import { existingMirrors, isManifestFile, isMirrorPod, manifestFiles, mirrorPods, replacedMirrors, staticPodKey, syncMirrorPods, type ManifestFile } from './static-pods.js';
import { controlPlaneNodeName, etcdClientUrls } from './volumes/control-plane-files.js';
import { staticPodStarts } from './static-pod-starts.js';
import { NodeHost, type LogRequest, type UsageSink } from './node-host.js';
import { memoryPressureCondition } from './memory-pressure.js';
import { LabTime } from './runtime/lab-time.js';
import { nodeAddressOf, type NodeIdentity } from './node-object.js';
import { LabClock } from './runtime/lab-clock.js';
import { KubeletService } from './kubelet-service.js';
import { runNodeShell, type NodeShellDeps } from './streams/node-shell.js';
import { nodeProcesses } from './node-processes.js';
import { acceptStream, failure } from './streams/stream-server.js';
import { filesOfDeletedVolume } from './volumes/persistent-volume-placement.js';
import { bucketBackend, VolumeStores } from './volumes/volume-stores.js';

const pods = { group: '', version: 'v1', plural: 'pods', kind: 'Pod' };
const nodesRef = { group: '', version: 'v1', plural: 'nodes' };
const servicesRef = { group: '', version: 'v1', plural: 'services', kind: 'Service' };
const leaseDurationSeconds = 40;
const leaseRenewSeconds = 10;
const staticPodCheckSeconds = 20;
/** Real milliseconds a volume file's changes gather before they are written to the volume store. */
const volumeWriteDelayMs = 100;
const volumeWriteRetryMs = 1000;
const volumeReadTimeoutMs = 15_000;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A kubelet's pod list and watch: spec.nodeName=<node>; a pod's event names its node (before and after) in its headers. */
const podsBoundTo = (node: string): InformerPart => ({ fieldSelector: `spec.nodeName=${node}`, holds: (event) => event.nodeNames.includes(node) });
/** A kubelet's own Node, by name. */
const nodeNamed = (node: string): InformerPart => ({ fieldSelector: `metadata.name=${node}`, holds: (event) => event.name === node });

export class Agent {
  private readonly hosts = new Map<string, NodeHost>();
  /** Each node's systemd: the kubelet's unit a learner stops and starts over `kubelab ssh`. */
  private readonly kubelets = new Map<string, KubeletService>();
  private subscriptions: Subscription[] = [];
  private leaseTimer?: NodeJS.Timeout;
  private staticTimer?: NodeJS.Timeout;
  /** Per node, the static pods its manifests hold (namespace/name), as of the last check. */
  private readonly staticPods = new Map<string, Set<string>>();
  /**
   * The node disks whose manifest folder the kubelet reads, held open: the control plane's from the start (kubeadm's
   * manifests are on it), any other once a shell opened it (a disk nobody opened has an empty folder).
   */
  private readonly manifestDisks = new Map<string, Promise<Volume | undefined>>();
  private pods!: Informer<Pod>;
  private network!: EmulatedNetwork;
  /** Sends what open bursts of dropped connections still owe. */
  private flushDrops?: () => void;
  private readonly informers: Pick<Informer, 'stop'>[] = [];
  private readonly identities = new Map<string, NodeIdentity>();
  private readonly reasserting = new Set<string>();
  /** The Nodes as the api-server has them, for the status loop. */
  private nodes?: Informer<Node>;
  private leaseBucket?: KV;
  /** The nodes' usage bucket, bound once the api-server has made it. */
  private usageBucket?: KV;
  private stopFollowingImages?: () => void;
  private catalog?: LiveCatalog;
  /** A look at the manifests under way, and whether another was asked for meanwhile (a file changed while it read). */
  private checking?: Promise<void>;
  private checkAgain = false;
  private readonly stores: VolumeStores;
  /** The cluster CA as the kube-root-ca.crt ConfigMaps publish it, once the agent follows them. */
  private clusterCa?: () => string | undefined;

  private constructor(private readonly client: ApiClient, private readonly config: AgentConfig, private readonly log: Logger) {
    const warn = (fields: Record<string, unknown>, message: string) => log.warn(fields, message);
    this.stores = new VolumeStores(() => bucketBackend(client.connection, client.bucketReplicas, warn), {
      writeDelayMs: volumeWriteDelayMs, retryMs: volumeWriteRetryMs, readTimeoutMs: volumeReadTimeoutMs, warn,
      cluster: { clusterDns: config.clusterDns, clusterDomain: config.clusterDomain, clusterCa: () => this.clusterCa?.() },
    });
  }

  static async start(config: AgentConfig, catalog: LiveCatalog, log: Logger): Promise<Agent> {
    const actor = config.nodeNames.length === 1 ? `kubelet/${config.nodeNames[0]}` : 'kubelet-agent';
    const client = await ApiClient.connect(config.natsUrl, actor, { kind: 'kubelet', nodes: config.nodeNames }, config.natsNkey);
    const agent = new Agent(client, config, log);
    agent.catalog = catalog;
    // Images added with `kubelab image add` before any pod is synced, then as they come.
    agent.stopFollowingImages = await followImageAdditions(await imageAdditions(client.connection, client.bucketReplicas), (entries) => catalog.useAddedImages(entries));
    const clock = new LabClock(config.timeScale);
    const time = new LabTime(clock);
    // What a kubelet lists and watches: the pods bound to its node (here, to each of its nodes).
    agent.pods = new Informer<Pod>(client, pods, { parts: config.nodeNames.map(podsBoundTo) });
    const podDirectory = new Informer<Pod>(client, pods, { transform: podNetworkView });
    const services = new Informer<Service>(client, servicesRef);
    const configMaps = new Informer<ConfigMap>(client, { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap' });
    const secrets = new Informer<Secret>(client, { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' });
    // NetworkPolicies, and Namespaces for their namespaceSelectors: what the emulated network enforces.
    const networkPolicies = new Informer<NetworkPolicy>(client, { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', kind: 'NetworkPolicy' });
    const namespaces = new Informer<Namespace>(client, { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace' });
    for (const informer of [services, configMaps, secrets, networkPolicies, namespaces, podDirectory]) await informer.start();
    agent.informers.push(services, configMaps, secrets, networkPolicies, namespaces, podDirectory);
    agent.clusterCa = () => configMaps.get('default', 'kube-root-ca.crt')?.data?.['ca.crt'];
    const configData = { configMap: (ns: string, name: string) => configMaps.get(ns, name), secret: (ns: string, name: string) => secrets.get(ns, name) };
    const drops = dropReports(client, clock, log);
    agent.flushDrops = drops.flush;
    const network = new EmulatedNetwork(services, podDirectory, (uid) => agent.workerOf(uid), (pod, port, path) => agent.remoteHttp(pod, port, path), {
      networkPolicies: () => networkPolicies.list(),
      namespace: (name) => namespaces.get('', name),
    }, drops.report, {
      request: (request) => client.podHttp(request).catch(() => undefined),
      ca: agent.clusterCa,
    }, config.clusterDnsFromPods);
    agent.network = network;
    for (const [i, name] of config.nodeNames.entries()) {
      const id: NodeIdentity = {
        name, index: config.nodeIndexBase + i, cpu: config.cpu, memory: config.memory, maxPods: config.maxPods, labels: config.nodeLabels, taints: config.registerWithTaints,
      };
      agent.identities.set(name, id);
      const kubelet = client.forNode(name);
      const node = await registerNode(kubelet, id);
      const events = new EventRecorder(kubelet, { component: 'kubelet', host: name }, log);
      agent.hosts.set(name, new NodeHost(node, {
        clock, time, client: kubelet, events, catalog, network, config: configData, dns: { nameserver: config.clusterDns, domain: config.clusterDomain },
        services: () => services.list(), log: log.child({ node: name }), stores: agent.stores,
        nodeFacts: () => agent.nodeFacts(node), nodeServices: () => agent.kubelets.get(name),
      }, config.usage ? agent.usageSink(name, kubelet, events) : undefined));
    }
    agent.followStorageObjects();
    await agent.startLeases(clock);
    await agent.watchOwnNodes();
    agent.serveNodeRequests(clock);
    await agent.watchPods();
    agent.watchStaticPods(clock);
    log.info({ nodes: config.nodeNames.length }, 'kubelet-agent ready');
    return agent;
  }

  /** Where a node's usage accounting reports: its key of the usage bucket, and its Node's MemoryPressure condition (with the kubelet's Event). */
  private usageSink(name: string, kubelet: ApiClient, events: EventRecorder): UsageSink {
    const memoryPressure = () => this.nodes?.get('', name)?.status?.conditions?.find((c) => c.type === 'MemoryPressure');
    return {
      publish: async (report) => {
        this.usageBucket ??= await nodeUsage(this.client.connection, this.client.bucketReplicas);
        await putNodeUsage(this.usageBucket, report);
      },
      reportPressure: async (pressure) => {
        const condition = memoryPressureCondition(memoryPressure(), pressure, new Date());
        await kubelet.patchStatus(nodesRef, '', name, { status: { conditions: [condition] } }, undefined, 'strategic');
        const reason = pressure ? 'NodeHasInsufficientMemory' : 'NodeHasSufficientMemory';
        // As the kubelet's nodeRef: a Node's events name it by its name, UID included.
        void events.record({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } }, { type: 'Normal', reason, message: `Node ${name} status is now: ${reason}` });
      },
      pressureReported: () => memoryPressure()?.status === 'True',
    };
  }

  /** True when the lease was renewed. */
  private async renewLease(name: string): Promise<boolean> {
    const lease = { holderIdentity: name, renewTime: new Date().toISOString(), leaseDurationSeconds };
    return renewNodeLease(this.leaseBucket!, name, lease).then(() => true, (e: Error) => {
      this.log.warn({ err: e.message, node: name }, 'lease renewal failed');
      return false;
    });
  }

  private async startLeases(clock: LabClock): Promise<void> {
    this.leaseBucket = await nodeLeases(this.client.connection, this.client.bucketReplicas);
    const renew = async () => {
      for (const [name, host] of this.hosts) {
        // A stopped kubelet renews nothing: its lease runs out and the node controller marks the node NotReady.
        if (!host.kubeletRunning) continue;
        // The status loop's other half: a node still marked not Ready once renewals work again
        // (they can fail for a while after NATS comes back, when no Node change is left to react to).
        const node = this.nodes?.get('', name);
        if ((await this.renewLease(name)) && node) void this.reassertReady(node);
      }
    };
    await renew();
    this.leaseTimer = setInterval(() => void renew(), clock.realMs(leaseRenewSeconds));
  }

  /**
   * As the kubelet's status loop: a node of this agent that the node controller marked
   * not Ready while the agent was silent (paused, cut off NATS) is reported Ready again
   * once the agent hears of it, its lease renewed first so the controller agrees.
   */
  private async watchOwnNodes(): Promise<void> {
    const nodes = new Informer<Node>(this.client, { group: '', version: 'v1', plural: 'nodes', kind: 'Node' }, { parts: [...this.hosts.keys()].map(nodeNamed) });
    this.nodes = nodes;
    nodes.onChange((type, node) => {
      if (type !== 'DELETED') void this.reassertReady(node);
    });
    this.informers.push(nodes);
    await nodes.start();
  }

  private async reassertReady(node: Node): Promise<void> {
    const name = node.metadata.name!;
    const id = this.identities.get(name);
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
    if (!id || !ready || ready.status === 'True' || this.reasserting.has(name) || this.hosts.get(name)?.kubeletRunning === false) return;
    this.reasserting.add(name);
    try {
      if (!(await this.renewLease(name))) return;
      await registerNode(this.client.forNode(name), id);
      this.log.info({ node: name }, 'node reported Ready again');
    } catch (e) {
      this.log.warn({ err: (e as Error).message, node: name }, 'node status not reported');
    } finally {
      this.reasserting.delete(name);
    }
  }

  /** Asks the agent of the pod's node for an HTTP GET to it; undefined when it cannot answer. */
  private async remoteHttp(pod: Pod, port: number, path: string): Promise<HttpResponse | undefined> {
    try {
      const msg = await this.client.connection.request(subjects.agentHttp(pod.spec?.nodeName ?? ''), encoder.encode(JSON.stringify({ podIP: pod.status?.podIP, port, path })), { timeout: 2000 });
      return (JSON.parse(decoder.decode(msg.data)) as { answer?: HttpResponse }).answer;
    } catch {
      return undefined;
    }
  }

  /** Answers what other processes ask of this agent's nodes: HTTP to their pods, logs, chaos drills, exec/attach/port-forward, a shell on the node. */
  private serveNodeRequests(clock: LabClock): void {
    // The nodes' machines booted as the agent started them.
    const booted = new Date();
    for (const [name, host] of this.hosts) {
      const disk: VolumeStore = { kind: 'node', node: name };
      const kubelet = new KubeletService(name, {
        stop: () => host.stopKubelet(),
        start: async () => {
          host.startKubelet();
          const node = this.nodes?.get('', name);
          if ((await this.renewLease(name)) && node) await this.reassertReady(node);
        },
        disk: async (read) => {
          const volume = (await this.stores.acquire(disk)).volume;
          try {
            return read({
              read: (path) => (volume.stat(encodeUtf8(path))?.kind === 'file' ? decodeUtf8(volume.readFile(encodeUtf8(path))) : undefined),
              exists: (path) => volume.stat(encodeUtf8(path)) !== undefined,
            });
          } finally {
            this.stores.release(disk);
          }
        },
        sleep: (seconds) => clock.sleep(seconds),
        cri: host.cri,
      });
      this.kubelets.set(name, kubelet);
      const shell: NodeShellDeps = {
        node: name, clock, services: kubelet,
        acquireDisk: async () => {
          this.readManifestsOn(name);
          return (await this.stores.acquire(disk)).volume;
        },
        releaseDisk: () => this.stores.release(disk),
        http: (url, request) => this.network.http(url, { namespace: '', name: '' }, request),
        processes: () => nodeProcesses(kubelet, host.sandboxProcesses(), booted),
      };
      this.subscriptions.push(serveContainerStreams(this.client.connection, name, (request) => {
        this.log.debug({ node: name, pod: request.pod, kind: request.kind }, 'stream opened');
        if (request.kind === 'ssh') return { ok: true, run: (stream) => void runNodeShell(shell, request, stream) };
        if (!host.kubeletRunning) return failure(500, 'InternalError', host.kubeletRefusal);
        return acceptStream(request, host.worker(request.podUid));
      }));
    }
    for (const name of this.hosts.keys()) {
      this.subscriptions.push(this.client.connection.subscribe(subjects.agentHttp(name), {
        callback: (_err, msg) => {
          const q = JSON.parse(decoder.decode(msg.data)) as { podIP: string; port: number; path: string };
          msg.respond(encoder.encode(JSON.stringify({ answer: this.network.localHttp(q.podIP, q.port, q.path) })));
        },
      }));
    }
    for (const [name, host] of this.hosts) {
      this.subscriptions.push(this.client.connection.subscribe(subjects.agentLogs(name), {
        callback: (_err, msg) => {
          const request = JSON.parse(decoder.decode(msg.data)) as LogRequest;
          const reply: ApiBusReply = host.readLogs(request, this.pods.get(request.namespace, request.pod));
          msg.respond(encoder.encode(JSON.stringify(reply)));
        },
      }));
      this.subscriptions.push(this.client.connection.subscribe(subjects.agentChaos(name), {
        callback: (_err, msg) => {
          const request = JSON.parse(decoder.decode(msg.data)) as PodChaosRequest;
          this.log.info({ node: name, pod: request.pod, chaos: request.chaos.action }, 'chaos drill');
          msg.respond(encoder.encode(JSON.stringify(host.chaos(request, this.pods.get(request.namespace, request.pod)))));
        },
      }));
    }
  }

  /**
   * Claims and PersistentVolumes as the event stream brings them (no informer: a kubelet may only get the ones its pods
   * use): a change wakes the pods waiting to mount one, and a deleted volume whose reclaim policy is Delete takes its
   * files with it, removed by every agent that hears of it (network volumes) or by the agent of its node (node disks).
   * A volume deleted while no agent runs keeps its files in the bucket.
   */
  private followStorageObjects(): void {
    this.subscriptions.push(this.client.connection.subscribe(subjects.events, {
      callback: (_err, msg) => {
        const summary = eventSummary(msg.headers);
        if (summary && summary.kind !== 'PersistentVolumeClaim' && summary.kind !== 'PersistentVolume') return;
        const event = JSON.parse(decoder.decode(msg.data)) as BusEvent;
        if (isAuditEntry(event.type) || (event.kind !== 'PersistentVolumeClaim' && event.kind !== 'PersistentVolume')) return;
        for (const host of this.hosts.values()) host.storageChanged(event.kind, event.namespace ?? '', event.name);
        if (event.kind === 'PersistentVolume' && event.watchType === 'DELETED') this.removeFilesOf(event.object as PersistentVolume);
      },
    }));
  }

  private removeFilesOf(volume: PersistentVolume): void {
    const nodes = [...this.hosts.values()].map((host) => this.nodeFacts(host.node));
    for (const { store, path } of filesOfDeletedVolume(volume, nodes)) {
      this.stores.remove(store, path).then(
        () => this.log.info({ volume: volume.metadata.name, path }, 'deleted volume\'s files removed'),
        (e: Error) => this.log.warn({ volume: volume.metadata.name, err: e.message }, 'deleted volume\'s files not removed'),
      );
    }
  }

  /** A node of this agent with its labels as the API has them now (a user may have labelled it), else as it registered. */
  private nodeFacts(registered: Node): NodeFacts {
    const name = registered.metadata.name!;
    return { name, labels: (this.nodes?.get('', name) ?? registered).metadata.labels ?? {} };
  }

  private async watchPods(): Promise<void> {
    this.pods.onChange((type, pod) => this.route(type, pod));
    this.informers.push(this.pods);
    await this.pods.start();
  }

  /**
   * Makes each node's manifest folder in the lab's data dir, and checks them and the nodes' own static pod paths as
   * the kubelet's file source does (every 20 s, scaled).
   */
  private watchStaticPods(clock: LabClock): void {
    const dir = this.config.staticPodDir;
    // The lab's folder per node, as kubeadm makes /etc/kubernetes/manifests: there for a learner to put a manifest in.
    if (dir) for (const name of this.hosts.keys()) mkdirSync(join(dir, name), { recursive: true });
    if (this.hosts.has(controlPlaneNodeName)) this.readManifestsOn(controlPlaneNodeName);
    void this.lookAtManifests();
    this.staticTimer = setInterval(() => void this.lookAtManifests(), clock.realMs(staticPodCheckSeconds));
  }

  /** One look at the manifests at a time; one asked for while a look is under way follows it (the kubelet's inotify and 20 s re-list). */
  private lookAtManifests(): Promise<void> {
    if (this.checking) {
      this.checkAgain = true;
      return this.checking;
    }
    this.checking = this.checkStaticPods().catch((e: Error) => this.log.warn({ err: e.message }, 'static pod manifests not checked')).finally(() => {
      this.checking = undefined;
      if (this.checkAgain) {
        this.checkAgain = false;
        void this.lookAtManifests();
      }
    });
    return this.checking;
  }

  /** From now on the kubelet of `node` reads the manifest folder on the node's own disk (held open until the agent stops). */
  private readManifestsOn(node: string): void {
    if (this.manifestDisks.has(node)) return;
    this.manifestDisks.set(node, this.stores.acquire({ kind: 'node', node }).then((held) => {
      // A manifest written, changed or removed is looked at once, as the kubelet's file source hears of it from inotify.
      held.volume.onChange((path) => {
        const folder = this.kubelets.get(node)?.staticPodPath?.replace(/\/$/, '');
        if (folder && decodeUtf8(path).startsWith(`${folder}/`)) void this.lookAtManifests();
      });
      return held.volume;
    }, (e: Error) => {
      this.log.warn({ node, err: e.message }, 'node disk not read for static pods');
      this.manifestDisks.delete(node);
      return undefined;
    }));
  }

  /** The manifests in the static pod path the node's kubelet started with, on the node's disk (none while it is not held). */
  private async diskManifests(node: string): Promise<ManifestFile[]> {
    const path = this.kubelets.get(node)?.staticPodPath;
    const volume = await this.manifestDisks.get(node);
    if (!volume || !path || volume.stat(encodeUtf8(path))?.kind !== 'dir') return [];
    return volume.list(encodeUtf8(path)).map(decodeUtf8).filter(isManifestFile).sort().flatMap((file) => {
      const at = encodeUtf8(`${path.replace(/\/$/, '')}/${file}`);
      return volume.stat(at)?.kind === 'file' ? [{ file, text: decodeUtf8(volume.readFile(at)) }] : [];
    });
  }

  /** Each node's manifests against its mirror pods: the missing made, the stale deleted, static pods whose manifest went stopped. */
  private async checkStaticPods(): Promise<void> {
    const dir = this.config.staticPodDir;
    for (const [name, host] of this.hosts) {
      // A stopped kubelet reads no manifest: its static pods run on as they were, their mirror pods untouched.
      if (!host.kubeletRunning) continue;
      const files = [...(dir ? manifestFiles(join(dir, name)) : []), ...(await this.diskManifests(name))];
      const folder = this.kubelets.get(name)?.staticPodPath?.replace(/\/$/, '');
      const wanted = mirrorPods(files, host.node, this.log, (file, why) => {
        const path = `${folder}/${file}`;
        this.kubelets.get(name)?.say('E', 'file.go:187', `"Could not process manifest file" err=${JSON.stringify(`${path}: ${why}`)} path="${path}"`);
      });
      if (name === controlPlaneNodeName) await this.tellStaticPodStarts(name, wanted);
      this.staticPods.set(name, new Set(wanted.map(staticPodKey)));
      host.keepStaticPods(this.staticPods.get(name)!);
      const existing = existingMirrors(this.pods.list(), name);
      const replaced = replacedMirrors(wanted, existing);
      for (const stale of replaced) {
        host.podRemoved(stale);
        await this.client.forNode(name).delete(pods, stale.metadata.namespace!, stale.metadata.name!, 0).catch(() => undefined);
      }
      const kept = existing.filter((p) => !replaced.includes(p));
      for (const pod of wanted) host.runStaticPod(pod);
      await syncMirrorPods(this.client.forNode(name), wanted, kept, this.log);
    }
  }

  /** Tells the supervisor how each control-plane program of the node's static pods would start (before any API call, which may be what fails). */
  private async tellStaticPodStarts(node: string, wanted: readonly Pod[]): Promise<void> {
    const volume = await this.manifestDisks.get(node);
    const catalog = this.catalog;
    if (!volume || !catalog) return;
    const pods = staticPodStarts(wanted, {
      hasFile: (path) => volume.stat(encodeUtf8(path)) !== undefined,
      hasImage: (image) => lookupImage(catalog, image).found,
      now: new Date(),
      etcdClientUrls: etcdClientUrls(nodeAddressOf(this.identities.get(node)?.index ?? 0)),
    });
    const starts: StaticPodStarts = { node, pods };
    this.client.connection.publish(subjects.staticPodStarts(node), encoder.encode(JSON.stringify(starts)));
  }

  private workerOf(uid: string) {
    for (const host of this.hosts.values()) {
      const worker = host.worker(uid);
      if (worker) return worker;
    }
    return undefined;
  }

  private route(type: 'ADDED' | 'MODIFIED' | 'DELETED', pod: Pod): void {
    const nodeName = pod.spec?.nodeName ?? '';
    const host = this.hosts.get(nodeName);
    if (!host) return;
    // A mirror pod deleted through the API while its manifest stays: the static pod runs on, and its mirror is made again.
    const staticPodStays = isMirrorPod(pod) && this.staticPods.get(nodeName)?.has(staticPodKey(pod));
    if (type === 'DELETED') {
      host.podRemoved(pod);
      if (staticPodStays) void this.lookAtManifests();
    } else if (pod.metadata.deletionTimestamp && staticPodStays) {
      host.mirrorPodDeleted(pod);
    } else {
      host.podChanged(pod);
    }
  }

  async stop(): Promise<void> {
    this.stopFollowingImages?.();
    this.flushDrops?.();
    clearInterval(this.leaseTimer);
    clearInterval(this.staticTimer);
    for (const node of this.manifestDisks.keys()) this.stores.release({ kind: 'node', node });
    this.informers.forEach((i) => i.stop());
    this.subscriptions.forEach((s) => s.unsubscribe());
    for (const host of this.hosts.values()) host.stop();
    await this.stores.stop();
    await this.client.close();
  }
}

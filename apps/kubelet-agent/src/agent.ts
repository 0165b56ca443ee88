/**
 * The kubelet-agent process: hosts one or many emulated nodes. For each it
 * registers the Node, renews its lease in the NATS KV bucket, runs a worker per pod
 * bound to it, and answers log requests. The pod informer is shared by all nodes, and
 * so are the volume stores (PersistentVolumes' files, the nodes' disks). As a kubelet
 * watches pods with spec.nodeName and its own Node by name, the agent caches whole only
 * its nodes' pods and Nodes; the emulated network keeps what it routes by of every pod
 * (podNetworkView), as a CNI agent keeps every endpoint's address and labels, once its containers
 * may connect (pod-directory.ts).
 */
import {
  isAuditEntry, shareConditions, shareStrings, type ConfigMap, type Namespace, type NetworkPolicy, type Node, type PersistentVolume, type Pod, type Secret, type Service,
} from '@kubelab/api';
import {
  agentLane, ApiClient, EventRecorder, followImageAdditions, imageAdditions, Informer, labClockConfigMap, laneSubject, listen, nodeLeases, nodeServiceUnits, nodeUsage, podLane, putNodeUsage, renewNodeLease, serveContainerStreams, stripManagedFields, subjects, summaryOf,
  type ApiBusReply, type BusEvent, type InformerPart, type Listening, type NodeServiceState, type PodChaosRequest, type StaticPodLog, type StaticPodStarts, type VolumeStore,
} from '@kubelab/bus';
import { lookupImage } from '@kubelab/images';
import type { NodeFacts } from '@kubelab/scheduling';
import type { KV, Subscription } from 'nats';
import type { Logger } from 'pino';
import type { AgentConfig } from './config.js';
import { registerNode } from './node-registration.js';
import type { LiveCatalog } from './live-catalog.js';
import { certificateValidity, decodeUtf8, encodeUtf8, type HttpResponse, type Volume } from '@kubelab/shell';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EmulatedNetwork, podNetworkView, type HostEntry } from './cluster-network.js';
import { PodDirectory } from './pod-directory.js';
import { followServedCorefile } from './served-corefile.js';
import { dropReports } from './drop-reports.js';
import { isManifestFile, isMirrorPod, manifestFiles, mirrorPods, mirrorPodsByNode, replacedMirrors, staticPodKey, syncMirrorPods, type ManifestFile } from './static-pods.js';
import { controlPlaneNodeName, etcdClientUrls, etcdServerCertificate } from './volumes/control-plane-files.js';
import { machineClock } from './machine-clock.js';
import { nodeEtcd } from './node-etcd.js';
import { nodeKubeadm, type KubeadmView } from './node-kubeadm.js';
import { staticPodStarts } from './static-pod-starts.js';
import { NodeHost, type LogRequest, type UsageSink } from './node-host.js';
import { memoryPressureCondition } from './memory-pressure.js';
import { LabTime } from './runtime/lab-time.js';
import { nodeAddressOf, nodeObject, type NodeIdentity } from './node-object.js';
import { kubeletKubeconfigPath } from './kubelet-config.js';
import { apiServerEndpoint, kubeadmJoinFiles, type KubeletClusterSettings } from './volumes/kubeadm-files.js';
import { LabClock } from './runtime/lab-clock.js';
import type { HttpOrigin } from './runtime/emulated-container.js';
import { KubeletService } from './kubelet-service.js';
import { runNodeShell, type NodeShellDeps } from './streams/node-shell.js';
import { nodeProcessTable } from './node-processes.js';
import { nodeNetwork, nodeRouteView } from './node-network.js';
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
const podsBoundTo = (node: string): InformerPart => ({ fieldSelector: `spec.nodeName=${node}`, holds: (event) => event.nodeNames.includes(node), lane: podLane(node) });
/** A kubelet's own Node, by name. */
const nodeNamed = (node: string): InformerPart => ({ fieldSelector: `metadata.name=${node}`, holds: (event) => event.name === node });

export class Agent {
  private readonly hosts = new Map<string, NodeHost>();
  /** Each node's systemd: the kubelet's unit a learner stops and starts over `kubelab ssh`. */
  private readonly kubelets = new Map<string, KubeletService>();
  private subscriptions: (Subscription | Listening)[] = [];
  private leaseTimer?: NodeJS.Timeout;
  private staticTimer?: NodeJS.Timeout;
  /** Per node, the static pods its manifests hold (namespace/name) and the config hash of each, as of the last check. */
  private readonly staticPods = new Map<string, Map<string, string | undefined>>();
  /**
   * The node disks whose manifest folder the kubelet reads, held open: the control plane's from the start (kubeadm's
   * manifests are on it), any other once a shell opened it (a disk nobody opened has an empty folder).
   */
  private readonly manifestDisks = new Map<string, Promise<Volume | undefined>>();
  /** Per node, the log entries recording the shell sessions open on it (`kubelab ssh`), oldest first. */
  private readonly shellSessions = new Map<string, number[]>();
  /** Per node, the session whose edit of a manifest the next look at its manifests answers: the cause of what follows. */
  private readonly manifestEdits = new Map<string, number>();
  private pods!: Informer<Pod>;
  private network!: EmulatedNetwork;
  /** Sends what open bursts of dropped connections still owe. */
  private flushDrops?: () => void;
  private readonly informers: Pick<Informer, 'stop'>[] = [];
  private readonly identities = new Map<string, NodeIdentity>();
  private readonly reasserting = new Set<string>();
  /** The Nodes as the api-server has them, for the status loop. */
  private nodes?: Informer<Node>;
  /** Every Node's pod range and address, as kindnet keeps them to route to the other nodes' pods. */
  private nodeDirectory?: Informer<Node>;
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
  /** What kubeadm on the agent's nodes reads of the cluster, once the agent follows it. */
  private kubeadmView?: KubeadmView;

  private constructor(private readonly client: ApiClient, private readonly config: AgentConfig, private readonly log: Logger) {
    const warn = (fields: Record<string, unknown>, message: string) => log.warn(fields, message);
    this.cluster = { clusterDns: config.clusterDns, clusterDomain: config.clusterDomain, clusterCa: () => this.clusterCa?.() };
    this.stores = new VolumeStores(() => bucketBackend(client.connection, client.bucketReplicas, warn), {
      writeDelayMs: volumeWriteDelayMs, retryMs: volumeWriteRetryMs, readTimeoutMs: volumeReadTimeoutMs, warn,
      cluster: this.cluster, ...(config.awaitJoin ? { unjoined: new Set(config.nodeNames) } : {}),
    });
  }

  /** The cluster settings the kubelet's files name. */
  private readonly cluster: KubeletClusterSettings;

  /** The nodes whose machines have not joined the cluster yet: their kubelet waits for `kubeadm join`, their Node is not registered. */
  private readonly unjoined = new Set<string>();

  /** Whether `node`'s machine has joined: its disk has the kubelet.conf `kubeadm join` leaves. */
  private async joined(node: string): Promise<boolean> {
    const store: VolumeStore = { kind: 'node', node };
    const volume = (await this.stores.acquire(store)).volume;
    try {
      return volume.stat(encodeUtf8(kubeletKubeconfigPath)) !== undefined;
    } finally {
      this.stores.release(store);
    }
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
    // What a kubelet lists and watches: the pods bound to its node (here, to each of its nodes), without their
    // managedFields, which no part of a kubelet reads and which are a third of each pod the agent holds while it runs,
    // and with one copy of each string their pods repeat (an image, a condition, a node's name), as the controllers cache them.
    agent.pods = new Informer<Pod>(client, pods, {
      parts: config.nodeNames.map(podsBoundTo), transform: (pod) => shareConditions(shareStrings(stripManagedFields(pod))), lanes: true,
      indexers: { [mirrorPodsByNode.name]: mirrorPodsByNode.valuesOf },
    });
    const podDirectory = new PodDirectory(agent.pods, () => new Informer<Pod>(client, pods, { transform: podNetworkView }));
    // Each on the agents' lane of the event stream, as the pods on their nodes' lanes: NATS brings an agent only what it caches.
    const lanes = { lanes: true };
    const services = new Informer<Service>(client, servicesRef, lanes);
    const configMaps = new Informer<ConfigMap>(client, { group: '', version: 'v1', plural: 'configmaps', kind: 'ConfigMap' }, lanes);
    const secrets = new Informer<Secret>(client, { group: '', version: 'v1', plural: 'secrets', kind: 'Secret' }, lanes);
    // NetworkPolicies, and Namespaces for their namespaceSelectors: what the emulated network enforces.
    const networkPolicies = new Informer<NetworkPolicy>(client, { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', kind: 'NetworkPolicy' }, lanes);
    const namespaces = new Informer<Namespace>(client, { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace' }, lanes);
    for (const informer of [services, configMaps, secrets, networkPolicies, namespaces]) await informer.start();
    agent.informers.push(services, configMaps, secrets, networkPolicies, namespaces, podDirectory);
    agent.nodeDirectory = new Informer<Node>(client, { group: '', version: 'v1', plural: 'nodes', kind: 'Node' }, { transform: nodeRouteView, lanes: true });
    await agent.nodeDirectory.start();
    agent.informers.push(agent.nodeDirectory);
    agent.clusterCa = () => configMaps.get('default', 'kube-root-ca.crt')?.data?.['ca.crt'];
    agent.kubeadmView = {
      configMap: (ns, name) => configMaps.get(ns, name), secrets: (ns) => secrets.list().filter((secret) => secret.metadata.namespace === ns), nodes: () => agent.nodeDirectory?.list() ?? [],
      clusterCa: agent.clusterCa, apiServer: apiServerEndpoint, joinFiles: () => kubeadmJoinFiles(agent.cluster),
    };
    const configData = { configMap: (ns: string, name: string) => configMaps.get(ns, name), secret: (ns: string, name: string) => secrets.get(ns, name) };
    const drops = dropReports(client, clock, log);
    agent.flushDrops = drops.flush;
    const network = new EmulatedNetwork(services, podDirectory, (uid) => agent.workerOf(uid), (pod, port, path, origin) => agent.remoteHttp(pod, port, path, origin), {
      networkPolicies: () => networkPolicies.list(),
      namespace: (name) => namespaces.get('', name),
    }, drops.report, {
      request: (request) => client.podHttp(request).catch(() => undefined),
      ca: agent.clusterCa,
    }, config.clusterDnsFromPods, followServedCorefile(configMaps));
    agent.network = network;
    for (const [i, name] of config.nodeNames.entries()) {
      const id: NodeIdentity = {
        name, index: config.nodeIndexBase + i, cpu: config.cpu, memory: config.memory, maxPods: config.maxPods, labels: config.nodeLabels, taints: config.registerWithTaints,
      };
      agent.identities.set(name, id);
      const kubelet = client.forNode(name);
      if (config.awaitJoin && !(await agent.joined(name))) agent.unjoined.add(name);
      // A machine that has not joined registers no Node: its kubelet does, once `kubeadm join` lets it start.
      const node = agent.unjoined.has(name) ? nodeObject(id, new Date().toISOString()) : await registerNode(kubelet, id);
      const events = new EventRecorder(kubelet, { component: 'kubelet', host: name }, log);
      agent.hosts.set(name, new NodeHost(node, {
        clock, time, client: kubelet, events, catalog, network, config: configData,
        // What the running kubelet's configuration said at its last start; the node's flags until a start read it.
        dns: () => {
          const started = agent.kubelets.get(name)?.dns;
          return { nameserver: started?.clusterDns ?? config.clusterDns, domain: started?.clusterDomain ?? config.clusterDomain };
        },
        services: () => services.list(), log: log.child({ node: name }), stores: agent.stores,
        nodeFacts: () => agent.nodeFacts(node), nodeServices: () => agent.kubelets.get(name), runningKubelet: () => agent.kubelets.get(name),
      }, config.usage ? agent.usageSink(name, kubelet, events) : undefined));
      if (agent.unjoined.has(name)) agent.hosts.get(name)!.stopKubelet();
    }
    machineClock.observe(configMaps.get(labClockConfigMap.namespace, labClockConfigMap.name));
    configMaps.onChange((type, object) => {
      if (object.metadata.namespace !== labClockConfigMap.namespace || object.metadata.name !== labClockConfigMap.name) return;
      // The machines' clock moved: the control plane's certificates are looked at again at its time, as caused by the move.
      if (machineClock.observe(type === 'DELETED' ? undefined : object)) agent.lookAgain(Number(object.metadata.resourceVersion));
    });
    // The kubelet's resync of configMap and secret volumes: a running pod's files follow an edit of their source.
    for (const [kind, informer] of [['ConfigMap', configMaps], ['Secret', secrets]] as const) {
      informer.onChange((type, object) => {
        if (type === 'DELETED') return;
        const source = { kind, namespace: object.metadata.namespace ?? '', name: object.metadata.name ?? '' };
        for (const host of agent.hosts.values()) host.volumeSourceChanged(source);
      });
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

  /** A machine's kubelet started for the first time after `kubeadm join`: it registers its Node, which then turns Ready. */
  private async registerJoined(name: string): Promise<void> {
    const id = this.identities.get(name)!;
    await registerNode(this.client.forNode(name), id).catch((e: Error) => this.log.warn({ node: name, err: e.message }, 'node not registered'));
    this.log.info({ node: name }, 'node joined the cluster');
  }

  /** The kubelet's release in its Node's status.nodeInfo (`kubectl get nodes` VERSION), once it runs as another than the Node says. */
  private async reportKubeletVersion(name: string, version: string): Promise<void> {
    const id = this.identities.get(name);
    if (!id) return;
    id.kubeletVersion = version;
    if (this.nodes?.get('', name)?.status?.nodeInfo?.kubeletVersion === version) return;
    await this.client.forNode(name).patchStatus(nodesRef, '', name, { status: { nodeInfo: { kubeletVersion: version, kubeProxyVersion: version } } }, undefined, 'strategic')
      .catch((e: Error) => this.log.warn({ node: name, err: e.message }, 'kubelet version not reported'));
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
    const nodes = new Informer<Node>(this.client, { group: '', version: 'v1', plural: 'nodes', kind: 'Node' }, { parts: [...this.hosts.keys()].map(nodeNamed), lanes: true });
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

  /** Asks the agent of the pod's node for an HTTP GET to it (with who asks, when known); undefined when it cannot answer. */
  private async remoteHttp(pod: Pod, port: number, path: string, origin?: HttpOrigin): Promise<HttpResponse | undefined> {
    try {
      const msg = await this.client.connection.request(subjects.agentHttp(pod.spec?.nodeName ?? ''), encoder.encode(JSON.stringify({ podIP: pod.status?.podIP, port, path, ...origin })), { timeout: 2000 });
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
      // The kubelet refers to its Node by name as its uid, as the real one does.
      const self = { apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name } };
      const systemd = new EventRecorder(this.client.forNode(name), { component: 'systemd', host: name }, this.log);
      const kubeletEvents = new EventRecorder(this.client.forNode(name), { component: 'kubelet', host: name }, this.log);
      const kubelet = new KubeletService(name, {
        stop: (cause) => {
          host.stopKubelet();
          void systemd.record(self, { type: 'Warning', reason: 'KubeletStopped', message: `kubelet.service stopped on ${name}: its containers run on, and the node goes NotReady once its lease is not renewed for 40 s` }, undefined, cause);
        },
        start: async (cause) => {
          host.startKubelet();
          if (this.unjoined.delete(name)) await this.registerJoined(name);
          void kubeletEvents.record(self, { type: 'Normal', reason: 'Starting', message: 'Starting kubelet.' }, undefined, cause);
          await this.reportKubeletVersion(name, kubelet.version);
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
        ...(name === controlPlaneNodeName ? { etcd: nodeEtcd(name, nodeAddressOf(this.identities.get(name)?.index ?? 0), host.cri, this.client.forNode(name)) } : {}),
        ...(this.kubeadmView ? { kubeadm: nodeKubeadm(this.kubeadmView, this.client.forNode(name)) } : {}),
        network: nodeNetwork(name, this.identities.get(name)?.index ?? 0, {
          nodes: () => this.nodeDirectory?.list() ?? [],
          pods: { sandboxes: () => host.cri.sandboxes(), pod: (uid) => host.worker(uid)?.runtimePod },
          processes: () => shell.processes.list(),
        }),
      }, () => machineClock.now());
      if (this.unjoined.has(name)) kubelet.awaitJoin();
      this.kubelets.set(name, kubelet);
      void kubelet.readVersion().then((version) => this.reportKubeletVersion(name, version));
      const shell: NodeShellDeps = {
        node: name, clock, services: kubelet,
        acquireDisk: async () => {
          this.readManifestsOn(name);
          return (await this.stores.acquire(disk)).volume;
        },
        releaseDisk: () => this.stores.release(disk),
        sessionOpened: (record) => {
          const open = this.shellSessions.get(name) ?? [];
          this.shellSessions.set(name, [...open, record]);
          return () => this.shellSessions.set(name, (this.shellSessions.get(name) ?? []).filter((seq) => seq !== record));
        },
        http: (url, request) => this.network.http(url, { namespace: '', name: '' }, request),
        processes: nodeProcessTable({ services: kubelet, signalUnit: (pid, signal) => kubelet.signalMain(pid, signal), pods: () => host.sandboxProcesses(), boot: booted }),
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
          // clientIP and host come from another agent's pods (whose agent applied the policies); the host's proxies send the
          // Host they were asked for, the request's other headers and how it entered, which the pod's policies judge here.
          const q = JSON.parse(decoder.decode(msg.data)) as { podIP: string; port: number; path: string; clientIP?: string; host?: string; headers?: [string, string][]; via?: 'node' | 'ingress' | 'client' };
          const origin: HttpOrigin = { ...(q.clientIP ? { clientIP: q.clientIP } : {}), ...(q.host ? { host: q.host } : {}), ...(q.headers ? { headers: q.headers } : {}) };
          const entry: HostEntry | undefined = q.via === 'ingress' ? { via: 'ingress' }
            : q.via === 'node' ? { via: 'node', nodeIP: nodeAddressOf(this.identities.get(name)?.index ?? 0) }
            : q.via === 'client' && q.clientIP ? { via: 'client', clientIP: q.clientIP } : undefined;
          const answer = entry ? this.network.hostHttp(q.podIP, q.port, q.path, origin, entry) : this.network.localHttp(q.podIP, q.port, q.path, origin);
          msg.respond(encoder.encode(JSON.stringify({ answer })));
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
      this.subscriptions.push(this.client.connection.subscribe(subjects.agentServices(name), {
        callback: (_err, msg) => {
          const kubelet = this.kubelets.get(name);
          const units: NodeServiceState[] = nodeServiceUnits.flatMap((unit) => {
            const u = kubelet?.unit(unit);
            return u ? [{ unit, active: u.active, sub: u.sub, since: u.since.toISOString() }] : [];
          });
          msg.respond(encoder.encode(JSON.stringify(units)));
        },
      }));
      this.subscriptions.push(this.client.connection.subscribe(subjects.agentStaticPodLog(name), {
        callback: (_err, msg) => msg.respond(encoder.encode(JSON.stringify({ appended: host.staticPodLog(JSON.parse(decoder.decode(msg.data)) as StaticPodLog) }))),
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
    this.subscriptions.push(listen(this.client.connection, laneSubject(agentLane), (msg) => {
      // Its summary is the one the agent's informers read of the same message (a beacon's says no kind).
      const summary = summaryOf(msg);
      if (isAuditEntry(summary.type) || (summary.kind !== 'PersistentVolumeClaim' && summary.kind !== 'PersistentVolume')) return;
      for (const host of this.hosts.values()) host.storageChanged(summary.kind, summary.namespace, summary.name);
      if (summary.kind !== 'PersistentVolume') return;
      const event = JSON.parse(decoder.decode(msg.data)) as BusEvent;
      if (event.watchType === 'DELETED') this.removeFilesOf(event.object as PersistentVolume);
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

  /** Looks at the control plane's manifests again, as caused by the log entry `cause`. */
  private lookAgain(cause: number): void {
    if (this.hosts.has(controlPlaneNodeName)) this.manifestEdits.set(controlPlaneNodeName, cause);
    void this.lookAtManifests();
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
        const changed = decodeUtf8(path);
        // A control-plane node's certificates and kubeconfigs (kubeadm certs renew) decide whether its programs work, as its manifests do.
        const credentials = node === controlPlaneNodeName && changed.startsWith('/etc/kubernetes/');
        if (!credentials && (!folder || !changed.startsWith(`${folder}/`))) return;
        // Only shells write a node's /etc: the newest one open on it made this edit.
        const editor = this.shellSessions.get(node)?.at(-1);
        if (editor !== undefined) this.manifestEdits.set(node, editor);
        void this.lookAtManifests();
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
      const edit = this.manifestEdits.get(name);
      this.manifestEdits.delete(name);
      const files = [...(dir ? manifestFiles(join(dir, name)) : []), ...(await this.diskManifests(name))];
      const folder = this.kubelets.get(name)?.staticPodPath?.replace(/\/$/, '');
      const wanted = mirrorPods(files, host.node, this.log, (file, why) => {
        const path = `${folder}/${file}`;
        this.kubelets.get(name)?.say('E', 'file.go:187', `"Could not process manifest file" err=${JSON.stringify(`${path}: ${why}`)} path="${path}"`);
      });
      if (name === controlPlaneNodeName) await this.tellStaticPodStarts(name, wanted, edit);
      this.staticPods.set(name, new Map(wanted.map((p) => [staticPodKey(p), p.metadata.annotations?.['kubernetes.io/config.hash']])));
      host.keepStaticPods(new Set(this.staticPods.get(name)!.keys()));
      const existing = this.pods.byIndex(mirrorPodsByNode.name, name);
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
  private async tellStaticPodStarts(node: string, wanted: readonly Pod[], edit: number | undefined): Promise<void> {
    const volume = await this.manifestDisks.get(node);
    const catalog = this.catalog;
    if (!volume || !catalog) return;
    const validity = (path: string) => (volume.stat(encodeUtf8(path))?.kind === 'file' ? certificateValidity(decodeUtf8(volume.readFile(encodeUtf8(path)))) : undefined);
    const host = this.hosts.get(node);
    const pods = staticPodStarts(wanted, {
      running: (hash, name) => host?.runsStaticContainer(hash, name) ?? false,
      hasFile: (path) => volume.stat(encodeUtf8(path)) !== undefined,
      hasImage: (image) => lookupImage(catalog, image).found,
      validity,
      now: machineClock.now(),
      etcdClientUrls: etcdClientUrls(nodeAddressOf(this.identities.get(node)?.index ?? 0)),
      etcdServing: validity(etcdServerCertificate),
    });
    const starts: StaticPodStarts = { node, pods, ...(edit === undefined ? {} : { cause: edit }) };
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
    // A mirror pod of a manifest the node no longer holds as it was (etcd restored to a snapshot made before an edit): the
    // kubelet never runs it, and deletes it for a mirror pod of what the manifest now says.
    const outdated = staticPodStays && !pod.metadata.deletionTimestamp && type !== 'DELETED'
      && this.staticPods.get(nodeName)?.get(staticPodKey(pod)) !== pod.metadata.annotations?.['kubernetes.io/config.mirror'];
    if (outdated) {
      host.outdatedMirror(pod);
      void this.lookAtManifests();
      return;
    }
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

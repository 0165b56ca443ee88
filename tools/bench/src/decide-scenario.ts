/**
 * `npm run bench -- decide [--pods P] [--rounds R]`: what the api-server's writer decides for each pod a ReplicaSet starts,
 * in this process, without a lab: the pod's create (as the controller-manager sends it), the kubelet's two status reports
 * (ContainerCreating, then Running) and its four Events (Scheduled, Pulled, Created, Started). Each decision's objects are
 * kept as the api-server's store keeps them, in a view indexed by kind. Prints, for the fastest of R rounds of P pods (400
 * and 8 unless told), the milliseconds per pod each step took: decide() is most of the api-server's busy time while pods
 * start, and a round of this bench is steadier than a lab on a shared machine.
 */
import { parseArgs } from 'node:util';
import { decide, kubeTime, resourceTypes, type Command, type CommandContext, type KubeObject, type StateView } from '@kubelab/api';
import { positiveFlag } from './lab-processes.js';

const namespace = 'density';
const image = 'registry.k8s.io/pause:3.10';
const say = (line: string) => process.stdout.write(`${line}\n`);
const resource = (kind: string) => resourceTypes.find((t) => t.kind === kind && !t.group)!;

/** The objects decided so far, by kind, as the store holds them. */
class Store implements StateView {
  private readonly kinds = new Map<string, Map<string, KubeObject>>();

  get(kind: string, ns: string, name: string): KubeObject | undefined {
    return this.kinds.get(kind)?.get(`${ns}/${name}`);
  }

  list(kind: string, ns?: string): KubeObject[] {
    return [...(this.kinds.get(kind)?.values() ?? [])].filter((o) => ns === undefined || o.metadata.namespace === ns);
  }

  /** Decides `command` and keeps what it changed; the time it took, in milliseconds. */
  decide(command: Command, ctx: CommandContext): { ms: number; objects: KubeObject[] } {
    const began = performance.now();
    const decision = decide(command, this, ctx);
    const ms = performance.now() - began;
    for (const { object } of decision.changes) {
      let objects = this.kinds.get(object.kind!);
      if (!objects) this.kinds.set(object.kind!, (objects = new Map()));
      objects.set(`${object.metadata.namespace ?? ''}/${object.metadata.name}`, object);
    }
    return { ms, objects: decision.changes.map((c) => c.object) };
  }
}

let counter = 0;
const context = (): CommandContext => ({
  actor: 'bench', cause: null, now: new Date(), newUid: () => `uid-${++counter}`, randomSuffix: () => (++counter).toString(36), randomInt: () => 0,
  options: { defaultNotReadyTolerationSeconds: 300, defaultUnreachableTolerationSeconds: 300, serviceCidr: '10.96.0.0/12' },
});

const podOfReplicaSet: KubeObject = {
  apiVersion: 'v1', kind: 'Pod',
  metadata: {
    generateName: 'web-6d4cf56db6-', labels: { app: 'web', 'pod-template-hash': '6d4cf56db6' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-6d4cf56db6', uid: 'uid-replicaset', controller: true, blockOwnerDeletion: true }],
  },
  spec: { containers: [{ name: 'pause', image, resources: {} }], terminationGracePeriodSeconds: 30 },
};

/** The kubelet's status of a pod on node-3, while its container is created and once it runs. */
function kubeletStatus(running: boolean, i: number, now: string): object {
  const condition = (type: string, ready: boolean, why = !ready) => ({
    type, status: ready ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: now, ...(why ? { reason: 'ContainersNotReady', message: 'containers with unready status: [pause]' } : {}),
  });
  const podIP = `10.244.${Math.floor(i / 250) % 250}.${(i % 250) + 2}`;
  return {
    phase: running ? 'Running' : 'Pending',
    conditions: [
      condition('PodReadyToStartContainers', running, false), condition('Initialized', true), condition('Ready', running), condition('ContainersReady', running), condition('PodScheduled', true),
    ],
    hostIP: '172.18.0.4', hostIPs: [{ ip: '172.18.0.4' }], startTime: now, qosClass: 'BestEffort',
    ...(running ? { podIP, podIPs: [{ ip: podIP }] } : {}),
    containerStatuses: [{
      name: 'pause', image, ready: running, restartCount: 0, started: running, lastState: {},
      state: running ? { running: { startedAt: now } } : { waiting: { reason: 'ContainerCreating' } },
      imageID: running ? `${image.split(':')[0]}@sha256:${'e'.repeat(64)}` : '', ...(running ? { containerID: `containerd://${i.toString(16).padStart(64, '0')}` } : {}),
    }],
  };
}

/** One Event of the kubelet on node-3 about `pod`, as its recorder writes it. */
function kubeletEvent(pod: KubeObject, reason: string, message: string, now: string): KubeObject {
  const { name, uid, resourceVersion } = pod.metadata;
  return {
    apiVersion: 'v1', kind: 'Event', metadata: { name: `${name}.${(++counter).toString(16)}`, namespace },
    involvedObject: { kind: 'Pod', namespace, name, uid, apiVersion: 'v1', resourceVersion, fieldPath: 'spec.containers{pause}' },
    reason, message, type: 'Normal', source: { component: 'kubelet', host: 'node-3' }, firstTimestamp: now, lastTimestamp: now, count: 1,
    reportingComponent: 'kubelet', reportingInstance: 'node-3',
  };
}

interface Round {
  create: number;
  status: number;
  events: number;
}

/** One pod's create, two status reports and four Events; the milliseconds of each kind of step. */
function startPod(store: Store, i: number): Round {
  const created = store.decide({ type: 'Create', resource: resource('Pod'), namespace, body: structuredClone(podOfReplicaSet), options: { fieldManager: 'kube-controller-manager', fieldValidation: 'Strict' } }, context());
  const pod = created.objects[0];
  const name = pod.metadata.name!;
  const now = kubeTime(new Date());
  let status = 0;
  for (const running of [false, true]) {
    status += store.decide({
      type: 'Patch', resource: resource('Pod'), namespace, name, patchType: 'merge', patch: { status: kubeletStatus(running, i, now) }, subresource: 'status', options: { fieldManager: 'kubelet', fieldValidation: 'Strict' },
    }, context()).ms;
  }
  let events = 0;
  for (const [reason, message] of [
    ['Scheduled', `Successfully assigned ${namespace}/${name} to node-3`], ['Pulled', `Container image "${image}" already present on machine`],
    ['Created', 'Created container: pause'], ['Started', 'Started container pause'],
  ]) {
    events += store.decide({ type: 'Create', resource: resource('Event'), namespace, body: kubeletEvent(pod, reason, message, now), options: { fieldManager: 'kubelet', fieldValidation: 'Strict' } }, context()).ms;
  }
  return { create: created.ms, status, events };
}

export async function runDecideBenchmark(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { pods: { type: 'string' }, rounds: { type: 'string' } } });
  const pods = positiveFlag('pods', values.pods, 400);
  const rounds = positiveFlag('rounds', values.rounds, 8);
  const store = new Store();
  store.decide({ type: 'Create', resource: resource('Namespace'), namespace: '', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } }, options: { fieldValidation: 'Strict' } }, context());
  let best: Round | undefined;
  for (let round = 1; round <= rounds; round++) {
    const sum: Round = { create: 0, status: 0, events: 0 };
    for (let i = 0; i < pods; i++) {
      const took = startPod(store, (round - 1) * pods + i);
      sum.create += took.create;
      sum.status += took.status;
      sum.events += took.events;
    }
    const total = (r: Round) => r.create + r.status + r.events;
    say(`  round ${round}/${rounds}: ${(total(sum) / pods).toFixed(3)} ms per pod`);
    if (!best || total(sum) < total(best)) best = sum;
  }
  const perPod = (ms: number) => `${(ms / pods).toFixed(3)} ms`;
  say(`\ndecide, per pod started (the fastest of ${rounds} rounds of ${pods} pods, ${rounds * pods} pods kept):`);
  say(`  the pod's create:               ${perPod(best!.create)}`);
  say(`  the kubelet's 2 status reports: ${perPod(best!.status)}`);
  say(`  the kubelet's 4 Events:         ${perPod(best!.events)}`);
  say(`  together:                       ${perPod(best!.create + best!.status + best!.events)}`);
}

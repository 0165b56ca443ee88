/** The NATS subjects between kubelab's services: one place, so both ends agree. */
export const subjects = {
  /** Request/reply (Nest @MessagePattern): every api command and read, each sender on its own subject below this (bus-identity.ts). */
  apiRequests: 'kubelab.api.request.>',
  /** Every committed event, published once, in seq order. */
  events: 'kubelab.events',
  /** Request/reply to the api-server that publishes the stream: the events an informer missed (EventReplayRequest). */
  eventReplay: 'kubelab.events.replay',
  /** The newest committed seq, every second: lets consumers notice a lost tail. */
  head: 'kubelab.events.head',
  /** Request/reply to the agent hosting `node`: container logs. */
  agentLogs: (node: string) => `kubelab.agent.${node}.logs`,
  /** Request/reply to the agent hosting `node`: an HTTP GET to one of its pods (the emulated pod network). */
  agentHttp: (node: string) => `kubelab.agent.${node}.http`,
  /** Request/reply to the api-server: one HTTP request a container sends to the API (the `kubernetes` Service), authenticated by its bearer token alone. */
  apiPodHttp: 'kubelab.api.pod-http',
  /** Request/reply to the agent hosting `node`: a chaos drill on one of its pods (crash, oom, unhealthy). */
  agentChaos: (node: string) => `kubelab.agent.${node}.chaos`,
  /** Request/reply to the agent hosting `node`: the state of the node's systemd units (node-services.ts). */
  agentServices: (node: string) => `kubelab.agent.${node}.services`,
  /** Request/reply from the lab's supervisor to the agent hosting `node`: klog lines a control-plane process wrote, for its static pod's running container's log (StaticPodLog; answered `{ appended }`). */
  agentStaticPodLog: (node: string) => `kubelab.agent.${node}.static-pod-log`,
  /** Published by the kubelet of `node` at each look at its manifests: how each control-plane static pod would start (static-pod-starts.ts). */
  staticPodStarts: (node: string) => `kubelab.node.${node}.static-pod-starts`,
} as const;

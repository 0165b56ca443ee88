/** The NATS subjects between kubelab's services: one place, so both ends agree. */
export const subjects = {
  /** Request/reply (Nest @MessagePattern): every api command and read. */
  apiRequest: 'kubelab.api.request',
  /** Request/reply: one HTTP request from a container to the `kubernetes` Service, answered by the api-server's HTTPS handler. */
  apiPodHttp: 'kubelab.api.pod-http',
  /** Every committed event, published once, in seq order. */
  events: 'kubelab.events',
  /** The newest committed seq, every second: lets consumers notice a lost tail. */
  head: 'kubelab.events.head',
  /** Request/reply to the agent hosting `node`: container logs. */
  agentLogs: (node: string) => `kubelab.agent.${node}.logs`,
  /** Request/reply to the agent hosting `node`: an HTTP GET to one of its pods (the emulated pod network). */
  agentHttp: (node: string) => `kubelab.agent.${node}.http`,
  /** Request/reply to the agent hosting `node`: a chaos drill on one of its pods (crash, oom, unhealthy). */
  agentChaos: (node: string) => `kubelab.agent.${node}.chaos`,
} as const;

/**
 * A node's systemd units as the supervisor's GET /status and the dashboard show them: each node's agent answers
 * `subjects.agentServices(node)` with the state of the node's kubelet and containerd, as `systemctl is-active` and
 * `systemctl status` there would say it, so a kubelet a learner stopped shows at once, before its Node goes NotReady.
 */

/** One unit: `kubelet.service` active (running), inactive (dead), activating (auto-restart) after a failed start. */
export interface NodeServiceState {
  unit: string;
  active: 'active' | 'inactive' | 'failed' | 'activating';
  sub: string;
  /** When it entered that state (ISO 8601). */
  since: string;
}

/** The units of the node the agent answers for, in the order `systemctl list-units` lists them. */
export const nodeServiceUnits = ['containerd.service', 'kubelet.service'] as const;

/** What a filter says about a node that cannot take the pod (a framework.Status that is not Success). */

/** The plugin's reasons, and whether removing pods from the node could change its mind. */
export interface Rejection {
  plugin: string;
  reasons: string[];
  /** Unschedulable (true) versus UnschedulableAndUnresolvable (false): only the former is worth preempting for. */
  resolvable: boolean;
}

/** A rejection preemption cannot fix. */
export function unresolvable(plugin: string, reason: string): Rejection {
  return { plugin, reasons: [reason], resolvable: false };
}

/** A rejection that evicting pods from the node might fix. */
export function resolvable(plugin: string, reasons: string[]): Rejection {
  return { plugin, reasons, resolvable: true };
}

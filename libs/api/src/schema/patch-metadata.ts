/**
 * Strategic-merge metadata on list fields (`x-kubernetes-patch-strategy` and
 * `x-kubernetes-patch-merge-key`). kubectl's client-side apply reads it from the
 * OpenAPI v3 documents: without it every list is atomic, so a list the server
 * defaulted (ports gaining `protocol: TCP`) would look changed on every apply.
 */

type PatchMetadata = { 'x-kubernetes-patch-strategy': string; 'x-kubernetes-patch-merge-key'?: string };

const merge = (key: string): PatchMetadata => ({ 'x-kubernetes-patch-strategy': 'merge', 'x-kubernetes-patch-merge-key': key });
const mergePrimitives: PatchMetadata = { 'x-kubernetes-patch-strategy': 'merge' };

/** Keyed by the definition's short name, then the field; as in k8s.io/api's struct tags. */
const table: Record<string, Record<string, PatchMetadata>> = {
  PodSpec: {
    containers: merge('name'), initContainers: merge('name'), ephemeralContainers: merge('name'), volumes: merge('name'),
    imagePullSecrets: merge('name'), hostAliases: merge('ip'), topologySpreadConstraints: merge('topologyKey'),
    resourceClaims: merge('name'), schedulingGates: merge('name'),
  },
  Container: { env: merge('name'), ports: merge('containerPort'), volumeMounts: merge('mountPath'), volumeDevices: merge('devicePath') },
  EphemeralContainer: { env: merge('name'), ports: merge('containerPort'), volumeMounts: merge('mountPath'), volumeDevices: merge('devicePath') },
  ServiceSpec: { ports: merge('port') },
  ObjectMeta: { finalizers: mergePrimitives, ownerReferences: merge('uid') },
  PodStatus: { conditions: merge('type'), podIPs: merge('ip'), hostIPs: merge('ip') },
  NodeStatus: { conditions: merge('type'), addresses: merge('type') },
  NodeSpec: { podCIDRs: mergePrimitives },
  DeploymentStatus: { conditions: merge('type') },
  ReplicaSetStatus: { conditions: merge('type') },
  StatefulSetStatus: { conditions: merge('type') },
  DaemonSetStatus: { conditions: merge('type') },
  JobStatus: { conditions: merge('type') },
  NamespaceStatus: { conditions: merge('type') },
  ServiceStatus: { conditions: merge('type') },
};

/** The patch metadata of `field` in definition `name` (io.k8s.api.core.v1.PodSpec), if any. */
export function patchMetadata(name: string, field: string): PatchMetadata | undefined {
  return table[name.slice(name.lastIndexOf('.') + 1)]?.[field];
}

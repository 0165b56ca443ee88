/**
 * Static pods: manifests in a folder per node that the agent runs on its own, with
 * a mirror pod in the api-server (`NAME-NODE`) so kubectl sees them. A deleted mirror
 * pod comes back at the next check; a removed manifest takes its pod away.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yamlToJsonError, type KubeObject, type Node, type Pod } from '@kubelab/api';
import { ApiRequestError, type ApiClient } from '@kubelab/bus';
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { Logger } from 'pino';
import { parseAllDocuments, YAMLParseError } from 'yaml';

const pods = { group: '', version: 'v1', plural: 'pods' };
const mirrorAnnotation = 'kubernetes.io/config.mirror';

/** A manifest file as the kubelet's file source reads it: its name in the folder, and its text. */
export interface ManifestFile {
  file: string;
  text: string;
}

/** Whether the kubelet's file source reads a file of this name (a manifest, not an editor's backup or swap file). */
export const isManifestFile = (file: string) => /\.(ya?ml|json)$/.test(file);

/** The manifests in the host folder `dir`, in name order. */
export function manifestFiles(dir: string): ManifestFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter(isManifestFile).sort().map((file) => ({ file, text: readFileSync(join(dir, file), 'utf8') }));
}

/**
 * Mirror pods of these manifests for `node`. A file that is not YAML is skipped, as the kubelet's file source skips it
 * (its pod, if it had one, goes); `unreadable` hears why in the kubelet's words.
 */
export function mirrorPods(files: readonly ManifestFile[], node: Node, log: Logger, unreadable: (file: string, why: string) => void = () => undefined): Pod[] {
  return files.flatMap(({ file, text }) => {
    try {
      return podDocuments(text).map((json) => mirrorOf(JSON.parse(json) as Pod, node, file));
    } catch (e) {
      log.warn({ file, err: (e as Error).message }, 'static pod manifest skipped');
      if (e instanceof YAMLParseError) unreadable(file, `couldn't parse as pod(${yamlToJsonError(e).replace(/^error converting YAML to JSON: /, '')}), please check config file`);
      return [];
    }
  });
}

/**
 * The Pod documents of each manifest text read lately (as JSON, so that each read gets objects of its own), or why the
 * text is not YAML: the kubelet's file source reads every manifest every 20 s (scaled), and a text seen again is not
 * parsed again (on an idle lab at time scale 20, parsing the control plane's four manifests was a fifth of its agent's CPU).
 */
const parsedManifests = new Map<string, string[] | Error>();
const parsedManifestsKept = 64;

function podDocuments(text: string): string[] {
  let parsed = parsedManifests.get(text);
  if (parsed === undefined) {
    parsed = parseManifest(text);
    if (parsedManifests.size >= parsedManifestsKept) parsedManifests.delete(parsedManifests.keys().next().value!);
    parsedManifests.set(text, parsed);
  }
  if (parsed instanceof Error) throw parsed;
  return parsed;
}

function parseManifest(text: string): string[] | Error {
  try {
    const documents = parseAllDocuments(text);
    const broken = documents.flatMap((d) => d.errors)[0];
    if (broken) return broken;
    return documents.map((d) => d.toJSON() as Pod | null).filter((m): m is Pod => m?.kind === 'Pod').map((m) => JSON.stringify(m));
  } catch (e) {
    return e as Error;
  }
}

function mirrorOf(manifest: Pod, node: Node, file: string): Pod {
  const nodeName = node.metadata.name!;
  const hash = createHash('sha256').update(JSON.stringify(manifest)).digest('hex').slice(0, 32);
  return {
    ...manifest,
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...manifest.metadata,
      name: `${manifest.metadata?.name}-${nodeName}`,
      namespace: manifest.metadata?.namespace ?? 'default',
      annotations: {
        ...manifest.metadata?.annotations,
        'kubernetes.io/config.source': 'file', 'kubernetes.io/config.hash': hash, [mirrorAnnotation]: hash, 'kubernetes.io/config.seen': file,
      },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: node.metadata.uid!, controller: true }],
    },
    // A manifest without containers is the api-server's to refuse, as it refuses any such pod.
    spec: { ...manifest.spec, nodeName } as PodSpec,
  };
}

/** Creates missing mirror pods and deletes those whose manifest is gone. */
export async function syncMirrorPods(client: ApiClient, wanted: readonly Pod[], existing: readonly Pod[], log: Logger): Promise<void> {
  const wantedKeys = new Set(wanted.map(staticPodKey));
  for (const mirror of wanted) {
    const there = existing.find((p) => staticPodKey(p) === staticPodKey(mirror));
    // A mirror pod left terminating (its manifest went while the api-server did) is deleted at once, and made anew at the next look.
    if (there?.metadata.deletionTimestamp) await client.delete(pods, there.metadata.namespace!, there.metadata.name!, 0).catch(() => undefined);
    if (there) continue;
    await client.create(pods, mirror.metadata.namespace!, mirror).catch((e: Error) => {
      if (!(e instanceof ApiRequestError && e.code === 409)) log.warn({ pod: mirror.metadata.name, err: e.message }, 'mirror pod not created');
    });
  }
  // As the kubelet deletes a mirror pod: at once, its static pod being already gone.
  for (const stale of existing.filter((p) => isMirrorPod(p) && !wantedKeys.has(staticPodKey(p)))) {
    await client.delete(pods, stale.metadata.namespace!, stale.metadata.name!, 0).catch(() => undefined);
  }
}

/**
 * The mirror pods whose manifest changed since they were made (the config hash differs): to the kubelet a changed manifest
 * is a new static pod, so the old one is stopped and its mirror pod deleted, and the new one starts with a new mirror pod.
 */
export function replacedMirrors(wanted: readonly Pod[], existing: readonly Pod[]): Pod[] {
  const hashes = new Map(wanted.map((p) => [staticPodKey(p), p.metadata.annotations?.[mirrorAnnotation]]));
  return existing.filter((p) => {
    const hash = hashes.get(staticPodKey(p));
    return isMirrorPod(p) && !p.metadata.deletionTimestamp && hash !== undefined && hash !== p.metadata.annotations?.[mirrorAnnotation];
  });
}

/** A static pod the kubelet runs before its mirror pod exists: under its config hash as its UID (NodeHost.runStaticPod). */
export const runsWithoutMirror = (pod: Pod) => pod.metadata.uid !== undefined && pod.metadata.uid === pod.metadata.annotations?.['kubernetes.io/config.hash'];

/** namespace/name: what a static pod and each of its mirror pods share (the UID changes when a mirror pod is made again). */
export const staticPodKey = (pod: KubeObject) => `${pod.metadata.namespace}/${pod.metadata.name}`;

/** A mirror pod: the API's reflection of a static pod, which only the manifest controls. */
export const isMirrorPod = (pod: KubeObject) => pod.metadata.annotations?.[mirrorAnnotation] !== undefined;

/**
 * The index of the agent's pod cache that files each mirror pod under its node (other pods under none), so a node's
 * look at its manifests finds its mirror pods without a scan of every pod the agent holds: an agent of 100 nodes
 * scanned its 10,000 pods for each of them every 20 s: 7 % of the agents' CPU in 15 s profiled midway through the
 * 100,000-pod run.
 */
export const mirrorPodsByNode = { name: 'mirror-pods-by-node', valuesOf: (pod: Pod): readonly string[] => (isMirrorPod(pod) && pod.spec?.nodeName ? [pod.spec.nodeName] : []) };

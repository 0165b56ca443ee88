/**
 * Static pod manifests a scenario writes, or a learner writes for it, in the lab's data dir
 * (manifests/NODE/, the folder each agent reads as a kubelet reads --pod-manifest-path).
 * They outlive the scenario's namespace, so `start` and `reset` take away those that put a
 * pod in it: the kubelet would otherwise keep running a pod the learner reset.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ObjectMeta } from '@kubelab/api';
import { parseAllDocuments, stringify } from 'yaml';

const manifestsDir = (dataDir: string) => join(dataDir, 'manifests');

/** Writes the pod's manifest for `node`, in `namespace`; returns the file's path. */
export function writeStaticManifest(dataDir: string, node: string, pod: { metadata?: ObjectMeta; [field: string]: unknown }, namespace: string): string {
  const dir = join(manifestsDir(dataDir), node);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${pod.metadata?.name}.yaml`);
  writeFileSync(file, stringify({ ...pod, metadata: { ...pod.metadata, namespace } }));
  return file;
}

/** Removes every manifest file (of any node) holding a pod in `namespace`; returns their paths. */
export function removeStaticManifests(dataDir: string, namespace: string): string[] {
  const root = manifestsDir(dataDir);
  if (!existsSync(root)) return [];
  const files = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory())
    .flatMap((d) => readdirSync(join(root, d.name)).filter((f) => /\.(ya?ml|json)$/.test(f)).map((f) => join(root, d.name, f)));
  const ours = files.filter((file) => {
    try {
      return parseAllDocuments(readFileSync(file, 'utf8')).some((doc) => (doc.toJSON() as { metadata?: { namespace?: string } } | null)?.metadata?.namespace === namespace);
    } catch {
      return false;
    }
  });
  for (const file of ours) rmSync(file, { force: true });
  return ours;
}

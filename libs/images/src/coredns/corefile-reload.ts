/**
 * The configuration a running CoreDNS serves as its Corefile changes under it. The reload plugin (kubeadm's Corefile
 * has it) loads a changed Corefile and, when CoreDNS refuses the new one, logs the error and keeps serving the one it
 * had: so what answers names is the newest valid Corefile, not the newest one.
 */
import { readCorefile, type Corefile, type CorefileWorld } from './corefile.js';

/** What CoreDNS serves once its Corefile at `path` reads `text`, having served `serving` (undefined: nothing known yet). */
export function reloadCorefile(serving: Corefile | undefined, path: string, text: string, world: CorefileWorld): Corefile | undefined {
  const read = readCorefile(path, text, world);
  return read.ok ? read.corefile : serving;
}

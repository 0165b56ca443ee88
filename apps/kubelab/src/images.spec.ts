import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseUserCatalog } from '@kubelab/images';
import { tempDir } from '@kubelab/testing';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { addUserImage, imageTable, readLabCatalog, readUserEntries, userCatalogFile } from './images.js';

const lab = readLabCatalog(fileURLToPath(new URL('../../../', import.meta.url)));

describe('kubelab image add / list', () => {
  it('keeps added images in the data dir as a user catalog, one tag replacing the same tag', () => {
    const dataDir = tempDir('images');
    addUserImage(dataDir, lab, { reference: 'my-app:1.0.0', like: 'nginx' });
    addUserImage(dataDir, lab, { reference: 'my-app:1.0.0', like: 'nginx', port: 3000 });
    addUserImage(dataDir, lab, { reference: 'my-app:2.0.0', like: 'redis:7' });
    const doc = parse(readFileSync(userCatalogFile(dataDir), 'utf8'));
    expect(doc.repositories).toEqual([
      {
        name: 'docker.io/library/my-app',
        tags: [{ tag: '1.0.0', like: 'docker.io/library/nginx:latest', behaviour: { listens: [3000] } }, { tag: '2.0.0', like: 'docker.io/library/redis:7' }],
      },
    ]);
    expect(readUserEntries(dataDir, () => lab)).toHaveLength(1);
  });

  it('lists what nodes can pull, added repositories marked, and the tags of one repository', () => {
    const dataDir = tempDir('images');
    addUserImage(dataDir, lab, { reference: 'my-app:1.0.0', like: 'nginx', port: 3000 });
    const added = parseUserCatalog({ repositories: readUserEntries(dataDir, () => lab) }, lab);
    const all = imageTable(lab, added);
    expect(all[0]).toMatch(/^REPOSITORY\s+SIZE\s+PORTS\s+TAGS$/);
    expect(all.find((line) => line.startsWith('my-app (added)'))).toMatch(/^my-app \(added\)\s+72\.1MB\s+3000\s+1\.0\.0$/);
    expect(all.find((line) => line.startsWith('nginx '))).toMatch(/^nginx\s+\S+MB\s+80\s+1\.14\.2, 1\.16\.1, 1\.25 \+\d+ more$/);
    const nginx = imageTable(lab, added, 'nginx');
    expect(nginx[0]).toMatch(/^TAG\s+SIZE\s+PULL\s+PORTS$/);
    expect(nginx).toContainEqual(expect.stringMatching(/^1\.27, 1\.27\.3, mainline, latest, 1\s+72\.1MB\s+4\.2s\s+80$/));
    expect(nginx).toContainEqual(expect.stringMatching(/^1\.\{17\.\.29\}\.\{0\.\.12\}/));
    expect(imageTable(lab, added, 'no-such-image')).toEqual([]);
  });
});

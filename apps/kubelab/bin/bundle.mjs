// Bundles the lab's services and this CLI into dist with esbuild, when
// a source is newer than the last bundle. Plain Node processes start in a fraction of
// the time tsx needs and use about a third less memory; packages stay external.
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments, parse as parseYaml } from 'yaml';

/** The entry points bundled, by workspace path; a bundle is named after its path. */
export const bundledEntries = [
  'apps/kubelab/src/main.ts',
  'apps/api-server/src/main.ts',
  'apps/scheduler/src/main.ts',
  'apps/controller-manager/src/main.ts',
  'apps/kubelet-agent/src/main.ts',
  'apps/kubelab/src/thread-host.ts',
  'apps/dashboard/src/main.ts',
];

/**
 * The workspace's libraries have no side effects on import (a lib module runs nothing at load but its own
 * definitions), so a bundle keeps only the modules whose exports it uses: a scheduler that imports one helper
 * from @kubelab/api no longer carries the API's schema catalog, OpenAPI documents, admission and CEL.
 */
const pureLibraries = (root) => ({
  name: 'pure-libraries',
  setup(build) {
    const libs = join(root, 'libs');
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'pure-libraries') return undefined;
      const resolved = await build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: 'pure-libraries' });
      if (resolved.errors.length || resolved.external || !resolved.path.startsWith(`${libs}/`)) return resolved.errors.length ? { errors: resolved.errors } : resolved;
      return { ...resolved, sideEffects: false };
    });
  },
});

/** The dashboard page's browser bundle: its entry and where the dashboard server reads it. */
const pageEntry = 'apps/dashboard/src/page/app.ts';
const pageBundle = 'dist/dashboard/app.js';

/**
 * The lab's data written as YAML, and the JSON copies of it that the lab reads: the image catalog, which each agent
 * reads as it starts (the YAML takes a tenth of a second of CPU, the JSON a millisecond), and the Gateway API's CRDs,
 * which a new lab's host proxy creates (a third of a second as YAML, its documents a JSON array).
 */
const dataCopies = [
  { source: 'deploy/images.yaml', copy: 'dist/images.json', read: (text) => parseYaml(text) },
  { source: 'deploy/gateway-api/standard-crds.yaml', copy: 'dist/gateway-api-crds.json', read: (text) => parseAllDocuments(text).map((doc) => doc.toJS()).filter(Boolean) },
];

const bundleName = (entry) => entry.replace(/\.ts$/, '').replaceAll('/', '__');

/**
 * The page uses @kubelab/api's printers and selectors; admission code in the same library
 * checks CSR signatures with node:crypto, which the browser never reaches. It resolves to
 * a module whose functions say so, instead of failing the page's build.
 */
const browserStubs = {
  name: 'node-builtins-in-the-browser',
  setup(build) {
    build.onResolve({ filter: /^node:crypto$/ }, () => ({ path: 'node:crypto', namespace: 'browser-stub' }));
    build.onLoad({ filter: /.*/, namespace: 'browser-stub' }, () => ({
      contents: ['X509Certificate', 'createPublicKey', 'verify']
        .map((name) => `export function ${name}() { throw new Error('node:crypto ${name} is not available in the browser'); }`)
        .join('\n'),
      loader: 'js',
    }));
  },
};

/** dist/apps__api-server__src__main.mjs for apps/api-server/src/main.ts. */
export const bundleFile = (root, entry) => join(root, 'dist', `${bundleName(entry)}.mjs`);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name === 'e2e') continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.(ts|json)$/.test(entry.name) && !entry.name.endsWith('.spec.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Rebuilds the bundles when stale; returns how long that took in ms (0: they were fresh). */
export async function ensureBundles(root) {
  const stamp = join(root, 'dist/.stamp');
  const built = (() => {
    try {
      return statSync(stamp).mtimeMs;
    } catch {
      return 0;
    }
  })();
  const sources = Math.max(...['apps', 'libs', 'tsconfig.base.json', ...dataCopies.map((d) => d.source)].map((d) => {
    const path = join(root, d);
    return statSync(path).isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
  }));
  if (built > sources && dataCopies.every((d) => existsSync(join(root, d.copy)))) return 0;
  // The stamp says when the sources were read, not when the build ended: a source saved during a build is stale after it.
  const began = Date.now();
  // esbuild, loaded only to build, and stopped after: its service process would otherwise live as long as the lab (90 MiB).
  const esbuild = await import('esbuild');
  const [result, page] = await Promise.all([
    esbuild.build({
      entryPoints: Object.fromEntries(bundledEntries.map((entry) => [bundleName(entry), join(root, entry)])),
      outExtension: { '.js': '.mjs' },
      bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', plugins: [pureLibraries(root)],
      // No comments: one non-ASCII character in a comment made V8 hold the whole bundle's source as UTF-16, twice its size.
      minifyWhitespace: true,
      tsconfig: join(root, 'tsconfig.json'), write: false, outdir: join(root, 'dist'), logLevel: 'silent',
    }),
    esbuild.build({
      entryPoints: [join(root, pageEntry)], bundle: true, platform: 'browser', format: 'esm', target: 'es2022', plugins: [browserStubs],
      tsconfig: join(root, 'tsconfig.json'), write: false, outfile: join(root, pageBundle), logLevel: 'silent',
    }),
  ]).finally(() => esbuild.stop());
  mkdirSync(join(root, 'dist/dashboard'), { recursive: true });
  const copies = dataCopies.map((d) => ({ path: join(root, d.copy), contents: JSON.stringify(d.read(readFileSync(join(root, d.source), 'utf8'))) }));
  // Several labs may start at once: each file appears whole, by rename.
  for (const file of [...result.outputFiles, ...page.outputFiles, ...copies]) {
    writeFileSync(`${file.path}.${process.pid}.tmp`, file.contents);
    renameSync(`${file.path}.${process.pid}.tmp`, file.path);
  }
  writeFileSync(stamp, '');
  utimesSync(stamp, began / 1000, began / 1000);
  return Date.now() - began;
}

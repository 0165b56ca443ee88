#!/usr/bin/env node
// Runs the TypeScript CLI through tsx, with the workspace's path aliases.
import { fileURLToPath } from 'node:url';

process.env.TSX_TSCONFIG_PATH ??= fileURLToPath(new URL('../../../tsconfig.json', import.meta.url));
const { register } = await import('tsx/esm/api');
register();
await import('../src/main.ts');

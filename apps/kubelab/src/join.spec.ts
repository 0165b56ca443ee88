import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '@kubelab/testing';
import { describe, expect, it } from 'vitest';
import { UsageError } from './cli/usage-error.js';
import { joinLab } from './join.js';

const url = 'nats://10.0.0.5:4222';

describe('kubelab join refuses, before it starts anything, what it cannot use', () => {
  const file = join(tempDir('join-token'), 'token');
  writeFileSync(file, 'not a token\n');

  it.each<[string, Parameters<typeof joinLab>[1], NodeJS.ProcessEnv, RegExp]>([
    ['no NATS URL', { token: 'x' }, {}, /join needs --nats-url nats:\/\/HOST:PORT \(or KUBELAB_NATS_URL\)/],
    ['a NATS URL without a scheme', { natsUrl: '10.0.0.5:4222', token: 'x' }, {}, /--nats-url takes nats:\/\/HOST:PORT, or several separated by commas, got "10.0.0.5:4222"/],
    ['no token', { natsUrl: url }, {}, /join needs --token TOKEN \(or --token-file FILE, or KUBELAB_JOIN_TOKEN\)/],
    ['a token twice', { natsUrl: url, token: 'x', tokenFile: file }, {}, /give the join token once: --token or --token-file/],
    ['a token file that is not there', { natsUrl: url, tokenFile: '/nonexistent/token' }, {}, /--token-file \/nonexistent\/token cannot be read: ENOENT/],
    ['a token file that holds no token', { natsUrl: url, tokenFile: file }, {}, /this is not a kubelab join token \(it has characters base64url does not use/],
    ['the environment\'s token, when bad', {}, { KUBELAB_NATS_URL: url, KUBELAB_JOIN_TOKEN: 'e30' }, /of format undefined, and this kubelab reads format 1/],
  ])('%s', async (_, values, env, message) => {
    const refused = await joinLab('/nonexistent-root', values, env).then(() => undefined, (e: unknown) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect((refused as Error).message).toMatch(message);
  });
});

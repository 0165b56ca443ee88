import { nkeyAuthenticator as natsNkeyAuthenticator, nkeys } from 'nats';
import { describe, expect, it } from 'vitest';
import { isUserSeed, nkeyAuthenticator, nkeyFromSeed } from './nkey-signer.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('nkeys signed by node crypto', () => {
  it('gives the public key and the signatures nats.js gives for the same seed', () => {
    for (const pair of [nkeys.createUser(), nkeys.createUser(), nkeys.createAccount()]) {
      const seed = text(pair.getSeed());
      const nkey = nkeyFromSeed(seed);
      expect(nkey.publicKey).toBe(pair.getPublicKey());
      const data = new TextEncoder().encode('a nonce from nats-server');
      expect(Buffer.from(nkey.sign(data)).equals(Buffer.from(pair.sign(data)))).toBe(true);
      expect(nkeys.fromPublic(nkey.publicKey).verify(data, nkey.sign(data))).toBe(true);
    }
  });

  it('answers the server\'s nonce as nats.js\' nkeyAuthenticator does, and with no nonce gives no signature', () => {
    const seed = text(nkeys.createUser().getSeed());
    const ours = nkeyAuthenticator(seed);
    const theirs = natsNkeyAuthenticator(new TextEncoder().encode(seed));
    expect(ours('Xp4kBj9_a1')).toEqual(theirs('Xp4kBj9_a1'));
    expect(ours()).toEqual({ nkey: nkeyFromSeed(seed).publicKey, sig: '' });
  });

  it('tells a user\'s seed from another role\'s and from what is no seed', () => {
    expect(isUserSeed(text(nkeys.createUser().getSeed()))).toBe(true);
    expect(isUserSeed(`  ${text(nkeys.createUser().getSeed())}\n`)).toBe(true);
    expect(isUserSeed(text(nkeys.createAccount().getSeed()))).toBe(false);
    expect(isUserSeed(nkeys.createUser().getPublicKey())).toBe(false);
    expect(isUserSeed('SUnotaseed')).toBe(false);
    expect(isUserSeed('')).toBe(false);
    expect(() => nkeyFromSeed('SUnotaseed')).toThrow(/nkeys/);
  });
});

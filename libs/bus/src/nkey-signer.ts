/**
 * A NATS user's nkey, with its ed25519 done by node's crypto (OpenSSL) rather than by nats.js' nkeys, which does it in
 * JavaScript (tweetnacl): reading a seed and signing the server's nonce took 50-60 ms of CPU in each process or thread
 * that signs in, before V8 had compiled tweetnacl's arithmetic, and a lab's every component signs in once as it starts
 * (the supervisor also derives each user's public key for nats-server's configuration). Here the same takes about 3 ms
 * cold. The text of seeds and public keys (base32 with a role prefix and a CRC16) is nkeys.js' own codec, and the
 * signatures are the same bytes: ed25519 signs deterministically.
 */
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';
import { Prefix } from 'nkeys.js';
import { Codec } from 'nkeys.js/lib/codec.js';
import type { Authenticator } from 'nats';

/** An ed25519 private key as PKCS #8 DER, less its last 32 bytes: the seed (RFC 8410). */
const pkcs8Ed25519 = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface Nkey {
  /** The public key as NATS names its users: `U…` for a user. */
  readonly publicKey: string;
  /** Its role, as nkeys.js names them: Prefix.User for a user. */
  readonly role: Prefix;
  /** The ed25519 signature of `data`. */
  sign(data: Uint8Array): Buffer;
}

/** The nkey of `seed` (`SU…` for a user); throws when it is not an nkey seed. */
export function nkeyFromSeed(seed: string): Nkey {
  const { prefix, buf } = Codec.decodeSeed(new TextEncoder().encode(seed.trim()));
  const key: KeyObject = createPrivateKey({ key: Buffer.concat([pkcs8Ed25519, buf]), format: 'der', type: 'pkcs8' });
  const raw = createPublicKey(key).export({ format: 'der', type: 'spki' }).subarray(-32);
  return {
    publicKey: new TextDecoder().decode(Codec.encode(prefix, raw)),
    role: prefix,
    sign: (data) => sign(null, data, key),
  };
}

/** Whether `seed` is a NATS user's nkey seed. */
export function isUserSeed(seed: string): boolean {
  try {
    return nkeyFromSeed(seed).role === Prefix.User;
  } catch {
    return false;
  }
}

/** What nats.js' nkeyAuthenticator answers to the server's nonce (the public key, the nonce's signature in base64), signed natively. */
export function nkeyAuthenticator(seed: string): Authenticator {
  const nkey = nkeyFromSeed(seed);
  return (nonce?: string) => ({ nkey: nkey.publicKey, sig: nonce ? nkey.sign(new TextEncoder().encode(nonce)).toString('base64') : '' });
}

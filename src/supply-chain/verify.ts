import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import type { Verifier } from '@sigstore/verify';
import { GITHUB_ACTIONS_ISSUER } from './identities';
import { TRUSTED_ROOT } from './trusted-root.generated';

// The one verifier of signed files, for the library's catalog generator and for apps alike: a sigstore
// bundle (`<file>.sigstore.json`) checked against the exact file bytes, offline, with the Sigstore
// public-good trusted root generated from @sigstore/tuf's seeds.json, for one exact certificate identity
// and the GitHub Actions issuer. Nothing here goes to the network.

/** A refusal: a file is not what its signature, its snapshot or its lock says. */
export class CatalogTrustError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CatalogTrustError';
  }
}

/** What a verified signature says about the file it signs. */
export interface SignatureFacts {
  /** sha256 of the signed bytes, hex. */
  readonly sha256: string;
  /** When it was signed: the Rekor entry's integrated time, ISO 8601 UTC without milliseconds. */
  readonly signedAt: string;
  /** The certificate identity (SAN URI), verified exactly. */
  readonly identity: string;
  /** The OIDC issuer, verified exactly. */
  readonly issuer: string;
  /** The Rekor transparency log index of the signature. */
  readonly logIndex: string;
}

/** A verified file: its bytes (parse these, never a second read of the file) and what the signature says. */
export interface VerifiedFile extends SignatureFacts {
  readonly bytes: Uint8Array;
}

let verifier: Verifier | undefined;

/** The verifier over the generated trusted root (built on first use: most apps never verify anything). */
function offlineVerifier(): Verifier {
  verifier ??= newOfflineVerifier();
  return verifier;
}

function newOfflineVerifier(): Verifier {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { TrustedRoot } = require('@sigstore/protobuf-specs') as typeof import('@sigstore/protobuf-specs');
  const { Verifier: SigstoreVerifier, toTrustMaterial } = require('@sigstore/verify') as typeof import('@sigstore/verify');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return new SigstoreVerifier(toTrustMaterial(TrustedRoot.fromJSON(TRUSTED_ROOT)), {
    tlogThreshold: 1,
    ctlogThreshold: 1,
    timestampThreshold: 1,
  });
}

/** Verified results by (bytes, bundle, identity): a catalog used by many constructs or apps is verified once. */
const VERIFIED = new Map<string, SignatureFacts>();

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** ISO 8601 UTC, whole seconds (`2026-08-17T08:33:17Z`). */
export function isoSeconds(date: Date): string {
  // toISOString always ends in `.sssZ`, whatever the year's width
  return date.toISOString().slice(0, -5) + 'Z';
}

/**
 * Verifies a sigstore bundle against the exact bytes, for `identity` and the GitHub Actions issuer.
 * `name` is how messages call the file. Throws a CatalogTrustError that says what failed.
 */
export function verifySignature(name: string, bytes: Uint8Array, bundleText: string, bundleName: string, identity: string): SignatureFacts {
  const digest = sha256(bytes);
  const key = `${digest}/${sha256(bundleText)}/${identity}`;
  const known = VERIFIED.get(key);
  if (known) return known;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { bundleFromJSON } = require('@sigstore/bundle') as typeof import('@sigstore/bundle');
  const { toSignedEntity } = require('@sigstore/verify') as typeof import('@sigstore/verify');
  /* eslint-enable @typescript-eslint/no-require-imports */
  let bundle;
  try {
    bundle = bundleFromJSON(JSON.parse(bundleText));
  } catch (e) {
    throw new CatalogTrustError(`${name}: unreadable sigstore bundle ${bundleName}: ${(e as Error).message}`);
  }
  try {
    const signer = offlineVerifier().verify(toSignedEntity(bundle, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)), {
      subjectAlternativeName: identity,
      extensions: { issuer: GITHUB_ACTIONS_ISSUER },
    });
    // @sigstore/verify reads the policy's identity as an unanchored regular expression (`catalogs.yml` would
    // match `catalogsXyml`, `main` would match `main-evil`): the identity must be this one exactly.
    const signedBy = (signer.identity ?? {}).subjectAlternativeName;
    if (signedBy !== identity) {
      throw Object.assign(new Error(`certificate identity error - expected exactly ${identity}, got ${signedBy}`), { code: 'UNTRUSTED_SIGNER_ERROR' });
    }
  } catch (e) {
    const code = (e as { code?: string }).code ?? 'VERIFICATION_ERROR';
    throw new CatalogTrustError(
      `${name}: signature verification failed (${code}): ${(e as Error).message}; expected a signature by ${identity} (issuer ${GITHUB_ACTIONS_ISSUER}) over the exact file bytes`,
    );
  }
  // The verifier checked every tlog entry (inclusion and signed entry timestamp): their times are trusted.
  const entries = [...bundle.verificationMaterial.tlogEntries].sort((a, b) => Number(b.integratedTime) - Number(a.integratedTime));
  const facts: SignatureFacts = {
    sha256: digest,
    signedAt: isoSeconds(new Date(Number(entries[0].integratedTime) * 1000)),
    identity,
    issuer: GITHUB_ACTIONS_ISSUER,
    logIndex: String(entries[0].logIndex),
  };
  VERIFIED.set(key, facts);
  return facts;
}

/**
 * Verifies `<file>.sigstore.json` against the exact bytes of `file` for `identity`. Returns the bytes that
 * were verified: callers parse these, never a second read of the file.
 */
export function verifySignedFile(file: string, identity: string): VerifiedFile {
  const name = path.basename(file);
  if (!fs.existsSync(file)) {
    throw new CatalogTrustError(`${name}: file not found in ${path.dirname(file)}`);
  }
  const bundleFile = `${file}.sigstore.json`;
  const bundleName = path.basename(bundleFile);
  if (!fs.existsSync(bundleFile)) {
    throw new CatalogTrustError(`${name}: unsigned (no sigstore bundle ${bundleName}); refusing a catalog whose origin cannot be verified`);
  }
  const bytes = fs.readFileSync(file);
  return { bytes, ...verifySignature(name, bytes, fs.readFileSync(bundleFile, 'utf8'), bundleName, identity) };
}

import * as crypto from 'crypto';
import { initializeCA, initializeCTLog, initializeTLog } from '@sigstore/mock';

// A TEST trusted root and signer for the supply-chain tests: a Fulcio CA, a CT log and a Rekor log of
// @sigstore/mock (the sigstore project's own test services), all offline. A test file replaces the generated
// trusted root with this one:
//   jest.mock('../src/supply-chain/trusted-root.generated', () => require('./sigstore-mock').TRUSTED_ROOT_MODULE);
// and calls `beforeAll(setUpTestRoot)`. The refusals it makes possible need signatures the public-good root
// cannot give (another issuer, a look-alike identity, several tlog entries, kustomizations the publisher never signed).

/** The test trusted root (protobuf-specs TrustedRoot JSON), filled in by setUpTestRoot; verify.ts reads it on first use. */
const testTrustedRoot: { [key: string]: unknown } = {};

/** What `jest.mock` of src/supply-chain/trusted-root.generated returns. */
export const TRUSTED_ROOT_MODULE = {
  get TRUSTED_ROOT() {
    return testTrustedRoot;
  },
  TRUSTED_ROOT_SOURCE: 'test',
};

// Every time is fixed: the mock's root certificate is valid from "now" (faked while it is made) for a year,
// the signing certificate for ten minutes from the CA's clock, and each tlog entry is integrated at its own time.
export const NOW = Date.parse('2026-03-01T12:00:00Z');
export const SECOND = 1000;
const REKOR_URL = 'https://rekor.test.example';
const OID_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const OID_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';

const b64 = (bytes: ArrayBufferView): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const der = (key: crypto.KeyObject): Buffer => key.export({ format: 'der', type: 'spki' });
const ecKeyPair = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

let ca: Awaited<ReturnType<typeof initializeCA>>;
const rekorKeys = ecKeyPair();

/** Makes the CA, the CT log and the trusted root (call it in beforeAll). */
export async function setUpTestRoot(): Promise<void> {
  // Only Date is faked, and only while the CA's self-signed root certificate is made (it is valid from `new Date()`).
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  try {
    const ctlog = await initializeCTLog(ecKeyPair(), new Date(NOW));
    ca = await initializeCA(ecKeyPair(), ctlog, new Date(NOW));
    const validFor = { start: new Date(NOW - 3600 * SECOND).toISOString() };
    Object.assign(testTrustedRoot, {
      mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
      tlogs: [{
        baseUrl: REKOR_URL,
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: b64(der(rekorKeys.publicKey)), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor },
        logId: { keyId: b64(crypto.createHash('sha256').update(der(rekorKeys.publicKey)).digest()) },
      }],
      certificateAuthorities: [{
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: 'https://fulcio.test.example',
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor,
      }],
      ctlogs: [{
        baseUrl: 'https://ctfe.test.example',
        hashAlgorithm: 'SHA2_256',
        publicKey: { rawBytes: b64(ctlog.publicKey), keyDetails: 'PKIX_ECDSA_P256_SHA_256', validFor },
        logId: { keyId: b64(ctlog.logID) },
      }],
      timestampAuthorities: [],
    });
  } finally {
    jest.useRealTimers();
  }
}

/** A Rekor v1 API log entry, as the mock's tlog returns it (keyed by its UUID). */
interface RekorEntry {
  readonly body: string;
  readonly integratedTime: number;
  readonly logID: string;
  readonly logIndex: number;
  readonly verification: {
    readonly signedEntryTimestamp: string;
    readonly inclusionProof: { logIndex: number; rootHash: string; treeSize: number; hashes: string[]; checkpoint: string };
  };
}

export interface Signing {
  /** The certificate's SAN URI. */
  readonly identity: string;
  /** The certificate's OIDC issuer (both Fulcio issuer extensions), none when undefined. */
  readonly issuer?: string;
  /** When each tlog entry is integrated, in seconds after NOW, in the bundle's order. */
  readonly integratedAfter: number[];
}

export interface Signed {
  readonly bundle: string;
  /** The log index of each tlog entry, in the bundle's order. */
  readonly logIndexes: string[];
}

/**
 * Signs `bytes` as Fulcio and Rekor would (hashedrekord 0.0.1, bundle v0.3): a certificate by the test CA with
 * an SCT of the test CT log, and one Rekor entry (signed entry timestamp and inclusion proof) per integrated time.
 */
export async function sign(bytes: Uint8Array, signing: Signing): Promise<Signed> {
  const signer = ecKeyPair();
  const issuer = signing.issuer;
  const certificate = await ca.issueCertificate({
    publicKey: new Uint8Array(der(signer.publicKey)),
    subjectAltName: signing.identity,
    extensions: issuer === undefined ? [] : [{ oid: OID_ISSUER_V1, value: issuer, legacy: true }, { oid: OID_ISSUER_V2, value: issuer }],
  });
  const digest = crypto.createHash('sha256').update(bytes).digest();
  const signature = crypto.sign('sha256', bytes, signer.privateKey);
  const pem = `-----BEGIN CERTIFICATE-----\n${b64(certificate)}\n-----END CERTIFICATE-----\n`;
  const body = {
    apiVersion: '0.0.1',
    kind: 'hashedrekord',
    spec: {
      data: { hash: { algorithm: 'sha256', value: digest.toString('hex') } },
      signature: { content: b64(signature), publicKey: { content: Buffer.from(pem).toString('base64') } },
    },
  };
  const tlogEntries = [];
  for (const after of signing.integratedAfter) {
    const tlog = await initializeTLog(REKOR_URL, rekorKeys, new Date(NOW + after * SECOND));
    const [entry] = Object.values((await tlog.log(body)) as { [uuid: string]: RekorEntry });
    const proof = entry.verification.inclusionProof;
    tlogEntries.push({
      logIndex: String(entry.logIndex),
      logId: { keyId: Buffer.from(entry.logID, 'hex').toString('base64') },
      kindVersion: { kind: 'hashedrekord', version: '0.0.1' },
      integratedTime: String(entry.integratedTime),
      inclusionPromise: { signedEntryTimestamp: entry.verification.signedEntryTimestamp },
      inclusionProof: {
        logIndex: String(proof.logIndex),
        rootHash: Buffer.from(proof.rootHash, 'hex').toString('base64'),
        treeSize: String(proof.treeSize),
        hashes: proof.hashes,
        checkpoint: { envelope: proof.checkpoint },
      },
      canonicalizedBody: entry.body,
    });
  }
  const bundle = {
    mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
    verificationMaterial: {
      certificate: { rawBytes: b64(certificate) },
      tlogEntries,
      timestampVerificationData: { rfc3161Timestamps: [] },
    },
    messageSignature: {
      messageDigest: { algorithm: 'SHA2_256', digest: b64(digest) },
      signature: b64(signature),
    },
  };
  return { bundle: JSON.stringify(bundle), logIndexes: tlogEntries.map((e) => e.logIndex) };
}


import * as crypto from 'crypto';
import { initializeCA, initializeCTLog, initializeTLog } from '@sigstore/mock';
import { CORE_CATALOGS_IDENTITY, GITHUB_ACTIONS_ISSUER } from '../src/supply-chain/identities';
import { CatalogTrustError, verifySignature } from '../src/supply-chain/verify';

// verifySignature against a TEST trusted root: a Fulcio CA, a CT log and a Rekor log of @sigstore/mock (the
// sigstore project's own test services), all offline. The refusals here need signatures the public-good root
// cannot give: a certificate with the expected identity but another OIDC issuer, a bundle with two tlog entries.

/** The test trusted root (protobuf-specs TrustedRoot JSON), filled in beforeAll; verify.ts reads it on first use. */
const mockTrustedRoot: { [key: string]: unknown } = {};
jest.mock('../src/supply-chain/trusted-root.generated', () => ({
  get TRUSTED_ROOT() {
    return mockTrustedRoot;
  },
  TRUSTED_ROOT_SOURCE: 'test',
}));

// Every time is fixed: the mock's root certificate is valid from "now" (faked while it is made) for a year,
// the signing certificate for ten minutes from the CA's clock, and each tlog entry is integrated at its own time.
const NOW = Date.parse('2026-03-01T12:00:00Z');
const SECOND = 1000;
const REKOR_URL = 'https://rekor.test.example';
const OID_ISSUER_V1 = '1.3.6.1.4.1.57264.1.1';
const OID_ISSUER_V2 = '1.3.6.1.4.1.57264.1.8';

const b64 = (bytes: ArrayBufferView): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
const der = (key: crypto.KeyObject): Buffer => key.export({ format: 'der', type: 'spki' });
const ecKeyPair = () => crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });

let ca: Awaited<ReturnType<typeof initializeCA>>;
const rekorKeys = ecKeyPair();

beforeAll(async () => {
  // Only Date is faked, and only while the CA's self-signed root certificate is made (it is valid from `new Date()`).
  jest.useFakeTimers({
    now: NOW,
    doNotFake: ['hrtime', 'nextTick', 'performance', 'queueMicrotask', 'setImmediate', 'clearImmediate', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'],
  });
  try {
    const ctlog = await initializeCTLog(ecKeyPair(), new Date(NOW));
    ca = await initializeCA(ecKeyPair(), ctlog, new Date(NOW));
    const validFor = { start: new Date(NOW - 3600 * SECOND).toISOString() };
    Object.assign(mockTrustedRoot, {
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
});

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

interface Signing {
  /** The certificate's SAN URI. */
  readonly identity: string;
  /** The certificate's OIDC issuer (both Fulcio issuer extensions), none when undefined. */
  readonly issuer?: string;
  /** When each tlog entry is integrated, in seconds after NOW, in the bundle's order. */
  readonly integratedAfter: number[];
}

interface Signed {
  readonly bundle: string;
  /** The log index of each tlog entry, in the bundle's order. */
  readonly logIndexes: string[];
}

/**
 * Signs `bytes` as Fulcio and Rekor would (hashedrekord 0.0.1, bundle v0.3): a certificate by the test CA with
 * an SCT of the test CT log, and one Rekor entry (signed entry timestamp and inclusion proof) per integrated time.
 */
async function sign(bytes: Uint8Array, signing: Signing): Promise<Signed> {
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

const BYTES = new Uint8Array(Buffer.from('apiVersion: postgresql.cnpg.io/v1\nkind: ClusterImageCatalog\n'));
const BYTES_SHA256 = crypto.createHash('sha256').update(BYTES).digest('hex');

/** The CatalogTrustError message verifySignature throws, checking it throws one. */
function refusal(bundle: string): string {
  try {
    verifySignature('catalog.yaml', BYTES, bundle, 'catalog.yaml.sigstore.json', CORE_CATALOGS_IDENTITY);
  } catch (e) {
    expect(e).toBeInstanceOf(CatalogTrustError);
    return (e as Error).message;
  }
  throw new Error('verifySignature accepted the bundle');
}

describe('verifySignature with a test CA and transparency log', () => {
  test('accepts a signature by the expected identity and issuer, and says what it verified', async () => {
    const { bundle, logIndexes } = await sign(BYTES, { identity: CORE_CATALOGS_IDENTITY, issuer: GITHUB_ACTIONS_ISSUER, integratedAfter: [60] });
    expect(verifySignature('catalog.yaml', BYTES, bundle, 'catalog.yaml.sigstore.json', CORE_CATALOGS_IDENTITY)).toEqual({
      sha256: BYTES_SHA256,
      signedAt: '2026-03-01T12:01:00Z',
      identity: CORE_CATALOGS_IDENTITY,
      issuer: GITHUB_ACTIONS_ISSUER,
      logIndex: logIndexes[0],
    });
  });

  test('refuses a certificate with the expected identity but another OIDC issuer, naming both', async () => {
    const evil = `${GITHUB_ACTIONS_ISSUER}.evil`;
    const { bundle } = await sign(BYTES, { identity: CORE_CATALOGS_IDENTITY, issuer: evil, integratedAfter: [60] });
    expect(refusal(bundle)).toBe(
      `catalog.yaml: signature verification failed (UNTRUSTED_SIGNER_ERROR): invalid certificate extension - expected issuer=${GITHUB_ACTIONS_ISSUER}, got issuer=${evil}; ` +
      `expected a signature by ${CORE_CATALOGS_IDENTITY} (issuer ${GITHUB_ACTIONS_ISSUER}) over the exact file bytes`,
    );
  });

  test('refuses a certificate with the expected identity and no OIDC issuer', async () => {
    const { bundle } = await sign(BYTES, { identity: CORE_CATALOGS_IDENTITY, integratedAfter: [60] });
    expect(refusal(bundle)).toBe(
      `catalog.yaml: signature verification failed (UNTRUSTED_SIGNER_ERROR): invalid certificate extension - expected issuer=${GITHUB_ACTIONS_ISSUER}, got issuer=undefined; ` +
      `expected a signature by ${CORE_CATALOGS_IDENTITY} (issuer ${GITHUB_ACTIONS_ISSUER}) over the exact file bytes`,
    );
  });

  test('refuses a certificate with the expected issuer but another identity, naming both', async () => {
    const other = 'https://github.com/cloudnative-pg/postgres-containers/.github/workflows/other.yml@refs/heads/main';
    const { bundle } = await sign(BYTES, { identity: other, issuer: GITHUB_ACTIONS_ISSUER, integratedAfter: [60] });
    expect(refusal(bundle)).toBe(
      `catalog.yaml: signature verification failed (UNTRUSTED_SIGNER_ERROR): certificate identity error - expected ${CORE_CATALOGS_IDENTITY}, got ${other}; ` +
      `expected a signature by ${CORE_CATALOGS_IDENTITY} (issuer ${GITHUB_ACTIONS_ISSUER}) over the exact file bytes`,
    );
  });

  // @sigstore/verify matches the policy's identity as an unanchored regular expression; the library
  // compares it exactly (verify.ts): a workflow on another branch, another file or another host is refused.
  test.each([
    ['a branch whose name starts with main', `${CORE_CATALOGS_IDENTITY}-evil`],
    ['a file name where the dot is another character', CORE_CATALOGS_IDENTITY.replace('catalogs.yml', 'catalogsXyml')],
    ['another host with the identity in its path', `https://evil.example/${CORE_CATALOGS_IDENTITY}`],
  ])('refuses a certificate whose identity only contains the expected one: %s', async (_case, other) => {
    const { bundle } = await sign(BYTES, { identity: other, issuer: GITHUB_ACTIONS_ISSUER, integratedAfter: [60] });
    expect(refusal(bundle)).toBe(
      `catalog.yaml: signature verification failed (UNTRUSTED_SIGNER_ERROR): certificate identity error - expected exactly ${CORE_CATALOGS_IDENTITY}, got ${other}; ` +
      `expected a signature by ${CORE_CATALOGS_IDENTITY} (issuer ${GITHUB_ACTIONS_ISSUER}) over the exact file bytes`,
    );
  });

  describe('with several tlog entries, signedAt and logIndex are those of the latest integrated time', () => {
    test.each([
      ['oldest first', [60, 240], 1, '2026-03-01T12:04:00Z'],
      ['newest first', [240, 60], 0, '2026-03-01T12:04:00Z'],
      ['newest in the middle', [60, 300, 120], 1, '2026-03-01T12:05:00Z'],
    ])('%s', async (_order, integratedAfter, newest, signedAt) => {
      const { bundle, logIndexes } = await sign(BYTES, { identity: CORE_CATALOGS_IDENTITY, issuer: GITHUB_ACTIONS_ISSUER, integratedAfter });
      expect(verifySignature('catalog.yaml', BYTES, bundle, 'catalog.yaml.sigstore.json', CORE_CATALOGS_IDENTITY)).toEqual({
        sha256: BYTES_SHA256,
        signedAt,
        identity: CORE_CATALOGS_IDENTITY,
        issuer: GITHUB_ACTIONS_ISSUER,
        logIndex: logIndexes[newest],
      });
    });
  });
});

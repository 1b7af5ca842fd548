import * as crypto from 'crypto';
import { setUpTestRoot, sign } from './sigstore-mock';
import { CORE_CATALOGS_IDENTITY, GITHUB_ACTIONS_ISSUER } from '../src/supply-chain/identities';
import { CatalogTrustError, verifySignature } from '../src/supply-chain/verify';

// verifySignature against a TEST trusted root: a Fulcio CA, a CT log and a Rekor log of @sigstore/mock (the
// sigstore project's own test services), all offline. The refusals here need signatures the public-good root
// cannot give: a certificate with the expected identity but another OIDC issuer, a bundle with two tlog entries.

// eslint-disable-next-line @typescript-eslint/no-require-imports
jest.mock('../src/supply-chain/trusted-root.generated', () => require('./sigstore-mock').TRUSTED_ROOT_MODULE);

beforeAll(setUpTestRoot);

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

// Who signs what in CloudNativePG's supply chain: the exact certificate identities (Fulcio SAN URIs) and
// the issuer, each with where it comes from. Catalog identities are exact (read from the certificates of the
// signed catalogs); image identities are those upstream documents for `cosign verify`.

/** The OIDC issuer of every CloudNativePG signature: GitHub Actions. */
export const GITHUB_ACTIONS_ISSUER = 'https://token.actions.githubusercontent.com';

/**
 * Signs the core catalogs (artifacts' `image-catalogs/`, kustomization included).
 * Source: the certificate SAN of every bundle in ../shared/catalogs/artifacts-2026-0{7,8}-17 (workflow
 * "Update Catalogs", `cloudnative-pg/postgres-containers: .github/workflows/catalogs.yml`); see
 * ../shared/README.md "Signature facts". Exact: the artifacts README's own regexp (`catalogs.yml@main`) cannot match it.
 */
export const CORE_CATALOGS_IDENTITY =
  'https://github.com/cloudnative-pg/postgres-containers/.github/workflows/catalogs.yml@refs/heads/main';

/**
 * Signs the extension-enabled catalogs (artifacts' `image-catalogs-extensions/`, kustomization included).
 * Source: the certificate SAN of every bundle in ../shared/catalogs/artifacts-extensions-* (workflow
 * "Update Extension Image Catalogs", `cloudnative-pg/postgres-extensions-containers: .github/workflows/update-catalogs.yml`).
 */
export const EXTENSION_CATALOGS_IDENTITY =
  'https://github.com/cloudnative-pg/postgres-extensions-containers/.github/workflows/update-catalogs.yml@refs/heads/main';

/** Who publishes an image, and how its keyless signature is verified. */
export interface ImagePublisher {
  /** Short name, used in policy and authority names. */
  readonly name: string;
  /** The same as a CEL identifier (Kyverno ImageValidatingPolicy attestor names). */
  readonly id: string;
  /** The GitHub repository whose workflow signs the images. */
  readonly repository: string;
  /** The exact certificate identity, when upstream documents one. */
  readonly subject?: string;
  /** Otherwise the identity regexp upstream documents (dots escaped: strictly narrower, never wider). */
  readonly subjectRegExp?: string;
  /** Where the identity comes from. */
  readonly source: string;
}

/**
 * Operand images `ghcr.io/cloudnative-pg/postgresql`. Upstream documents no exact identity: CloudNativePG's
 * docs (installation_upgrade.md, v1.30.0) and postgres-containers' README ("Image Signatures") verify with
 * `--certificate-identity-regexp="^https://github.com/cloudnative-pg/postgres-containers/"`. Images are
 * signed by the reusable workflow bake_targets.yml, but older images may carry other workflow paths
 * (research/cnpg-artifacts.md §2.4), so the documented repository prefix is kept.
 */
export const OPERAND_PUBLISHER: ImagePublisher = {
  name: 'postgres-containers',
  id: 'postgresContainers',
  repository: 'cloudnative-pg/postgres-containers',
  subjectRegExp: '^https://github\\.com/cloudnative-pg/postgres-containers/',
  source: 'CloudNativePG docs installation_upgrade.md (v1.30.0); postgres-containers README "Image Signatures"',
};

/**
 * Extension images `ghcr.io/cloudnative-pg/<extension image>`. postgres-extensions-containers' docs verify
 * with `--certificate-identity-regexp='^https://github.com/cloudnative-pg/postgres-extensions-containers/.github/workflows/bake_targets\.yml@refs/heads/main$'`:
 * anchored at both ends, so it names exactly one identity, used here as is.
 */
export const EXTENSIONS_PUBLISHER: ImagePublisher = {
  name: 'postgres-extensions-containers',
  id: 'postgresExtensionsContainers',
  repository: 'cloudnative-pg/postgres-extensions-containers',
  subject: 'https://github.com/cloudnative-pg/postgres-extensions-containers/.github/workflows/bake_targets.yml@refs/heads/main',
  source: 'postgres-extensions-containers README (cosign verify of extension images)',
};

/**
 * The operator image `ghcr.io/cloudnative-pg/cloudnative-pg` (and its release manifest). CloudNativePG's
 * docs (installation_upgrade.md, v1.30.0) verify with
 * `--certificate-identity-regexp="^https://github.com/cloudnative-pg/cloudnative-pg/.github/workflows/release-publish.yml@refs/tags/v"`:
 * the release workflow run from a version tag.
 */
export const OPERATOR_PUBLISHER: ImagePublisher = {
  name: 'cloudnative-pg',
  id: 'cloudnativePg',
  repository: 'cloudnative-pg/cloudnative-pg',
  subjectRegExp: '^https://github\\.com/cloudnative-pg/cloudnative-pg/\\.github/workflows/release-publish\\.yml@refs/tags/v',
  source: 'CloudNativePG docs installation_upgrade.md (v1.30.0)',
};

/** Every image publisher the library knows, in a stable order. */
export const IMAGE_PUBLISHERS: readonly ImagePublisher[] = [OPERAND_PUBLISHER, EXTENSIONS_PUBLISHER, OPERATOR_PUBLISHER];

/** The public-good Sigstore services every keyless signature above is checked against. */
export const FULCIO_URL = 'https://fulcio.sigstore.dev';
export const REKOR_URL = 'https://rekor.sigstore.dev';

import { CatalogEntryInput, catalogMajorMismatchViolations } from './catalog-major';
import { imageReferenceViolations, PINNED_FORM, pullPolicyViolations } from './rules';
import { CNPG_GROUP } from '../common/constants';
import { show, Violation } from '../common/errors';
import { ImageReference } from '../common/image-reference';
import { isObject } from '../common/json';

// The library's own rules on any manifest, stricter than CloudNativePG: the API server and the operator
// accept what they refuse. The constructs enforce them (they throw); `validate` and validateManifest()
// report them as warnings (source `library`, marked `warning`), apart from the errors, so that a user
// checking third-party YAML can tell what the cluster would refuse from what the library recommends.
// (The library's security hardening beyond the webhook, e.g. case-folded fixed parameters or passwords in
// connectionParameters, is not of these: it is an error everywhere.)

/** A reference that parses but is not pinned by a sha256 digest. */
function unpinned(path: string, ref: string): Violation[] {
  const parsed = ImageReference.parse(ref);
  if (!parsed.valid || parsed.pinned) return [];
  return [{
    path,
    message: `${show(ref)} is not digest-pinned; the library pins every image (${PINNED_FORM}): a tag can be moved to other content, a digest cannot`,
    source: 'library',
    warning: true,
  }];
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/**
 * An image reference: the OCI grammar (stricter than the operator's lenient split, e.g. no upper-case
 * repository), then pinning. Empty or absent references are the schema's and the webhook's to judge.
 */
function imageWarnings(path: string, ref: unknown): Violation[] {
  if (typeof ref !== 'string' || ref === '') return [];
  const syntax = imageReferenceViolations(path, ref, false);
  return syntax.length > 0 ? syntax : unpinned(path, ref);
}

/** Extension images (wire format): reference and pull policy. */
function extensionWarnings(at: string, extensions: unknown): Violation[] {
  return list(extensions).flatMap((ext: any, i) => [
    ...imageWarnings(`${at}[${i}].image.reference`, ext?.image?.reference),
    ...pullPolicyViolations(`${at}[${i}].image.pullPolicy`, ext?.image?.pullPolicy),
  ]);
}

function catalogWarnings(spec: any): Violation[] {
  return [
    ...catalogMajorMismatchViolations(list(spec?.images) as CatalogEntryInput[]),
    ...list(spec?.images).flatMap((entry: any, i) => [
      ...imageWarnings(`spec.images[${i}].image`, entry?.image),
      ...extensionWarnings(`spec.images[${i}].extensions`, entry?.extensions),
    ]),
    ...list(spec?.componentImages).flatMap((entry: any, i) => imageWarnings(`spec.componentImages[${i}].image`, entry?.image)),
  ];
}

/**
 * The library's own rules on a CNPG object (wire format), as warnings: image references in the OCI
 * grammar and pinned by a digest (Cluster `imageName` and extension images, catalog and component images,
 * the Pooler's PgBouncer image), pull policies spelt as Kubernetes spells them (extension images), catalog
 * entries whose image is of the entry's major.
 */
export function libraryManifestWarnings(manifest: unknown): Violation[] {
  if (!isObject(manifest) || !isObject(manifest.spec) || typeof manifest.apiVersion !== 'string' || !manifest.apiVersion.startsWith(`${CNPG_GROUP}/`)) return [];
  const spec: any = manifest.spec;
  switch (manifest.kind) {
    case 'Cluster':
      return [...imageWarnings('spec.imageName', spec.imageName), ...extensionWarnings('spec.postgresql.extensions', spec.postgresql?.extensions)];
    case 'ImageCatalog':
    case 'ClusterImageCatalog':
      return catalogWarnings(spec);
    case 'Pooler':
      return imageWarnings('spec.pgbouncer.image', spec.pgbouncer?.image);
    default:
      return [];
  }
}

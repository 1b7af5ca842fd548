import { CATALOG_MIN_MAJOR } from './rules';
import { show, Violation } from '../common/errors';
import { ImageReference } from '../common/image-reference';

// The library's own rule for image catalogs: an entry's image must be of the entry's major. The operator
// takes the catalog's word for the major (getRequestedImageInfo in internal/controller/cluster_image.go
// uses imageCatalogRef.major, never the image tag), so a catalog that maps major 17 to a
// `postgresql:16.9` image would run a Cluster of major 17 on PostgreSQL 16 binaries: a binary downgrade
// the webhook cannot see. Neither the CRD nor the webhook refuses it; `validate` reports it as a warning
// (libraryManifestWarnings), `plan` refuses a change that would roll a Cluster onto such an entry.

/** One `spec.images[]` entry, as written in a catalog. */
export interface CatalogEntryInput {
  readonly major: unknown;
  readonly image: unknown;
}

/** The PostgreSQL major an entry's image tag names when it differs from the entry's major, else undefined. */
export function mismatchedTagMajor(entry: CatalogEntryInput | undefined): number | undefined {
  // A major the CRD refuses (below 10) is the schema's to report
  if (typeof entry?.image !== 'string' || typeof entry.major !== 'number' || entry.major < CATALOG_MIN_MAJOR) return undefined;
  // The major as the operator reads a tag (machinery's version.FromTag)
  const tagMajor = ImageReference.parse(entry.image).major;
  return tagMajor === undefined || tagMajor === entry.major ? undefined : tagMajor;
}

/**
 * Entries whose image tag names another PostgreSQL major than the entry (`major: 17` with
 * `postgresql:16.9`). Entries whose tag carries no version (or that do not parse) are left to the
 * other rules.
 */
export function catalogMajorMismatchViolations(images: readonly CatalogEntryInput[], at = 'spec.images'): Violation[] {
  const out: Violation[] = [];
  images.forEach((entry, i) => {
    const tagMajor = mismatchedTagMajor(entry);
    if (tagMajor === undefined) return;
    const major = entry.major as number;
    out.push({
      path: `${at}[${i}].image`,
      message: `${show(entry.image)} is PostgreSQL ${tagMajor}, but the entry is for major ${major}: the operator trusts the entry's major, so `
        + `a Cluster on major ${major} would run PostgreSQL ${tagMajor} binaries${tagMajor < major ? ' (a binary downgrade)' : ''}; `
        + `expected an image whose tag starts with ${major}`,
      source: 'library',
      warning: true,
    });
  });
  return out;
}

import { imageReferenceViolations, PINNED_FORM } from './rules';
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
function unpinned(path: string, ref: unknown): Violation[] {
  if (typeof ref !== 'string') return [];
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

/** A reference of a catalog, which the operator does not parse at admission: syntax, then pinning. */
function catalogImage(path: string, ref: unknown): Violation[] {
  if (typeof ref !== 'string' || ref === '') return [];
  const syntax = imageReferenceViolations(path, ref, false);
  return syntax.length > 0 ? syntax : unpinned(path, ref);
}

function catalogWarnings(spec: any): Violation[] {
  const out: Violation[] = [];
  list(spec?.images).forEach((entry: any, i) => {
    out.push(...catalogImage(`spec.images[${i}].image`, entry?.image));
    list(entry?.extensions).forEach((ext: any, j) => out.push(...catalogImage(`spec.images[${i}].extensions[${j}].image.reference`, ext?.image?.reference)));
  });
  list(spec?.componentImages).forEach((entry: any, i) => out.push(...catalogImage(`spec.componentImages[${i}].image`, entry?.image)));
  return out;
}

/**
 * The library's own rules on a CNPG object (wire format), as warnings: digest-pinned images (Cluster
 * `imageName` and extension images, catalog images, the Pooler's PgBouncer image) and image reference
 * syntax where the operator does not parse references (catalogs). Where the operator's webhook parses a
 * reference (Cluster `imageName`), its own verdict stands and only pinning is added.
 */
export function libraryManifestWarnings(manifest: unknown): Violation[] {
  if (!isObject(manifest) || !isObject(manifest.spec)) return [];
  const spec: any = manifest.spec;
  switch (manifest.kind) {
    case 'Cluster':
      return [
        ...unpinned('spec.imageName', spec.imageName),
        ...list(spec.postgresql?.extensions).flatMap((ext: any, i) => unpinned(`spec.postgresql.extensions[${i}].image.reference`, ext?.image?.reference)),
      ];
    case 'ImageCatalog':
    case 'ClusterImageCatalog':
      return catalogWarnings(spec);
    case 'Pooler':
      return unpinned('spec.pgbouncer.image', spec.pgbouncer?.image);
    default:
      return [];
  }
}

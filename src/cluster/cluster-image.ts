import { IImageCatalog } from '../catalog/image-catalog';
import { flavourOfName, ImageFlavour } from '../common/flavour';
import { ImageReference } from '../common/image-reference';

/**
 * Where a Cluster's PostgreSQL image comes from: an image catalog and a major (`spec.imageCatalogRef`),
 * or an image name (`spec.imageName`). Never both.
 */
export class ClusterImage {
  /**
   * The image of `major` in a catalog. Emits `spec.imageCatalogRef` with `apiGroup: postgresql.cnpg.io`,
   * which the CRD's CEL rule requires. When the catalog is a construct of the app (or an official one),
   * the Cluster checks at synth that it carries the major.
   *
   * Updating the catalog's image for this major rolls the Cluster; changing the major starts an offline
   * major upgrade (`pg_upgrade`), to 16 or later only, never a downgrade.
   */
  public static fromCatalog(catalog: IImageCatalog, major: number): ClusterImage {
    return new ClusterImage(catalog, major, undefined, undefined);
  }

  /**
   * A PostgreSQL image by name. The tag must be a version (the operator reads the major from it): not
   * `latest`, not a digest alone. Pin it with a digest too: `...:18.6-minimal-trixie@sha256:...`.
   */
  public static fromName(imageName: string): ClusterImage {
    const reference = typeof imageName === 'string' ? ImageReference.parse(imageName) : undefined;
    return new ClusterImage(undefined, reference?.major, imageName, reference);
  }

  /** The catalog, for a catalog image. */
  public readonly catalog?: IImageCatalog;

  /** The PostgreSQL major: the catalog ref's, or the one read from the image tag (when it parses). */
  public readonly major?: number;

  /** The image name, for an image given by name. */
  public readonly imageName?: string;

  /**
   * The image name, parsed once.
   * @internal
   */
  public readonly _reference?: ImageReference;

  private constructor(
    catalog: IImageCatalog | undefined,
    major: number | undefined,
    imageName: string | undefined,
    reference: ImageReference | undefined,
  ) {
    this.catalog = catalog;
    this.major = major;
    this.imageName = imageName;
    this._reference = reference;
  }

  /**
   * The image's type and Debian release, when its catalog's name or its tag says so.
   * @internal
   */
  public get _flavour(): ImageFlavour {
    if (this.catalog) return flavourOfName(this.catalog.name);
    const ref = this._reference;
    if (!ref) return {};
    return ref.imageType !== undefined ? { type: ref.imageType, os: ref.debianRelease } : flavourOfName(ref.tag ?? ref.text);
  }
}

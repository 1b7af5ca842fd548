import { DebianRelease, ImageType } from '../common/flavour';

/** Selects one official catalog. */
export interface OfficialCatalogOptions {
  /** Image type. */
  readonly type: ImageType;
  /** Debian release. */
  readonly os: DebianRelease;
  /**
   * The extension-enabled variant (artifacts' `image-catalogs-extensions/`): same name, and major 18
   * defines the official extensions. Only minimal on bookworm and trixie. Needs CloudNativePG 1.29+.
   * @default false
   */
  readonly withExtensions?: boolean;
}

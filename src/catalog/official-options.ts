import type { OfficialSnapshot } from './official-snapshot';
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

  /**
   * The signed snapshot of the official catalogs to take the images from (`OfficialSnapshot.of('2026-07-17')`).
   * @default OfficialSnapshot.latest()
   */
  readonly snapshot?: OfficialSnapshot;
}

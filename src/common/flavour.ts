// The flavours of CloudNativePG's official PostgreSQL images: what their names and tags say.

/** Type of the official CloudNativePG PostgreSQL images. */
export enum ImageType {
  /** PostgreSQL only, from the PGDG packages. Pair it with the Barman Cloud plugin for backups. */
  MINIMAL = 'minimal',
  /** minimal plus locales, pgaudit, pgvector, pg-failover-slots and (PostgreSQL 18+) JIT. */
  STANDARD = 'standard',
  /** standard plus Barman Cloud for in-tree backups. Deprecated upstream. */
  SYSTEM = 'system',
}

/** Debian release of the official images. */
export enum DebianRelease {
  /** Debian 11; deprecated upstream, best effort. No extension images. */
  BULLSEYE = 'bullseye',
  /** Debian 12 (oldstable). */
  BOOKWORM = 'bookworm',
  /** Debian 13 (stable). */
  TRIXIE = 'trixie',
}

/** The type and Debian release a name spells out, when it does. */
export interface ImageFlavour {
  /**
   * The image type.
   * @default - not spelled out
   */
  readonly type?: ImageType;
  /**
   * The Debian release.
   * @default - not spelled out
   */
  readonly os?: DebianRelease;
}

const TYPE_IN_NAME = /(?:^postgresql-|-)(minimal|standard|system)(?:-|$)/;
const OS_AT_END = /-(bullseye|bookworm|trixie)$/;

/**
 * The flavour in a catalog name (`postgresql-minimal-trixie`, the official catalogs' names) or an image
 * tag (`18.6-202608170814-minimal-trixie`).
 */
export function flavourOfName(name: string): ImageFlavour {
  return {
    type: TYPE_IN_NAME.exec(name)?.[1] as ImageType | undefined,
    os: OS_AT_END.exec(name)?.[1] as DebianRelease | undefined,
  };
}

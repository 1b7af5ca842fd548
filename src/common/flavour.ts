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

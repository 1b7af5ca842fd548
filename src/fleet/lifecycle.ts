// End-of-life dates the rollout plan warns about. Dated facts with their sources; the plan compares
// them with its own "today" (injectable, so that a plan of a given day reads the same forever).

/**
 * PostgreSQL majors and the day of their final release, after which they are unsupported.
 * Source: the PostgreSQL versioning policy (https://www.postgresql.org/support/versioning/: a major is
 * supported for five years, then gets one final minor release and is end-of-life), with the dates of its
 * release table as mirrored by cloudnative-pg/postgres-containers' README (13 → 2025-11-13, 14 → 2026-11-12,
 * 15 → 2027-11-11, 16 → 2028-11-09, 17 → 2029-11-08, 18 → 2030-11-14). Older majors ended earlier.
 */
export const POSTGRES_END_OF_LIFE: ReadonlyArray<readonly [number, string]> = [
  [10, '2022-11-10'],
  [11, '2023-11-09'],
  [12, '2024-11-21'],
  [13, '2025-11-13'],
  [14, '2026-11-12'],
  [15, '2027-11-11'],
  [16, '2028-11-09'],
  [17, '2029-11-08'],
  [18, '2030-11-14'],
];

/**
 * Debian releases of the official images and the end of their (long-term) support.
 * Sources: Debian LTS (https://wiki.debian.org/LTS): bullseye LTS ended 2026-08-31, bookworm's ends
 * 2028-06-30, trixie's 2030-06-30. CloudNativePG stopped rebuilding the bullseye catalogs on 2026-09-04
 * (postgres-containers: bullseye "deprecated, best effort until LTS").
 */
export const DEBIAN_END_OF_LIFE: ReadonlyArray<readonly [string, string, string]> = [
  ['bullseye', '2026-08-31', 'Debian 11 LTS ended on 2026-08-31 and CloudNativePG stopped rebuilding its bullseye images on 2026-09-04'],
  ['bookworm', '2028-06-30', 'Debian 12 LTS ends on 2028-06-30'],
  ['trixie', '2030-06-30', 'Debian 13 LTS ends on 2030-06-30'],
];

const PG_EOL = new Map(POSTGRES_END_OF_LIFE);
const DEBIAN_EOL = new Map(DEBIAN_END_OF_LIFE.map(([os, date, why]) => [os, { date, why }]));

/** `YYYY-MM-DD` of a Date (UTC). */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** The end-of-life day of a PostgreSQL major when it has passed on `today`, else undefined. */
export function postgresEndOfLife(major: number, today: string): string | undefined {
  const eol = PG_EOL.get(major) ?? (major < 10 ? '2022-11-10' : undefined);
  return eol !== undefined && eol <= today ? eol : undefined;
}

/** Why a Debian release is end-of-life on `today`, or undefined. */
export function debianEndOfLife(os: string, today: string): string | undefined {
  const eol = DEBIAN_EOL.get(os);
  return eol !== undefined && eol.date <= today ? eol.why : undefined;
}

/** The Debian releases the official images are built on, newest last. */
const DEBIAN_RELEASES = DEBIAN_END_OF_LIFE.map(([os]) => os);

/**
 * The Debian release an image is built on, read from its tag (`18.6-202608170814-minimal-trixie`,
 * `18.4-system-trixie`, `0.8.6-…-18-trixie`): the tag's last dash-separated word when it is a Debian release
 * the official images use (official images and their mirrors alike); undefined for any other tag.
 */
export function debianRelease(tag: string | undefined): string | undefined {
  if (tag === undefined) return undefined;
  const last = tag.slice(tag.lastIndexOf('-') + 1);
  return DEBIAN_RELEASES.includes(last) ? last : undefined;
}

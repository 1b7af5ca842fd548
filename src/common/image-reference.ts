import { OFFICIAL_IMAGE_PREFIX } from './constants';
import { DebianRelease, ImageType } from './flavour';

// One parsed image reference, the only place where image names are read. It carries two views:
// - the strict OCI grammar (distribution/reference): the library's own check that a reference is well
//   formed, before a registry is ever asked;
// - what the operator reads (cloudnative-pg/machinery 0.5.0, pkg/image/reference and
//   pkg/postgres/version): its lenient split into name, tag and digest, and the PostgreSQL version it
//   takes from the tag.
// and, for CloudNativePG's official images, the flavour their tags spell out.

const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_LABEL = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?`;
const OCI_REFERENCE = new RegExp(
  `^((?:(${DOMAIN})/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*)(?::([\\w][\\w.-]{0,127}))?(?:@([A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?$`,
);
const SHA256_DIGEST = /^sha256:[0-9a-f]{64}$/;

// machinery 0.5.0, pkg/image/reference/imagename.go
const OPERATOR_DIGEST = /@sha256:([a-fA-F0-9]+)$/;
const OPERATOR_TAG = /:([^/]+)$/;
const OPERATOR_HOST = /^[^./:]+((\.[^./:]+)+(:[0-9]+)?|:[0-9]+)\//;
// machinery 0.5.0, pkg/postgres/version/version.go: semanticVersionRegex
const SEMANTIC_VERSION = /^(\d\.?)+/;

const TYPES = new Set<string>(Object.values(ImageType));
const RELEASES = new Set<string>(Object.values(DebianRelease));
// official operand tags: <major.minor>[-<build stamp>]-<type>-<os>; extension tags: <version>-<stamp>-<major>-<os>
const OPERAND_TAG = /^\d+(?:\.\d+)*(?:-\d+)?-(minimal|standard|system)-(bullseye|bookworm|trixie)$/;
const EXTENSION_TAG = /-(\d+)-(bullseye|bookworm|trixie)$/;

let parses = 0;

/** How many references were parsed so far in this process (for tests that count parses). */
export function imageReferenceParses(): number {
  return parses;
}

/** A PostgreSQL version as the operator reads it from a tag. */
export interface PostgresVersion {
  readonly major: number;
  readonly minor: number;
}

/** An image reference, parsed once. Never throws: `valid` says whether the OCI grammar accepts it. */
export class ImageReference {
  /** Parses a reference. */
  public static parse(text: string): ImageReference {
    return new ImageReference(text);
  }

  /** The reference as written. */
  public readonly text: string;
  /** Whether it is a well-formed OCI reference (`[registry/]repository[:tag][@algorithm:hex]`). */
  public readonly valid: boolean;
  /** Registry host (with port), when written. */
  public readonly registry?: string;
  /** Repository, with the registry as written (`ghcr.io/cloudnative-pg/postgresql`); the OCI view. */
  public readonly repository: string;
  /** Tag, when written (OCI view). */
  public readonly tag?: string;
  /** Digest (`sha256:...`), when written (OCI view). */
  public readonly digest?: string;
  /** Pinned by a full sha256 digest. */
  public readonly pinned: boolean;
  /** The tag the operator sees: as written, `latest` when there is neither tag nor digest, else none. */
  public readonly operatorTag?: string;
  /** The PostgreSQL version the operator reads from the tag, when the tag starts with one. */
  public readonly version?: PostgresVersion;
  /** One of CloudNativePG's own images (`ghcr.io/cloudnative-pg/...`). */
  public readonly official: boolean;
  /** For an official PostgreSQL image: its type, from the tag. */
  public readonly imageType?: ImageType;
  /** For an official image: the Debian release its tag names. */
  public readonly debianRelease?: DebianRelease;
  /** For an official extension image: the PostgreSQL major it is built for. */
  public readonly builtForMajor?: number;

  private constructor(text: string) {
    parses++;
    this.text = text;
    const m = OCI_REFERENCE.exec(text);
    this.valid = m !== null;
    this.repository = m ? m[1] : text;
    this.registry = m?.[2];
    this.tag = m?.[3];
    this.digest = m?.[4];
    this.pinned = this.digest !== undefined && SHA256_DIGEST.test(this.digest);

    this.operatorTag = operatorTag(text);
    this.version = this.operatorTag === undefined ? undefined : versionFromTag(this.operatorTag);

    this.official = this.valid && this.repository.startsWith(OFFICIAL_IMAGE_PREFIX);
    if (this.official && this.tag !== undefined) {
      const operand = this.repository === `${OFFICIAL_IMAGE_PREFIX}postgresql` ? OPERAND_TAG.exec(this.tag) : null;
      if (operand) {
        this.imageType = TYPES.has(operand[1]) ? operand[1] as ImageType : undefined;
        this.debianRelease = RELEASES.has(operand[2]) ? operand[2] as DebianRelease : undefined;
      } else {
        const ext = EXTENSION_TAG.exec(this.tag);
        if (ext) {
          this.builtForMajor = Number(ext[1]);
          this.debianRelease = ext[2] as DebianRelease;
        }
      }
    }
  }

  /** The PostgreSQL major the operator reads from the tag. */
  public get major(): number | undefined {
    return this.version?.major;
  }
}

/** machinery's split of a name: the tag after the last `:` with no `/` after it, once the digest is cut. */
function operatorTag(text: string): string | undefined {
  let name = text.includes('/') ? (OPERATOR_HOST.test(text) ? text : `docker.io/${text}`) : `docker.io/library/${text}`;
  const digest = OPERATOR_DIGEST.exec(name);
  if (digest) name = name.slice(0, name.length - digest[0].length);
  const tag = OPERATOR_TAG.exec(name);
  if (tag) return tag[1];
  return digest ? undefined : 'latest';
}

/** machinery's version.FromTag: major and minor of a tag that starts with a version, else undefined. */
function versionFromTag(tag: string): PostgresVersion | undefined {
  const m = SEMANTIC_VERSION.exec(tag);
  if (!m) return undefined;
  const parts = m[0].split('.');
  const major = Number(parts[0]);
  const minor = parts.length > 1 ? Number(parts[1]) : 0;
  // strconv.Atoi fails on an empty part ("18." gives "18", "") and on values beyond int64
  if (parts.length > 1 && parts[1] === '') return undefined;
  if (!Number.isSafeInteger(major) || !Number.isSafeInteger(minor)) return undefined;
  return { major, minor };
}

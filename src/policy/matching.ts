import { ImageReference } from '../common/image-reference';

// How each admission engine matches an image against the patterns a policy lists, ported from the engines'
// sources, so that the library can say which images a generated policy covers (and tests can show that an
// image of another publisher is not covered).

/**
 * sigstore policy-controller (pkg/apis/glob/glob.go, v0.15): a glob is `[a-zA-Z0-9-_:/*.]+`; `*` matches any
 * run of characters but `/`, `**` any run at all; the glob must match the whole name. `*` and `*\/*` alone are
 * shorthands for Docker Hub. Returns undefined for a glob policy-controller refuses.
 */
export function policyControllerGlob(glob: string): RegExp | undefined {
  let g = glob === '*/*' ? 'index.docker.io/*/*' : glob === '*' ? 'index.docker.io/library/*' : glob;
  if (!/^[a-zA-Z0-9\-_:/*.]+$/.test(g)) return undefined;
  g = g.replace(/\./g, '\\.').replace(/\*\*/g, '#').replace(/\*/g, '[^/]*').replace(/#/g, '.*');
  return new RegExp(`^${g}$`);
}

/**
 * The name policy-controller matches its globs against: its validating webhook refuses a reference without a
 * digest (its mutating webhook first resolves a tag to one), then matches `registry/repository@digest`
 * (go-containerregistry `Digest.Name()`: the tag is dropped, Docker Hub names get `index.docker.io/library/`).
 * Undefined for a reference without a digest: the digest it resolves to is not known before admission.
 */
export function policyControllerName(image: string): string | undefined {
  const ref = ImageReference.parse(image);
  if (!ref.valid || ref.digest === undefined) return undefined;
  let repository = ref.repository;
  if (ref.registry === undefined) repository = `index.docker.io/${repository.includes('/') ? '' : 'library/'}${repository}`;
  return `${repository}@${ref.digest}`;
}

/** Whether a policy-controller glob covers an image. */
export function policyControllerCovers(glob: string, image: string): boolean {
  const name = policyControllerName(image);
  return name !== undefined && policyControllerGlob(glob)?.test(name) === true;
}

/**
 * Kyverno's wildcard match (IGLOU-EU/go-wildcard v2, used by `verifyImages[].imageReferences`): `*` matches
 * any run of characters, `?` and `.` any one character, everything else itself.
 */
export function kyvernoWildcardMatches(pattern: string, s: string): boolean {
  // dynamic programming over (pattern position, string position): no backtracking blow-up on hostile input
  let row = new Array<boolean>(s.length + 1).fill(false);
  row[0] = true;
  for (const c of pattern) {
    const next = new Array<boolean>(s.length + 1).fill(false);
    if (c === '*') {
      let any = false;
      for (let j = 0; j <= s.length; j++) next[j] = any = any || row[j];
    } else {
      for (let j = 1; j <= s.length; j++) next[j] = row[j - 1] && (c === '?' || c === '.' || c === s[j - 1]);
    }
    row = next;
  }
  return row[s.length];
}

/**
 * The string Kyverno matches `imageReferences` against (pkg/utils/image ImageInfo.String()):
 * `registry/path@digest` when there is a digest (the tag is dropped), else `registry/path:tag` (`latest` when
 * there is none); Docker Hub names get `docker.io/` and `library/`.
 */
export function kyvernoImageString(image: string): string | undefined {
  const ref = ImageReference.parse(image);
  if (!ref.valid) return undefined;
  let repository = ref.repository;
  if (ref.registry === undefined) repository = `docker.io/${repository.includes('/') ? '' : 'library/'}${repository}`;
  return ref.digest !== undefined ? `${repository}@${ref.digest}` : `${repository}:${ref.tag ?? 'latest'}`;
}

/** Whether one of a Kyverno ClusterPolicy rule's `imageReferences` covers an image. */
export function kyvernoCovers(patterns: readonly string[], image: string): boolean {
  const s = kyvernoImageString(image);
  return s !== undefined && patterns.some((p) => kyvernoWildcardMatches(p, s));
}

/**
 * An ImageValidatingPolicy glob (gobwas/glob without separators) against the image as the Pod spells it.
 * The library writes literal globs only (no `*`, `?`, `[` or `{`): a glob covers exactly the same string.
 */
export function imageValidatingCovers(globs: readonly string[], image: string): boolean {
  return globs.includes(image);
}

// Syntax of Go's `path.Match` patterns, which the operator uses for INHERITED_ANNOTATIONS and
// INHERITED_LABELS. The operator logs and skips a malformed pattern ("Skipping invalid glob pattern
// during labels/annotations inheritance"), so nothing is inherited and nobody is told; we refuse it at
// synth instead.
//
//   pattern:  { term }
//   term:     '*' (any run of non-'/' characters) | '?' (one non-'/' character)
//             | '[' [ '^' ] { range } ']' (a non-empty class) | c (c not '*', '?', '\\', '[') | '\\' c
//   range:    c (c not '\\', '-', ']') | '\\' c | lo '-' hi
//
// path.Match returns ErrBadPattern for an unterminated or empty class, an unescaped '-' or ']' where a
// class character is expected, and a trailing '\\'.

/** Why a pattern is refused. */
export interface GlobProblem {
  /** What is wrong, quoting the offending part. */
  readonly message: string;
  /** True when Go's path.Match itself rejects it (ErrBadPattern); false for a library rule. */
  readonly badPattern: boolean;
}

/** The first problem of a Go `path.Match` pattern, or undefined when it is well formed. */
export function globProblem(pattern: string): GlobProblem | undefined {
  const chars = Array.from(pattern); // code points, as Go decodes runes
  let i = 0;

  const bad = (message: string): GlobProblem => ({ message, badPattern: true });

  // One class character, possibly escaped; Go's getEsc. `start` is the class's "[" when this is its
  // first character.
  const classChar = (start?: number): { char?: string; problem?: GlobProblem } => {
    if (i >= chars.length) return { problem: bad('a character class "[" is never closed by "]"') };
    const c = chars[i];
    if (c === ']' && start !== undefined) {
      return { problem: bad(`the character class at position ${start + 1} is empty; escape "]" as "\\]" to match it`) };
    }
    if (c === '-' || c === ']') {
      return { problem: bad(`"${c}" at position ${i + 1} must be escaped as "\\${c}" inside a character class`) };
    }
    if (c === '\\') {
      i += 1;
      if (i >= chars.length) return { problem: bad('a character class "[" is never closed by "]"') };
    }
    const char = chars[i];
    i += 1;
    if (i >= chars.length) return { problem: bad('a character class "[" is never closed by "]"') };
    return { char };
  };

  while (i < chars.length) {
    const c = chars[i];
    if (c === '\\') {
      if (i + 1 >= chars.length) return bad('it ends with a "\\" that escapes nothing');
      i += 2;
      continue;
    }
    if (c !== '[') {
      i += 1;
      continue;
    }
    const start = i;
    i += 1;
    if (i < chars.length && chars[i] === '^') i += 1;
    let ranges = 0;
    for (;;) {
      if (i < chars.length && chars[i] === ']' && ranges > 0) {
        i += 1;
        break;
      }
      const lo = classChar(ranges === 0 ? start : undefined);
      if (lo.problem) return lo.problem;
      if (chars[i] === '-') {
        i += 1;
        const hi = classChar();
        if (hi.problem) return hi.problem;
        if (lo.char!.codePointAt(0)! > hi.char!.codePointAt(0)!) {
          return {
            message: `the range "${lo.char}-${hi.char}" in the class at position ${start + 1} is empty (its first character sorts after its last)`,
            badPattern: false,
          };
        }
      }
      ranges += 1;
    }
  }
  return undefined;
}

import * as fs from 'fs';
import * as path from 'path';

// Reads the names of upstream's Ginkgo specs (It and Entry) from a Go test file in ../shared/reference,
// so that the conformance data can be checked against the real list: every upstream spec is ported or
// listed as not applicable, and every case names a spec that exists.

/** The upstream sources the conformance data is traced to. */
export const REFERENCE = path.resolve(__dirname, '..', '..', '..', 'shared', 'reference', 'cnpg-1.30.0');

/** True when the upstream Go sources are present (they are beside the repository in development and CI). */
export const HAS_REFERENCE = fs.existsSync(path.join(REFERENCE, 'internal', 'webhook', 'v1'));

const CONTAINERS = new Set(['Describe', 'Context', 'When', 'DescribeTable']);
const SPECS = new Set(['It', 'Entry']);
const CALL = /\b(Describe|Context|When|DescribeTable|It|Entry)\(\s*("(?:[^"\\\n]|\\.)*"|`[^`]*`)/y;

/** Decodes a Go string literal (interpreted or raw). */
function goString(literal: string): string {
  return literal.startsWith('`') ? literal.slice(1, -1) : JSON.parse(literal);
}

/**
 * The full names of the It and Entry specs of a Ginkgo file, in order: the names of the enclosing
 * Describe/Context/When/DescribeTable joined with ` > ` (`Describe > It`). A full name that repeats gets
 * ` (2)`, ` (3)`... from its second occurrence, so that every spec has its own name.
 */
export function ginkgoSpecs(source: string): string[] {
  const out: string[] = [];
  const seen = new Map<string, number>();
  const stack: Array<{ name: string; depth: number }> = [];
  let depth = 0;
  let i = 0;
  while (i < source.length) {
    const c = source[i];
    if (c === '/' && source[i + 1] === '/') {
      i = source.indexOf('\n', i);
      if (i < 0) break;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      i = source.indexOf('*/', i + 2) + 2;
      continue;
    }
    if (c === '"' || c === '`' || c === '\'') {
      i = skipLiteral(source, i);
      continue;
    }
    if (c === '(') {
      depth += 1;
      i += 1;
      continue;
    }
    if (c === ')') {
      depth -= 1;
      while (stack.length > 0 && stack[stack.length - 1].depth > depth) stack.pop();
      i += 1;
      continue;
    }
    if (/[A-Z]/.test(c) && !/[\w.]/.test(source[i - 1] ?? ' ')) {
      CALL.lastIndex = i;
      const m = CALL.exec(source);
      if (m) {
        const name = goString(m[2]);
        if (CONTAINERS.has(m[1])) {
          stack.push({ name, depth: depth + 1 });
        } else if (SPECS.has(m[1])) {
          const full = [...stack.map((s) => s.name), name].join(' > ');
          const n = (seen.get(full) ?? 0) + 1;
          seen.set(full, n);
          out.push(n === 1 ? full : `${full} (${n})`);
        }
        // continue right after the callee name: the call's parenthesis is counted by the loop
        i += m[1].length;
        continue;
      }
    }
    i += 1;
  }
  return out;
}

function skipLiteral(source: string, start: number): number {
  const quote = source[start];
  let i = start + 1;
  while (i < source.length && source[i] !== quote) {
    if (quote !== '`' && source[i] === '\\') i += 1;
    i += 1;
  }
  return i + 1;
}

/** The spec names of an upstream test file, by its path under cnpg-1.30.0 (only when HAS_REFERENCE). */
export function upstreamSpecs(file: string): string[] {
  return ginkgoSpecs(fs.readFileSync(path.join(REFERENCE, file), 'utf8'));
}

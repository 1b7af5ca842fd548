/**
 * The object without its undefined fields. The constructs build their L1 structs with every optional
 * field spelled out; dropping the unset ones keeps cdk8s's resolve and sanitize passes (which visit every
 * key) as short as for a hand-written object.
 */
export function defined<T extends object>(obj: T): T {
  const out: any = {};
  for (const key in obj) {
    const value = obj[key];
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * A copy of props taken at construction: plain objects and arrays are copied (deeply), anything else
 * (constructs, Size, Duration, Date, value objects) is kept as it is. A construct's output then depends on
 * the props as they were given, not on later changes to the caller's objects, which no synth pass could
 * notice.
 */
export function snapshot<T>(value: T): T {
  if (Array.isArray(value)) return value.map(snapshot) as unknown as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: any = {};
    for (const key of Object.keys(value)) out[key] = snapshot((value as any)[key]);
    return out;
  }
  return value;
}

/**
 * Runtime helpers used by wirecase's generated mappers, guards and parse functions. This file is copied
 * verbatim into every output folder, so the generated code has no npm dependency. It is plain, strict
 * TypeScript and is unit-tested in wirecase's own repository (test/runtime.test.ts).
 */

/** Maps the values of a record (a map whose keys are data): keys are copied untouched, never renamed. */
export function mapRecord<A, B>(record: { readonly [key: string]: A }, map: (value: A) => B): { [key: string]: B } {
  const out: { [key: string]: B } = {};
  for (const key of Object.keys(record)) {
    const value = map(record[key] as A);
    if (key === "__proto__") {
      // an ordinary own property, never the prototype
      Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      out[key] = value;
    }
  }
  return out;
}

/** True for a JSON object: not null, not an array. */
export function isPlainObject(value: unknown): value is { readonly [key: string]: unknown } {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets an own, enumerable property (safe for `__proto__`). */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

/** True when `value` is a JSON object with its own property `key`. */
export function hasKey(value: unknown, key: string): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, key);
}

/** The own property `key` of a JSON object, or undefined. */
export function fieldOf(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key) ? (value as { readonly [key: string]: unknown })[key] : undefined;
}

/** True when `value` is a JSON object with its own property `key`. */
export function hasKey(value: unknown, key: string): boolean {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.hasOwn(value, key);
}

/** The own property `key` of a JSON object, or undefined. */
export function fieldOf(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key) ? (value as { readonly [key: string]: unknown })[key] : undefined;
}

/**
 * How JavaScript spells things: property names, accessors, object-literal keys and JSON literals. A leaf module:
 * every printer uses it and it imports nothing of the generator but the identifier test.
 */
import { isIdentifier } from "../naming/casing.js";

/** Keys that name something on `Object.prototype`: read with an own-property check, written with `setOwn`. */
export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(Object.getOwnPropertyNames(Object.prototype));

/** A property name as written in a type or object literal: bare when it is an identifier, else quoted. */
export function propertyName(key: string): string {
  return isIdentifier(key) ? key : JSON.stringify(key);
}

/** `.key` or `["key"]`. */
export function accessor(key: string): string {
  const name = propertyName(key);
  return name === key ? `.${key}` : `[${name}]`;
}

/** A key in an object literal: `__proto__` must be computed to stay an own property. */
export function literalKey(key: string): string {
  return key === "__proto__" ? `["__proto__"]` : propertyName(key);
}

/**
 * A JSON value as an expression that builds it, in `JSON.stringify`'s spelling, except that a `__proto__` key
 * is computed (`["__proto__"]:`): in a literal, `"__proto__": v` would set the prototype instead of an own key.
 */
export function jsonLiteral(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(jsonLiteral).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(
      ([k, v]) => `${k === "__proto__" ? `["__proto__"]` : JSON.stringify(k)}:${jsonLiteral(v)}`,
    );
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** A number as a literal (`Infinity` for the infinite bounds JSON cannot write). */
export function numberLiteral(n: number): string {
  return Number.isFinite(n) ? String(n) : n > 0 ? "Infinity" : "-Infinity";
}

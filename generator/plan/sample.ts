/**
 * A small wire value of a declaration, generated from its schema for a doc page whose schema gives no example:
 * the required keys (the first few keys of a top object with none required), one item per array near the top, the
 * lowest number the bounds allow, an enum's first value, a union's first member (with the tag the discriminator
 * maps it to), a placeholder string by format. Small, not always valid (a `pattern` is not solved): the page checks
 * it like an example of the spec, and shows the issues.
 */
import type { Node, PrimitiveNode } from "../ir/types.js";
import { assertNever } from "../ir/walk.js";
import type { Plan } from "./index.js";
import { isPlainObject } from "./interpret.js";

/** How many refs deep the sample follows before it writes `null`. */
const MAX_DEPTH = 6;
/** Arrays this near the top get one item; deeper, as few as `minItems` allows. */
const ITEM_DEPTH = 2;
/** Keys an object without required keys shows. */
const OPTIONAL_KEYS = 3;

/** Per plan, the sample of each ref target at each depth: many declarations share them (values are not changed). */
const memos = new WeakMap<Plan, Map<string, unknown>>();

export function sampleWire(plan: Plan, declId: string): unknown {
  const decl = plan.decls.get(declId);
  return decl === undefined ? null : sample(plan, decl.node, 0);
}

function sampleRef(plan: Plan, target: string, depth: number): unknown {
  let memo = memos.get(plan);
  if (memo === undefined) memos.set(plan, (memo = new Map()));
  const key = `${depth} ${target}`;
  if (memo.has(key)) return memo.get(key);
  const decl = plan.decls.get(target);
  const value = decl === undefined || depth >= MAX_DEPTH ? null : sample(plan, decl.node, depth + 1);
  memo.set(key, value);
  return value;
}

function sample(plan: Plan, node: Node, depth: number): unknown {
  switch (node.kind) {
    case "primitive":
      return primitive(node);
    case "date":
      // the wire value: what the page shows as JSON, and what fromWire reads
      return node.encoding === "rfc3339" ? "2024-01-01T00:00:00Z" : 1704067200;
    case "literal":
      return node.value;
    case "enum":
      return node.values[0];
    case "array": {
      const min = node.constraints?.minItems ?? 0;
      const count = depth < ITEM_DEPTH ? Math.max(min, Math.min(1, node.constraints?.maxItems ?? 1)) : min;
      return Array.from({ length: count }, () => sample(plan, node.items, depth + 1));
    }
    case "tuple":
      return node.items.slice(0, node.required).map((n) => sample(plan, n, depth + 1));
    case "object": {
      const required = node.properties.filter((p) => p.required);
      // optional keys only at the top (a nested object of optional keys is `{}`: no recursion through them)
      const shown = required.length > 0 || depth > 0 ? required : node.properties.slice(0, OPTIONAL_KEYS);
      return Object.fromEntries(shown.map((p) => [p.key, sample(plan, p.node, depth)]));
    }
    case "record":
      return {};
    case "union": {
      const up = plan.union(node);
      const first = up.candidates[0];
      if (first === undefined) return null;
      const value = sample(plan, first.node, depth);
      const tag = first.tags[0];
      if (tag !== undefined && isPlainObject(value)) return { ...value, [up.discriminator!.property]: tag };
      return value;
    }
    case "intersection": {
      const parts = node.members.map((m) => sample(plan, m, depth));
      if (!parts.every(isPlainObject)) return parts[0];
      const merged: { [key: string]: unknown } = {};
      for (const part of parts) for (const [k, v] of Object.entries(part)) setOwn(merged, k, v);
      return merged;
    }
    case "ref":
      return sampleRef(plan, node.target, depth);
    case "unknown":
      return {};
    case "never":
      return null;
    default:
      return assertNever(node);
  }
}

const FORMATS: { readonly [format: string]: string } = {
  "date-time": "2024-01-01T00:00:00Z",
  date: "2024-01-01",
  time: "00:00:00Z",
  email: "user@example.com",
  uri: "https://example.com",
  url: "https://example.com",
  uuid: "00000000-0000-0000-0000-000000000000",
};

/** An own enumerable property, `__proto__` included. */
function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function primitive(node: PrimitiveNode): unknown {
  const c = node.constraints;
  switch (node.type) {
    case "string": {
      const text = (node.format !== undefined ? FORMATS[node.format] : undefined) ?? "string";
      const min = c?.minLength ?? 0;
      const padded = text.length < min ? text.padEnd(min, "x") : text;
      return c?.maxLength !== undefined ? padded.slice(0, c.maxLength) : padded;
    }
    case "integer":
    case "number": {
      const low = c?.minimum ?? (c?.exclusiveMinimum !== undefined ? Math.floor(c.exclusiveMinimum) + 1 : undefined);
      const high = c?.maximum ?? (c?.exclusiveMaximum !== undefined ? Math.ceil(c.exclusiveMaximum) - 1 : undefined);
      const n = low ?? (high !== undefined && high < 0 ? high : 0);
      return c?.multipleOf !== undefined && n % c.multipleOf !== 0 ? Math.ceil(n / c.multipleOf) * c.multipleOf : n;
    }
    case "boolean":
      return false;
    case "null":
      return null;
    default:
      return assertNever(node.type);
  }
}

/**
 * The plan run on a value, at generation time, without the generated code: `fromWireValue(plan, id, json)` is what
 * the generated `xFromWire(json)` returns (emit/mappers.ts prints the same plan): an object's keys renamed and
 * ordered as its plan says (the lead keys, then the others present, then extra keys copied with their swaps), the
 * union member the plan's choice rule takes (tags, then shapes, ranked by declared keys when the plan says so),
 * an intersection's members merged with their omits, records, arrays and tuples mapped by item. Like the mappers
 * it does not validate: see plan/check-value.ts. The doc pages show an example's model with it.
 */
import type { Node, ObjectNode, UnionNode } from "../ir/types.js";
import { PROTOTYPE_KEYS } from "../code/js.js";
import { assertNever, nonNullMember } from "../ir/walk.js";
import { converts } from "./analyse.js";
import type { Plan } from "./index.js";
import type { ShapeTest } from "./shape.js";
// the generated code's own helpers, so that interpreting the plan gives what running the output gives
import {
  dateFromUnix,
  dateFromWire,
  fieldOf,
  isDateTime,
  isPlainObject,
  isValidDate,
  jsonEquals,
  setOwn,
} from "../../templates/runtime.js";

export { fieldOf, isPlainObject, jsonEquals };

type Json = { [key: string]: unknown };

/** What the generated `xFromWire(json)` of declaration `declId` returns. */
export function fromWireValue(plan: Plan, declId: string, json: unknown): unknown {
  if (!plan.analysis.converts(declId)) return json;
  const decl = plan.decls.get(declId);
  if (decl === undefined) throw new Error(`internal error: no declaration ${declId}`);
  const node = decl.node;
  if (node.kind === "object") return mapObject(plan, node, json);
  const inner = nonNullMember(node);
  if (inner?.kind === "object") return json === null ? null : mapObject(plan, inner, json);
  return mapValue(plan, node, json);
}

/** The value a node maps `v` to (itself when the node converts nothing). */
function mapValue(plan: Plan, node: Node, v: unknown): unknown {
  switch (node.kind) {
    case "date":
      return node.encoding === "rfc3339" ? dateFromWire(v as string) : dateFromUnix(v as number);
    case "primitive":
    case "literal":
    case "enum":
    case "unknown":
    case "never":
      return v;
    case "ref":
      return plan.analysis.converts(node.target) ? fromWireValue(plan, node.target, v) : v;
    case "array":
      return converts(node.items, plan.analysis) ? (v as unknown[]).map((x) => mapValue(plan, node.items, x)) : v;
    case "tuple":
      return mapTuple(plan, node, v as unknown[]);
    case "record": {
      if (!converts(node.values, plan.analysis)) return v;
      const out: Json = {};
      for (const key of Object.keys(v as Json)) setOwn(out, key, mapValue(plan, node.values, (v as Json)[key]));
      return out;
    }
    case "union":
      return mapUnion(plan, node, v);
    case "intersection":
      return mapIntersection(plan, node, v);
    case "object":
      return mapObject(plan, node, v);
    default:
      return assertNever(node);
  }
}

/** An object: the lead keys, the later ones (required, or present), then extra keys copied with their swaps. */
function mapObject(plan: Plan, node: ObjectNode, v: unknown): Json {
  const op = plan.object(node);
  const wire = v as Json;
  const out: Json = {};
  op.keys.forEach((k, i) => {
    if (i >= op.lead && !k.required) {
      const present = PROTOTYPE_KEYS.has(k.wire)
        ? Object.hasOwn(wire, k.wire) && wire[k.wire] !== undefined
        : wire[k.wire] !== undefined;
      if (!present) return;
    }
    setOwn(out, k.model, mapValue(plan, k.node, wire[k.wire]));
  });
  if (op.copyRest) {
    const declared = new Set(op.keys.map((k) => k.wire));
    const swaps = new Map(op.swaps.fromWire);
    for (const key of Object.keys(wire)) {
      if (!declared.has(key)) setOwn(out, swaps.get(key) ?? key, fieldOf(wire, key));
    }
  }
  return out;
}

/**
 * A tuple: the positions up to the last one that converts mapped (a required one always, an optional one only when
 * present), then the rest mapped, or copied from there on when it does not convert.
 */
function mapTuple(plan: Plan, node: Extract<Node, { kind: "tuple" }>, v: unknown[]): unknown {
  const convertsAt = node.items.map((n) => converts(n, plan.analysis));
  const restConverts = node.rest !== undefined && converts(node.rest, plan.analysis);
  if (!convertsAt.includes(true) && !restConverts) return v;
  const n = node.items.length;
  const copyFrom = node.rest === undefined || !restConverts ? convertsAt.lastIndexOf(true) + 1 : n;
  const out: unknown[] = [];
  for (let i = 0; i < copyFrom; i++) {
    if (i >= node.required && i >= v.length) continue;
    out.push(convertsAt[i] === true ? mapValue(plan, node.items[i]!, v[i]) : v[i]);
  }
  if (copyFrom < n || node.rest !== undefined) {
    const rest = v.slice(copyFrom);
    out.push(...(restConverts ? rest.map((x) => mapValue(plan, node.rest!, x)) : rest));
  }
  return out;
}

/** A union: null first, then the plan's tag tries, then its shape tries (ranked when the plan says so). */
function mapUnion(plan: Plan, node: Pick<UnionNode, "members" | "discriminator" | "exclusive">, v: unknown): unknown {
  const up = plan.union(node);
  if (up.nullable && v === null) return null;
  if (up.candidates.length <= 1) {
    const only = up.candidates[0]?.node;
    return only === undefined ? v : mapValue(plan, only, v);
  }
  for (const t of up.tries) {
    if (t.by !== "tag") continue;
    const c = t.candidate;
    const field = fieldOf(v, up.discriminator!.property);
    if (c.tags.includes(field as string) && (!c.sharedTag || shapePasses(c.shape("wire"), v))) {
      return mapValue(plan, c.node, v);
    }
  }
  const shapeTries = up.tries.filter((t) => t.by === "shape").map((t) => t.candidate);
  if (up.ranked) {
    const own = isPlainObject(v) ? Object.keys(v) : [];
    const scored: { index: number; score: number }[] = [];
    shapeTries.forEach((c, index) => {
      if (!shapePasses(c.shape("wire"), v)) return;
      const keys = c.keys("wire");
      scored.push({ index, score: keys === "every" ? own.length : own.filter((k) => keys.includes(k)).length });
    });
    scored.sort((a, b) => b.score - a.score || a.index - b.index);
    const picked = scored[0];
    return picked === undefined ? v : mapValue(plan, shapeTries[picked.index]!.node, v);
  }
  const hit = shapeTries.find((c) => shapePasses(c.shape("wire"), v));
  return hit === undefined ? v : mapValue(plan, hit.node, v);
}

/**
 * An intersection: `A[] & B[]` item by item; otherwise the members' mapped values (less their omits) spread
 * together, null kept when every member allows it, a value that is not a plain object mapped by the first member
 * that allows it and converts (or kept).
 */
function mapIntersection(plan: Plan, node: Extract<Node, { kind: "intersection" }>, v: unknown): unknown {
  const ip = plan.intersection(node);
  if (ip.asArray !== undefined) {
    if (ip.asArray.nullable && v === null) return null;
    return mapValue(plan, ip.asArray.array, v);
  }
  const convertsAt = node.members.map((m) => converts(m, plan.analysis));
  if (!convertsAt.includes(true)) return v;
  if (ip.keepsNull && v === null) return null;
  if (ip.nonObject.includes(true) && !isPlainObject(v)) {
    const i = node.members.findIndex((_, j) => ip.nonObject[j] === true && convertsAt[j] === true);
    return i === -1 ? v : mapValue(plan, node.members[i]!, v);
  }
  const out: Json = {};
  node.members.forEach((m, i) => {
    if (!convertsAt[i]) return;
    const mapped = mapValue(plan, m, v);
    const omit = ip.omits.fromWire[i]!;
    // spread: own enumerable keys of an object (none of a string's characters here: v is a plain object)
    if (typeof mapped !== "object" || mapped === null) return;
    for (const key of Object.keys(mapped)) {
      if (Array.isArray(mapped) || !omit.includes(key)) setOwn(out, key, (mapped as Json)[key]);
    }
  });
  return out;
}

/** Whether `v` passes a shape test (code/shape.ts prints the same test). */
export function shapePasses(test: ShapeTest, v: unknown): boolean {
  switch (test.kind) {
    case "any":
      return true;
    case "none":
      return false;
    case "null":
      return v === null;
    case "typeof":
      return typeof v === test.type;
    case "equals":
      return v === test.value;
    case "jsonEquals":
      return jsonEquals(v, test.value);
    case "oneOf":
      return test.values.includes(v as string);
    case "array":
      return Array.isArray(v) && (v.length === 0 || shapePasses(test.item, v[0]));
    case "tuple": {
      if (!Array.isArray(v) || v.length < test.min || (test.max !== undefined && v.length > test.max)) return false;
      return test.max === 0 || (test.min === 0 && v.length === 0) || shapePasses(test.first, v[0]);
    }
    case "date":
      return isValidDate(v);
    case "dateTime":
      return isDateTime(v);
    case "plainObject":
      return isPlainObject(v);
    case "object":
      return test.checks.every((c) => {
        switch (c.kind) {
          case "tag":
            return fieldOf(v, c.key) === c.value;
          case "has":
            return isPlainObject(v) && Object.hasOwn(v, c.key);
          case "field": {
            const value = fieldOf(v, c.key);
            return (c.optional && value === undefined) || shapePasses(c.test, value);
          }
          case "only":
            return isPlainObject(v) && Object.keys(v).every((k) => c.keys.includes(k));
          default:
            return assertNever(c);
        }
      });
    case "anyOf":
      return test.tests.some((t) => shapePasses(t, v));
    case "allOf":
      return test.tests.every((t) => shapePasses(t, v));
    default:
      return assertNever(test);
  }
}

/** Rules that combine schemas: `$ref`, `allOf` (merged, or an intersection) and `oneOf`/`anyOf` (a union). */
import { encodePointer } from "../../load/pointer.js";
import { valueAt, type Location } from "../../load/resolve-ref.js";
import type { Node } from "../types.js";
import { isAnyValue } from "../walk.js";
import { child, expandingWhile, report, resolveRef, type BuildContext } from "./context.js";
import { ASSERTION_KEYS, assertionsOf, unevaluatedItems, unevaluatedProperties } from "./assertions.js";
import { buildDiscriminator } from "./discriminator.js";
import { describeKind, disjoint, intersection } from "./intersection.js";
import { ANNOTATION_KEYS, addsNoProperties, areFragments, mergeObjects, nullableMember, soleRef } from "./merge.js";
import { isSchemaObject, NULL, ownObjectPart, UNKNOWN, withNull, type Schema } from "./schema.js";
import { buildObject, objectFrom } from "./structural.js";

/**
 * `$ref`: a reference to the declaration it points to (registered); unknown when it points nowhere. In 3.1 the
 * keywords beside it hold too (`{ $ref: Tags, maxItems: 2 }`): their schema is intersected with the reference
 * (`type: object` alone adds nothing a reference to an object does not say). In 3.0 they are ignored, as 3.0 says.
 */
export function buildRef(schema: Schema, at: Location, ctx: BuildContext): Node {
  const key = schema["$ref"] !== undefined ? "$ref" : "$recursiveRef";
  const written = key === "$ref" ? schema["$ref"] : recursiveTarget(schema, at, ctx);
  const target = written === undefined ? undefined : resolveRef(ctx, written, at);
  // an unfollowed `$recursiveRef` is any value, and the keywords beside it hold (in 3.0 too: it is no `$ref` there)
  if (target === undefined) return key === "$ref" ? UNKNOWN : (besideNode(schema, key, at, ctx) ?? UNKNOWN);
  const ref: Node = { kind: "ref", target: target.id };
  if (ctx.version !== "3.1") return ref;
  const beside = besideNode(schema, key, at, ctx);
  return withUnevaluated(beside === undefined ? ref : intersection([ref, beside]), schema, at, ctx);
}

/**
 * 2019-09's `$recursiveRef: "#"` (OpenAI's recursive filters) in a 3.1 document: a `$ref` to the outermost schema
 * around it with `$recursiveAnchor: true`, the component it is written in as OpenAI writes it (what ajv reads it
 * as too). The dynamic scope is not followed further: a schema that refers to that component and has an anchor of
 * its own does not take the recursion over. With no anchor around it (or in 3.0, which has no such keyword), a
 * warning and any value.
 */
function recursiveTarget(schema: Schema, at: Location, ctx: BuildContext): string | undefined {
  if (schema["$recursiveRef"] === "#" && ctx.version === "3.1") {
    for (let n = 1; n <= at.path.length; n++) {
      const found = valueAt(ctx.specs, { file: at.file, path: at.path.slice(0, n) });
      if (found.found && isSchemaObject(found.value) && found.value["$recursiveAnchor"] === true)
        return encodePointer(at.path.slice(0, n));
    }
  }
  const message = "`$recursiveRef` is not enforced: no schema around it has `$recursiveAnchor: true` (any value)";
  report(ctx, "warning", "keyword-unenforced", child(at, "$recursiveRef"), message);
  return undefined;
}

/**
 * The keywords beside `key` (a `$ref`, a lone allOf member) that constrain the value, as a schema of their own;
 * undefined when they constrain nothing (annotations, `nullable`, `type: object` alone). Beside an allOf the
 * assertions are left to the rule table's step, which takes them from the whole schema.
 */
function besideNode(schema: Schema, key: string, at: Location, ctx: BuildContext): Node | undefined {
  const rest = Object.fromEntries(
    Object.entries(schema).filter(
      ([k, v]) =>
        k !== key &&
        !REF_SIDE_KEYS.has(k) &&
        !k.startsWith("x-") &&
        !(k === "type" && v === "object") &&
        k !== "unevaluatedProperties" &&
        k !== "unevaluatedItems" &&
        !(key === "allOf" && ASSERTION_KEYS.has(k)),
    ),
  );
  if (Object.keys(rest).length === 0) return undefined;
  const beside = ctx.build(rest, at);
  return isAnyValue(beside) ? undefined : beside;
}

/** Keys beside a `$ref` that constrain nothing (`nullable` is the rule table's step). */
const REF_SIDE_KEYS: ReadonlySet<string> = new Set(["nullable", "summary", "discriminator", ...ANNOTATION_KEYS]);

/**
 * `allOf`, the first case that applies:
 * 1. one member and nothing beside it: that member;
 * 2. one `$ref` and annotation-only members (`[{ $ref: X }, { description }]`): exactly X (a reference to its
 *    declaration, not a copy);
 * 3. every member an object (following refs): one object of all their properties; when one of the merged schemas
 *    is being expanded already, further up (`A.p: allOf [A, {...}]`), or inside properties copied from a merge,
 *    an intersection of the members that add properties (a recursive type, or one level of copying only);
 * 4. keyword fragments (`[{ type: string }, { minLength: 2 }]`): one schema with every keyword (several
 *    `items`: every item is all of them);
 * 5. else the intersection of the members, the own properties and the own oneOf/anyOf.
 */
export function buildAllOf(schema: Schema, at: Location, ctx: BuildContext): Node {
  const members = schema["allOf"] as readonly unknown[];
  const own = ownObjectPart(schema);
  const ownUnion = schema["oneOf"] !== undefined || schema["anyOf"] !== undefined;
  if (members.length === 1 && own === undefined && !ownUnion) {
    // the keywords beside a lone member hold too (`maxLength: 2, allOf: [{ type: string }]`)
    const member = ctx.build(members[0], child(at, "allOf", 0));
    const beside = besideNode(schema, "allOf", at, ctx);
    return beside === undefined ? member : intersection([member, beside]);
  }
  const sole = own === undefined && !ownUnion ? soleRef(members) : undefined;
  if (sole !== undefined) return nullableRef(ctx.build(members[sole], child(at, "allOf", sole)), members, at, ctx);
  const merged = mergeObjects(schema, at, ctx);
  const { expanding, copying } = ctx.guards;
  const recursive =
    merged !== undefined && (merged.refs.some((id) => expanding.has(id)) || (copying > 0 && merged.refs.length > 0));
  if (merged !== undefined && !ownUnion) {
    if (!recursive) {
      const node = expandingWhile(ctx.guards, merged.refs, () =>
        objectFrom(merged.properties, merged.required, merged.additional, ctx, child(at, "allOf")),
      );
      // every member's assertions hold on the merged object
      const checks = merged.asserting.flatMap((m) => assertionsOf(m.schema, m.at, ctx));
      return checks.length === 0 ? node : { ...node, checks };
    }
    const nodes = members.flatMap((m, i) => (addsNoProperties(m) ? [] : [ctx.build(m, child(at, "allOf", i))]));
    if (own !== undefined) nodes.push(buildObject(own, at, ctx));
    return intersection(nodes);
  }
  if (!ownUnion && areFragments(members)) {
    const { allOf: _, ...rest } = schema;
    // assertions hold per fragment (one's `if` never meets another's `then`); the allOf's own are the table's
    const { merged, others } = mergeFragments([...members, rest].map(withoutAssertions));
    const built = ctx.build(merged, at);
    const parts = [built, ...others.map((o) => ctx.build(o, at))];
    if (parts.some((p, i) => parts.slice(i + 1).some((q) => disjoint(p, q)))) {
      const types = parts.map(describeKind).join(" and ");
      const message = `allOf members disagree: ${types}; no value is both, so no value is valid`;
      report(ctx, "warning", "allof-conflict", child(at, "allOf"), message);
    }
    const node = intersection(parts);
    const checks = members.flatMap((m, i) => assertionsOf(m, child(at, "allOf", i), ctx));
    return checks.length === 0 ? node : { ...node, checks: [...(node.checks ?? []), ...checks] };
  }
  const nodes = members.map((m, i) => ctx.build(m, child(at, "allOf", i)));
  if (own !== undefined) nodes.push(buildObject(own, at, ctx));
  if (ownUnion) nodes.push(buildUnion(schema, at, ctx));
  return intersection(nodes);
}

/**
 * A sole `$ref` of an allOf, or null when a member beside it says `nullable: true` (the 3.0 idiom for a nullable
 * reference; in a 3.1 document with the `nullable-in-3.1` warning, as everywhere).
 */
function nullableRef(node: Node, members: readonly unknown[], at: Location, ctx: BuildContext): Node {
  const i = nullableMember(members);
  if (i === -1) return node;
  if (ctx.version === "3.1") {
    const message = '`nullable: true` is an OpenAPI 3.0 keyword; read as `type: [..., "null"]`';
    report(ctx, "warning", "nullable-in-3.1", child(at, "allOf", i, "nullable"), message);
  }
  return withNull(node);
}

/**
 * `oneOf` (or else `anyOf`): a union of the members, in order, with members that are plain unions themselves
 * flattened in, never members (`false`) dropped and null moved last (once). Any unknown member makes it unknown;
 * no member left is never (or null); one is that member (or it `| null`). A discriminator is kept when it gives
 * any case. Own `properties` beside it are intersected with the union.
 */
export function buildUnion(schema: Schema, at: Location, ctx: BuildContext): Node {
  const key = Array.isArray(schema["oneOf"]) ? "oneOf" : "anyOf";
  const raw = schema[key];
  if (!Array.isArray(raw)) {
    report(ctx, "error", "schema-invalid", child(at, key), `${key} must be a list of schemas`);
    return UNKNOWN;
  }
  const members: Node[] = [];
  let hasNull = false;
  // a oneOf is exclusive (exactly one member valid, under `strict`) unless a member union of several values was
  // flattened in: `oneOf: [anyOf: [A, B], C]` allows A and B at once, and so does `oneOf: [oneOf: [A, B], C]`
  // for a value that is also a C; left lenient then (never refusing a valid value)
  let exclusive = key === "oneOf";
  raw.forEach((m, i) => {
    const node = ctx.build(m, child(at, key, i));
    const flattened = node.kind === "union" && node.discriminator === undefined;
    const flat = flattened ? node.members : [node];
    if (flattened && node.members.filter((n) => !isNullNode(n)).length > 1) exclusive = false;
    for (const n of flat) {
      if (n.kind === "primitive" && n.type === "null") hasNull = true;
      else if (n.kind !== "never") members.push(n);
    }
  });
  const own = ownObjectPart(schema);
  const node = unionOf(schema, at, members, hasNull, exclusive, ctx);
  // both oneOf and anyOf: a value fits one of each
  const other =
    key === "oneOf" && Array.isArray(schema["anyOf"]) ? [buildUnion(withoutKey(schema, "oneOf"), at, ctx)] : [];
  const parts = [
    ...(own === undefined ? [] : [buildObject(own, at, ctx)]),
    ...siblings(schema, at, ctx),
    node,
    ...other,
  ];
  return withUnevaluated(parts.length === 1 ? node : intersection(parts), schema, at, ctx);
}

/** `node` with the schema's `unevaluatedProperties`, which sees every keyword of the schema (a `$ref`, a union). */
function withUnevaluated(node: Node, schema: Schema, at: Location, ctx: BuildContext): Node {
  const checks = [unevaluatedProperties(schema, at, ctx), unevaluatedItems(schema, at, ctx)].filter(
    (c) => c !== undefined,
  );
  return checks.length === 0 ? node : { ...node, checks: [...(node.checks ?? []), ...checks] };
}

/**
 * Keys beside oneOf/anyOf that say nothing a union's members do not (the members carry the object's shape), or that
 * are built on their own (an allOf beside a union is intersected with it by buildAllOf).
 */
const UNION_SIDE_KEYS: ReadonlySet<string> = new Set([
  ...["oneOf", "anyOf", "allOf", "discriminator", "properties", "required", "additionalProperties"],
  ...["patternProperties", "nullable", "summary", "unevaluatedProperties", "unevaluatedItems", ...ANNOTATION_KEYS],
]);

/**
 * The keywords beside oneOf/anyOf that constrain the value as well (`type: string, maxLength: 5, anyOf: [...]`):
 * every one holds beside the union, so the schema they make is intersected with it. `type: object` alone adds
 * nothing the members do not say and is left out.
 */
function siblings(schema: Schema, at: Location, ctx: BuildContext): Node[] {
  const rest = Object.fromEntries(
    Object.entries(schema).filter(
      ([k, v]) => !UNION_SIDE_KEYS.has(k) && !k.startsWith("x-") && !(k === "type" && v === "object"),
    ),
  );
  if (Object.keys(rest).length === 0) return [];
  const node = ctx.build(rest, at);
  return isAnyValue(node) ? [] : [node];
}

/**
 * Keyword fragments as one schema, every keyword held: the first fragment to give a keyword gives it to `merged`;
 * a later one giving it another value (a second `maximum`, `pattern` or `type`) keeps it in a schema of its own,
 * in `others`, whose node is intersected with the merged one. `required` lists are joined; several `items` are
 * every item all of them.
 */
function mergeFragments(fragments: readonly Schema[]): { merged: Schema; others: Schema[] } {
  const merged: Record<string, unknown> = {};
  const others: Schema[] = [];
  const items: unknown[] = [];
  for (const fragment of fragments) {
    const other: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(fragment)) {
      if (k === "items") items.push(v);
      else if (k === "required" && Array.isArray(v) && Array.isArray(merged[k])) {
        merged[k] = [...new Set([...(merged[k] as unknown[]), ...v])];
      } else if (!(k in merged)) merged[k] = v;
      else if (JSON.stringify(merged[k]) !== JSON.stringify(v)) other[k] = v;
    }
    if (Object.keys(other).length > 0) others.push(other);
  }
  if (items.length === 1) merged["items"] = items[0];
  if (items.length > 1) merged["items"] = { allOf: items };
  return { merged, others };
}

function withoutAssertions(schema: Schema): Schema {
  return Object.fromEntries(Object.entries(schema).filter(([k]) => !ASSERTION_KEYS.has(k)));
}

function withoutKey(schema: Schema, key: string): Schema {
  const { [key]: _, ...rest } = schema;
  return rest;
}

function unionOf(
  schema: Schema,
  at: Location,
  members: readonly Node[],
  hasNull: boolean,
  exclusive: boolean,
  ctx: BuildContext,
): Node {
  // a member that is any value makes the union any value (one with constraints per type stays a member)
  const oneOf = Array.isArray(schema["oneOf"]);
  const nodes = hasNull ? [...members, NULL] : members;
  // a member that is any value: so is the union (a oneOf of two or more keeps them, for `strict`'s exactly-one)
  if (members.some(isAnyValue)) {
    return oneOf && nodes.length > 1 ? { kind: "unknown", checks: [{ kind: "anyOf", nodes, oneOf }] } : UNKNOWN;
  }
  // members that only assert (`{ required: [a] }`): any value, valid against one of them
  if (members.length > 1 && members.every((m) => m.kind === "unknown" && m.when === undefined)) {
    return { kind: "unknown", checks: [{ kind: "anyOf", nodes, oneOf }] };
  }
  if (members.length === 0) return hasNull ? NULL : { kind: "never" };
  if (members.length === 1) return hasNull ? { kind: "union", members: [members[0]!, NULL] } : members[0]!;
  const discriminator = buildDiscriminator(schema, at, members, ctx);
  const all = hasNull ? [...members, NULL] : members;
  return {
    kind: "union",
    members: all,
    ...(discriminator === undefined ? {} : { discriminator }),
    ...(exclusive ? { exclusive: true as const } : {}),
  };
}

const isNullNode = (n: Node): boolean => n.kind === "primitive" && n.type === "null";

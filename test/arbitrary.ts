/**
 * fast-check arbitraries of valid WIRE values, driven by the IR (the pipeline run in memory up to naming).
 *
 * - objects: required keys always present, optional keys sometimes absent (never `undefined`), keys in the
 *   order of the spec (the wire type's order), extra keys of `additionalProperties` after the known ones;
 * - nullable: sometimes null; enums and literals: their values; arrays and records: small; record keys
 *   include data that looks like wire keys or prototype names (`customer_id`, `__proto__`, `constructor`);
 * - unions: one member, chosen at random; intersections: one value per member, merged (objects key by key),
 *   kept only when every member accepts the result;
 * - refs: followed `depth` hops richly, then minimally (optional keys absent, arrays and records empty, null
 *   or a non-recursive union member preferred), so recursion terminates;
 * - unknown: any JSON value.
 *
 * Union values are restricted to the unambiguous ones. The mappers pick a union member by the documented
 * rule (generator/emit/mappers.ts): null first, then the first member in spec order whose test accepts the
 * value (the discriminator value when the spec maps it, else the member's shape). A value generated from
 * member B that member A (earlier) also accepts is legitimately mapped as A, and A's mapper keeps only A's
 * keys, so such a value cannot round-trip; it is not a valid test of the mapper. `pickMember` implements the
 * documented rule independently of the emitter (from the IR), and a value is kept only when the rule picks
 * the member it was generated from. A mapper that strays from the documented rule still fails the tests.
 */
import { deepStrictEqual } from "node:assert/strict";
import fc from "fast-check";
import { buildIr } from "../generator/ir/build/index.js";
import type { Decl, Ir, Node, ObjectNode, UnionNode } from "../generator/ir/types.js";
import { declMap, isNull, nonNullMember } from "../generator/ir/walk.js";
import { checkSpec } from "../generator/load/check-spec.js";
import { readSpec, type SpecSet } from "../generator/load/read-spec.js";
import { assignNames, type Names } from "../generator/naming/assign-names.js";
import { applyTransforms, type TransformOptions } from "../generator/transform/index.js";

export interface Model {
  readonly specs: SpecSet;
  readonly ir: Ir;
  readonly names: Names;
  readonly decls: ReadonlyMap<string, Decl>;
}

/** The pipeline up to naming, in memory (see generator/generate.ts), with the transforms `options` turn on. */
export function loadModel(spec: string, options: TransformOptions = {}): Model {
  const specs = readSpec(spec);
  const built = buildIr(specs, checkSpec(specs));
  const errors = built.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${spec} has errors:\n${errors.map((e) => e.message).join("\n")}`);
  const ir = applyTransforms(built.ir, options);
  const names = assignNames(ir).names;
  return { specs, ir, names, decls: declMap(ir) };
}

export interface ArbitraryOptions {
  /** Ref hops generated richly before switching to minimal values. */
  readonly depth?: number;
  /** Longest array / record generated richly. */
  readonly maxLength?: number;
}

/** Data keys that must stay exactly as they are (records, additional properties). */
export const TRICKY_KEYS = [
  "customer_id",
  "__proto__",
  "constructor",
  "toString",
  "hasOwnProperty",
  "fooBar",
  "Foo-Bar",
  "a b",
  "_links",
  "+1",
  "0",
];

/** Sets an own enumerable property, `__proto__` included. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

const ABSENT = Symbol("absent");
/** Stands for "no valid value found in a few tries" (rare); tests skip such values with `fc.pre`. */
export const FAIL = Symbol("fail");
type Arb = fc.Arbitrary<unknown>;

/** `arb.filter(ok)` that gives up after a few tries (yielding FAIL) instead of looping forever. */
class Bounded<T> extends fc.Arbitrary<T | typeof FAIL> {
  private readonly arb: fc.Arbitrary<T>;
  private readonly ok: (value: T) => boolean;
  constructor(arb: fc.Arbitrary<T>, ok: (value: T) => boolean) {
    super();
    this.arb = arb;
    this.ok = ok;
  }
  generate(mrng: fc.Random, bias: number | undefined): fc.Value<T | typeof FAIL> {
    for (let i = 0; i < 40; i++) {
      const v = this.arb.generate(mrng, bias);
      if (this.ok(v.value)) return v;
    }
    return new fc.Value(FAIL, undefined);
  }
  canShrinkWithoutContext(value: unknown): value is T {
    return false;
  }
  shrink(value: T | typeof FAIL, context: unknown): fc.Stream<fc.Value<T | typeof FAIL>> {
    if (value === FAIL) return fc.Stream.nil();
    return this.arb.shrink(value, context).filter((v) => this.ok(v.value));
  }
}

/** Whether a generated value holds FAIL somewhere (skip it). */
export function containsFail(value: unknown): boolean {
  if (value === FAIL) return true;
  if (typeof value !== "object" || value === null) return false;
  return Object.values(value).some(containsFail);
}

/** Builds arbitraries of wire values; one instance per model caches per (declaration, depth). */
export class WireArbitraries {
  private readonly memo = new Map<string, Arb | null>();
  private readonly inProgress = new Set<string>();
  private readonly depth: number;
  private readonly maxLength: number;

  readonly model: Model;
  constructor(model: Model, options: ArbitraryOptions = {}) {
    this.model = model;
    this.depth = options.depth ?? 2;
    this.maxLength = options.maxLength ?? 2;
  }

  /** Wire values of a declaration, or null when it has none (an infinite required recursion, `never`). */
  forDecl(id: string): Arb | null {
    return this.ref(id, this.depth);
  }

  private ref(id: string, budget: number): Arb | null {
    const key = `${budget}|${id}`;
    const found = this.memo.get(key);
    if (found !== undefined) return found;
    const decl = this.model.decls.get(id);
    if (decl === undefined) return fc.jsonValue({ maxDepth: 1 });
    if (budget > 0) {
      // a lazy reference, so mutually recursive declarations can be built
      let built: Arb | undefined;
      const arb = fc.constant(null).chain(() => (built ??= this.node(decl.node, budget - 1) ?? fc.constant(FAIL)));
      // whether it can produce anything at all is decided by the minimal form
      const result = this.ref(id, 0) === null ? null : arb;
      this.memo.set(key, result);
      return result;
    }
    if (this.inProgress.has(id)) return null;
    this.inProgress.add(id);
    const result = this.node(decl.node, -1);
    this.inProgress.delete(id);
    this.memo.set(key, result);
    return result;
  }

  /** budget -1: minimal mode (below the rich depth). */
  private node(node: Node, budget: number): Arb | null {
    const rich = budget >= 0;
    switch (node.kind) {
      case "primitive":
        switch (node.type) {
          case "null":
            return fc.constant(null);
          case "boolean":
            return fc.boolean();
          case "integer":
            return fc.integer({ min: -1000, max: 1_000_000 });
          case "number":
            return fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true }));
          case "string":
            return fc.oneof(fc.constantFrom("", "a", "customer_id", "__proto__", "auto"), fc.string({ maxLength: 8 }));
        }
        break;
      case "date":
        // wire values: RFC 3339 text in the form toISOString writes (so the round trip is exact), or whole seconds
        return node.encoding === "rfc3339"
          ? fc.integer({ min: -2_000_000_000_000, max: 4_000_000_000_000 }).map((ms) => new Date(ms).toISOString())
          : fc.integer({ min: -2_000_000_000, max: 4_000_000_000 });
      case "literal":
        return fc.constant(structuredClone(node.value));
      case "enum":
        return fc.constantFrom(...node.values);
      case "array": {
        if (!rich) return fc.constant([]);
        const item = this.node(node.items, budget);
        return item === null ? fc.constant([]) : fc.array(item, { maxLength: this.maxLength });
      }
      case "tuple": {
        // any length from the required items to the prefix (an item that accepts nothing ends the array before
        // it; a required one: the tuple accepts nothing), rest items only after the whole prefix
        const items = node.items.map((n) => this.node(n, budget));
        const stop = items.indexOf(null);
        const reach = stop === -1 ? items.length : stop;
        if (reach < node.required) return null;
        const length = rich ? fc.integer({ min: node.required, max: reach }) : fc.constant(node.required);
        const head = length.chain((k) => fc.tuple(...(items.slice(0, k) as Arb[])));
        const rest = node.rest === undefined || !rich || reach < items.length ? null : this.node(node.rest, budget);
        if (rest === null) return head;
        return fc
          .tuple(head, fc.array(rest, { maxLength: this.maxLength }))
          .map(([h, r]) => (h.length === items.length ? [...h, ...r] : h));
      }
      case "record": {
        if (!rich) return fc.constant({});
        const values = this.node(node.values, budget);
        if (values === null) return fc.constant({});
        return fc.array(fc.tuple(recordKey(), values), { maxLength: this.maxLength }).map((entries) => {
          const out: Record<string, unknown> = {};
          for (const [k, v] of entries) setOwn(out, k, v);
          return out;
        });
      }
      case "object":
        return this.object(node, budget);
      case "union":
        return this.union(node, budget);
      case "intersection":
        return this.intersection(node.members, budget);
      case "ref":
        return budget >= 0 ? this.ref(node.target, budget) : this.ref(node.target, 0);
      case "unknown":
        return rich ? fc.jsonValue({ maxDepth: 2 }) : fc.constantFrom(null, 1, "x", true);
      case "never":
        return null;
    }
  }

  private object(node: ObjectNode, budget: number): Arb | null {
    const rich = budget >= 0;
    const props: Arb[] = [];
    for (const p of node.properties) {
      const arb = this.node(p.node, budget);
      if (arb === null) {
        if (p.required) return null;
        props.push(fc.constant(ABSENT));
      } else if (p.required) props.push(arb);
      else props.push(rich ? fc.option(arb, { nil: ABSENT, freq: 2 }) : fc.constant(ABSENT));
    }
    const known = new Set(node.properties.map((p) => p.key));
    const extraValues = node.additional === undefined || !rich ? null : this.node(node.additional, budget);
    // extra keys include the model spellings of the declared keys (`knownKey` beside `known_key`)
    const modelKeys = this.model.names.keys(node).filter((k) => !known.has(k));
    const key = modelKeys.length === 0 ? recordKey() : fc.oneof(recordKey(), fc.constantFrom(...modelKeys));
    const extra: fc.Arbitrary<[string, unknown][]> =
      extraValues === null
        ? fc.constant([])
        : fc.array(
            fc.tuple(
              key.filter((k) => !known.has(k)),
              extraValues,
            ),
            { maxLength: this.maxLength },
          );
    return fc.tuple(fc.tuple(...props), extra).map(([values, extras]) => {
      const out: Record<string, unknown> = {};
      node.properties.forEach((p, i) => {
        if (values[i] !== ABSENT) setOwn(out, p.key, values[i]);
      });
      for (const [k, v] of extras) if (!Object.hasOwn(out, k)) setOwn(out, k, v);
      return out;
    });
  }

  private union(node: UnionNode, budget: number): Arb | null {
    const options: fc.Arbitrary<{ member: number; value: unknown }>[] = [];
    const minimal = budget < 0;
    const decls = this.model.decls;
    node.members.forEach((m, member) => {
      let arb = this.node(m, budget);
      if (arb === null) return;
      const object = keyedObjectOf(m, decls);
      const tagNode = object?.properties.find((p) => p.key === node.discriminator?.property)?.node;
      // only tags the member's own property accepts: an implicit tag (the schema name) beside a property that
      // allows other values (OpenAI's ItemReferenceParam: `type: "item_reference" | null`) makes no valid value
      const cases = (node.discriminator?.cases.filter((c) => c.member === member).map((c) => c.value) ?? []).filter(
        (v) => tagNode === undefined || accepts(tagNode, v, decls),
      );
      // a member that fixes the tag itself (a constant, or a union of tagged members) already carries a valid one
      const fixesTag = object === undefined || tagNode?.kind === "literal" || tagNode?.kind === "enum";
      if (node.discriminator !== undefined && cases.length > 0 && !fixesTag) {
        // a valid value carries a discriminator value that selects its member
        const property = node.discriminator.property;
        const declared = object.properties.map((p) => p.key);
        const rank = (k: string): number => (declared.includes(k) ? declared.indexOf(k) : declared.length);
        arb = fc.tuple(arb, fc.constantFrom(...cases)).map(([v, tag]) => {
          if (!isPlainObject(v)) return v;
          // the tag goes where the member declares it (spec order), else after the declared keys
          const keys = Object.keys(v);
          if (!keys.includes(property)) keys.push(property);
          keys.sort((a, b) => rank(a) - rank(b));
          const out: Record<string, unknown> = {};
          for (const k of keys) setOwn(out, k, k === property ? tag : v[k]);
          return out;
        });
      }
      options.push(arb.map((value) => ({ member, value })));
    });
    if (options.length === 0) return null;
    // minimal mode: null if allowed, else the first member that can produce a value (it always picks itself)
    const nullIndex = node.members.findIndex(isNull);
    const chosen = minimal
      ? [nullIndex !== -1 ? fc.constant({ member: nullIndex, value: null }) : options[0]!]
      : options;
    return new Bounded(
      fc.oneof(...chosen),
      ({ member, value }) => value === FAIL || pickMember(node, value, decls) === member,
    ).map((v) => (v === FAIL ? FAIL : v.value));
  }

  private intersection(members: readonly Node[], budget: number): Arb | null {
    const arbs = members.map((m) => this.node(m, budget));
    if (arbs.some((a) => a === null)) return null;
    const decls = this.model.decls;
    return fc.tuple(...(arbs as Arb[])).map((values) => combine(members, values, decls));
  }
}

function recordKey(): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...TRICKY_KEYS), fc.string({ maxLength: 6 }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** One value that every member of an intersection accepts, made from one value per member; FAIL if none. */
function combine(members: readonly Node[], values: readonly unknown[], decls: ReadonlyMap<string, Decl>): unknown {
  if (values.some(containsFail)) return FAIL;
  const ok = (v: unknown): boolean => members.every((m) => accepts(m, v, decls));
  if (values.every(isPlainObject)) {
    // key by key, in member order; a key several members give takes the first value all members accept there
    // Free-form members (a record, `{}`) add no keys of their own beside a member that declares keys: the
    // IR reads a constraint-only branch such as `anyOf: [{required: [a]}, {required: [b]}]` next to
    // `properties` (and `additionalProperties: false`, which the IR does not keep) as a record of unknown
    // values, and the keys of the object are then all there is. See the report of issue 3.
    const keyed = members.map((m) => !freeForm(m, decls, 0));
    const sources = keyed.some((k) => k) ? values.filter((_, i) => keyed[i]) : values;
    const out: Record<string, unknown> = {};
    const keys: string[] = [];
    for (const v of sources) for (const k of Object.keys(v)) if (!keys.includes(k)) keys.push(k);
    // the order of the wire type `A & B`: A's declared keys, then B's further ones; keys neither declares
    // follow the declared keys of the first open member (additionalProperties), whose mapper copies them
    // (generator/emit/mappers.ts, intersectionOmits), else come last
    const order: string[] = [];
    let extrasRank: number | undefined;
    members.forEach((m, i) => {
      // a free-form member that gives no keys (see above) does not order them either
      if (keyed.some((k) => k) && !keyed[i]) return;
      // a member without one object type (a union) orders as its value does
      const object = keyedObjectOf(m, decls);
      const own = object?.properties.map((p) => p.key) ?? Object.keys(values[i] as object);
      for (const k of own) if (!order.includes(k)) order.push(k);
      if (object?.additional !== undefined) extrasRank ??= order.length - 0.5;
    });
    const rank = (k: string): number => (order.includes(k) ? order.indexOf(k) : (extrasRank ?? order.length));
    keys.sort((a, b) => rank(a) - rank(b));
    for (const k of keys) {
      const candidates = values.filter((v) => Object.hasOwn(v, k)).map((v) => v[k]);
      const good = candidates.find((c) => members.every((m) => acceptsAt(m, k, c, decls)));
      if (good === undefined && !candidates.includes(undefined)) return FAIL;
      setOwn(out, k, good);
    }
    return ok(out) ? out : FAIL;
  }
  for (const v of values) if (ok(v)) return v;
  return FAIL;
}

/** A node whose objects have no declared keys: a record, unknown, or a union of those (and null). */
function freeForm(node: Node, decls: ReadonlyMap<string, Decl>, depth: number): boolean {
  if (depth > 20) return false;
  switch (node.kind) {
    case "record":
    case "unknown":
      return true;
    case "ref": {
      const d = decls.get(node.target);
      return d !== undefined && freeForm(d.node, decls, depth + 1);
    }
    case "union":
      return node.members.every((m) => isNull(m) || freeForm(m, decls, depth + 1));
    default:
      return false;
  }
}

/** Whether a value at key `key` of an object of type `node` is acceptable (true when `node` says nothing). */
function acceptsAt(node: Node, key: string, value: unknown, decls: ReadonlyMap<string, Decl>, depth = 0): boolean {
  if (depth > 20) return true;
  switch (node.kind) {
    case "object": {
      const p = node.properties.find((q) => q.key === key);
      if (p !== undefined) return accepts(p.node, value, decls);
      return node.additional === undefined || accepts(node.additional, value, decls);
    }
    case "record":
      return accepts(node.values, value, decls);
    case "ref": {
      const d = decls.get(node.target);
      return d === undefined || acceptsAt(d.node, key, value, decls, depth + 1);
    }
    case "union": {
      const inner = nonNullMember(node);
      return inner === undefined || acceptsAt(inner, key, value, decls, depth + 1);
    }
    case "intersection":
      return node.members.every((m) => acceptsAt(m, key, value, decls, depth + 1));
    default:
      return true;
  }
}

/**
 * Structural validity (types, required keys, literals, enums; no numeric or string constraints). Unknown keys
 * are allowed, as JSON Schema allows them unless `additionalProperties: false`.
 */
export function accepts(node: Node, value: unknown, decls: ReadonlyMap<string, Decl>): boolean {
  return problem(node, value, decls, [], false) === undefined;
}

/**
 * Why `value` does not fit `node`, or undefined when it fits. With `strict`, keys an object does not declare
 * (and has no `additionalProperties` for) are a problem too: mappers drop them by design.
 */
export function problem(
  node: Node,
  value: unknown,
  decls: ReadonlyMap<string, Decl>,
  path: readonly string[],
  strict: boolean,
  depth = 0,
): string | undefined {
  const at = path.length === 0 ? "the value" : path.join(".");
  if (depth > 60) return undefined;
  switch (node.kind) {
    case "primitive": {
      const ok =
        node.type === "null"
          ? value === null
          : node.type === "integer"
            ? Number.isInteger(value)
            : typeof value === node.type;
      return ok ? undefined : `${at} is ${describe(value)}, expected ${node.type}`;
    }
    case "literal":
      return JSON.stringify(value) === JSON.stringify(node.value)
        ? undefined
        : `${at} is ${describe(value)}, expected ${JSON.stringify(node.value)}`;
    case "enum":
      return node.values.includes(value as string)
        ? undefined
        : `${at} is ${describe(value)}, expected one of ${node.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "array":
      if (!Array.isArray(value)) return `${at} is ${describe(value)}, expected an array`;
      for (let i = 0; i < value.length; i++) {
        const p = problem(node.items, value[i], decls, [...path, String(i)], strict, depth + 1);
        if (p !== undefined) return p;
      }
      return undefined;
    case "tuple":
      if (!Array.isArray(value)) return `${at} is ${describe(value)}, expected an array`;
      if (value.length < node.required || (node.rest === undefined && value.length > node.items.length))
        return `${at} has ${value.length} items, expected ${node.required} to ${node.items.length}`;
      for (let i = 0; i < value.length; i++) {
        const p = problem(
          i < node.items.length ? node.items[i]! : node.rest!,
          value[i],
          decls,
          [...path, String(i)],
          strict,
          depth + 1,
        );
        if (p !== undefined) return p;
      }
      return undefined;
    case "record":
      if (!isPlainObject(value)) return `${at} is ${describe(value)}, expected an object`;
      for (const k of Object.keys(value)) {
        const p = problem(node.values, value[k], decls, [...path, k], strict, depth + 1);
        if (p !== undefined) return p;
      }
      return undefined;
    case "object": {
      if (!isPlainObject(value)) return `${at} is ${describe(value)}, expected an object`;
      for (const p of node.properties) {
        if (!Object.hasOwn(value, p.key)) {
          if (p.required) return `${at} lacks required key ${JSON.stringify(p.key)}`;
          continue;
        }
        const q = problem(p.node, value[p.key], decls, [...path, p.key], strict, depth + 1);
        if (q !== undefined) return q;
      }
      const known = new Set(node.properties.map((p) => p.key));
      for (const k of Object.keys(value)) {
        if (known.has(k)) continue;
        if (node.additional !== undefined) {
          const q = problem(node.additional, value[k], decls, [...path, k], strict, depth + 1);
          if (q !== undefined) return q;
        } else if (strict) return `${at} has key ${JSON.stringify(k)}, which the schema does not declare`;
      }
      return undefined;
    }
    case "union": {
      if (strict) {
        // strictly, a value must fit the member the mappers' union rule picks (any other is ambiguous)
        const picked = pickMember(node, value, decls);
        if (picked === -1)
          return `${at} is accepted by no member of the union by the mappers' rule (it passes through unchanged)`;
        const p = problem(node.members[picked]!, value, decls, path, strict, depth + 1);
        if (p === undefined) return undefined;
        const other = node.members.findIndex(
          (m, i) => i !== picked && problem(m, value, decls, path, strict, depth + 1) === undefined,
        );
        const target = (m: Node): string => (m.kind === "ref" ? (m.target.split("#/").at(-1) ?? m.target) : m.kind);
        return other === -1
          ? p
          : `ambiguous union at ${at}: the mappers' rule picks member ${picked + 1} ` +
              `(${target(node.members[picked]!)}), which it does not fit (${p}); ` +
              `it fits member ${other + 1} (${target(node.members[other]!)})`;
      }
      const problems = node.members.map((m) => problem(m, value, decls, path, strict, depth + 1));
      if (problems.some((p) => p === undefined)) return undefined;
      const nonNull = node.members.filter((m) => !isNull(m));
      if (nonNull.length === 1 && value !== null) return problems[node.members.indexOf(nonNull[0]!)];
      return `${at} fits no member of the union (${problems.join("; ")})`;
    }
    case "intersection":
      for (const m of node.members) {
        // an intersection's members each see only their own keys
        const p = problem(m, value, decls, path, false, depth + 1);
        if (p !== undefined) return p;
      }
      return undefined;
    case "ref": {
      const d = decls.get(node.target);
      return d === undefined ? undefined : problem(d.node, value, decls, path, strict, depth + 1);
    }
    case "unknown":
      return undefined;
    case "never":
      return `${at} is present, but its schema allows no value`;
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 40 ? `${text.slice(0, 37)}...` : text}`;
}

// ---- the documented union rule, from the IR ----------------------------------------------------------------

/**
 * The member of `union` the mappers must pick for a wire value, by the rule documented in
 * generator/emit/mappers.ts: null first; then the first member in spec order whose test accepts the value,
 * the test being the discriminator value when the spec maps one to the member (and, for a value several members
 * share, the member's shape too), else the member's shape (JSON type, required keys present, constant properties
 * equal; a required key every object member has tells nothing and is not tested; an array or tuple also tests its
 * first item's shape; a member that accepts no value is never picked). -1: no member accepts it (it passes through
 * unchanged).
 */
export function pickMember(union: UnionNode, value: unknown, decls: ReadonlyMap<string, Decl>): number {
  if (value === null) {
    const i = union.members.findIndex(isNull);
    if (i !== -1) return i;
  }
  // a member that accepts no value is never a candidate
  const live = (m: Node): boolean => !isNull(m) && !acceptsNone(m, decls);
  const common = commonKeys(union.members.filter(live), decls);
  const d = union.discriminator;
  for (let i = 0; i < union.members.length; i++) {
    const m = union.members[i]!;
    if (!live(m)) continue;
    const cases = d?.cases.filter((c) => c.member === i).map((c) => c.value) ?? [];
    const tag = d === undefined ? undefined : fieldOf(value, d.property);
    // a tag several members share decides only together with the member's shape
    const shared =
      d !== undefined && cases.includes(tag as string) && d.cases.some((c) => c.value === tag && c.member !== i);
    const hit =
      d !== undefined && cases.length > 0
        ? cases.includes(tag as string) && (!shared || shapeAccepts(m, value, decls, 0, common))
        : shapeAccepts(m, value, decls, 0, common);
    if (hit) return i;
  }
  return -1;
}

function fieldOf(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && Object.hasOwn(value, key)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function shapeAccepts(
  node: Node,
  v: unknown,
  decls: ReadonlyMap<string, Decl>,
  depth: number,
  common: ReadonlySet<string>,
): boolean {
  switch (node.kind) {
    case "primitive":
      return node.type === "null" ? v === null : typeof v === (node.type === "integer" ? "number" : node.type);
    case "date":
      return shapeAccepts(node.wire, v, decls, depth, common);
    case "literal":
      return typeof node.value === "object" ? jsonEqual(v, node.value) : v === node.value;
    case "enum":
      return node.values.includes(v as string);
    case "array":
      // the first item's shape too
      return Array.isArray(v) && (v.length === 0 || shapeAccepts(node.items, v[0], decls, depth + 1, new Set()));
    case "tuple": {
      if (!Array.isArray(v) || v.length < node.required || (node.rest === undefined && v.length > node.items.length))
        return false;
      const first = node.items[0] ?? node.rest;
      return first === undefined || v.length === 0 || shapeAccepts(first, v[0], decls, depth + 1, new Set());
    }
    case "record":
      return isPlainObject(v);
    case "object": {
      let tested = false;
      for (const p of node.properties) {
        if (p.required && p.node.kind === "literal" && typeof p.node.value !== "object") {
          tested = true;
          if (fieldOf(v, p.key) !== p.node.value) return false;
        } else if (p.required && !common.has(p.key)) {
          tested = true;
          if (!(isPlainObject(v) && Object.hasOwn(v, p.key))) return false;
        }
      }
      return tested || isPlainObject(v);
    }
    case "ref": {
      const target = decls.get(node.target);
      if (target === undefined || depth > 8) return true;
      return shapeAccepts(target.node, v, decls, depth + 1, common);
    }
    case "union":
      return node.members.some((m) => !acceptsNone(m, decls) && shapeAccepts(m, v, decls, depth + 1, new Set()));
    case "intersection":
      return node.members.every((m) => shapeAccepts(m, v, decls, depth + 1, new Set()));
    case "unknown":
      return true;
    case "never":
      return false;
  }
}

/** Deep equality of JSON values, key order aside. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b))
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && jsonEqual(a[k], b[k]));
}

/** No JSON value fits the node (`false`, a required key or tuple item or allOf member that fits none, ...). */
export function acceptsNone(
  node: Node,
  decls: ReadonlyMap<string, Decl>,
  seen: ReadonlySet<string> = new Set(),
): boolean {
  switch (node.kind) {
    case "never":
      return true;
    case "object":
      return node.properties.some((p) => p.required && acceptsNone(p.node, decls, seen));
    case "tuple":
      return node.items.slice(0, node.required).some((m) => acceptsNone(m, decls, seen));
    case "intersection":
      return node.members.some((m) => acceptsNone(m, decls, seen));
    case "union":
      return node.members.every((m) => acceptsNone(m, decls, seen));
    case "ref": {
      const d = decls.get(node.target);
      return d !== undefined && !seen.has(node.target) && acceptsNone(d.node, decls, new Set([...seen, node.target]));
    }
    default:
      return false;
  }
}

function commonKeys(members: readonly Node[], decls: ReadonlyMap<string, Decl>): ReadonlySet<string> {
  const objects = members.map((m) => objectOf(m, decls, 0)).filter((o) => o !== undefined);
  if (objects.length < 2) return new Set();
  const sets = objects.map((o) => new Set(o.properties.filter((p) => p.required).map((p) => p.key)));
  return new Set([...sets[0]!].filter((k) => sets.every((s) => s.has(k))));
}

function objectOf(node: Node, decls: ReadonlyMap<string, Decl>, depth: number): ObjectNode | undefined {
  if (node.kind === "object") return node;
  if (node.kind === "ref" && depth < 8) {
    const target = decls.get(node.target);
    return target === undefined ? undefined : objectOf(nonNullMember(target.node) ?? target.node, decls, depth + 1);
  }
  return undefined;
}

/** Like objectOf, also through `T | null` unions: for key order only (the mappers' rule uses objectOf). */
function keyedObjectOf(node: Node, decls: ReadonlyMap<string, Decl>): ObjectNode | undefined {
  return objectOf(nonNullMember(node) ?? node, decls, 0);
}

// ---- checking mappers ------------------------------------------------------------------------------------------

type Mapper = (value: unknown) => unknown;

export function deepFreeze<T>(value: T): T {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/** A deep copy that keeps `__proto__` keys as own data (JSON.parse(JSON.stringify(x)) does too, but loses -0). */
export function clone(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clone);
  if (value instanceof Date) return new Date(value.getTime());
  if (typeof value !== "object" || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value))
    Object.defineProperty(out, k, { value: clone(v), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Every object inside has Object.prototype (arrays Array.prototype) as its prototype; a `Date` is an instant. */
export function assertPlainPrototypes(value: unknown, path = "$"): void {
  if (typeof value !== "object" || value === null || value instanceof Date) return;
  const expected = Array.isArray(value) ? Array.prototype : Object.prototype;
  if (Object.getPrototypeOf(value) !== expected) throw new Error(`the prototype of ${path} changed`);
  for (const [k, v] of Object.entries(value)) assertPlainPrototypes(v, `${path}.${k}`);
}

/**
 * The round-trip properties for one wire value (throws on failure). With `keyOrder`, key order must survive
 * too: true for generated values, whose keys follow the spec; an example may list keys in any order, and
 * the mappers write them in the spec's order.
 */
export function checkRoundTrip(fromWire: Mapper, toWire: Mapper, x: unknown, keyOrder = true): void {
  const original = clone(x);
  const input = deepFreeze(x);
  const m = fromWire(input);
  deepStrictEqual(input, original, "fromWire changed its input");
  assertPlainPrototypes(m);
  deepFreeze(m);
  const mCopy = clone(m);
  const w = toWire(m);
  deepStrictEqual(m, mCopy, "toWire changed its input");
  deepStrictEqual(w, original, "toWire(fromWire(x)) differs from x");
  if (keyOrder && JSON.stringify(w) !== JSON.stringify(original))
    throw new Error(`toWire(fromWire(x)) has another key order: ${JSON.stringify(w)}`);
  const m2 = fromWire(deepFreeze(w));
  deepStrictEqual(m2, mCopy, "fromWire(toWire(m)) differs from m");
  if (keyOrder && JSON.stringify(m2) !== JSON.stringify(mCopy))
    throw new Error(`fromWire(toWire(m)) has another key order: ${JSON.stringify(m2)}`);
}

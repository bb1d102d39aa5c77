/**
 * The plan's validation run on a value, at generation time, without the generated code: `wireIssues(plan, id, json)`
 * lists the issues the generated `safeParseX(json)` finds, so it is empty exactly when that says `ok` (emit/parse/
 * prints the same checks): wirecase's reading, not strict JSON Schema: the `strict` option as the plan holds it
 * (oneOf counted, a schema without `type` letting other JSON types through), formats are annotations, unknown keys
 * as the `unknownKeys` policy says. Unions are tried as parse tries them (null, the tags, then the shapes); when no
 * member is valid, the issues of the one that came closest are reported. The doc pages check examples with it.
 */
// the generated code's own helpers: what this reads as valid is what the output reads as valid
import { codePointLength, isMultipleOf, MAX_UNIX_SECONDS, readDateTime } from "../../templates/runtime.js";
import type { Assertion, Constraints, DateNode, Evaluated, EvaluatedItems, Node, PrimitiveNode } from "../ir/types.js";
import { mayBeUndefined } from "../ir/query.js";
import { assertNever, isAnyValue } from "../ir/walk.js";
import type { Plan } from "./index.js";
import { fieldOf, isPlainObject, jsonEquals, shapePasses } from "./interpret.js";
import { constraintChecks, type ScalarTest } from "./validate.js";
import { nestedRepetition } from "../ir/pattern-risk.js";

export type Segment = string | number;

export interface ValueIssue {
  /** Where, as wire keys and indexes from the value's root. */
  readonly path: readonly Segment[];
  /** What was expected there (`integer >= 1`, `object`). */
  readonly expected: string;
}

type Json = { readonly [key: string]: unknown };

/**
 * The issues the generated `safeParseX(json)` of declaration `declId` reports (none: valid). `unchecked` gets the
 * patterns that were not run (see `Checker.matches`), for the page to say so.
 */
export function wireIssues(plan: Plan, declId: string, json: unknown, unchecked?: Set<string>): ValueIssue[] {
  const c = new Checker(plan);
  const issues: ValueIssue[] = [];
  c.ref(declId, json, [], issues);
  for (const p of c.unchecked) unchecked?.add(p);
  return issues;
}

/** The longest string a pattern with nested repetitions is run on here: at most about 2^20 backtracking steps. */
const RISKY_LENGTH = 20;

class Checker {
  private readonly patterns = new Map<string, RegExp>();
  private readonly risky = new Map<string, boolean>();
  /** Patterns not run on a string (nested repetitions, a longer string): the text was taken as matching. */
  readonly unchecked = new Set<string>();
  private readonly plan: Plan;

  constructor(plan: Plan) {
    this.plan = plan;
  }

  ref(declId: string, v: unknown, path: readonly Segment[], out: ValueIssue[]): void {
    const decl = this.plan.decls.get(declId);
    if (decl === undefined) throw new Error(`internal error: no declaration ${declId}`);
    this.check(decl.node, v, path, out);
  }

  /** Issues of `v` against `node`: its shape, then its assertions. */
  check(node: Node, v: unknown, path: readonly Segment[], out: ValueIssue[]): void {
    this.shape(node, v, path, out);
    for (const a of node.checks ?? []) this.assertion(a, v, path, out);
  }

  valid(node: Node, v: unknown): boolean {
    if (isAnyValue(node)) return true;
    const out: ValueIssue[] = [];
    this.check(node, v, [], out);
    return out.length === 0;
  }

  private issue(out: ValueIssue[], path: readonly Segment[], expected: string): void {
    out.push({ path, expected });
  }

  /** The JSON type test failed: an issue, or none for a node without `type` under `strict`. */
  private wrongType(node: { readonly inferred?: true }, out: ValueIssue[], path: readonly Segment[], what: string) {
    if (node.inferred !== true || !this.plan.strict) this.issue(out, path, what);
  }

  private shape(node: Node, v: unknown, path: readonly Segment[], out: ValueIssue[]): void {
    switch (node.kind) {
      case "primitive":
        this.primitive(node, v, path, out);
        return;
      case "date":
        this.date(node, v, path, out);
        return;
      case "literal":
      case "enum":
        if (!scalarPasses(this.plan.scalar(node), v)) this.issue(out, path, describe(node, this.plan));
        return;
      case "array": {
        if (!Array.isArray(v)) {
          this.wrongType(node, out, path, "array");
          return;
        }
        this.items(node.constraints, v, path, out);
        v.forEach((x, i) => this.check(node.items, x, [...path, i], out));
        return;
      }
      case "tuple": {
        if (!Array.isArray(v)) {
          this.wrongType(node, out, path, "array");
          return;
        }
        const least = Math.max(node.required, node.constraints?.minItems ?? 0);
        const most = Math.min(
          node.constraints?.maxItems ?? Infinity,
          node.rest === undefined ? node.items.length : Infinity,
        );
        if (v.length < least) this.issue(out, path, `array of at least ${least} items`);
        if (v.length < node.required) return;
        if (v.length > most) this.issue(out, path, `array of at most ${most} items`);
        node.items.forEach((item, i) => {
          if (i < node.required || v.length > i) this.check(item, v[i], [...path, i], out);
        });
        if (node.rest !== undefined)
          for (let i = node.items.length; i < v.length; i++) this.check(node.rest, v[i], [...path, i], out);
        return;
      }
      case "record":
        if (!isPlainObject(v)) {
          this.wrongType(node, out, path, "object");
          return;
        }
        for (const k of Object.keys(v)) this.check(node.values, v[k], [...path, k], out);
        return;
      case "object":
        this.object(node, v, path, out);
        return;
      case "union":
        this.union(node, v, path, out);
        return;
      case "intersection": {
        const ip = this.plan.intersection(node);
        if (ip.asArray === undefined) {
          for (const m of node.members) this.check(m, v, path, out);
        } else if (!ip.asArray.nullable || v !== null) this.check(ip.asArray.array, v, path, out);
        return;
      }
      case "ref": {
        const inner: ValueIssue[] = [];
        this.ref(node.target, v, [], inner);
        for (const i of inner) out.push({ path: [...path, ...i.path], expected: i.expected });
        return;
      }
      case "unknown": {
        const when = node.when;
        if (when === undefined) return;
        if (typeof v === "string" && when.string !== undefined) this.constraints("string", when.string, v, path, out);
        if (typeof v === "number" && when.number !== undefined) this.constraints("number", when.number, v, path, out);
        if (Array.isArray(v)) this.items(when.array, v, path, out);
        return;
      }
      case "never":
        this.issue(out, path, "nothing (no value is valid here)");
        return;
      default:
        assertNever(node);
    }
  }

  /** An instant, as parse checks it (emit/parse/scalars.ts `date`): the wire value, then what a `Date` holds. */
  private date(node: DateNode, v: unknown, path: readonly Segment[], out: ValueIssue[]): void {
    if (node.encoding === "unixSeconds") {
      this.primitive(node.wire, v, path, out);
      if (typeof v === "number" && Math.abs(v) > MAX_UNIX_SECONDS)
        this.issue(out, path, "Unix time within ±8.64e12 seconds (what a Date holds)");
      return;
    }
    if (typeof v !== "string" || readDateTime(v) === undefined) this.issue(out, path, "RFC 3339 date-time");
    else if (node.wire.constraints !== undefined) this.constraints("string", node.wire.constraints, v, path, out);
  }

  private primitive(node: PrimitiveNode, v: unknown, path: readonly Segment[], out: ValueIssue[]): void {
    if (!scalarPasses(this.plan.scalar(node), v)) {
      this.issue(out, path, node.type);
      return;
    }
    if (node.constraints !== undefined) this.constraints(node.type, node.constraints, v, path, out);
  }

  private constraints(
    type: PrimitiveNode["type"],
    c: Constraints,
    v: unknown,
    path: readonly Segment[],
    out: ValueIssue[],
  ): void {
    for (const check of constraintChecks({ kind: "primitive", type }, c)) {
      const n = v as number;
      const s = v as string;
      let bad: boolean;
      switch (check.kind) {
        case "minimum":
          bad = n < check.limit;
          break;
        case "exclusiveMinimum":
          bad = n <= check.limit;
          break;
        case "maximum":
          bad = n > check.limit;
          break;
        case "exclusiveMaximum":
          bad = n >= check.limit;
          break;
        case "multipleOf":
          bad = !isMultipleOf(n, check.divisor);
          break;
        case "minLength":
          bad = codePointLength(s) < check.limit;
          break;
        case "maxLength":
          bad = codePointLength(s) > check.limit;
          break;
        case "pattern":
          bad = !this.matches(check.pattern, s);
          break;
        default:
          assertNever(check);
      }
      if (bad) this.issue(out, path, check.expected);
    }
  }

  private items(c: Constraints | undefined, v: readonly unknown[], path: readonly Segment[], out: ValueIssue[]): void {
    if (c?.minItems !== undefined && v.length < c.minItems)
      this.issue(out, path, `array of at least ${c.minItems} items`);
    if (c?.maxItems !== undefined && v.length > c.maxItems)
      this.issue(out, path, `array of at most ${c.maxItems} items`);
  }

  private object(node: Extract<Node, { kind: "object" }>, v: unknown, path: readonly Segment[], out: ValueIssue[]) {
    if (!isPlainObject(v)) {
      this.wrongType(node, out, path, "object");
      return;
    }
    const op = this.plan.object(node);
    const declared = new Set(op.keys.map((k) => k.wire));
    for (const k of op.keys) {
      const value = fieldOf(v, k.wire);
      const at = [...path, k.wire];
      if (k.required) {
        if (!Object.hasOwn(v, k.wire) && mayBeUndefined(k.node, this.plan.decls)) this.issue(out, at, "a value");
        this.check(k.node, value, at, out);
      } else if (value !== undefined) this.check(k.node, value, at, out);
    }
    if (op.rejectUnknown) {
      for (const k of Object.keys(v)) {
        if (!declared.has(k)) this.issue(out, [...path, k], "no key the spec does not declare");
      }
    }
    const extra = node.additional;
    if (op.copyRest && extra !== undefined) {
      for (const k of Object.keys(v)) if (!declared.has(k)) this.check(extra, v[k], [...path, k], out);
    }
  }

  /** A union, as parse tries it: the first member whose test passes and that is valid; else the closest. */
  private union(node: Extract<Node, { kind: "union" }>, v: unknown, path: readonly Segment[], out: ValueIssue[]) {
    const up = this.plan.union(node);
    const before = out.length;
    this.choose(node, v, path, out);
    if (!up.exclusive || out.length !== before) return;
    const valid = up.accepted.filter((m) => this.valid(m, v)).length;
    if (valid > 1) this.issue(out, path, `exactly one of ${describeAll(up.accepted, this.plan, " | ")}`);
  }

  private choose(node: Extract<Node, { kind: "union" }>, v: unknown, path: readonly Segment[], out: ValueIssue[]) {
    const up = this.plan.union(node);
    if (up.candidates.length === 0) {
      if (!up.nullable || v !== null) this.issue(out, path, up.nullable ? "null" : "nothing (no value is valid here)");
      return;
    }
    if (up.nullable && v === null) return;
    if (up.candidates.length === 1) {
      this.check(up.candidates[0]!.node, v, path, out);
      return;
    }
    let closest: ValueIssue[] | undefined;
    const property = up.discriminator?.property;
    for (const t of up.tries) {
      const c = t.candidate;
      const passes =
        t.by === "tag" ? c.tags.includes(fieldOf(v, property!) as string) : shapePasses(c.shape("wire"), v);
      if (!passes) continue;
      if (t.by === "shape" && c.exact) return;
      const mine: ValueIssue[] = [];
      this.check(c.node, v, path, mine);
      if (mine.length === 0) return;
      if (closest === undefined || mine.length < closest.length) closest = mine;
    }
    if (closest !== undefined) {
      out.push(...closest);
      return;
    }
    const d = up.discriminator;
    if (up.allTagged && d !== undefined && isPlainObject(v)) {
      this.issue(out, [...path, d.property], [...new Set(d.cases.map((c) => JSON.stringify(c.value)))].join(" | "));
    } else this.issue(out, path, describeAll(up.accepted, this.plan, " | "));
  }

  private assertion(a: Assertion, v: unknown, path: readonly Segment[], out: ValueIssue[]): void {
    switch (a.kind) {
      case "not":
        if (this.valid(a.node, v)) this.issue(out, path, `not ${summary(a.node, this.plan)}`);
        return;
      case "if": {
        const branch = this.valid(a.test, v) ? a.valid : a.invalid;
        if (branch !== undefined) this.check(branch, v, path, out);
        return;
      }
      case "ofType":
        if (a.type === "object" ? isPlainObject(v) : Array.isArray(v)) this.check(a.node, v, path, out);
        return;
      case "anyOf": {
        const what = [...new Set(a.nodes.map((m) => summary(m, this.plan)))].join(" | ");
        if (a.oneOf && this.plan.strict) {
          if (a.nodes.filter((n) => this.valid(n, v)).length !== 1)
            this.issue(out, path, `a value valid against exactly one of: ${what}`);
        } else if (!a.nodes.some((n) => this.valid(n, v)))
          this.issue(out, path, `a value valid against one of: ${what}`);
        return;
      }
      case "uniqueItems":
        if (Array.isArray(v) && v.some((x, i) => v.slice(0, i).some((y) => jsonEquals(x, y))))
          this.issue(out, path, "array of unique items");
        return;
      case "contains": {
        if (!Array.isArray(v)) return;
        const n = v.filter((x) => this.valid(a.node, x)).length;
        const what = describe(a.node, this.plan);
        if (n < a.min) this.issue(out, path, `array with at least ${a.min} items matching ${what}`);
        if (a.max !== undefined && n > a.max)
          this.issue(out, path, `array with at most ${a.max} items matching ${what}`);
        return;
      }
      case "propertyCount": {
        if (!isPlainObject(v)) return;
        const n = Object.keys(v).length;
        if (a.min !== undefined && n < a.min) this.issue(out, path, `object of at least ${a.min} properties`);
        if (a.max !== undefined && n > a.max) this.issue(out, path, `object of at most ${a.max} properties`);
        return;
      }
      case "propertyNames":
        if (!isPlainObject(v)) return;
        for (const k of Object.keys(v)) {
          const mine: ValueIssue[] = [];
          this.check(a.node, k, [], mine);
          if (mine.length > 0) this.issue(out, [...path, k], `property name: ${mine[0]!.expected}`);
        }
        return;
      case "dependentRequired":
        if (!isPlainObject(v) || !Object.hasOwn(v, a.key)) return;
        for (const key of a.required) {
          if (!Object.hasOwn(v, key)) this.issue(out, [...path, key], `a value (required when "${a.key}" is present)`);
        }
        return;
      case "dependentSchema":
        if (isPlainObject(v) && Object.hasOwn(v, a.key)) this.check(a.node, v, path, out);
        return;
      case "patternProperties":
        this.patternProperties(a, v, path, out);
        return;
      case "unevaluatedProperties": {
        if (!isPlainObject(v)) return;
        const ev = { keys: new Set<string>(), patterns: [] as string[], all: false };
        this.evaluated(a.evaluated, v, ev);
        if (ev.all) return;
        for (const k of Object.keys(v)) {
          if (ev.keys.has(k) || ev.patterns.some((r) => this.matches(r, k))) continue;
          this.check(a.node, v[k], [...path, k], out);
        }
        return;
      }
      case "unevaluatedItems": {
        if (!Array.isArray(v)) return;
        const ev = { upto: 0, all: false, hit: new Set<number>() };
        this.evaluatedItems(a.evaluated, v, ev);
        if (ev.all) return;
        for (let i = ev.upto; i < v.length; i++) if (!ev.hit.has(i)) this.check(a.node, v[i], [...path, i], out);
        return;
      }
      default:
        assertNever(a);
    }
  }

  private patternProperties(
    a: Extract<Assertion, { kind: "patternProperties" }>,
    v: unknown,
    path: readonly Segment[],
    out: ValueIssue[],
  ): void {
    if (!isPlainObject(v)) return;
    for (const k of Object.keys(v)) {
      let matched = false;
      for (const p of a.patterns) {
        if (!this.matches(p.pattern, k)) continue;
        matched = true;
        this.check(p.node, v[k], [...path, k], out);
      }
      if (!matched && a.additional !== undefined && !a.declared.includes(k)) {
        if (a.additional.kind === "never" && a.additional.checks === undefined)
          this.issue(out, [...path, k], "no key the spec does not declare");
        else this.check(a.additional, v[k], [...path, k], out);
      }
    }
  }

  private applies(when: Evaluated["branches"][number]["when"], v: Json | readonly unknown[]): boolean {
    if (when.kind === "present") return Object.hasOwn(v, when.key);
    return this.valid(when.node, v) === (when.kind === "valid");
  }

  private evaluated(e: Evaluated, v: Json, ev: { keys: Set<string>; patterns: string[]; all: boolean }): void {
    for (const k of e.keys) ev.keys.add(k);
    for (const p of e.patterns) ev.patterns.push(p);
    if (e.all) ev.all = true;
    for (const b of e.branches) if (this.applies(b.when, v)) this.evaluated(b.evaluated, v, ev);
  }

  private evaluatedItems(
    e: EvaluatedItems,
    v: readonly unknown[],
    ev: { upto: number; all: boolean; hit: Set<number> },
  ): void {
    ev.upto = Math.max(ev.upto, e.prefix);
    if (e.all) ev.all = true;
    for (const node of e.contains) v.forEach((x, i) => this.valid(node, x) && ev.hit.add(i));
    for (const b of e.branches) if (this.applies(b.when, v)) this.evaluatedItems(b.evaluated, v, ev);
  }

  /**
   * Whether `text` matches `pattern`. A pattern that nests unbounded repetitions (warned about when it was read)
   * is run on strings of at most {@link RISKY_LENGTH} characters only: on a longer one that does not match it may
   * not finish; the text is then taken as matching and the pattern listed in `unchecked`.
   */
  private matches(pattern: string, text: string): boolean {
    let risky = this.risky.get(pattern);
    if (risky === undefined) this.risky.set(pattern, (risky = nestedRepetition(pattern) !== undefined));
    if (risky && text.length > RISKY_LENGTH) {
      this.unchecked.add(pattern);
      return true;
    }
    return this.regExp(pattern).test(text);
  }

  private regExp(pattern: string): RegExp {
    let r = this.patterns.get(pattern);
    if (r === undefined) this.patterns.set(pattern, (r = new RegExp(pattern, "u")));
    return r;
  }
}

/** A scalar's type test: a shape test but for `integer` (plan/validate.ts; code/scalar.ts prints it). */
function scalarPasses(test: ScalarTest, v: unknown): boolean {
  return test.kind === "integer" ? Number.isInteger(v) : shapePasses(test, v);
}

/** What a node allows, as an issue says it: `integer`, `"auto" | integer`, `FineTuningIntegration`. */
export function describe(node: Node, plan: Plan): string {
  switch (node.kind) {
    case "primitive":
      return node.type;
    case "date":
      return node.encoding === "rfc3339" ? "RFC 3339 date-time" : node.wire.type;
    case "literal":
      return JSON.stringify(node.value);
    case "enum":
      return node.open === true ? "string" : node.values.map((v) => JSON.stringify(v)).join(" | ");
    case "array":
    case "tuple":
      return "array";
    case "object":
    case "record":
      return "object";
    case "union":
      return describeAll(node.members, plan, " | ");
    case "intersection":
      return describeAll(node.members, plan, " & ");
    case "ref":
      return plan.names.decl(node.target).model;
    case "unknown":
      return "any value";
    case "never":
      return "nothing";
    default:
      return assertNever(node);
  }
}

/** How an issue names a schema that only asserts: `object with "state"` for `{ required: [state] }`. */
function summary(node: Node, plan: Plan): string {
  const only =
    node.kind === "unknown" && node.when === undefined && node.checks?.length === 1 ? node.checks[0]! : undefined;
  if (only?.kind !== "ofType" || only.node.kind !== "object" || only.node.checks !== undefined)
    return describe(node, plan);
  const { properties, additional } = only.node;
  if (
    (additional !== undefined && !isAnyValue(additional)) ||
    !properties.every((p) => p.required && isAnyValue(p.node))
  )
    return describe(node, plan);
  return `object with ${properties.map((p) => JSON.stringify(p.key)).join(", ")}`;
}

function describeAll(nodes: readonly Node[], plan: Plan, sep: string): string {
  return [...new Set(nodes.map((m) => describe(m, plan)))].join(sep);
}

/**
 * `parseX(json): X` and `safeParseX(json): SafeParseResult<X>` for every declaration. Both hand a private
 * worker, `parseXInto(value, issues)`, to the runtime (`runParse` throws a `ParseError`, `runSafeParse`
 * returns the issues); the worker validates the wire value and builds the model in one pass:
 *
 * - the model it builds is exactly what `xFromWire` would return for a valid value (same members chosen,
 *   same keys in the same order, unknown keys dropped, values that need no conversion shared);
 * - it checks the type like `isXWire` and also the schema's constraints (integer, minimum/maximum and their
 *   exclusive forms, multipleOf, minLength/maxLength counted in code points as JSON Schema does, pattern with
 *   the `u` flag, minItems/maxItems, const);
 * - it collects every issue and goes on; a path is only built when something is wrong: an issue records its
 *   path relative to the function that found it, and each caller prefixes its own part (`nestIssues`) when
 *   the issue count grew during the call;
 * - unions pick their member like the mappers (null first; the discriminator value when the spec gives one,
 *   else the first member in spec order whose shape matches; a member that accepts no value is never one);
 *   when the picked member does not parse, the other matching members are tried in the same order and the
 *   first that parses wins;
 *   if none does, the issues of the member that came closest (fewest issues, then first) are reported, and if
 *   no member matched, one issue lists them all (or, when every member has a tag, points at the tag);
 *   members chosen by a tag are also tried by shape, last, since the IR gives a member that is itself a
 *   union its schema name as tag when the spec maps none;
 * - `undefined` counts as absent for optional keys (JSON has no `undefined`).
 */
import type { WriterFunction } from "ts-morph";
import { chain } from "../../code/chain.js";
import { accessor, literalKey, numberLiteral, PROTOTYPE_KEYS } from "../../code/js.js";
import { Lines } from "../../code/lines.js";
import { constDecl, functionDecl } from "../../code/print.js";
import type { Module, Uses } from "../../code/runtime.js";
import { and, id, lit, ne, or, print, typeOf, type Expr } from "../../code/expr.js";
import { shapeExpr } from "../../code/shape.js";
import { mayBeUndefined, objectOf } from "../../ir/query.js";
import type {
  Constraints,
  Decl,
  IntersectionNode,
  Ir,
  Node,
  ObjectNode,
  PrimitiveNode,
  UnionNode,
} from "../../ir/types.js";
import { assertNever } from "../../ir/walk.js";
import { patternConstName } from "../../naming/assign-names.js";
import { converts } from "../../plan/analyse.js";
import type { Plan } from "../../plan/index.js";
import { constraintChecks as planChecks, plural } from "../../plan/validate.js";
import { fails } from "../../code/scalar.js";
import type { Candidate } from "../../plan/union.js";

interface ParseContext {
  readonly plan: Plan;
  /** Runtime helpers the emitted code calls (filled while emitting). */
  readonly uses: Uses;
  /** Pattern source → the name of its module-level `RegExp` const, in order of first use. */
  readonly patterns: Map<string, string>;
}

/** The parse module: module-level `RegExp` consts, then the functions. */
export function emitParse(ir: Ir, plan: Plan): Module {
  const uses: Uses = new Set();
  const ctx: ParseContext = { plan, uses, patterns: new Map() };
  uses.add("IssueDraft");
  uses.add("SafeParseResult");
  uses.add("runParse");
  uses.add("runSafeParse");
  const functions = ir.decls.flatMap((decl) => [worker(decl, ctx), parse(decl, ctx), safeParse(decl, ctx)]);
  const consts = [...ctx.patterns].map(([pattern, name]) =>
    constDecl(false, name, "RegExp", `new RegExp(${JSON.stringify(pattern)}, "u")`),
  );
  return { statements: [...consts, ...functions], imports: uses };
}

/** `parseX(json)`: the worker's model, or a `ParseError` (the runtime's `runParse`). */
function parse(decl: Decl, ctx: ParseContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  return functionDecl({
    doc:
      `Validates a {@link ${n.wire}} (JSON as received, e.g. from \`JSON.parse\`) against the schema, ` +
      `constraints included, and maps it to a {@link ${n.model}} in one pass. Unknown keys are dropped.\n` +
      "@throws {ParseError} listing every issue found, with wire and model paths.",
    exported: true,
    name: n.parse,
    parameters: "json: unknown",
    returns: n.model,
    body: [`return runParse<${n.model}>(${n.parseInto}, json);`],
  });
}

/** `safeParseX(json)`: never throws (the runtime's `runSafeParse`). */
function safeParse(decl: Decl, ctx: ParseContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  return functionDecl({
    doc: `Like \`${n.parse}\`, but returns \`{ ok: true, value }\` or \`{ ok: false, issues }\` and never throws.`,
    exported: true,
    name: n.safeParse,
    parameters: "json: unknown",
    returns: `SafeParseResult<${n.model}>`,
    body: [`return runSafeParse<${n.model}>(${n.parseInto}, json);`],
  });
}

function worker(decl: Decl, ctx: ParseContext): WriterFunction {
  const n = ctx.plan.names.decl(decl.id);
  const w = new Writer(ctx);
  const out = w.gen(decl.node, "value", ROOT, false);
  w.line(`return ${out};`);
  return functionDecl({
    doc:
      `Validates \`value\` as a {@link ${n.wire}} and maps it to a {@link ${n.model}}, adding issues ` +
      "(paths relative to `value`) to `issues`. The result is only meaningful when no issue was added.",
    exported: false,
    name: n.parseInto,
    parameters: "value: unknown, issues: IssueDraft[]",
    returns: "unknown",
    body: w.lines,
  });
}

/** A path relative to the current function: code expressions of wire and model segments. */
interface Path {
  readonly wire: readonly string[];
  readonly model: readonly string[];
}

const ROOT: Path = { wire: [], model: [] };

function child(path: Path, wire: string, model: string = wire): Path {
  return { wire: [...path.wire, wire], model: [...path.model, model] };
}

/** `, [wire], [model]` arguments for `addIssue` / `nestIssues` (model left out when it equals wire). */
function pathArgs(path: Path): string {
  if (path.wire.length === 0) return "";
  const wire = `[${path.wire.join(", ")}]`;
  const model = `[${path.model.join(", ")}]`;
  return wire === model ? `, ${wire}` : `, ${wire}, ${model}`;
}

/** Writes one worker's body; `gen` returns an expression holding the model value, valid after its lines. */
class Writer extends Lines {
  private counter = 0;

  private readonly ctx: ParseContext;

  constructor(ctx: ParseContext) {
    super();
    this.ctx = ctx;
  }

  fresh(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  issue(expected: string, received: string, path: Path): string {
    this.ctx.uses.add("addIssue");
    return `addIssue(issues, ${JSON.stringify(expected)}, ${received}${pathArgs(path)});`;
  }

  /** Validates `input` (an identifier) as `node`; returns the model value's expression. */
  gen(node: Node, input: string, path: Path, orNull: boolean): string {
    const nullText = orNull ? " | null" : "";
    switch (node.kind) {
      case "primitive":
        this.primitive(node, input, path, nullText);
        return input;
      case "literal":
      case "enum": {
        const bad = print(fails(this.ctx.plan.scalar(node), id(input), this.ctx.uses));
        this.line(`if (${bad}) ${this.issue(describe(node, this.ctx) + nullText, input, path)}`);
        return input;
      }
      case "array":
        return this.array(node.items, node.constraints, input, path, nullText);
      case "tuple":
        return this.tuple(node.items, node.rest, input, path, nullText);
      case "record":
        return this.record(node.values, input, path, nullText);
      case "object":
        return this.object(node, input, path, nullText);
      case "union":
        return this.union(node, input, path);
      case "intersection":
        return this.intersection(node, input, path);
      case "ref": {
        const callee = this.ctx.plan.names.decl(node.target).parseInto;
        const r = this.fresh("r");
        if (path.wire.length === 0) {
          this.line(`const ${r} = ${callee}(${input}, issues);`);
          return r;
        }
        const n = this.fresh("n");
        this.ctx.uses.add("nestIssues");
        this.line(`const ${n} = issues.length;`);
        this.line(`const ${r} = ${callee}(${input}, issues);`);
        this.line(`if (issues.length !== ${n}) nestIssues(issues, ${n}${pathArgs(path)});`);
        return r;
      }
      case "unknown":
        return input;
      case "never":
        this.line(this.issue("nothing (no value is valid here)", input, path));
        return input;
      default:
        return assertNever(node);
    }
  }

  private primitive(node: PrimitiveNode, input: string, path: Path, nullText: string): void {
    const c = node.constraints;
    const checks = c === undefined ? [] : constraintChecks(node, c, input, this.ctx);
    // the plan's type test; an integer with constraints is first a number (the comparisons need one)
    const fail = fails(this.ctx.plan.scalar(node), id(input), this.ctx.uses);
    const number = node.type === "integer" && checks.length > 0 ? [ne(typeOf(id(input)), lit("number"))] : [];
    const bad = print(or([...number, fail]));
    const typeIssue = this.issue(node.type + nullText, input, path);
    if (checks.length === 0) {
      this.line(`if (${bad}) ${typeIssue}`);
      return;
    }
    this.line(`if (${bad}) ${typeIssue}`);
    this.block("else {", () => {
      for (const [test, expected] of checks) this.line(`if (${test}) ${this.issue(expected, input, path)}`);
    });
  }

  private array(
    items: Node,
    constraints: Constraints | undefined,
    input: string,
    path: Path,
    nullText: string,
  ): string {
    const r = this.fresh("r");
    const rebuilds = converts(items, this.ctx.plan.analysis);
    this.line(`let ${r}: unknown = ${input};`);
    this.line(`if (!Array.isArray(${input})) ${this.issue(`array${nullText}`, input, path)}`);
    this.block("else {", () => {
      if (constraints?.minItems !== undefined && constraints.minItems > 0) {
        this.line(
          `if (${input}.length < ${constraints.minItems}) ${this.issue(atLeast(constraints.minItems), input, path)}`,
        );
      }
      if (constraints?.maxItems !== undefined) {
        this.line(
          `if (${input}.length > ${constraints.maxItems}) ${this.issue(atMost(constraints.maxItems), input, path)}`,
        );
      }
      if (!checksSomething(items, this.ctx) && !rebuilds) return;
      const a = this.fresh("a");
      const i = this.fresh("i");
      const e = this.fresh("e");
      if (rebuilds) this.line(`const ${a}: unknown[] = [];`);
      this.block(`for (let ${i} = 0; ${i} < ${input}.length; ${i}++) {`, () => {
        this.line(`const ${e}: unknown = ${input}[${i}];`);
        const out = this.gen(items, e, child(path, i), false);
        if (rebuilds) this.line(`${a}.push(${out});`);
      });
      if (rebuilds) this.line(`${r} = ${a};`);
    });
    return r;
  }

  private tuple(items: readonly Node[], rest: Node | undefined, input: string, path: Path, nullText: string): string {
    const r = this.fresh("r");
    const n = items.length;
    const rebuilds =
      items.some((m) => converts(m, this.ctx.plan.analysis)) ||
      (rest !== undefined && converts(rest, this.ctx.plan.analysis));
    this.line(`let ${r}: unknown = ${input};`);
    this.line(`if (!Array.isArray(${input})) ${this.issue(`array${nullText}`, input, path)}`);
    const lengthBad = rest === undefined ? `${input}.length !== ${n}` : `${input}.length < ${n}`;
    this.line(
      `else if (${lengthBad}) ` +
        this.issue(`array of ${rest === undefined ? "exactly" : "at least"} ${itemCount(n)}`, input, path),
    );
    this.block("else {", () => {
      const outs = items.map((item, index) => {
        const e = this.fresh("e");
        this.line(`const ${e}: unknown = ${input}[${index}];`);
        return this.gen(item, e, child(path, String(index)), false);
      });
      let restArray: string | undefined;
      if (rest !== undefined && (checksSomething(rest, this.ctx) || converts(rest, this.ctx.plan.analysis))) {
        const a = this.fresh("a");
        const i = this.fresh("i");
        const e = this.fresh("e");
        if (rebuilds) {
          restArray = a;
          this.line(`const ${a}: unknown[] = [];`);
        }
        this.block(`for (let ${i} = ${n}; ${i} < ${input}.length; ${i}++) {`, () => {
          this.line(`const ${e}: unknown = ${input}[${i}];`);
          const out = this.gen(rest, e, child(path, i), false);
          if (rebuilds) this.line(`${a}.push(${out});`);
        });
      } else if (rest !== undefined && rebuilds) restArray = `${input}.slice(${n})`;
      if (rebuilds)
        this.line(`${r} = [${[...outs, ...(restArray === undefined ? [] : [`...${restArray}`])].join(", ")}];`);
    });
    return r;
  }

  private record(values: Node, input: string, path: Path, nullText: string): string {
    this.ctx.uses.add("isPlainObject");
    const r = this.fresh("r");
    const rebuilds = converts(values, this.ctx.plan.analysis);
    this.line(`let ${r}: unknown = ${input};`);
    this.line(`if (!isPlainObject(${input})) ${this.issue(`object${nullText}`, input, path)}`);
    if (!checksSomething(values, this.ctx) && !rebuilds) return r;
    this.block("else {", () => {
      const o = this.fresh("o");
      const k = this.fresh("k");
      const e = this.fresh("e");
      if (rebuilds) this.line(`const ${o}: { [key: string]: unknown } = {};`);
      this.block(`for (const ${k} of Object.keys(${input})) {`, () => {
        this.line(`const ${e}: unknown = ${input}[${k}];`);
        const out = this.gen(values, e, child(path, k), false);
        if (rebuilds) {
          this.ctx.uses.add("setOwn");
          this.line(`if (${k} === "__proto__") setOwn(${o}, ${k}, ${out});`);
          this.line(`else ${o}[${k}] = ${out};`);
        }
      });
      if (rebuilds) this.line(`${r} = ${o};`);
    });
    return r;
  }

  private object(node: ObjectNode, input: string, path: Path, nullText: string): string {
    this.ctx.uses.add("isPlainObject");
    const r = this.fresh("r");
    const plan = this.ctx.plan.object(node);
    this.line(`let ${r}: unknown = ${input};`);
    this.line(`if (!isPlainObject(${input})) ${this.issue(`object${nullText}`, input, path)}`);
    this.block("else {", () => {
      const m = this.fresh("m");
      const entries: string[] = [];
      const read = (i: number): { p: string; at: Path } => {
        const key = plan.keys[i]!.wire;
        const p = this.fresh("p");
        if (PROTOTYPE_KEYS.has(key)) {
          this.ctx.uses.add("fieldOf");
          this.line(`const ${p}: unknown = fieldOf(${input}, ${JSON.stringify(key)});`);
        } else this.line(`const ${p}: unknown = ${input}${accessor(key)};`);
        return { p, at: child(path, JSON.stringify(key), JSON.stringify(plan.keys[i]!.model)) };
      };
      const required = (i: number, p: string, at: Path): string => {
        const k = plan.keys[i]!;
        if (mayBeUndefined(k.node, this.ctx.plan.decls)) {
          this.line(
            `if (!Object.hasOwn(${input}, ${JSON.stringify(k.wire)})) ` +
              this.issue(describe(k.node, this.ctx), "undefined", at),
          );
        }
        return this.gen(k.node, p, at, false);
      };
      for (let i = 0; i < plan.lead; i++) {
        const { p, at } = read(i);
        entries.push(`${literalKey(plan.keys[i]!.model)}: ${required(i, p, at)}`);
      }
      if (plan.rejectUnknown) {
        const k = this.fresh("k");
        this.block(`for (const ${k} of Object.keys(${input})) {`, () => {
          this.block(`switch (${k}) {`, () => {
            for (const key of plan.keys) this.line(`case ${JSON.stringify(key.wire)}:`);
            if (plan.keys.length > 0) this.line("  break;");
            this.line("default:");
            this.line(`  ${this.issue("no key the spec does not declare", `${input}[${k}]`, child(path, k))}`);
          });
        });
      }
      if (plan.lead === plan.keys.length && !plan.copyRest) {
        this.literal(`${r} = `, entries, ";");
        return;
      }
      this.literal(`const ${m}: { [key: string]: unknown } = `, entries, ";");
      for (let i = plan.lead; i < plan.keys.length; i++) {
        const k = plan.keys[i]!;
        const { p, at } = read(i);
        if (k.required) this.line(this.assign(m, k.model, required(i, p, at)));
        else {
          this.block(`if (${p} !== undefined) {`, () => {
            this.line(this.assign(m, k.model, this.gen(k.node, p, at, false)));
          });
        }
      }
      if (plan.copyRest) {
        this.ctx.uses.add("setOwn");
        const k = this.fresh("k");
        const known =
          chain(
            plan.keys.map((key) => `${k} !== ${JSON.stringify(key.wire)}`),
            "&&",
          ) || "true";
        // an extra key spelled like a declared model key trades places with its wire spelling (the plan's swaps)
        const target = plan.swaps.fromWire.reduceRight(
          (rest, [from, to]) => `${k} === ${JSON.stringify(from)} ? ${JSON.stringify(to)} : ${rest}`,
          k,
        );
        this.block(`for (const ${k} of Object.keys(${input})) {`, () => {
          this.line(`if (${known}) setOwn(${m}, ${target}, ${input}[${k}]);`);
        });
      }
      this.line(`${r} = ${m};`);
    });
    return r;
  }

  private assign(target: string, key: string, value: string): string {
    if (PROTOTYPE_KEYS.has(key)) {
      // `__proto__` would set the prototype; the others are typed by `Object` (`constructor: Function`)
      this.ctx.uses.add("setOwn");
      return `setOwn(${target}, ${JSON.stringify(key)}, ${value});`;
    }
    return `${target}${accessor(key)} = ${value};`;
  }

  private union(node: Pick<UnionNode, "members" | "discriminator">, input: string, path: Path): string {
    const up = this.ctx.plan.union(node);
    const hasNull = up.nullable;
    const discriminator = up.discriminator;
    const r = this.fresh("r");
    if (up.candidates.length === 0) {
      if (hasNull) this.line(`if (${input} !== null) ${this.issue("null", input, path)}`);
      else this.line(this.issue("nothing (no value is valid here)", input, path));
      return input;
    }
    if (up.candidates.length === 1) {
      const only = up.candidates[0]!.node;
      if (!hasNull) return this.gen(only, input, path, false);
      const bad = simpleFailure(only, input, this.ctx);
      if (bad !== undefined) {
        const test = print(and([ne(id(input), lit(null)), bad]));
        this.line(`if (${test}) ${this.issue(`${describe(only, this.ctx)} | null`, input, path)}`);
        return input;
      }
      if (!converts(only, this.ctx.plan.analysis)) {
        this.block(`if (${input} !== null) {`, () => {
          this.gen(only, input, path, true);
        });
        return input;
      }
      this.line(`let ${r}: unknown = ${input};`);
      this.block(`if (${input} !== null) {`, () => {
        const out = this.gen(only, input, path, true);
        if (out !== input) this.line(`${r} = ${out};`);
      });
      return r;
    }
    const label = this.fresh("u");
    const saved = this.fresh("s");
    const n = this.fresh("n");
    this.ctx.uses.add("IssueDraft");
    this.line(`let ${r}: unknown = ${input};`);
    // the plan's candidates in spec order: by tag when the spec gives one for the member, else by shape
    // (`exact` when the shape test is the whole check)
    const tagTest = (tags: readonly string[]): string => {
      this.ctx.uses.add("fieldOf");
      const field = `fieldOf(${input}, ${JSON.stringify(discriminator!.property)})`;
      return chain(
        tags.map((v) => `${field} === ${JSON.stringify(v)}`),
        "||",
      );
    };
    const shape = (c: Candidate): string => print(shapeExpr(c.shape("wire"), id(input), this.ctx.uses));
    const candidates: { m: Node; test: string; exact: boolean }[] = up.candidates.map((c) =>
      c.tags.length > 0
        ? { m: c.node, test: tagTest(c.tags), exact: false }
        : { m: c.node, test: shape(c), exact: c.exact },
    );
    // a tagged member is also tried by its shape, last: a member that is itself a union gets its schema name as
    // its only tag when the spec maps none, though its own members carry other tags
    for (const c of up.candidates) if (c.tags.length > 0) candidates.push({ m: c.node, test: shape(c), exact: false });
    // issues of a failed candidate are kept aside only when another candidate may follow it
    const single = candidates.slice(0, -1).every((c) => c.exact);
    this.block(`${label}: {`, () => {
      if (hasNull) this.line(`if (${input} === null) break ${label};`);
      if (!single) {
        this.line(`const ${n} = issues.length;`);
        this.line(`let ${saved}: IssueDraft[] | undefined;`);
      }
      candidates.forEach(({ m, test, exact }, index) => {
        const last = index === candidates.length - 1;
        if (exact) {
          this.line(`if (${test}) break ${label};`);
          return;
        }
        this.block(`if (${test}) {`, () => {
          const out = this.gen(m, input, path, false);
          if (last) {
            if (out !== input) this.line(`${r} = ${out};`);
            if (!single)
              this.line(
                `if (${saved} !== undefined && ${saved}.length <= issues.length - ${n}) ` +
                  `issues.splice(${n}, issues.length - ${n}, ...${saved});`,
              );
            this.line(`break ${label};`);
            return;
          }
          this.block(`if (issues.length === ${n}) {`, () => {
            if (out !== input) this.line(`${r} = ${out};`);
            this.line(`break ${label};`);
          });
          this.line(
            `if (${saved} === undefined || issues.length - ${n} < ${saved}.length) ${saved} = issues.splice(${n});`,
          );
          this.line(`else issues.length = ${n};`);
        });
      });
      const expected = [...new Set(up.accepted.map((m) => describe(m, this.ctx)))].join(" | ");
      const allTagged = up.allTagged;
      // the statements that report no match, built before they are laid out (alone, or in a block)
      const noMatch = (): string[] => {
        if (!allTagged || discriminator === undefined) return [this.issue(expected, input, path)];
        // every member is chosen by its tag: point at the tag
        this.ctx.uses.add("isPlainObject");
        this.ctx.uses.add("fieldOf");
        const property = discriminator.property;
        const tags = [...new Set(discriminator.cases.map((c) => JSON.stringify(c.value)))].join(" | ");
        const modelKey = discriminatorModelKey(
          up.candidates.map((c) => c.node),
          property,
          this.ctx,
        );
        const at = child(path, JSON.stringify(property), JSON.stringify(modelKey));
        return [
          `if (isPlainObject(${input})) ${this.issue(tags, `fieldOf(${input}, ${JSON.stringify(property)})`, at)}`,
          `else ${this.issue(expected, input, path)}`,
        ];
      };
      const report = noMatch();
      if (single) report.forEach((l) => this.line(l));
      else {
        if (report.length === 1) this.line(`if (${saved} === undefined) ${report[0]}`);
        else this.block(`if (${saved} === undefined) {`, () => report.forEach((l) => this.line(l)));
        this.line(`else issues.push(...${saved});`);
      }
    });
    return r;
  }

  private intersection(node: IntersectionNode, input: string, path: Path): string {
    const ip = this.ctx.plan.intersection(node);
    // the plan: `A[] & B[]` is an array of `A & B`
    if (ip.asArray !== undefined) {
      const array = ip.asArray.array;
      if (!ip.asArray.nullable) return this.gen(array, input, path, false);
      return this.gen({ kind: "union", members: [array, { kind: "primitive", type: "null" }] }, input, path, false);
    }
    const members = node.members;
    const outs = members.map((m) => ({
      out: this.gen(m, input, path, false),
      converts: converts(m, this.ctx.plan.analysis),
    }));
    // the plan: an open member's copies of the keys its siblings map are left out
    const omits = ip.omits.fromWire;
    if (omits.some((o) => o.length > 0)) this.ctx.uses.add("omitKeys");
    const omit = (e: string, keys: readonly string[]): string =>
      `omitKeys(${e}, [${keys.map((k) => JSON.stringify(k)).join(", ")}])`;
    const mapped = outs.flatMap((o, i) =>
      !o.converts ? [] : omits[i]!.length === 0 ? [o.out] : [omit(o.out, omits[i]!)],
    );
    if (mapped.length === 0) return input;
    const r = this.fresh("r");
    // spread (Object.assign would take a `__proto__` key for the prototype), and a null that every member allows
    // stays null (merging would turn it into {})
    const merged = `{ ${mapped.map((m) => `...(${m} as object)`).join(", ")} }`;
    this.line(`const ${r} = ${ip.keepsNull ? `${input} === null ? null : ${merged}` : merged};`);
    return r;
  }
}

/** `3 items`, `1 item`. */
function itemCount(n: number): string {
  return `${n} ${plural(n, "item")}`;
}

function atLeast(n: number): string {
  return `array of at least ${itemCount(n)}`;
}

function atMost(n: number): string {
  return `array of at most ${itemCount(n)}`;
}

/** The test that `input` is not a `node`, for nodes checked by one test (no constraints, no children). */
function simpleFailure(node: Node, input: string, ctx: ParseContext): Expr | undefined {
  const uses = ctx.uses;
  switch (node.kind) {
    case "primitive":
      return node.constraints === undefined ? fails(ctx.plan.scalar(node), id(input), uses) : undefined;
    case "literal":
      return typeof node.value === "object" ? undefined : fails(ctx.plan.scalar(node), id(input), uses);
    case "enum":
      return fails(ctx.plan.scalar(node), id(input), uses);
    case "array":
    case "tuple":
    case "object":
    case "record":
    case "union":
    case "intersection":
    case "ref":
    case "unknown":
    case "never":
      return undefined;
    default:
      return assertNever(node);
  }
}

/** `[test that fails, expected]` for each check of the plan's constraints on a number or string. */
function constraintChecks(node: PrimitiveNode, c: Constraints, input: string, ctx: ParseContext): [string, string][] {
  return planChecks(node, c).map((check): [string, string] => {
    switch (check.kind) {
      case "minimum":
        return [`${input} < ${numberLiteral(check.limit)}`, check.expected];
      case "exclusiveMinimum":
        return [`${input} <= ${numberLiteral(check.limit)}`, check.expected];
      case "maximum":
        return [`${input} > ${numberLiteral(check.limit)}`, check.expected];
      case "exclusiveMaximum":
        return [`${input} >= ${numberLiteral(check.limit)}`, check.expected];
      case "multipleOf":
        ctx.uses.add("isMultipleOf");
        return [`!isMultipleOf(${input}, ${numberLiteral(check.divisor)})`, check.expected];
      case "minLength": {
        // UTF-16 length bounds the code point count (n units hold n/2..n code points): count only when it decides
        ctx.uses.add("codePointLength");
        const min = check.limit;
        const test =
          min === 1
            ? `${input}.length === 0`
            : `${input}.length < ${min} || (${input}.length < ${2 * min} && codePointLength(${input}) < ${min})`;
        return [test, check.expected];
      }
      case "maxLength":
        ctx.uses.add("codePointLength");
        return [`${input}.length > ${check.limit} && codePointLength(${input}) > ${check.limit}`, check.expected];
      case "pattern": {
        let name = ctx.patterns.get(check.pattern);
        if (name === undefined) {
          name = patternConstName(ctx.patterns.size + 1);
          ctx.patterns.set(check.pattern, name);
        }
        return [`!${name}.test(${input})`, check.expected];
      }
      default:
        return assertNever(check);
    }
  });
}

/** Whether checking the node can fail at all (`unknown` accepts everything). */
function checksSomething(node: Node, ctx: ParseContext): boolean {
  return !mayBeUndefined(node, ctx.plan.decls) || node.kind === "ref";
}

/** What a node allows, for an issue's `expected`: `integer`, `"auto" | integer`, `FineTuningIntegration`. */
export function describe(node: Node, ctx: Pick<ParseContext, "plan">): string {
  switch (node.kind) {
    case "primitive":
      return node.type;
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
      return [...new Set(node.members.map((m) => describe(m, ctx)))].join(" | ");
    case "intersection":
      return [...new Set(node.members.map((m) => describe(m, ctx)))].join(" & ");
    case "ref":
      return ctx.plan.names.decl(node.target).model;
    case "unknown":
      return "any value";
    case "never":
      return "nothing";
    default:
      return assertNever(node);
  }
}

/** The model key of a discriminator property, from the first object member that declares it. */
function discriminatorModelKey(members: readonly Node[], property: string, ctx: ParseContext): string {
  for (const m of members) {
    const o = objectOf(m, ctx.plan.decls);
    const index = o?.properties.findIndex((p) => p.key === property) ?? -1;
    if (o !== undefined && index !== -1) return ctx.plan.names.keys(o)[index]!;
  }
  return property;
}

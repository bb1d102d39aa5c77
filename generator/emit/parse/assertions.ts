/**
 * A node's assertions (`not`, `if`, `uniqueItems`, `contains`, property counts and names, dependencies, pattern
 * properties), checked after its shape, each on values of its own JSON type. Where an assertion asks whether a value
 * is valid against a schema (`not`, `if`, `contains`, `propertyNames`), that schema is checked into an issue list
 * of its own, which the worker's `issues` name stands for inside a block; where it asks that a value be valid
 * (`then`, `dependentSchemas`, a pattern's schema), the issues go where the node's own do, with their paths.
 */
import { isAnyValue } from "../../ir/walk.js";
import type { Assertion, Evaluated, EvaluatedItems, Node } from "../../ir/types.js";
import { assertNever } from "../../ir/walk.js";
import { plural } from "../../plan/validate.js";
import { child, describe, type Gen, pathArgs, type Path, ROOT } from "./context.js";
import { patternConst } from "./scalars.js";

export function assertions(w: Gen, checks: readonly Assertion[], input: string, path: Path): void {
  for (const check of checks) assertion(w, check, input, path);
}

function assertion(w: Gen, a: Assertion, input: string, path: Path): void {
  switch (a.kind) {
    case "not": {
      const ok = valid(w, a.node, input);
      w.line(`if (${ok.yes}) ${w.issue(`not ${summary(a.node, w)}`, input, path)}`);
      return;
    }
    case "if": {
      if (a.valid === undefined && a.invalid === undefined) return;
      const ok = valid(w, a.test, input);
      const branch = (node: Node | undefined) => (): void => {
        if (node !== undefined) w.gen(node, input, path, false);
      };
      if (a.valid === undefined) w.block(`if (${ok.no}) {`, branch(a.invalid));
      else if (a.invalid === undefined) w.block(`if (${ok.yes}) {`, branch(a.valid));
      else {
        w.block(`if (${ok.yes}) {`, branch(a.valid), "}");
        w.block("else {", branch(a.invalid));
      }
      return;
    }
    case "anyOf":
      anyOf(w, a, input, path);
      return;
    case "ofType":
      if (a.type === "object") w.ctx.uses.add("isPlainObject");
      w.block(`if (${a.type === "object" ? "isPlainObject" : "Array.isArray"}(${input})) {`, () => {
        w.gen(a.node, input, path, false);
      });
      return;
    case "uniqueItems":
      w.ctx.uses.add("allUnique");
      w.line(`if (Array.isArray(${input}) && !allUnique(${input})) ${w.issue("array of unique items", input, path)}`);
      return;
    case "contains":
      contains(w, a, input, path);
      return;
    case "propertyCount": {
      w.ctx.uses.add("isPlainObject");
      const n = w.fresh("n");
      w.block(`if (isPlainObject(${input})) {`, () => {
        w.line(`const ${n} = Object.keys(${input}).length;`);
        if (a.min !== undefined)
          w.line(`if (${n} < ${a.min}) ${w.issue(`object of at least ${keys(a.min)}`, input, path)}`);
        if (a.max !== undefined)
          w.line(`if (${n} > ${a.max}) ${w.issue(`object of at most ${keys(a.max)}`, input, path)}`);
      });
      return;
    }
    case "propertyNames": {
      if (isAnyValue(a.node)) return;
      w.ctx.uses.add("isPlainObject");
      w.ctx.uses.add("addIssue");
      const k = w.fresh("k");
      w.block(`if (isPlainObject(${input})) {`, () => {
        w.block(`for (const ${k} of Object.keys(${input})) {`, () => {
          const s = scratch(w, a.node, k);
          const at = pathArgs(child(path, k));
          w.line(`if (${s}.length > 0) addIssue(issues, \`property name: \${${s}[0]!.expected}\`, ${k}${at});`);
        });
      });
      return;
    }
    case "dependentRequired":
      w.ctx.uses.add("isPlainObject");
      w.block(`if (isPlainObject(${input}) && Object.hasOwn(${input}, ${JSON.stringify(a.key)})) {`, () => {
        for (const key of a.required) {
          const expected = `a value (${JSON.stringify(key)} is required when ${JSON.stringify(a.key)} is present)`;
          const at = child(path, JSON.stringify(key));
          w.line(`if (!Object.hasOwn(${input}, ${JSON.stringify(key)})) ${w.issue(expected, "undefined", at)}`);
        }
      });
      return;
    case "dependentSchema":
      if (isAnyValue(a.node)) return;
      w.ctx.uses.add("isPlainObject");
      w.block(`if (isPlainObject(${input}) && Object.hasOwn(${input}, ${JSON.stringify(a.key)})) {`, () => {
        w.gen(a.node, input, path, false);
      });
      return;
    case "patternProperties":
      patternProperties(w, a, input, path);
      return;
    case "unevaluatedProperties":
      unevaluated(w, a, input, path);
      return;
    case "unevaluatedItems":
      unevaluatedArray(w, a, input, path);
      return;
    default:
      assertNever(a);
  }
}

/** `contains`: how many items are valid against its schema, between minContains and maxContains. */
function contains(w: Gen, a: Extract<Assertion, { kind: "contains" }>, input: string, path: Path): void {
  if (a.min === 0 && a.max === undefined) return;
  const c = w.fresh("c");
  const e = w.fresh("e");
  const what = describe(a.node, w.ctx);
  w.block(`if (Array.isArray(${input})) {`, () => {
    w.line(`let ${c} = 0;`);
    w.block(`for (const ${e} of ${input}) {`, () => {
      const ok = valid(w, a.node, e);
      w.line(`if (${ok.yes}) ${c}++;`);
    });
    if (a.min > 0)
      w.line(`if (${c} < ${a.min}) ${w.issue(`array with at least ${items(a.min)} matching ${what}`, input, path)}`);
    if (a.max !== undefined) {
      w.line(`if (${c} > ${a.max}) ${w.issue(`array with at most ${items(a.max)} matching ${what}`, input, path)}`);
    }
  });
}

/** Members that only assert: valid against one of them (tried in order until one is). */
function anyOf(w: Gen, a: Extract<Assertion, { kind: "anyOf" }>, input: string, path: Path): void {
  const what = [...new Set(a.nodes.map((n) => summary(n, w)))].join(" | ");
  if (a.oneOf && w.ctx.plan.strict) {
    // a oneOf under `strict`: exactly one member holds (`oneOf: [{}, A]` is `not A`)
    const c = w.fresh("c");
    w.line(`let ${c} = 0;`);
    for (const node of a.nodes) w.line(`if (${valid(w, node, input).yes}) ${c}++;`);
    w.line(`if (${c} !== 1) ${w.issue(`a value valid against exactly one of: ${what}`, input, path)}`);
    return;
  }
  if (a.nodes.some(isAnyValue)) return;
  const found = w.fresh("f");
  w.line(`let ${found} = false;`);
  a.nodes.forEach((node, i) => {
    const one = (): void => {
      const ok = valid(w, node, input);
      w.line(`if (${ok.yes}) ${found} = true;`);
    };
    if (i === 0) one();
    else w.block(`if (!${found}) {`, one);
  });
  w.line(`if (!${found}) ${w.issue(`a value valid against one of: ${what}`, input, path)}`);
}

/** How an issue names a member that only asserts: `object with "state"` for `{ required: [state] }`. */
function summary(node: Node, w: Gen): string {
  const keys = requiredKeysOnly(node);
  return keys === undefined ? describe(node, w.ctx) : `object with ${keys.map((k) => JSON.stringify(k)).join(", ")}`;
}

/** The keys of a schema that only requires keys (`{ required: [a, b] }`, no type), else undefined. */
function requiredKeysOnly(node: Node): readonly string[] | undefined {
  if (node.kind !== "unknown" || node.when !== undefined || node.checks?.length !== 1) return undefined;
  const only = node.checks[0]!;
  if (only.kind !== "ofType" || only.node.kind !== "object" || only.node.checks !== undefined) return undefined;
  const { properties, additional } = only.node;
  if (additional !== undefined && !isAnyValue(additional)) return undefined;
  return properties.every((p) => p.required && isAnyValue(p.node)) ? properties.map((p) => p.key) : undefined;
}

/**
 * `patternProperties`: each key's value against every pattern the key matches; a key no pattern matches and
 * `properties` does not declare against `additionalProperties` (when given).
 */
function patternProperties(
  w: Gen,
  a: Extract<Assertion, { kind: "patternProperties" }>,
  input: string,
  path: Path,
): void {
  const patterns = a.patterns.filter((p) => !isAnyValue(p.node));
  const additional = a.additional !== undefined && !isAnyValue(a.additional) ? a.additional : undefined;
  if (patterns.length === 0 && additional === undefined) return;
  w.ctx.uses.add("isPlainObject");
  const k = w.fresh("k");
  const e = w.fresh("e");
  const m = w.fresh("m");
  w.block(`if (isPlainObject(${input})) {`, () => {
    w.block(`for (const ${k} of Object.keys(${input})) {`, () => {
      w.line(`const ${e}: unknown = ${input}[${k}];`);
      if (additional !== undefined) w.line(`let ${m} = false;`);
      // every pattern of the map is tested (one that accepts anything only marks the key as matched)
      for (const p of additional === undefined ? patterns : a.patterns) {
        const test = `${patternConst(p.pattern, w.ctx)}.test(${k})`;
        w.block(`if (${test}) {`, () => {
          if (additional !== undefined) w.line(`${m} = true;`);
          if (!isAnyValue(p.node)) w.gen(p.node, e, child(path, k), false);
        });
      }
      if (additional === undefined) return;
      const rest = (): void => {
        if (additional.kind === "never") w.line(w.issue("no key the spec does not declare", e, child(path, k)));
        else w.gen(additional, e, child(path, k), false);
      };
      if (a.declared.length === 0) {
        w.block(`if (!${m}) {`, rest);
        return;
      }
      w.block(`if (!${m}) {`, () => {
        w.block(`switch (${k}) {`, () => {
          for (const key of a.declared) w.line(`case ${JSON.stringify(key)}:`);
          w.line("  break;");
          w.block("default: {", rest);
        });
      });
    });
  });
}

/**
 * `unevaluatedProperties`: the keys the keywords beside it evaluate are collected (those of the branches that apply
 * when the object is checked); every other key's value is checked against its schema.
 */
function unevaluated(
  w: Gen,
  a: Extract<Assertion, { kind: "unevaluatedProperties" }>,
  input: string,
  path: Path,
): void {
  if (isAnyValue(a.node) || (a.evaluated.all && a.evaluated.branches.length === 0)) return;
  w.ctx.uses.add("isPlainObject");
  const ev = w.fresh("ev");
  const re = w.fresh("re");
  const all = w.fresh("all");
  const k = w.fresh("k");
  const collect = (e: Evaluated): void => {
    for (const key of e.keys) w.line(`${ev}.add(${JSON.stringify(key)});`);
    for (const p of e.patterns) w.line(`${re}.push(${patternConst(p, w.ctx)});`);
    if (e.all) w.line(`${all} = true;`);
    for (const b of e.branches) w.block(`if (${branchTest(w, b.when, input)}) {`, () => collect(b.evaluated));
  };
  w.block(`if (isPlainObject(${input})) {`, () => {
    w.line(`const ${ev} = new Set<string>();`);
    w.line(`const ${re}: RegExp[] = [];`);
    w.line(`let ${all} = false;`);
    collect(a.evaluated);
    w.block(`if (!${all}) {`, () => {
      w.block(`for (const ${k} of Object.keys(${input})) {`, () => {
        w.line(`if (${ev}.has(${k}) || ${re}.some((r) => r.test(${k}))) continue;`);
        const e = w.fresh("e");
        w.line(`const ${e}: unknown = ${input}[${k}];`);
        if (a.node.kind === "never" && a.node.checks === undefined) {
          w.line(w.issue("no key that no keyword evaluates (unevaluatedProperties)", e, child(path, k)));
        } else w.gen(a.node, e, child(path, k), false);
      });
    });
  });
}

/**
 * `unevaluatedItems`: how far the prefixes that apply reach, whether every item is evaluated, and which items a
 * `contains` schema holds for are collected; every other item is checked against its schema.
 */
function unevaluatedArray(
  w: Gen,
  a: Extract<Assertion, { kind: "unevaluatedItems" }>,
  input: string,
  path: Path,
): void {
  if (isAnyValue(a.node) || (a.evaluated.all && a.evaluated.branches.length === 0)) return;
  const upto = w.fresh("upto");
  const all = w.fresh("all");
  const hit = w.fresh("hit");
  const collect = (e: EvaluatedItems): void => {
    if (e.prefix > 0) w.line(`${upto} = Math.max(${upto}, ${e.prefix});`);
    if (e.all) w.line(`${all} = true;`);
    for (const node of e.contains) {
      const i = w.fresh("i");
      w.block(`for (let ${i} = 0; ${i} < ${input}.length; ${i}++) {`, () => {
        const item = w.fresh("e");
        w.line(`const ${item}: unknown = ${input}[${i}];`);
        w.line(`if (${valid(w, node, item).yes}) ${hit}.add(${i});`);
      });
    }
    for (const b of e.branches) w.block(`if (${branchTest(w, b.when, input)}) {`, () => collect(b.evaluated));
  };
  w.block(`if (Array.isArray(${input})) {`, () => {
    w.line(`let ${upto} = 0;`);
    w.line(`let ${all} = false;`);
    w.line(`const ${hit} = new Set<number>();`);
    collect(a.evaluated);
    const i = w.fresh("i");
    w.block(`if (!${all}) {`, () => {
      w.block(`for (let ${i} = ${upto}; ${i} < ${input}.length; ${i}++) {`, () => {
        w.line(`if (${hit}.has(${i})) continue;`);
        const e = w.fresh("e");
        w.line(`const ${e}: unknown = ${input}[${i}];`);
        if (a.node.kind === "never" && a.node.checks === undefined) {
          w.line(w.issue("no item that no keyword evaluates (unevaluatedItems)", e, child(path, i)));
        } else w.gen(a.node, e, child(path, i), false);
      });
    });
  });
}

/** When a branch of an evaluation applies: `input` is (or is not) valid against a schema, or has a key. */
function branchTest(w: Gen, when: Evaluated["branches"][number]["when"], input: string): string {
  if (when.kind === "present") return `Object.hasOwn(${input}, ${JSON.stringify(when.key)})`;
  const ok = valid(w, when.node, input);
  return when.kind === "valid" ? ok.yes : ok.no;
}

/** Checks `input` against `node` into an issue list of its own; returns the list's name. */
function scratch(w: Gen, node: Node, input: string): string {
  const s = w.fresh("s");
  w.line(`const ${s}: IssueDraft[] = [];`);
  w.block("{", () => {
    w.line(`const issues = ${s};`);
    w.gen(node, input, ROOT, false);
  });
  return s;
}

/** Whether `input` is valid against `node` (checked into an issue list of its own), and whether it is not. */
function valid(w: Gen, node: Node, input: string): { readonly yes: string; readonly no: string } {
  if (isAnyValue(node)) return { yes: "true", no: "false" };
  if (node.kind === "never" && node.checks === undefined) return { yes: "false", no: "true" };
  const keys = requiredKeysOnly(node);
  if (keys !== undefined) {
    // `{ required: [a, b] }`: a test, no issue list
    w.ctx.uses.add("isPlainObject");
    const tests = keys.map((k) => `Object.hasOwn(${input}, ${JSON.stringify(k)})`);
    const has = tests.join(" && ");
    const hasAll = tests.length === 1 ? has : `(${has})`;
    // printed as an `if` condition (nothing binds looser than `||`)
    return { yes: `!isPlainObject(${input}) || ${hasAll}`, no: `isPlainObject(${input}) && !${hasAll}` };
  }
  const s = scratch(w, node, input);
  return { yes: `${s}.length === 0`, no: `${s}.length > 0` };
}

function items(n: number): string {
  return `${n} ${plural(n, "item")}`;
}

function keys(n: number): string {
  return `${n} ${n === 1 ? "property" : "properties"}`;
}

/** Unions (the plan's candidates, tried in order, the closest failure reported) and intersections. */
import { chain } from "../../code/chain.js";
import { and, id, isLit, lit, ne, print } from "../../code/expr.js";
import { shapeExpr } from "../../code/shape.js";
import { objectOf } from "../../ir/query.js";
import type { IntersectionNode, Node, UnionNode } from "../../ir/types.js";
import { converts } from "../../plan/analyse.js";
import type { Candidate } from "../../plan/union.js";
import { child, describe, type Gen, type ParseContext, type Path } from "./context.js";
import { simpleFailure } from "./scalars.js";

type UnionLike = Pick<UnionNode, "members" | "discriminator" | "exclusive">;

/**
 * A union: the plan's tries in order (ranked by declared keys when the plan says so); a member that does not parse
 * gives way to the next. A `oneOf` under `strict`: then no other member may be valid.
 */
export function union(w: Gen, node: UnionLike, input: string, path: Path): string {
  const up = w.ctx.plan.union(node);
  if (!up.exclusive) return choose(w, node, input, path);
  const before = w.fresh("n");
  w.line(`const ${before} = issues.length;`);
  const out = choose(w, node, input, path);
  // valid against the member chosen: count the members it is valid against (each checked apart, its issues
  // dropped)
  const count = w.fresh("c");
  w.block(`if (issues.length === ${before}) {`, () => {
    w.line(`let ${count} = 0;`);
    for (const m of up.accepted) {
      w.block("{", () => {
        const mark = w.fresh("n");
        w.line(`const ${mark} = issues.length;`);
        const r = w.gen(m, input, path, false);
        if (r !== input) w.line(`void ${r};`);
        w.line(`if (issues.length === ${mark}) ${count}++;`);
        w.line(`issues.length = ${mark};`);
      });
    }
    const expected = [...new Set(up.accepted.map((m) => describe(m, w.ctx)))].join(" | ");
    w.line(`if (${count} > 1) ${w.issue(`exactly one of ${expected}`, input, path)}`);
  });
  return out;
}

/** The member a value is, by the plan's tries; its model value. */
function choose(w: Gen, node: UnionLike, input: string, path: Path): string {
  const up = w.ctx.plan.union(node);
  const hasNull = up.nullable;
  const discriminator = up.discriminator;
  const r = w.fresh("r");
  if (up.candidates.length === 0) {
    if (hasNull) w.line(`if (${input} !== null) ${w.issue("null", input, path)}`);
    else w.line(w.issue("nothing (no value is valid here)", input, path));
    return input;
  }
  if (up.candidates.length === 1) {
    const only = up.candidates[0]!.node;
    if (!hasNull) return w.gen(only, input, path, false);
    const bad = simpleFailure(only, input, w.ctx);
    if (bad !== undefined) {
      const test = print(and([ne(id(input), lit(null)), bad]));
      w.line(`if (${test}) ${w.issue(`${describe(only, w.ctx)} | null`, input, path)}`);
      return input;
    }
    if (!converts(only, w.ctx.plan.analysis)) {
      w.block(`if (${input} !== null) {`, () => {
        w.gen(only, input, path, true);
      });
      return input;
    }
    w.line(`let ${r}: unknown = ${input};`);
    w.block(`if (${input} !== null) {`, () => {
      const out = w.gen(only, input, path, true);
      if (out !== input) w.line(`${r} = ${out};`);
    });
    return r;
  }
  const label = w.fresh("u");
  const saved = w.fresh("s");
  const n = w.fresh("n");
  w.ctx.uses.add("IssueDraft");
  w.line(`let ${r}: unknown = ${input};`);
  // the plan's tries: by tag when the spec gives one for the member, then by shape (`exact` when the shape test
  // is the whole check); the shape tries ranked by the keys they declare when the plan says so
  const tagTest = (tags: readonly string[]): string => {
    w.ctx.uses.add("fieldOf");
    const field = `fieldOf(${input}, ${JSON.stringify(discriminator!.property)})`;
    return chain(
      tags.map((v) => `${field} === ${JSON.stringify(v)}`),
      "||",
    );
  };
  type Try = { m: Node; test: string; exact: boolean; always: boolean; keys: readonly string[] | "every" };
  const shape = (c: Candidate): Try => {
    const test = shapeExpr(c.shape("wire"), id(input), w.ctx.uses);
    return { m: c.node, test: print(test), exact: c.exact, always: isLit(test, true), keys: c.keys("wire") };
  };
  const tries: Try[] = up.tries.map((t) =>
    t.by === "tag"
      ? { m: t.candidate.node, test: tagTest(t.candidate.tags), exact: false, always: false, keys: [] }
      : shape(t.candidate),
  );
  const ranked = up.ranked ? tries.filter((_, i) => up.tries[i]!.by === "shape") : [];
  const sequential = up.ranked ? tries.filter((_, i) => up.tries[i]!.by === "tag") : tries;
  // when the last candidate's test passes every value (any value, with constraints per type), the report that no
  // candidate matched is never reached (and is not written: TypeScript narrows nothing in unreachable code)
  const lastAlways = !up.ranked && sequential.at(-1)?.always === true;
  // issues of a failed candidate are kept aside only when another candidate may follow it
  const single = !up.ranked && sequential.slice(0, -1).every((c) => c.exact);
  w.block(`${label}: {`, () => {
    if (hasNull) w.line(`if (${input} === null) break ${label};`);
    if (!single) {
      w.ctx.uses.add("IssuesAside");
      w.ctx.uses.add("setAsideIssues");
      w.line(`const ${n} = issues.length;`);
      w.line(`const ${saved}: IssuesAside = {};`);
    }
    // a candidate that failed: its issues kept aside when they are the fewest so far
    const setAside = (): void => {
      w.line(`setAsideIssues(issues, ${n}, ${saved});`);
    };
    sequential.forEach(({ m, test, exact }, index) => {
      const last = !up.ranked && index === sequential.length - 1;
      if (exact) {
        w.line(`if (${test}) break ${label};`);
        return;
      }
      w.block(`if (${test}) {`, () => {
        const out = w.gen(m, input, path, false);
        if (last) {
          if (out !== input) w.line(`${r} = ${out};`);
          if (!single) {
            w.ctx.uses.add("keepFewestIssues");
            w.line(`keepFewestIssues(issues, ${n}, ${saved});`);
          }
          w.line(`break ${label};`);
          return;
        }
        w.block(`if (issues.length === ${n}) {`, () => {
          if (out !== input) w.line(`${r} = ${out};`);
          w.line(`break ${label};`);
        });
        setAside();
      });
    });
    if (up.ranked) {
      w.ctx.uses.add("rankMembers");
      const c = w.fresh("c");
      const keys = ranked.map((t) =>
        t.keys === "every" ? t.test : `${t.test} ? [${t.keys.map((k) => JSON.stringify(k)).join(", ")}] : false`,
      );
      w.block(`for (const ${c} of rankMembers(${input}, [${keys.join(", ")}])) {`, () => {
        w.block(`switch (${c}) {`, () => {
          ranked.forEach(({ m, exact }, i) => {
            if (exact) {
              w.line(`case ${i}:`);
              w.line(`  break ${label};`);
              return;
            }
            w.block(`case ${i}: {`, () => {
              const out = w.gen(m, input, path, false);
              w.block(`if (issues.length === ${n}) {`, () => {
                if (out !== input) w.line(`${r} = ${out};`);
                w.line(`break ${label};`);
              });
              setAside();
              w.line("break;");
            });
          });
        });
      });
    }
    const expected = [...new Set(up.accepted.map((m) => describe(m, w.ctx)))].join(" | ");
    const allTagged = up.allTagged;
    // the statements that report no match, built before they are laid out (alone, or in a block)
    const noMatch = (): string[] => {
      if (!allTagged || discriminator === undefined) return [w.issue(expected, input, path)];
      // every member is chosen by its tag: point at the tag
      w.ctx.uses.add("isPlainObject");
      w.ctx.uses.add("fieldOf");
      const property = discriminator.property;
      const tags = [...new Set(discriminator.cases.map((c) => JSON.stringify(c.value)))].join(" | ");
      const modelKey = discriminatorModelKey(
        up.candidates.map((c) => c.node),
        property,
        w.ctx,
      );
      const at = child(path, JSON.stringify(property), JSON.stringify(modelKey));
      return [
        `if (isPlainObject(${input})) ${w.issue(tags, `fieldOf(${input}, ${JSON.stringify(property)})`, at)}`,
        `else ${w.issue(expected, input, path)}`,
      ];
    };
    if (lastAlways) return;
    const report = noMatch();
    if (single) report.forEach((l) => w.line(l));
    else {
      w.ctx.uses.add("restoreIssues");
      if (report.length === 1) w.line(`if (!restoreIssues(issues, ${saved})) ${report[0]}`);
      else w.block(`if (!restoreIssues(issues, ${saved})) {`, () => report.forEach((l) => w.line(l)));
    }
  });
  return r;
}

/** An intersection: each member, their models spread together (`A[] & B[]` is an array of `A & B`). */
export function intersection(w: Gen, node: IntersectionNode, input: string, path: Path): string {
  const ip = w.ctx.plan.intersection(node);
  // the plan: `A[] & B[]` is an array of `A & B`
  if (ip.asArray !== undefined) {
    const array = ip.asArray.array;
    if (!ip.asArray.nullable) return w.gen(array, input, path, false);
    return w.gen({ kind: "union", members: [array, { kind: "primitive", type: "null" }] }, input, path, false);
  }
  const members = node.members;
  const outs = members.map((m) => ({
    out: w.gen(m, input, path, false),
    converts: converts(m, w.ctx.plan.analysis),
  }));
  // the plan: an open member's copies of the keys its siblings map are left out
  const omits = ip.omits.fromWire;
  if (omits.some((o) => o.length > 0)) w.ctx.uses.add("omitKeys");
  const omit = (e: string, keys: readonly string[]): string =>
    `omitKeys(${e}, [${keys.map((k) => JSON.stringify(k)).join(", ")}])`;
  const mapped = outs.flatMap((o, i) =>
    !o.converts ? [] : omits[i]!.length === 0 ? [o.out] : [omit(o.out, omits[i]!)],
  );
  if (mapped.length === 0) return input;
  const r = w.fresh("r");
  // spread (Object.assign would take a `__proto__` key for the prototype), and a null that every member allows
  // stays null (merging would turn it into {})
  let merged = `{ ${mapped.map((m) => `...(${m} as object)`).join(", ")} }`;
  // the plan: a value that is not a plain object is not merged (spreading "ab" gives {0: "a", 1: "b"}), the
  // first member that allows it maps it alone
  if (ip.nonObject.includes(true)) {
    w.ctx.uses.add("isPlainObject");
    const alone = outs.find((o, i) => ip.nonObject[i] === true && o.converts)?.out ?? input;
    merged = `isPlainObject(${input}) ? ${merged} : ${alone}`;
  }
  w.line(`const ${r} = ${ip.keepsNull ? `${input} === null ? null : ${merged}` : merged};`);
  return r;
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

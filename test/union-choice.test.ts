/**
 * Union member choice (issue 13, classes 4, 10, 12, 17, 18): one rule, from the plan, that the generated mappers
 * and parse both follow, so `parseX(v)` deep-equals `xFromWire(v)` and no key is dropped. Run through the code
 * generated for spec/cases/union-*.yaml and oneof-strict.yaml, with values written by hand from the schemas; the
 * expected models are written by hand too. The real cases (GitHub's pull-request-merge-async-result, OpenAI
 * 2026-08's CreateEvalItem) run on ../shared/corpus, skipped (saying so) when it is absent.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { GenerateOptions } from "../generator/options.js";
import { derivedNames } from "../generator/naming/assign-names.js";
import { typeName } from "../generator/naming/casing.js";
import type { SafeParseResult } from "../templates/runtime.js";
import { CORPUS, generateInto, ROOT } from "./helpers.js";

type Fn = (value: unknown) => unknown;
type Fns = Record<string, Fn>;

async function load(spec: string, folder: string, options: Omit<GenerateOptions, "input"> = {}): Promise<Fns> {
  const { dir } = generateInto(spec, folder, options);
  return {
    ...((await import(join(dir, "guards.ts"))) as Fns),
    ...((await import(join(dir, "mappers.ts"))) as Fns),
    ...((await import(join(dir, "parse.ts"))) as Fns),
  };
}

const caseSpec = (name: string): string => join(ROOT, "spec", "cases", name);

interface Api {
  isWire: Fn;
  fromWire: Fn;
  toWire: Fn;
  safeParse: (value: unknown) => SafeParseResult<unknown>;
}

function api(fns: Fns, model: string): Api {
  const n = derivedNames(model);
  const get = (name: string): Fn => fns[name] ?? expect.fail(`${name} is not generated`);
  return {
    isWire: get(n.isWire),
    fromWire: get(n.fromWire),
    toWire: get(n.toWire),
    safeParse: get(n.safeParse) as Api["safeParse"],
  };
}

/**
 * `wire` is valid; parse and the mapper give `model` (written by hand), and the model maps back to `wire` (unless
 * the member taken drops a key: `roundTrip` false).
 */
function agrees(f: Api, wire: unknown, model: unknown, roundTrip = true): void {
  const parsed = f.safeParse(wire);
  expect(parsed.ok ? "ok" : JSON.stringify(parsed.issues), `safeParse(${JSON.stringify(wire)})`).toBe("ok");
  expect(f.isWire(wire)).toBe(true);
  expect(f.fromWire(wire)).toStrictEqual(model);
  if (parsed.ok) expect(parsed.value).toStrictEqual(model);
  if (roundTrip) expect(f.toWire(model)).toStrictEqual(wire);
}

/** `wire` is invalid: parse refuses it, and so does the wire guard. */
function refused(f: Api, wire: unknown): string {
  const parsed = f.safeParse(wire);
  expect(parsed.ok, `safeParse(${JSON.stringify(wire)}) should fail`).toBe(false);
  expect(f.isWire(wire)).toBe(false);
  return parsed.ok ? "" : parsed.issues.map((i) => i.message).join("\n");
}

describe("class 12: the member declaring the most of the value's keys (spec/cases/union-choice.yaml)", () => {
  let fns: Fns;
  beforeAll(async () => {
    fns = await load(caseSpec("union-choice.yaml"), "union-choice");
  });

  it("an object that fits two open members is the one that declares its keys", () => {
    const f = api(fns, "PaymentMethodOptions");
    agrees(f, { verification_method: "automatic" }, { verificationMethod: "automatic" });
    agrees(f, { request_three_d_secure: "any" }, { requestThreeDSecure: "any" });
    agrees(
      f,
      { capture_method: "manual", target_date: "2026-01-01" },
      { captureMethod: "manual", targetDate: "2026-01-01" },
    );
  });

  it("a tie goes to the first member in spec order; keys it declares are kept", () => {
    const f = api(fns, "PaymentMethodOptions");
    agrees(f, { capture_method: "manual" }, { captureMethod: "manual" });
    agrees(f, {}, {});
  });

  it("inline members and null, inside an object", () => {
    const f = api(fns, "PaymentIntent");
    agrees(
      f,
      { payment_method_options: { verification_method: "instant" }, setup_options: { customer_acceptance: "yes" } },
      { paymentMethodOptions: { verificationMethod: "instant" }, setupOptions: { customerAcceptance: "yes" } },
    );
    agrees(
      f,
      { payment_method_options: {}, setup_options: { mandate_id: "m", customer_acceptance: "yes" } },
      { paymentMethodOptions: {}, setupOptions: { mandateId: "m", customerAcceptance: "yes" } },
    );
    agrees(f, { payment_method_options: {}, setup_options: null }, { paymentMethodOptions: {}, setupOptions: null });
  });
});

describe("class 4: closed objects (spec/cases/union-closed.yaml)", () => {
  const policies = ["strip", "keep", "reject"] as const;
  const byPolicy = new Map<string, Fns>();
  beforeAll(async () => {
    for (const p of policies) {
      byPolicy.set(p, await load(caseSpec("union-closed.yaml"), `union-closed-${p}`, { unknownKeys: p }));
    }
  });

  it("a closed member does not take a value with a key it does not declare", () => {
    const f = api(byPolicy.get("strip")!, "MergeResult");
    agrees(
      f,
      { status: "merged", details: { message: "done", head_sha: "abc" } },
      { status: "merged", details: { message: "done", headSha: "abc" } },
    );
    agrees(f, { status: "failed", details: { message: "no" } }, { status: "failed", details: { message: "no" } });
    agrees(
      f,
      { status: "pending", details: { message: "queued", merge_method: "squash" } },
      { status: "pending", details: { message: "queued", mergeMethod: "squash" } },
    );
    refused(f, { status: "merged", details: { message: "done", sha: "abc" } });
  });

  it("parse and guards refuse an undeclared key of a closed object under every unknown-keys policy", () => {
    for (const p of policies) {
      const closed = api(byPolicy.get(p)!, "ClosedName");
      agrees(closed, { first_name: "Ada" }, { firstName: "Ada" });
      const message = refused(closed, { first_name: "Ada", last_name: "Lovelace" });
      expect(message, p).toContain("last_name");
    }
  });

  it("an open object keeps following the policy", () => {
    const strip = api(byPolicy.get("strip")!, "OpenName").safeParse({ first_name: "Ada", last_name: "L" });
    expect(strip).toStrictEqual({ ok: true, value: { firstName: "Ada" } });
    const keep = api(byPolicy.get("keep")!, "OpenName").safeParse({ first_name: "Ada", last_name: "L" });
    expect(keep).toStrictEqual({ ok: true, value: { firstName: "Ada", last_name: "L" } });
    refused(api(byPolicy.get("reject")!, "OpenName"), { first_name: "Ada", last_name: "L" });
  });
});

describe("class 17: a discriminator value that selects no member (spec/cases/union-discriminator-miss.yaml)", () => {
  let fns: Fns;
  beforeAll(async () => {
    fns = await load(caseSpec("union-discriminator-miss.yaml"), "union-discriminator-miss");
  });

  it("the mapped tags decide", () => {
    const f = api(fns, "Pet");
    agrees(f, { pet_type: "cat", whisker_count: 12 }, { petType: "cat", whiskerCount: 12 });
    agrees(f, { pet_type: "dog", bark_volume: 3 }, { petType: "dog", barkVolume: 3 });
  });

  it("a boolean, a number or no value: mappers and parse fall back to the same member by shape", () => {
    const f = api(fns, "Pet");
    agrees(f, { pet_type: true, whisker_count: 12 }, { petType: true, whiskerCount: 12 });
    agrees(f, { pet_type: 7, bark_volume: 3 }, { petType: 7, barkVolume: 3 });
    agrees(f, { bark_volume: 3 }, { barkVolume: 3 });
    agrees(f, { pet_type: "lizard", bark_volume: 1.5 }, { petType: "lizard", barkVolume: 1.5 });
  });
});

describe("class 18: members that differ by a property's type or values (spec/cases/union-deep-shape.yaml)", () => {
  let fns: Fns;
  beforeAll(async () => {
    fns = await load(caseSpec("union-deep-shape.yaml"), "union-deep-shape");
  });

  it("content as parts is the rich message's; as a string, the first member's", () => {
    const f = api(fns, "EvalItemInput");
    agrees(f, { role: "user", content: [{ text_value: "hi" }] }, { role: "user", content: [{ textValue: "hi" }] });
    agrees(f, { role: "user", content: "hi" }, { role: "user", content: "hi" });
    agrees(f, { role: "tool", content: "out" }, { role: "tool", content: "out" });
  });

  it("the enum values and the type of a shared key tell two members apart", () => {
    const f = api(fns, "ToolChoice");
    agrees(f, { type: "function", options: { max_results: 3 } }, { type: "function", options: { maxResults: 3 } });
    agrees(f, { type: "web_search", options: "fast" }, { type: "web_search", options: "fast" });
    refused(f, { type: "web_search", options: { max_results: 3 } });
  });

  it("a member that is a union of objects: its objects' keys are compared too (a shared tag decides nothing)", () => {
    const f = api(fns, "InputItem");
    const output = { id: "m1", type: "message", role: "assistant", content: [{ refusal: "no" }] };
    agrees(f, output, output);
    agrees(
      f,
      { type: "message", role: "user", content: [{ text_value: "hi" }] },
      {
        type: "message",
        role: "user",
        content: [{ textValue: "hi" }],
      },
    );
    agrees(f, { type: "function_call", call_id: "c" }, { type: "function_call", callId: "c" });
  });
});

describe("class 10: oneOf under --strict (spec/cases/oneof-strict.yaml)", () => {
  let lenient: Fns;
  let strict: Fns;
  beforeAll(async () => {
    lenient = await load(caseSpec("oneof-strict.yaml"), "oneof-lenient");
    strict = await load(caseSpec("oneof-strict.yaml"), "oneof-strict", { strict: true });
  });

  it("by default a value valid against two oneOf members is the first's", () => {
    agrees(api(lenient, "IdOrName"), { id: "a", display_name: "b" }, { id: "a" }, false);
    expect(api(lenient, "ShortOrLong").safeParse("ab")).toStrictEqual({ ok: true, value: "ab" });
    expect(api(lenient, "NumberOrInteger").safeParse(3)).toStrictEqual({ ok: true, value: 3 });
  });

  it("under strict it is refused by parse and guards; a value of exactly one member is not", () => {
    const idOrName = api(strict, "IdOrName");
    expect(refused(idOrName, { id: "a", display_name: "b" })).toContain("exactly one of");
    agrees(idOrName, { id: "a" }, { id: "a" });
    agrees(idOrName, { display_name: "b" }, { displayName: "b" });
    const short = api(strict, "ShortOrLong");
    expect(refused(short, "ab")).toContain("exactly one of");
    expect(short.safeParse("a")).toStrictEqual({ ok: true, value: "a" });
    expect(short.safeParse("abcd")).toStrictEqual({ ok: true, value: "abcd" });
    const num = api(strict, "NumberOrInteger");
    refused(num, 3);
    expect(num.safeParse(1.5)).toStrictEqual({ ok: true, value: 1.5 });
    expect(num.safeParse(null)).toStrictEqual({ ok: true, value: null });
  });

  it("anyOf stays first-match under strict", () => {
    agrees(api(strict, "IdOrNameAny"), { id: "a", display_name: "b" }, { id: "a" }, false);
  });
});

describe("real specs (../shared/corpus)", () => {
  const github = join(CORPUS, "github-api.json");
  const openai = join(CORPUS, "openai-2026-08.yaml");
  if (!existsSync(github)) console.log(`SKIPPED: GitHub pull-request-merge-async-result: ${github} not found`);
  if (!existsSync(openai)) console.log(`SKIPPED: OpenAI 2026-08 CreateEvalItem: ${openai} not found`);

  it.skipIf(!existsSync(github))("GitHub pull-request-merge-async-result: `{ message, sha }` keeps `sha`", async () => {
    const fns = await load(github, "union-corpus-github", { include: ["pull-request-merge-async-result"] });
    const f = api(fns, typeName(["pull-request-merge-async-result"]));
    agrees(
      f,
      { status: "merged", details: { message: "Pull Request successfully merged", sha: "6dcb09b5b5" } },
      { status: "merged", details: { message: "Pull Request successfully merged", sha: "6dcb09b5b5" } },
    );
    agrees(
      f,
      {
        status: "enqueued",
        details: {
          message: "queued",
          uuid: "u",
          merge_method: "squash",
          merge_action: "merge_queue",
          expected_head_sha: "abc",
        },
      },
      {
        status: "enqueued",
        details: {
          message: "queued",
          uuid: "u",
          mergeMethod: "squash",
          mergeAction: "merge_queue",
          expectedHeadSha: "abc",
        },
      },
    );
    refused(f, { status: "merged", details: { message: "m", sha: "s", extra: 1 } });
  });

  it.skipIf(!existsSync(openai))("OpenAI 2026-08 CreateEvalItem: content parts and `type` are EvalItem's", async () => {
    const fns = await load(openai, "union-corpus-openai", { include: ["CreateEvalItem"] });
    const f = api(fns, "CreateEvalItem");
    agrees(
      f,
      { role: "user", content: [{ type: "input_image", image_url: "https://example.com/a.png", detail: "low" }] },
      { role: "user", content: [{ type: "input_image", imageUrl: "https://example.com/a.png", detail: "low" }] },
    );
    agrees(f, { role: "user", content: "hi", type: "message" }, { role: "user", content: "hi", type: "message" });
    agrees(f, { role: "critic", content: "hi" }, { role: "critic", content: "hi" });
  });
});

describe("open union members beside declared properties (spec/cases/union-open-member-declared-key.yaml)", () => {
  let fns: Fns;
  beforeAll(async () => {
    fns = await load(caseSpec("union-open-member-declared-key.yaml"), "union-open-member-declared-key");
  });

  it("a declared key is mapped once, by its declaration; an undeclared one is copied by the open member", () => {
    const f = api(fns, "CheckUpdate");
    agrees(f, { completed_at: "" }, { completedAt: "" });
    agrees(
      f,
      { status: "completed", conclusion: "success", completed_at: "t", extra_key: 1 },
      { status: "completed", conclusion: "success", completedAt: "t", extra_key: 1 },
    );
    agrees(f, { status: "queued", completed_at: "t" }, { status: "queued", completedAt: "t" });
  });
});

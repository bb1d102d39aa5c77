/**
 * Read and write variants (issue 15, part 2), on spec/cases/read-write.yaml (whose files test/cases.test.ts
 * snapshots): what the generated parse, mappers and operations table do with readOnly and writeOnly keys under
 * each unknown-keys policy, that `readWrite: "off"` gives one model with every key, strict tsc of both outputs,
 * that a variant renames no declaration (every case and corpus spec), and an oracle that shares no code with
 * wirecase: from the raw JSON of each corpus spec, the component schemas whose shape reaches a readOnly or
 * writeOnly property are exactly those that get a `...Writable` variant.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { buildIr } from "../generator/ir/build/index.js";
import type { Ir } from "../generator/ir/types.js";
import { checkSpec } from "../generator/load/check-spec.js";
import { readSpec } from "../generator/load/read-spec.js";
import { assignNames } from "../generator/naming/assign-names.js";
import type { UnknownKeys } from "../generator/options.js";
import { applyTransforms } from "../generator/transform/index.js";
import { caseFiles, corpusEntries, generateInto, reportSkipped, ROOT, typecheck } from "./helpers.js";

const SPEC = join(ROOT, "spec", "cases", "read-write.yaml");

type Fn = (value: unknown) => unknown;
type Module = Readonly<Record<string, Fn>>;
interface Generated {
  readonly dir: string;
  readonly parse: Module;
  readonly mappers: Module;
  readonly operations: Readonly<
    Record<string, { params?: { toWire: Fn }; requestBody?: { parse: Fn }; responses: Record<string, { parse: Fn }> }>
  >;
  readonly types: string;
}

async function load(
  name: string,
  options: { unknownKeys?: UnknownKeys; readWrite?: "split" | "off" },
): Promise<Generated> {
  const { dir } = generateInto(SPEC, `read-write/${name}`, options);
  const imported = async (file: string): Promise<Record<string, unknown>> =>
    (await import(join(dir, file))) as Record<string, unknown>;
  return {
    dir,
    parse: (await imported("parse.ts")) as Module,
    mappers: (await imported("mappers.ts")) as Module,
    operations: (await imported("operations.ts"))["operations"] as Generated["operations"],
    types: readFileSync(join(dir, "types.ts"), "utf8"),
  };
}

/** The issues' wire paths, dotted (`members.1.id`), or "ok". */
function problems(safeParse: Fn, json: unknown): string[] | "ok" {
  const r = safeParse(json) as { ok: boolean; issues?: { wirePath: string }[] };
  if (r.ok) return "ok";
  return r.issues!.map((i) => i.wirePath.replace(/\[(\d+)\]/g, ".$1").replace(/^\$\.?/, ""));
}

const SENT = { name: "ann", password: "s3cret", settings: { theme: "dark", api_token: "t" } };
const RECEIVED = { id: "a1", name: "ann", created_at: "2024-01-02T03:04:05Z", settings: { theme: "dark" } };

const out: Partial<Record<"strip" | "reject" | "keep" | "off", Generated>> = {};
beforeAll(async () => {
  out.strip = await load("strip", {});
  out.reject = await load("reject", { unknownKeys: "reject" });
  out.keep = await load("keep", { unknownKeys: "keep" });
  out.off = await load("off", { readWrite: "off" });
});
const g = (k: keyof typeof out): Generated => out[k] ?? expect.fail(`${k} not generated`);

describe("the request variant (XWritable)", () => {
  it("strip: readOnly keys dropped, writeOnly ones kept and mapped, a required readOnly key not required", () => {
    const { parse } = g("strip");
    expect(parse["parseAccountWritable"]!({ ...SENT, id: "a1", created_at: "x" })).toStrictEqual({
      name: "ann",
      password: "s3cret",
      settings: { theme: "dark", apiToken: "t" },
    });
    expect(problems(parse["safeParseAccountWritable"]!, SENT)).toBe("ok");
    expect(problems(parse["safeParseAccountWritable"]!, { name: "ann" })).toEqual(["password"]);
  });

  it("reject: each readOnly key is an issue at its wire path, nested ones too (through refs, arrays, records)", () => {
    const { parse } = g("reject");
    expect(problems(parse["safeParseAccountWritable"]!, { ...SENT, id: "a1", created_at: "x" })).toEqual([
      "id",
      "created_at",
    ]);
    const member = { ...SENT, id: "m" };
    const team = { members: [SENT, member], by_role: { lead: member }, lead: { ...SENT, profile: { verified: true } } };
    expect(problems(parse["safeParseTeamWritable"]!, team)).toEqual([
      "members.1.id",
      "by_role.lead.id",
      "lead.profile.verified",
    ]);
    // the response form takes all of them
    expect(
      problems(parse["safeParseTeam"]!, { members: [RECEIVED], lead: { ...RECEIVED, profile: { verified: true } } }),
    ).toBe("ok");
  });

  it("keep: a readOnly key is one the request form does not declare, copied through as data", () => {
    const { parse } = g("keep");
    expect(parse["parseProfileWritable"]!({ bio: "b", verified: true })).toStrictEqual({ bio: "b", verified: true });
  });

  it("a closed object rejects a readOnly key in a request whatever the policy; the response form requires it", () => {
    for (const k of ["strip", "keep", "reject"] as const) {
      const { parse } = g(k);
      expect(problems(parse["safeParseSealedWritable"]!, { etag: "e", value: 1 }), k).toEqual(["etag"]);
      expect(problems(parse["safeParseSealedWritable"]!, { value: 1 }), k).toBe("ok");
      expect(problems(parse["safeParseSealed"]!, { value: 1 }), k).toEqual(["etag"]);
    }
  });

  it("allOf, a ref to a readOnly schema, a tuple, a union, an intersection and recursion", () => {
    const { parse } = g("reject");
    expect(
      problems(parse["safeParseOrgWritable"]!, { billing_key: "k", slug: "s", members: [{ ...SENT, id: "x" }] }),
    ).toEqual(["slug", "members.0.id"]);
    // Alert.number refers to AlertNumber, readOnly at its root: left out of the request, still required in responses
    expect(problems(parse["safeParseAlertWritable"]!, { message: "m" })).toBe("ok");
    expect(problems(parse["safeParseAlertWritable"]!, { message: "m", number: 1 })).toEqual(["number"]);
    expect(problems(parse["safeParseAlert"]!, { message: "m" })).toEqual(["number"]);
    expect(problems(parse["safeParsePairWritable"]!, [{ verified: true }, { label: "l" }])).toEqual(["0.verified"]);
    expect(problems(parse["safeParseEitherWritable"]!, { bio: "b" })).toBe("ok");
    // an intersection under reject: each member refuses the other's keys (as for any allOf that cannot merge)
    expect(g("strip").parse["parseMixedWritable"]!({ bio: "b", note: "n", verified: true })).toStrictEqual({
      bio: "b",
      note: "n",
    });
    const tree = { children: [{ children: [{ id: 3 }] }] };
    expect(problems(parse["safeParseTreeNodeWritable"]!, tree)).toEqual(["children.0.children.0.id"]);
    expect(problems(parse["safeParseTreeNode"]!, tree)).toBe("ok");
  });

  it("a discriminator key stays in the request form, readOnly or not; the members' other readOnly keys go", () => {
    expect(g("strip").parse["parsePetWritable"]!({ kind: "dog", tag_id: "t" })).toStrictEqual({ kind: "dog" });
    expect(problems(g("reject").parse["safeParsePetWritable"]!, { kind: "dog", tag_id: "t" })).toEqual(["tag_id"]);
    expect(g("strip").parse["parsePetWritable"]!({ kind: "cat", lives: 9 })).toStrictEqual({ kind: "cat", lives: 9 });
  });

  it("toWire of the request form writes writeOnly keys under their wire names", () => {
    const { mappers } = g("strip");
    expect(
      mappers["accountWritableToWire"]!({
        name: "ann",
        password: "p",
        settings: { apiToken: "t" },
        tags: [{ label: "x" }],
      }),
    ).toStrictEqual({ name: "ann", password: "p", settings: { api_token: "t" }, tags: [{ label: "x" }] });
  });
});

describe("the response form (the original)", () => {
  it("strip: writeOnly keys are dropped, nested ones too; reject: they are issues", () => {
    const received = { ...RECEIVED, password: "leak", settings: { theme: "dark", api_token: "t" } };
    expect(g("strip").parse["parseAccount"]!(received)).toStrictEqual({
      id: "a1",
      name: "ann",
      createdAt: "2024-01-02T03:04:05Z",
      settings: { theme: "dark" },
    });
    expect(problems(g("reject").parse["safeParseAccount"]!, received)).toEqual(["password", "settings.api_token"]);
    expect(problems(g("reject").parse["safeParseOrg"]!, { billing_key: "k", slug: "s" })).toEqual(["billing_key"]);
  });

  it("a required readOnly key is still required in a response", () => {
    expect(problems(g("strip").parse["safeParseAccount"]!, { name: "ann" })).toEqual(["id"]);
  });
});

describe("the operations table and the option", () => {
  it("a request body parses as the writable variant, a response as the original", () => {
    const ops = g("reject").operations;
    const create = ops["createAccount"]!;
    expect(() => create.requestBody!.parse({ ...SENT, id: "a1" })).toThrow(/id/);
    expect(create.requestBody!.parse(SENT)).toMatchObject({ name: "ann", password: "s3cret" });
    expect(() => create.responses["201"]!.parse({ ...RECEIVED, password: "p" })).toThrow(/password/);
    // an inline body sent only: its own name, in the request form (TeamWritable inside)
    expect(() => ops["replaceTeam"]!.requestBody!.parse({ team: { members: [{ ...SENT, id: "x" }] } })).toThrow(
      /team\.members\[0\]\.id|team.members.0.id/,
    );
  });

  it("parameters are left as they are: a writeOnly one and one referring to a readOnly schema are sent", () => {
    const { operations } = g("reject");
    expect(operations["findTags"]!.params!.toWire({ secret: "s", since: 3 })).toStrictEqual({
      query: { secret: "s", since: 3 },
    });
  });

  it("exactly the schemas with readOnly/writeOnly have a variant; not Tag, Guarded (assertion), Cat (tag)", () => {
    const exported = (types: string): string[] =>
      [...types.matchAll(/^export (?:interface|type) (\w+Writable)\b/gm)].map((m) => m[1]!).sort();
    expect(exported(g("strip").types)).toEqual(
      [
        "Account",
        "AccountSettings",
        "Alert",
        "Dog",
        "Either",
        "Mixed",
        "Org",
        "Pair",
        "Pet",
        "Profile",
        "Sealed",
        "Team",
      ]
        .concat(["TreeNode"])
        .map((n) => `${n}Writable`)
        .sort(),
    );
    expect(exported(g("off").types)).toEqual([]);
  });

  it("off: one model per schema, with every key, readOnly and writeOnly alike", () => {
    const { parse } = g("off");
    expect(parse["parseAccount"]!({ ...RECEIVED, password: "p" })).toMatchObject({ id: "a1", password: "p" });
    expect(problems(parse["safeParseSealed"]!, { etag: "e" })).toBe("ok");
  });

  it("both outputs pass strict tsc (5.9 and 7)", () => {
    expect(typecheck(g("strip").dir)).toBe("");
    expect(typecheck(g("off").dir)).toBe("");
  });
});

/** The IR after the transforms (`readWrite` on or off), with its names. */
function named(spec: string, readWrite: "split" | "off"): { ir: Ir; model: (id: string) => string } {
  const specs = readSpec(spec);
  const ir = applyTransforms(buildIr(specs, checkSpec(specs)).ir, { readWrite });
  const { names } = assignNames(ir);
  return { ir, model: (id) => names.decl(id).model };
}

/** Every declaration keeps the name it has with the option off. */
function renamesNone(spec: string): { variants: number } {
  const off = named(spec, "off");
  const on = named(spec, "split");
  const before = new Map(off.ir.decls.map((d) => [d.id, off.model(d.id)]));
  const after = new Map(on.ir.decls.filter((d) => d.variant === undefined).map((d) => [d.id, on.model(d.id)]));
  expect(after).toEqual(before);
  return { variants: on.ir.decls.length - off.ir.decls.length };
}

describe("--include", () => {
  it("keeps a schema's variant with it; a variant's name says which schema to include", async () => {
    const { generate } = await import("../generator/index.js");
    const kept = generate({ input: SPEC, include: ["Team"] });
    const types = kept.files.find((f) => f.path === "types.ts")!.text;
    for (const t of ["Team", "TeamWritable", "Account", "AccountWritable", "ProfileWritable", "Tag"])
      expect(types).toContain(`export interface ${t} {`);
    expect(types).not.toContain("Org");
    const messages = (include: string[], readWrite?: "off"): string[] =>
      generate({ input: SPEC, include, ...(readWrite === undefined ? {} : { readWrite }) }).diagnostics.map(
        (d) => d.message,
      );
    expect(messages(["AccountWritable"])).toEqual([
      '"AccountWritable" is not in components.schemas: it is the request form (readOnly properties left out) of ' +
        '"Account", from the schema "Account"; include "Account" instead',
    ]);
    expect(messages(["AccountSettingsWritable"])[0]).toContain('from the schema "Account"; include "Account" instead');
    expect(messages(["AccountWritable"], "off")[0]).toMatch(/^no schema in components.schemas matches/);
  });
});

describe("a variant renames no declaration", () => {
  it.each(caseFiles())("spec/cases/%s", (file) => {
    renamesNone(join(ROOT, "spec", "cases", file));
  });

  it("a hoisted FooWritable and a schema foo_writable keep their names; the variants are numbered", () => {
    const { dir } = generateInto(join(ROOT, "test", "data", "read-write-names.yaml"), "read-write/names");
    const types = readFileSync(join(dir, "types.ts"), "utf8");
    const { ir, model } = named(join(ROOT, "test", "data", "read-write-names.yaml"), "split");
    const byName = Object.fromEntries(ir.decls.map((d) => [model(d.id), `${d.source}${d.variant ? " variant" : ""}`]));
    expect(byName).toEqual({
      Foo: "component",
      FooWritable: "hoisted",
      FooWritable2: "component variant",
      Bar: "component",
      BarWritable: "component",
      BarWritable2: "component variant",
    });
    expect(types).toContain("export interface FooWritable2 {");
  });
});

describe("oracle: the corpus schemas that reach readOnly/writeOnly (raw JSON, no wirecase code)", () => {
  const entries = corpusEntries();
  reportSkipped(entries, "the read/write oracle");
  it.each(entries.map((e) => [e.name, e] as const))("%s", (_, entry) => {
    if (!entry.present) return;
    const text = readFileSync(entry.path, "utf8");
    const doc = (entry.name.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 })) as Json;
    const expected = reachingReadWrite(doc);
    const { ir, model } = named(entry.path, "split");
    const byId = new Map(ir.decls.map((d) => [d.id, d]));
    const generated = ir.decls
      .filter((d) => d.variant !== undefined && byId.get(d.variant.of)?.source === "component")
      .map((d) => byId.get(d.variant!.of)!.nameParts[0]!)
      .sort();
    expect(generated).toEqual([...expected].sort());
    // and each is a `...Writable` declaration of the output
    for (const d of ir.decls) if (d.variant !== undefined) expect(model(d.id)).toMatch(/Writable\d*$/);
    console.log(`read/write oracle: ${entry.name}: ${expected.size} component schemas get a Writable variant`);
    if (entry.name === "github-api.json") expect(expected.size).toBeGreaterThan(0);
    renamesNone(entry.path);
  });
});

describe("GitHub's schemas with readOnly properties, and their variants, pass strict tsc (5.9 and 7)", () => {
  const github = corpusEntries((n) => n === "github-api.json");
  reportSkipped(github, "strict tsc of the read/write variants");
  it.skipIf(!github[0]?.present)(
    "dependabot, repository and global advisories, secret and code scanning alerts",
    () => {
      const include = [
        "dependabot-alert-with-repository",
        "repository-advisory",
        "global-advisory",
        "secret-scanning-alert-webhook",
        "code-scanning-alert",
        "code-scanning-analysis",
      ];
      const { dir, result } = generateInto(github[0]!.path, "read-write/github", { include });
      const types = result.files.find((f) => f.path === "types.ts")!.text;
      expect(types.match(/^export interface \w+Writable /gm)?.length).toBeGreaterThanOrEqual(include.length);
      expect(typecheck(dir)).toBe("");
    },
  );
});

type Json = { readonly [key: string]: unknown };
const isObject = (x: unknown): x is Json => typeof x === "object" && x !== null && !Array.isArray(x);

/**
 * The component schemas whose shape (properties, items, prefixItems, additionalProperties, allOf/anyOf/oneOf,
 * through `#/components/schemas/...` refs; not `not`, `if`, `contains`, patternProperties or other assertions)
 * has a property that is readOnly or writeOnly: its schema says so, or it is a `$ref` (alone, the one member of
 * an allOf, or beside `{ type: "null" }` in an anyOf/oneOf) to a schema that says so at its root.
 */
function reachingReadWrite(doc: Json): Set<string> {
  const schemas = (
    isObject(doc["components"]) && isObject(doc["components"]["schemas"]) ? doc["components"]["schemas"] : {}
  ) as Json;
  const PREFIX = "#/components/schemas/";
  const target = (ref: unknown): string | undefined =>
    typeof ref === "string" && ref.startsWith(PREFIX)
      ? decodeURIComponent(ref.slice(PREFIX.length)).replace(/~1/g, "/").replace(/~0/g, "~")
      : undefined;
  const marked = (s: unknown): boolean => isObject(s) && (s["readOnly"] === true || s["writeOnly"] === true);
  const refOf = (s: Json): string | undefined => {
    if (s["$ref"] !== undefined) return target(s["$ref"]);
    const allOf = s["allOf"];
    if (Array.isArray(allOf) && allOf.length === 1 && isObject(allOf[0])) return target(allOf[0]["$ref"]);
    for (const key of ["anyOf", "oneOf"]) {
      const members = s[key];
      if (!Array.isArray(members) || members.length !== 2) continue;
      const rest = members.filter((m) => !(isObject(m) && m["type"] === "null"));
      if (rest.length === 1 && isObject(rest[0])) return target(rest[0]["$ref"]);
    }
    return undefined;
  };
  const propertyMarked = (p: unknown): boolean => {
    if (!isObject(p)) return false;
    if (marked(p)) return true;
    const t = refOf(p);
    return t !== undefined && marked(schemas[t]);
  };
  /** Whether the shape has a marked property, and the components it refers to. */
  const scan = (s: unknown, refs: Set<string>): boolean => {
    if (!isObject(s)) return false;
    let found = false;
    const t = target(s["$ref"]);
    if (t !== undefined) refs.add(t);
    if (isObject(s["properties"]))
      for (const p of Object.values(s["properties"])) {
        if (propertyMarked(p)) found = true;
        if (scan(p, refs)) found = true;
      }
    const children = [
      ...(Array.isArray(s["items"]) ? s["items"] : [s["items"]]),
      ...(Array.isArray(s["prefixItems"]) ? s["prefixItems"] : []),
      s["additionalProperties"],
      ...["allOf", "anyOf", "oneOf"].flatMap((k) => (Array.isArray(s[k]) ? (s[k] as unknown[]) : [])),
    ];
    for (const c of children) if (scan(c, refs)) found = true;
    return found;
  };
  const refsOf = new Map<string, Set<string>>();
  const result = new Set<string>();
  for (const [name, s] of Object.entries(schemas)) {
    const refs = new Set<string>();
    if (scan(s, refs)) result.add(name);
    refsOf.set(name, refs);
  }
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, refs] of refsOf)
      if (!result.has(name) && [...refs].some((r) => result.has(r))) {
        result.add(name);
        grew = true;
      }
  }
  return result;
}

import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../generator/diagnostics.js";
import { generate } from "../generator/generate.js";
import { locateJson, parseSource, readSpec } from "../generator/load/read-spec.js";
import { fragmentSegments } from "../generator/load/resolve-ref.js";
import { originalPath, schemaNames } from "../generator/load/swagger2.js";
import { generateInto, ROOT, SCRATCH, typecheck } from "./helpers.js";

const spec = (...p: string[]): string => join(ROOT, "spec", ...p);

describe("reading", () => {
  it("follows refs into other files, relative to the file that holds them, YAML and JSON", () => {
    const set = readSpec(spec("cases", "refs", "main.yaml"));
    expect([...set.files.keys()].map((f) => f.slice(join(ROOT, "spec", "cases", "refs").length + 1))).toEqual([
      "main.yaml",
      "other.json",
      "sub/pets.yaml",
    ]);
  });

  it("decodes ~0, ~1 and percent escapes in pointers", () => {
    expect(fragmentSegments("/components/schemas/a~1b")).toEqual(["components", "schemas", "a/b"]);
    expect(fragmentSegments("/c~0d/with%20space/~01")).toEqual(["c~d", "with space", "~1"]);
  });

  it("resolves escaped refs to the right schemas", () => {
    const result = generate({ input: spec("cases", "refs", "main.yaml") });
    expect(result.diagnostics).toEqual([]);
    const types = result.files.find((f) => f.path === "types.ts")!.text;
    expect(types).toContain("slashy?: AB;");
    expect(types).toContain("export type AB = string;");
    expect(types).toContain("tilde?: CD;");
    expect(types).toContain("export type CD = number;");
    expect(types).toContain("spaced?: WithSpace;");
    expect(types).toContain("lineItems?: LineItem[];");
    expect(types).toContain("export interface Money {");
  });

  it("YAML anchors, aliases and merge keys work", () => {
    const result = generate({ input: spec("cases", "anchors.yaml") });
    const types = result.files.find((f) => f.path === "types.ts")!.text;
    expect(types).toMatch(
      /export interface A \{[^}]*createdAt\?: number;[^}]*updatedAt\?: number;[^}]*aName\?: string;/s,
    );
    expect(types).toMatch(/export interface B \{[^}]*createdAt\?: number;[^}]*updatedAt\?: number;/s);
  });

  it("locates a JSON pointer in JSON text without parsing it into a tree", () => {
    const text = '{\n  "a": [1, {"b~c": {"d/e": 2}}],\n  "x": "}"\n}';
    expect(locateJson(text, ["a", "1", "b~c", "d/e"])).toEqual({ line: 2, col: 21 });
    expect(locateJson(text, ["x"])).toEqual({ line: 3, col: 3 });
    expect(locateJson(text, ["missing"])).toEqual({ line: 1, col: 1 });
  });

  it("locates a JSON pointer in YAML", () => {
    const file = parseSource("/v.yaml", "a:\n  list:\n    - x\n    - name: y\n");
    expect(file.locate(["a", "list", "1", "name"])).toEqual({ line: 4, col: 7 });
  });
});

describe("bad input: a clear error with file, line and column", () => {
  const cases: [string, string, string, { line: number; col: number } | undefined][] = [
    [
      "swagger-1.2.yaml",
      "swagger-version",
      "this is a Swagger 1.2 document; wirecase reads Swagger 2.0,",
      { line: 2, col: 1 },
    ],
    [
      "swagger2-bad-ref.yaml",
      "swagger-2-invalid",
      "Could not resolve reference #/definitions/Nobody",
      { line: 9, col: 9 },
    ],
    ["swagger2-unknown-type.yaml", "type-unknown", 'unknown type "datetime"', { line: 9, col: 9 }],
    ["not-openapi.yaml", "not-openapi", "no top-level `openapi` field", { line: 1, col: 1 }],
    ["openapi-4.yaml", "openapi-version", "unsupported OpenAPI version", { line: 1, col: 1 }],
    ["broken.yaml", "yaml-syntax", "invalid YAML", { line: 9, col: 28 }],
    ["broken.json", "json-syntax", "invalid JSON", { line: 4, col: 57 }],
    ["duplicate-key.yaml", "yaml-duplicate-key", 'the key "A" appears twice', { line: 8, col: 5 }],
    ["empty.yaml", "input-empty", "empty", { line: 1, col: 1 }],
    ["binary.yaml", "input-binary", "binary", { line: 1, col: 1 }],
    ["missing-ref.yaml", "ref-missing", '$ref "#/components/schemas/Nope" points to nothing', { line: 10, col: 11 }],
    [
      "missing-ref-in-paths.yaml",
      "ref-missing",
      '$ref "#/components/schemas/Gone" points to nothing',
      { line: 12, col: 17 },
    ],
    ["missing-file-ref.yaml", "ref-file-missing", "does-not-exist.yaml, which cannot be read", { line: 7, col: 7 }],
    ["unknown-type.yaml", "type-unknown", 'unknown type "datetime"', { line: 10, col: 11 }],
  ];
  it.each(cases)("%s", (file, code, message, position) => {
    const result = generate({ input: spec("bad", file) });
    expect(result.files).toEqual([]);
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors[0]).toMatchObject({ code, position, file: spec("bad", file) });
    expect(errors[0]!.message).toContain(message);
  });

  it("a missing input file is an input error, not a crash", () => {
    const result = generate({ input: spec("bad", "nope.yaml") });
    expect(result.diagnostics[0]).toMatchObject({ severity: "error", code: "input-unreadable" });
  });

  it("parseSource throws InputError (never a bare exception) on syntax errors", () => {
    expect(() => parseSource("/x.json", "{")).toThrow(InputError);
  });
});

describe("Swagger 2.0: converted in memory with swagger2openapi", () => {
  const converted = (file: string, line = 1, col = 1): unknown => ({
    severity: "warning",
    code: "swagger-2-converted",
    file,
    position: { line, col },
    message:
      "this Swagger 2.0 document was converted to OpenAPI 3.0 in memory (swagger2openapi 7.0.8); " +
      "the file is unchanged, and positions point into it",
  });

  it("the project's 2.0 petstore: one warning, models in definitions order, strict type-check, parse", async () => {
    const input = spec("swagger2-petstore.yaml");
    const { dir, result } = generateInto(input, "swagger2-petstore");
    expect(result.diagnostics).toEqual([converted(input, 2)]);
    const types = result.files.find((f) => f.path === "types.ts")!.text;
    expect([...types.matchAll(/^export interface (\w+) \{/gm)].map((m) => m[1])).toEqual([
      ...["NewPet", "NewPetWire", "Pet", "PetWire", "OwnerInfo", "OwnerInfoWire"],
      ...["PetPage", "PetPageWire", "Error", "ErrorWire"],
      // then the operations' parameters (after every component: issue 14)
      ...["ListPetsParams", "ListPetsParamsWire", "UploadPhotoParams", "UploadPhotoParamsWire"],
    ]);
    // x-nullable is 3.0's nullable; "Owner info" (sanitised to Owner_info by the converter) is OwnerInfo
    expect(types).toContain("nickName?: string | null;");
    expect(types).toContain("ownerInfo?: OwnerInfo;");
    expect(typecheck(dir)).toBe("");
    const parse = (await import(join(dir, "parse.ts"))) as Record<string, (json: unknown) => unknown>;
    const wire = { pet_name: "Rex", pet_id: 1, pet_status: "sold", owner_info: { phone_numbers: ["+1 555"] } };
    expect(parse["parsePet"]!(wire)).toEqual({
      petName: "Rex",
      petId: 1,
      petStatus: "sold",
      ownerInfo: { phoneNumbers: ["+1 555"] },
    });
    expect(() => parse["parsePet"]!({ ...wire, pet_status: "lost" })).toThrow(/pet_status/);
  });

  it("an error inside a definition points into the original file, with the original pointer", () => {
    const input = spec("bad", "swagger2-unknown-type.yaml");
    const result = generate({ input });
    expect(result.diagnostics.map((d) => [d.code, d.position, d.pointer])).toEqual([
      ["swagger-2-converted", { line: 1, col: 1 }, undefined],
      ["type-unknown", { line: 9, col: 9 }, "#/definitions/Pet record/properties/born/type"],
    ]);
  });

  it("a JSON document too: positions of the converted document are found in the JSON text", () => {
    const dir = join(SCRATCH, "swagger2-json");
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const input = join(dir, "api.json");
    const doc = {
      swagger: "2.0",
      info: { title: "t", version: "1" },
      paths: {},
      definitions: { "a/b": { type: "object", properties: { x: { type: "strin" } } } },
    };
    writeFileSync(input, JSON.stringify(doc, null, 2));
    const result = generate({ input });
    expect(result.diagnostics.map((d) => [d.code, d.position, d.pointer])).toEqual([
      ["swagger-2-converted", { line: 2, col: 3 }, undefined],
      ["type-unknown", { line: 13, col: 11 }, "#/definitions/a~1b/properties/x/type"],
    ]);
  });

  it("maps the converter's schema names back: sanitised, `[]` as Array, collisions numbered", () => {
    const renamed = schemaNames({ "Owner info": {}, "a/b": {}, "Error[]": {}, a_b: {}, Plain: {} });
    expect([...renamed]).toEqual([
      ["Owner info", "Owner_info"],
      ["a/b", "a_b2"],
      ["Error[]", "ErrorArray"],
      ["a_b", "a_b"],
      ["Plain", "Plain"],
    ]);
    expect(originalPath(["components", "schemas", "a_b2", "properties", "x"], renamed)).toEqual([
      "definitions",
      "a/b",
      "properties",
      "x",
    ]);
    expect(originalPath(["components", "parameters", "limit"], renamed)).toEqual(["parameters", "limit"]);
    expect(originalPath(["components", "securitySchemes", "key"], renamed)).toEqual(["securityDefinitions", "key"]);
    expect(originalPath(["openapi"], renamed)).toEqual(["swagger"]);
    expect(originalPath(["paths", "/pets", "get"], renamed)).toEqual(["paths", "/pets", "get"]);
  });

  // public Swagger 2.0 documents: the OpenAPI Initiative's examples, as @readme/oas-examples (a pinned
  // devDependency) ships them
  const examples = join(ROOT, "node_modules", "@readme", "oas-examples", "2.0");
  const publicSpecs: [string, string[]][] = [
    ["yaml/petstore-expanded.yaml", ["Pet", "NewPet", "Error"]],
    ["json/petstore.json", ["Order", "Category", "User", "Tag", "Pet", "ApiResponse"]],
  ];
  if (!existsSync(examples)) console.log(`SKIPPED: the public Swagger 2.0 specs: ${examples} not found`);
  it.skipIf(!existsSync(examples)).each(publicSpecs)("public 2.0 spec %s: generated, type-checks", (file, models) => {
    const input = join(examples, ...file.split("/"));
    const { dir, result } = generateInto(input, `swagger2-${file.replace(/\W/g, "-")}`);
    expect(result.diagnostics).toEqual([
      converted(input, file.endsWith(".json") ? 2 : 1, file.endsWith(".json") ? 3 : 1),
    ]);
    const docs = result.files.filter((f) => f.path.startsWith("docs/") && f.path !== "docs/README.md");
    expect(docs.map((f) => f.path.slice(5, -3))).toEqual(expect.arrayContaining(models));
    expect(typecheck(dir)).toBe("");
  });
});

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../generator/diagnostics.js";
import { generate } from "../generator/generate.js";
import { locateJson, parseSource, readSpec } from "../generator/load/read-spec.js";
import { fragmentSegments } from "../generator/load/resolve-ref.js";
import { ROOT } from "./helpers.js";

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
    ["swagger2.yaml", "swagger-2", "Swagger 2.0", { line: 1, col: 1 }],
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

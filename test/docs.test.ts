/**
 * Doc pages (issue 15, "doc pages worth reading"): constraints in the type column, each page's source (pointer,
 * file, line and column, checked against the spec text itself), a Mermaid diagram of the direct relations, a link
 * back to the index, the index sorted by name; and types.ts JSDoc for a property that only refers to a model.
 * Also `locateMany`, the one-pass locator behind the source lines of JSON specs, against `locateJson`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generate } from "../generator/generate.js";
import { locateMany } from "../generator/load/locate-many.js";
import { locateJson } from "../generator/load/read-spec.js";
import { ROOT } from "./helpers.js";

const SPEC = join(ROOT, "spec", "fine-tuning.yaml");
const files = new Map(generate({ input: SPEC }).files.map((f) => [f.path, f.text]));
const file = (path: string): string => files.get(path) ?? expect.fail(`${path} not generated`);

describe("doc pages", () => {
  it("show constraints beside the type: bounds, item counts", () => {
    const page = file("docs/FineTuningJobHyperparameters.md");
    expect(page).toContain('| `nEpochs` | `n_epochs` | `"auto"` \\| *integer* (≥ 1, ≤ 50) |');
    expect(file("docs/FineTuningJob.md")).toContain(
      "| `integrations` | `integrations` | [FineTuningIntegration](FineTuningIntegration.md)[] (at most 5 items) |",
    );
  });

  it("name their source: the pointer, and file:line:col where the spec text has the schema's key", () => {
    const page = file("docs/FineTuningJob.md");
    const line = page.split("\n").find((l) => l.startsWith("Source: ")) ?? expect.fail("no Source line");
    const m = /^Source: `#\/components\/schemas\/FineTuningJob` \(`fine-tuning\.yaml:(\d+):(\d+)`\)/.exec(line);
    expect(line.endsWith(" · [all models](README.md)"), line).toBe(true);
    expect(m, line).not.toBeNull();
    const specLine = readFileSync(SPEC, "utf8").split("\n")[Number(m![1]) - 1]!;
    expect(specLine.slice(Number(m![2]) - 1)).toBe("FineTuningJob:");
  });

  it("draw the direct relations: what the model refers to (by property) and what refers to it", () => {
    const page = file("docs/FineTuningJob.md");
    const block = /```mermaid\n([\s\S]*?)```/.exec(page)?.[1] ?? expect.fail("no diagram");
    const label = new Map([...block.matchAll(/^ {2}(m\d+)\["([^"]+)"\]$/gm)].map((x) => [x[1]!, x[2]!]));
    const edges = [...block.matchAll(/^ {2}(m\d+) -->(?:\|"([^"]+)"\|)? (m\d+)$/gm)].map(
      (x) => `${label.get(x[1]!)} -${x[2] ?? ""}-> ${label.get(x[3]!)}`,
    );
    expect(edges).toStrictEqual([
      "FineTuningJob -error-> FineTuningJobError",
      "FineTuningJob -hyperparameters-> FineTuningJobHyperparameters",
      "FineTuningJob -status-> FineTuningJobStatus",
      "FineTuningJob -integrations-> FineTuningIntegration",
      "FineTuningJob -metadata-> Metadata",
      "ListFineTuningJobsResponse --> FineTuningJob",
    ]);
  });

  it("the index lists every model once, sorted by name", () => {
    const rows = [...file("docs/README.md").matchAll(/^\| \[(\w+)\]\(\1\.md\)/gm)].map((x) => x[1]!);
    expect(rows.length).toBe([...files.keys()].filter((p) => /^docs\/(?!README)\w+\.md$/.test(p)).length);
    expect(rows).toStrictEqual([...rows].sort());
  });
});

describe("Example sections", () => {
  const cases = new Map(
    generate({ input: join(ROOT, "spec", "cases", "docs-examples.yaml") }).files.map((f) => [f.path, f.text]),
  );
  const example = (model: string): string => {
    const page = cases.get(`docs/${model}.md`) ?? expect.fail(`no page for ${model}`);
    return (
      /\n## Example\n\n([\s\S]*?)\n(?:## |Source: )/.exec(page)?.[1] ?? expect.fail(`${model}: no Example section`)
    );
  };
  const blocks = (text: string): unknown[] =>
    [...text.matchAll(/```json\n([\s\S]*?)\n```/g)].map((m) => JSON.parse(m[1]!) as unknown);

  it("a valid example: wire JSON and the model fromWire returns (keys renamed, union member, unknown key gone)", () => {
    const text = example("Job");
    expect(text.startsWith("From the spec's `examples`.")).toBe(true);
    const [wire, model] = blocks(text);
    expect((wire as { unknown_key?: string }).unknown_key).toBe("dropped by fromWire");
    expect(model).toStrictEqual({
      jobId: "j1",
      createdAt: 1700000000,
      owner: { ownerName: "Ada", isAdmin: true },
      pet: { petType: "dog", barkVolume: 3 },
    });
  });

  it("an invalid example: its issues with their wire paths, no model", () => {
    const text = example("Limits");
    expect(blocks(text)).toHaveLength(1);
    expect(text).toContain(
      [
        "Not valid: `safeParseLimits` reports 3 issues:",
        "",
        "- `max_items`: expected integer >= 1",
        "- `label`: missing (expected string)",
        "- `tags.1`: expected string",
      ].join("\n"),
    );
  });

  it("no example: a generated one, said so, respecting bounds, enums and formats", () => {
    const text = example("Plain");
    expect(text.startsWith("Generated from the schema (the spec gives no example).")).toBe(true);
    expect(blocks(text)[0]).toStrictEqual({
      plain_name: "user@example.com",
      plain_kind: "small",
      plain_count: 5,
      nested: { owner_name: "string" },
    });
    expect(text).not.toContain("Not valid");
  });

  it("x-oaiMeta.example is read as JSON; a big one is cut, saying so; one that is not JSON is shown as text", () => {
    const page = example("Page");
    expect(page.startsWith("From the spec's `x-oaiMeta.example`.")).toBe(true);
    expect(page).toContain("Wire JSON (`PageWire`) (the first 30 of 34 lines):");
    expect(page).toContain('    { "itemId": 0, "itemName": "item 0" },');
    expect(example("Broken")).toBe(
      "The spec's `x-oaiMeta.example` is not JSON:\n\n```text\n{ broken_flag: true, }\n```\n",
    );
  });

  it("several examples: the first two, counted; a model with the same keys is not shown twice", () => {
    const text = example("Tags");
    expect(text.startsWith("From the spec's `examples` (the first 2 of 3).")).toBe(true);
    expect(blocks(text)).toStrictEqual([["a", "b"], []]);
    expect(text.match(/As the model: the same/g)).toHaveLength(2);
  });

  it("the FineTuningJob page has one", () => {
    expect(file("docs/FineTuningJob.md")).toContain("## Example\n\nGenerated from the schema");
  });
});

describe("types.ts JSDoc", () => {
  it("a property that only refers to a model gets the first sentence of that model's description", () => {
    expect(file("types.ts")).toContain(
      "  /** Set of 16 key-value pairs that can be attached to an object. */\n  metadata?: Metadata;",
    );
  });
});

describe("locateMany", () => {
  const text = `{
  "a": [1, {"b~c": {"d/e": true}}, "x\\"y"],
  "x": {"q\\u0041": 3, "s": "}]"},
  "": {"k": null}
}`;
  const paths = [["a", "1", "b~c", "d/e"], ["x"], ["x", "qA"], ["a", "2"], ["", "k"], ["x", "s"], ["missing"]];
  it("finds what locateJson finds, for every pointer at once, and nothing for a missing one", () => {
    const found = locateMany(text, paths);
    for (const p of paths.slice(0, -1)) expect(found.get(p.join("\u0000")), p.join("/")).toEqual(locateJson(text, p));
    expect(found.has("missing")).toBe(false);
  });

  it("agrees with locateJson on arbitrary JSON documents", () => {
    fc.assert(
      fc.property(fc.json({ maxDepth: 4 }), (json) => {
        const value: unknown = JSON.parse(json);
        const pretty = JSON.stringify(value, null, 1);
        const paths: string[][] = [];
        const walk = (v: unknown, path: string[]): void => {
          if (path.length > 0) paths.push(path);
          if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, String(i)]));
          else if (typeof v === "object" && v !== null) for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
        };
        walk(value, []);
        const found = locateMany(pretty, paths);
        for (const p of paths) expect(found.get(p.join("\u0000"))).toEqual(locateJson(pretty, p));
      }),
      { numRuns: 200, seed: 15 },
    );
  });
});

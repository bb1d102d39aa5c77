import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ROOT, runCli, SCRATCH } from "./helpers.js";

const SPEC = join(ROOT, "spec", "fine-tuning.yaml");

const run = runCli;

describe("wirecase generate (CLI)", () => {
  const out = join(SCRATCH, "cli");
  beforeEach(() => rmSync(out, { recursive: true, force: true }));
  afterEach(() => rmSync(out, { recursive: true, force: true }));

  it("generates, prints one summary line, exits 0", async () => {
    const r = await run(["generate", "--input", SPEC, "--output", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const summary = new RegExp(
      String.raw`^wirecase: 13 models, (\d+) files \((\d+) written, 0 removed\) ` +
        String.raw`in \d+\.\d\d s: .*fine-tuning\.yaml → .*cli\/\n$`,
    );
    const m = summary.exec(r.stdout);
    expect(m).not.toBeNull();
    // every file plus the manifest
    expect(Number(m![2])).toBe(Number(m![1]) + 1);
    expect(existsSync(join(out, "types.ts"))).toBe(true);
    expect(existsSync(join(out, "docs", "FineTuningJob.md"))).toBe(true);
  });

  it("bad input: file:line:col, code frame, exit 2, nothing written", async () => {
    const r = await run(["generate", "--input", join(ROOT, "spec", "bad", "broken.yaml"), "--output", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("spec/bad/broken.yaml:9:28: error: invalid YAML");
    expect(r.stderr).toContain("> 9 |       properties: {a: [1, 2}");
    expect(r.stderr).toContain("nothing was written");
    expect(existsSync(out)).toBe(false);
  });

  it("an error leaves the previous output intact", async () => {
    expect((await run(["generate", "-i", SPEC, "-o", out])).code).toBe(0);
    const before = readFileSync(join(out, "types.ts"), "utf8");
    const r = await run(["generate", "-i", join(ROOT, "spec", "bad", "missing-ref.yaml"), "-o", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('missing-ref.yaml:10:11: error: $ref "#/components/schemas/Nope" points to nothing');
    expect(readFileSync(join(out, "types.ts"), "utf8")).toBe(before);
  });

  it("a file that cannot be written: a clear message, exit 2, and the folder exactly as it was", async () => {
    // a first run with other options, so this run has changed files to write besides the docs folder's
    expect((await run(["generate", "-i", SPEC, "-o", out, "--unknown-keys", "keep"])).code).toBe(0);
    rmSync(join(out, "docs"), { recursive: true });
    writeFileSync(join(out, "docs"), "a file where the docs folder goes");
    const before = new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]));
    const r = await run(["generate", "-i", SPEC, "-o", out, "--unknown-keys", "reject"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^wirecase: cannot write .*cli\/docs\/\S+\.md: .*; nothing in .*cli was changed/);
    expect(r.stderr).not.toContain("internal error");
    expect(new Map(readdirSync(out).map((f) => [f, readFileSync(join(out, f), "utf8")]))).toEqual(before);
  });

  it("--check: 0 when up to date, 1 on drift listing the files, and writes nothing", async () => {
    expect((await run(["generate", "-i", SPEC, "-o", out])).code).toBe(0);
    expect((await run(["generate", "-i", SPEC, "-o", out, "--check"])).code).toBe(0);
    writeFileSync(join(out, "types.ts"), "// edited by hand\n");
    rmSync(join(out, "docs", "Metadata.md"));
    const r = await run(["generate", "-i", SPEC, "-o", out, "--check"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("changed  ");
    expect(r.stdout).toMatch(/changed\s+\S*types\.ts/);
    expect(r.stdout).toMatch(/added\s+\S*docs\/Metadata\.md/);
    expect(readFileSync(join(out, "types.ts"), "utf8")).toBe("// edited by hand\n");
    expect(existsSync(join(out, "docs", "Metadata.md"))).toBe(false);
  });

  it("skips unchanged files, removes files it wrote before, keeps files it did not write", async () => {
    expect((await run(["generate", "-i", SPEC, "-o", out])).code).toBe(0);
    const old = new Date("2020-01-01T00:00:00Z");
    utimesSync(join(out, "types.ts"), old, old);
    const manifest = JSON.parse(readFileSync(join(out, ".wirecase.json"), "utf8")) as { files: string[] };
    writeFileSync(
      join(out, ".wirecase.json"),
      JSON.stringify({ ...manifest, files: [...manifest.files, "docs/Gone.md"] }),
    );
    writeFileSync(join(out, "docs", "Gone.md"), "stale");
    mkdirSync(join(out, "mine"), { recursive: true });
    writeFileSync(join(out, "mine", "notes.md"), "user file");
    const r = await run(["generate", "-i", SPEC, "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("(1 written, 1 removed)");
    expect(statSync(join(out, "types.ts")).mtime.getTime()).toBe(old.getTime());
    expect(existsSync(join(out, "docs", "Gone.md"))).toBe(false);
    expect(readFileSync(join(out, "mine", "notes.md"), "utf8")).toBe("user file");
  });

  it("a re-run with unchanged inputs and outputs skips generation; any change regenerates", async () => {
    const spec = join(out, "..", "cli-cache-spec.yaml");
    writeFileSync(spec, readFileSync(SPEC, "utf8"));
    try {
      expect((await run(["generate", "-i", spec, "-o", out])).stdout).toMatch(/\(\d+ written, 0 removed\)/);
      expect((await run(["generate", "-i", spec, "-o", out])).stdout).toContain("is up to date with");
      // an output file edited by hand: regenerated (and restored)
      writeFileSync(join(out, "types.ts"), "// edited\n");
      const restored = await run(["generate", "-i", spec, "-o", out]);
      expect(restored.stdout).toContain("(1 written, 0 removed)");
      expect(readFileSync(join(out, "types.ts"), "utf8")).not.toBe("// edited\n");
      // a different option: regenerated
      expect((await run(["generate", "-i", spec, "-o", out, "--open-enums"])).stdout).toMatch(/\d+ written/);
      expect((await run(["generate", "-i", spec, "-o", out, "--open-enums"])).stdout).toContain("is up to date with");
      // the spec changes: regenerated
      writeFileSync(spec, readFileSync(SPEC, "utf8").replace("trained_tokens", "tokens_trained"));
      expect((await run(["generate", "-i", spec, "-o", out, "--open-enums"])).stdout).toMatch(/\d+ written/);
      expect(readFileSync(join(out, "types.ts"), "utf8")).toContain("tokensTrained");
      // --force always regenerates
      expect((await run(["generate", "-i", spec, "-o", out, "--open-enums", "--force"])).stdout).toContain(
        "(0 written, 0 removed)",
      );
    } finally {
      rmSync(spec, { force: true });
    }
  });

  it("usage errors exit 2", async () => {
    expect((await run(["generate", "--bogus"])).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
    const help = await run(["--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      "Exit codes: 0 ok, 1 --check found differences, 2 invalid input, usage, " +
        "or an output file that cannot be written, 3 internal error.",
    );
  });

  it("the built bin runs (dist/ is built by `npm ci` through the prepare script)", () => {
    const text = execFileSync(process.execPath, [join(ROOT, "bin", "wirecase.js"), "generate", "-i", SPEC, "-o", out], {
      encoding: "utf8",
    });
    expect(text).toMatch(/^wirecase: 13 models/);
  });
});

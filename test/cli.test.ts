import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { USAGE } from "../generator/options.js";
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
    // the files the user sees: the manifest (.wirecase.json) is not counted
    expect(Number(m![2])).toBe(Number(m![1]));
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
    // only the manifest changed (it no longer lists Gone.md): it is not counted
    expect(r.stdout).toContain("(0 written, 1 removed)");
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

describe("messages", () => {
  const dir = join(SCRATCH, "cli-messages");
  beforeEach(() => {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(join(dir, "spec"), { recursive: true });
    writeFileSync(join(dir, "spec", "a.yaml"), readFileSync(SPEC, "utf8"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  /** A usage error: exit 2, the message, a blank line and --help's text on stderr, nothing on stdout. */
  const usageError = async (args: string[], message: string, cwd = dir): Promise<void> => {
    const r = await run(args, cwd);
    expect(r).toEqual({ code: 2, stdout: "", stderr: `wirecase: ${message}\n\n${USAGE}\n` });
  };
  const twoJobs = (): void =>
    writeFileSync(
      join(dir, "wirecase.config.json"),
      JSON.stringify([
        { input: "spec/a.yaml", output: "out/a" },
        { input: "spec/a.yaml", output: "out/b" },
      ]),
    );

  it.each([
    [["--incude", "X"], "unknown option --incude; did you mean --include?"],
    [["generate", "--chek"], "unknown option --chek; did you mean --check?"],
    [["--Input", "a.yaml"], "unknown option --Input; did you mean --input?"],
    [["--out", "x"], "unknown option --out; did you mean --output?"],
    [["--nonsense"], "unknown option --nonsense"],
    [["-x"], "unknown option -x"],
    [["--input"], "--input needs a value: --input <spec>"],
    [["-i", "--check"], "--input needs a value: --input <spec>"],
    [["--check=yes"], "--check takes no value"],
    [["--config", "c.json", "--no-config"], "--config and --no-config cannot be combined"],
    [["generat"], 'unknown command "generat"; did you mean "generate"?'],
    [["frobnicate"], 'unknown command "frobnicate"'],
    [
      ["generate", "spec.yaml"],
      'unexpected argument "spec.yaml" after generate; a spec is given with --input: wirecase generate -i spec.yaml',
    ],
  ])("%j: %s", async (args, message) => {
    await usageError(args, message);
  });

  it("--version prints the version of package.json", async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string };
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `wirecase ${version}\n`, stderr: "" });
  });

  it("no config file and no --input: names the five config files it looked for", async () => {
    await usageError(
      ["generate"],
      "no --input given and no config file found " +
        `(looked for wirecase.config.ts, .mts, .mjs, .js and .json in ${dir})`,
    );
  });

  it("--no-config: a one-off run beside a config with several jobs", async () => {
    twoJobs();
    await usageError(
      ["generate", "-i", "spec/a.yaml", "-o", "out/c"],
      "wirecase.config.json has 2 jobs; --input and --output apply to one job only " +
        "(--no-config runs one job from the flags alone)",
    );
    const r = await run(["generate", "--no-config", "-i", "spec/a.yaml", "-o", "out/c"], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^wirecase: 13 models, \d+ files \(\d+ written, 0 removed\) in \d+\.\d\d s: spec\/a\.yaml → out\/c\/\n$/,
    );
    expect(existsSync(join(dir, "out", "c", "types.ts"))).toBe(true);
    expect(existsSync(join(dir, "out", "a"))).toBe(false);
    await usageError(
      ["generate", "--no-config", "-o", "out/c"],
      "no --input given (with --no-config, --input and --output are required)",
    );
  });

  it("paths as given: an absolute path outside the current folder stays absolute, one inside is relative", async () => {
    const r = await run(["generate", "-i", SPEC, "-o", join(dir, "out")], dir);
    expect(r.code).toBe(0);
    const summary = /^wirecase: 13 models, (\d+) files \(\1 written, 0 removed\) in \d+\.\d\d s: (.*) → (.*)\n$/;
    expect(summary.exec(r.stdout)?.slice(2)).toEqual([SPEC, "out/"]);
  });

  it("the files count and the written count are of the same files (the manifest is in neither)", async () => {
    const r = await run(["generate", "-i", "spec/a.yaml", "-o", "out"], dir);
    const [, files, written] = /(\d+) files \((\d+) written/.exec(r.stdout)!;
    const onDisk = (readdirSync(join(dir, "out"), { recursive: true }) as string[]).filter((f) =>
      statSync(join(dir, "out", f)).isFile(),
    );
    expect(onDisk).toContain(".wirecase.json");
    expect(Number(files)).toBe(onDisk.length - 1);
    expect(Number(written)).toBe(onDisk.length - 1);
  });

  it("-q: --check prints nothing when up to date, and only the differences otherwise", async () => {
    expect((await run(["generate", "-i", "spec/a.yaml", "-o", "out"], dir)).code).toBe(0);
    expect(await run(["generate", "-i", "spec/a.yaml", "-o", "out", "--check", "-q"], dir)).toEqual({
      code: 0,
      stdout: "",
      stderr: "",
    });
    writeFileSync(join(dir, "out", "types.ts"), "// edited\n");
    expect(await run(["generate", "-i", "spec/a.yaml", "-o", "out", "--check", "-q"], dir)).toEqual({
      code: 1,
      stdout:
        "  changed  out/types.ts\n" +
        "wirecase: out/ is out of date with spec/a.yaml: 1 file(s) differ; run `wirecase generate` to update\n",
      stderr: "",
    });
  });

  it("a config with several bad keys lists every one, with a suggestion for each misspelt key", async () => {
    writeFileSync(
      join(dir, "wirecase.config.json"),
      JSON.stringify({ input: "spec/a.yaml", outptu: "x", includes: ["A"], strict: "yes" }),
    );
    const options =
      "(options: input, output, include, exclude, unknownKeys, openEnums, dates, strict, readWrite, emit) " +
      "[config-invalid]";
    const unknown = (key: string, near: string): string =>
      `wirecase.config.json: error: the config: unknown option "${key}"; did you mean "${near}"? ${options}\n`;
    expect(await run(["generate"], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        unknown("outptu", "output") +
        unknown("includes", "include") +
        "wirecase.config.json: error: the config: `output` must be a path (a non-empty string) [config-invalid]\n" +
        "wirecase.config.json: error: the config: `strict` must be true or false [config-invalid]\n",
    });
  });

  it("--include: a misspelt name gets the closest schema, a hoisted part the schema to include", async () => {
    const r = await run(
      ["generate", "-i", "spec/a.yaml", "-o", "out", "--include", "FineTuningJb,FineTuningJobStatus"],
      dir,
    );
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'spec/a.yaml: error: no schema in components.schemas matches "FineTuningJb"; did you mean "FineTuningJob"? ' +
        "[select-unknown]\n" +
        'spec/a.yaml: error: "FineTuningJobStatus" is not in components.schemas: it is part of the schema ' +
        '"FineTuningJob" (at #/components/schemas/FineTuningJob/properties/status), named after it; ' +
        'include "FineTuningJob" instead [select-unknown]\n' +
        "wirecase: spec/a.yaml has errors; nothing was written to out/\n",
    });
  });

  it("a Swagger 2.0 document the converter refuses: the error at the $ref, in the original file", async () => {
    writeFileSync(join(dir, "spec", "old.yaml"), readFileSync(join(ROOT, "spec", "bad", "swagger2-bad-ref.yaml")));
    expect(await run(["generate", "-i", "spec/old.yaml", "-o", "out"], dir)).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "spec/old.yaml:9:9: error: this Swagger 2.0 document cannot be converted to OpenAPI 3.0 (swagger2openapi " +
        "7.0.8): Could not resolve reference #/definitions/Nobody; fix the document, or convert it yourself and " +
        "pass the OpenAPI 3 file (at #/definitions/Pet/properties/owner/$ref) [swagger-2-invalid]\n" +
        "  7 |     properties:\n" +
        "  8 |       owner:\n" +
        '> 9 |         $ref: "#/definitions/Nobody"\n' +
        "    |         ^\n" +
        "wirecase: spec/old.yaml has errors; nothing was written to out/\n",
    });
  });

  it("a Swagger 2.0 document: one warning that it was converted, then the summary", async () => {
    const input = join(ROOT, "spec", "swagger2-petstore.yaml");
    const r = await run(["generate", "-i", input, "-o", "out"], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `${input}:2:1: warning: this Swagger 2.0 document was converted to OpenAPI 3.0 in memory ` +
        "(swagger2openapi 7.0.8); the file is unchanged, and positions point into it [swagger-2-converted]\n",
    );
    expect(r.stdout).toMatch(/^wirecase: 8 models, \d+ files \(\d+ written, 0 removed\) in \d+\.\d\d s, 1 warnings: /);
  });
});

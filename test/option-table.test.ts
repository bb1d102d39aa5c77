/** The option table (generator/options.ts) and everything derived from it: USAGE, parseArgs, flags, config checks. */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, expectTypeOf, it } from "vitest";
import { loadConfig, type JobConfig } from "../generator/config.js";
import type { InputError } from "../generator/diagnostics.js";
import {
  cliFlags,
  configProblem,
  flagProblem,
  JOB_KEYS,
  jobFlags,
  OPTION_LIST,
  OPTIONS,
  parseArgsOptions,
  parseCommandLine,
  USAGE,
  type GenerateOptions,
  type UnknownKeys,
} from "../generator/options.js";
import { ROOT, runCli, SCRATCH } from "./helpers.js";

/** `--help` (as it was before the table, plus the options added since); README.md shows it too. */
const USAGE_TEXT = `Usage: wirecase generate [options]

  -i, --input <spec>      OpenAPI 3.0/3.1 or Swagger 2.0 document, YAML or JSON
  -o, --output <dir>      output folder
  -c, --config <file>     config file (default: wirecase.config.{ts,mts,mjs,js,json} in the current folder)
      --no-config         read no config file: a one-off run beside a config (--input and --output then required)
      --include <names>   only these component schemas (comma-separated, * wildcards) and what they reference
      --exclude <names>   leave these schemas out unless a kept schema needs them
      --unknown-keys <p>  strip (default), keep or reject keys the spec does not declare
      --open-enums        string enums also accept values they do not list
      --dates <t>         string (default) or Date: the model type of date-time strings and Unix timestamps
      --strict            parse and guards require a oneOf value to match exactly one member
      --read-write <m>    split (default): XWritable request variants without readOnly properties; off: one model
      --emit <kind>       ts (default): TypeScript sources; js: JavaScript with .d.ts declarations
      --force             regenerate even when nothing changed since the last run
      --check             generate in memory and compare with the output folder; write nothing;
                          exit 1 if anything differs
  -w, --watch             regenerate when the spec, a file it references or the config changes
  -q, --quiet             print errors only (and, with --check, only the files that differ)
      --version           print the version and exit

Flags override the config file. With no config file, --input and --output are required.
Exit codes: 0 ok, 1 --check found differences, 2 invalid input, usage, or an output file that cannot be written, \
3 internal error.`;

const run = runCli;

describe("the option table", () => {
  it("USAGE is the --help text, byte for byte", async () => {
    expect(USAGE).toBe(USAGE_TEXT);
    expect((await run(["--help"])).stdout).toBe(`${USAGE_TEXT}\n`);
  });

  it("README's Command line section shows the same options as --help", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const block = /## Command line\n\n```\n([\s\S]*?)\n```/.exec(readme)?.[1] ?? "";
    const options = (text: string): string[] => text.split("\n").filter((l) => /^\s+-/.test(l) || /^ {26}\S/.test(l));
    expect(options(block)).toEqual(options(USAGE));
  });

  it("every entry with help text is in USAGE, with its flag, short flag and placeholder", () => {
    for (const [, o] of OPTION_LIST) {
      if (o.help.length === 0) continue;
      const short = o.short === undefined ? "    " : `-${o.short}, `;
      const flag = `${short}--${o.flag}${o.arg === undefined ? "" : ` ${o.arg}`}`;
      expect(USAGE).toContain(`  ${flag}`.padEnd(26) + o.help[0]);
      for (const line of o.help.slice(1)) expect(USAGE).toContain(`\n${" ".repeat(26)}${line}\n`);
    }
  });

  it("every entry is a parseArgs option: string or boolean, with its short flag", () => {
    const parsed = parseArgsOptions();
    expect(Object.keys(parsed)).toEqual(OPTION_LIST.map(([, o]) => o.flag));
    for (const [, o] of OPTION_LIST) {
      const type = o.value.type === "boolean" ? "boolean" : "string";
      expect(parsed[o.flag]).toEqual(o.short === undefined ? { type } : { type, short: o.short });
    }
  });

  it("the command line accepts every entry's flag and short flag, with a value where it takes one", () => {
    for (const [, o] of OPTION_LIST) {
      const value = o.value.type === "boolean" ? [] : ["x"];
      for (const flag of [`--${o.flag}`, ...(o.short === undefined ? [] : [`-${o.short}`])]) {
        const parsed = parseCommandLine([flag, ...value]);
        expect(parsed).toEqual({ values: { [o.flag]: o.value.type === "boolean" ? true : "x" }, positionals: [] });
      }
    }
  });

  it("flags, short flags and config keys are unique; flags are the kebab-case of the keys", () => {
    const flags = OPTION_LIST.map(([, o]) => o.flag);
    const shorts = OPTION_LIST.flatMap(([, o]) => (o.short === undefined ? [] : [o.short]));
    expect(new Set(flags).size).toBe(flags.length);
    expect(new Set(shorts).size).toBe(shorts.length);
    for (const [name, o] of OPTION_LIST) expect(o.flag).toBe(name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
  });

  it("a choice's default is one of its choices, and its help names every choice and the default", () => {
    for (const [, o] of OPTION_LIST) {
      if (o.value.type !== "choice") continue;
      expect(o.value.choices).toContain(o.default);
      expect(o.help[0]).toContain(`${String(o.default)} (default)`);
      for (const c of o.value.choices) expect(o.help.join(" ")).toMatch(new RegExp(`\\b${c}\\b`));
    }
  });

  it("the config keys are the job options, in table order", () => {
    expect(JOB_KEYS).toEqual([
      "input",
      "output",
      "include",
      "exclude",
      "unknownKeys",
      "openEnums",
      "dates",
      "strict",
      "readWrite",
      "emit",
    ]);
  });

  it("GenerateOptions and JobConfig are the types they were before the table", () => {
    interface Before {
      readonly input: string;
      readonly include?: readonly string[] | undefined;
      readonly exclude?: readonly string[] | undefined;
      readonly unknownKeys?: UnknownKeys | undefined;
      readonly openEnums?: boolean | undefined;
      readonly dates?: "string" | "Date" | undefined;
      readonly strict?: boolean | undefined;
      readonly readWrite?: "split" | "off" | undefined;
      readonly emit?: "ts" | "js" | undefined;
    }
    interface BeforeJob extends Before {
      readonly output: string;
    }
    expectTypeOf<GenerateOptions>().toEqualTypeOf<Before>();
    expectTypeOf<JobConfig>().toEqualTypeOf<BeforeJob>();
    expectTypeOf<UnknownKeys>().toEqualTypeOf<"strip" | "keep" | "reject">();
  });
});

describe("values from flags", () => {
  it("maps flags to job options: paths resolved, lists split at commas, booleans true", () => {
    const values = { input: "a.yaml", output: "out", include: "A, B*,,", "unknown-keys": "keep", "open-enums": true };
    expect(jobFlags(values)).toEqual({
      input: resolve("a.yaml"),
      output: resolve("out"),
      include: ["A", "B*"],
      unknownKeys: "keep",
      openEnums: true,
    });
    const order = Object.keys(jobFlags({ "open-enums": true, exclude: "X", output: "o" }));
    expect(order).toEqual(["output", "exclude", "openEnums"]);
    expect(jobFlags({ check: true, quiet: true, config: "c.json" })).toEqual({});
  });

  it("maps the run's own flags apart", () => {
    const flags = cliFlags({ check: true, quiet: true, config: "c.json", input: "a.yaml" });
    expect(flags).toEqual({ check: true, quiet: true, config: resolve("c.json") });
  });

  it("refuses a value a choice does not list, naming the choices", async () => {
    expect(flagProblem({ "unknown-keys": "keep" })).toBeUndefined();
    expect(flagProblem({ "unknown-keys": "bogus" })).toBe("--unknown-keys must be one of strip, keep, reject");
    const r = await run(["generate", "--unknown-keys", "bogus"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`wirecase: --unknown-keys must be one of strip, keep, reject\n\n${USAGE_TEXT}\n`);
  });
});

describe("values from a config file", () => {
  const dir = join(SCRATCH, "option-table");
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const problem = async (job: unknown): Promise<string> => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "wirecase.config.json");
    writeFileSync(file, JSON.stringify(job));
    try {
      await loadConfig(file);
      return "";
    } catch (error) {
      return (error as InputError).diagnostics.map((d) => d.message).join("\n");
    }
  };
  const ok = { input: "a.yaml", output: "out" };

  const table: [string, unknown, string][] = [
    ["input missing", { output: "out" }, "the config: `input` must be a path (a non-empty string)"],
    ["input empty", { input: "", output: "out" }, "the config: `input` must be a path (a non-empty string)"],
    ["output not a string", { input: "a.yaml", output: 3 }, "the config: `output` must be a path (a non-empty string)"],
    ["include a string", { ...ok, include: "A" }, "the config: `include` must be a list of schema names"],
    ["exclude of numbers", { ...ok, exclude: [1] }, "the config: `exclude` must be a list of schema names"],
    [
      "unknownKeys unlisted",
      { ...ok, unknownKeys: "x" },
      "the config: `unknownKeys` must be one of strip, keep, reject",
    ],
    ["openEnums a string", { ...ok, openEnums: "yes" }, "the config: `openEnums` must be true or false"],
    [
      "a CLI-only flag",
      [ok, { ...ok, force: true }],
      'job 2: unknown option "force" (options: input, output, include, exclude, unknownKeys, openEnums, dates, ' +
        "strict, readWrite, emit)",
    ],
    ["valid", [ok, { ...ok, include: ["A"], exclude: [], unknownKeys: "reject", openEnums: false }], ""],
  ];
  it.each(table)("%s", async (_, job, want) => {
    expect(await problem(job)).toBe(want);
  });

  it("every job option refuses a value of the wrong kind with its message", () => {
    for (const key of JOB_KEYS) {
      const o = OPTIONS[key];
      const wrong = o.value.type === "boolean" ? "yes" : o.value.type === "list" ? [1] : 3;
      expect(configProblem(key, wrong)).toMatch(new RegExp(`^\`${key}\` must be `));
      expect(configProblem(key, undefined) === undefined).toBe(!("required" in o && o.required));
    }
  });

  it("resolves path options against the config's folder, keeping the keys in the order written", async () => {
    mkdirSync(dir, { recursive: true });
    const file = join(dir, "wirecase.config.json");
    writeFileSync(file, JSON.stringify({ openEnums: true, output: "out", input: "spec/a.yaml" }));
    const { jobs } = await loadConfig(file);
    expect(jobs).toEqual([{ openEnums: true, output: join(dir, "out"), input: join(dir, "spec", "a.yaml") }]);
    expect(Object.keys(jobs[0]!)).toEqual(["openEnums", "output", "input"]);
  });
});

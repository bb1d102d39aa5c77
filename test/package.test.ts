/**
 * The package as npm ships it: `npm pack` (of the dist/ that `pretest` built; `prepack` builds it on
 * publish), then the tarball installed into a fresh folder outside the repo and used from a CommonJS app, an
 * ESM app and a TypeScript app (`module: nodenext`, checked, compiled and run with TypeScript 5.9 and 7). The
 * three apps share one node_modules (installed once).
 *
 * The install is offline: `npm ci --offline` with a lockfile that pins the tarball and, for its dependencies,
 * the entries of the repo's own package-lock.json (their tarballs are in the npm cache since the repo was
 * installed; `npm install --offline <tarball>` would also need the registry's metadata, which `npm ci` never
 * caches). A dependency the package declares is in that closure, so one it should not pull in shows up here.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { builtinModules } from "node:module";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMPILERS, ROOT, runTsc } from "./helpers.js";

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly license?: string;
  readonly scripts?: Record<string, string>;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly bin?: Record<string, string>;
  readonly engines?: Record<string, string>;
  readonly exports?: Record<string, unknown>;
}

type LockEntry = Record<string, unknown> & {
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
};

/** npm's lifecycle scripts that run when a package is installed as a dependency. */
const INSTALL_SCRIPTS = ["preinstall", "install", "postinstall", "prepare", "preprepare", "postprepare"];

const SPEC = join(ROOT, "spec", "fine-tuning.yaml");

let work = "";
/** The folder the tarball is installed into; the three apps are folders inside it. */
let apps = "";
let tarball = "";
let packedFiles: string[] = [];
let installSeconds = 0;

/** Runs npm; returns its stdout; a failure throws with everything it printed. */
function npm(args: readonly string[], cwd: string): string {
  const r = spawnSync("npm", args, { cwd, encoding: "utf8" });
  if (r.status !== 0) {
    throw new Error(`npm ${args.join(" ")} failed in ${cwd} (${r.status ?? r.signal}):\n${r.stdout}${r.stderr}`);
  }
  return r.stdout;
}

/**
 * Runs `node args` in `cwd`; its stdout. It must exit 0 and print nothing on stderr (no warning either: Node
 * >= 20.19 requires an ES module without an ExperimentalWarning).
 */
function runNode(args: readonly string[], cwd: string): string {
  const r = spawnSync(process.execPath, args, { cwd, encoding: "utf8" });
  if (r.status !== 0 || r.stderr !== "") {
    throw new Error(`node ${args.join(" ")} in ${cwd} exited ${r.status ?? r.signal}:\n${r.stderr}${r.stdout}`);
  }
  return r.stdout;
}

/**
 * The lockfile an app would have after `npm install <tarball>`, with the dependencies' entries taken from the
 * repo's lock: every package the installed tarball reaches through `dependencies`, `optionalDependencies` and
 * required `peerDependencies`, found as Node would (the nearest node_modules first), at the same place in the tree.
 */
function appLock(packed: PackageJson, tarballName: string, integrity: string): unknown {
  const repoLock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, LockEntry>;
  };
  const spec = `file:../${tarballName}`;
  const packages: Record<string, unknown> = {
    "": { name: "wirecase-apps", dependencies: { wirecase: spec } },
    "node_modules/wirecase": {
      version: packed.version,
      resolved: spec,
      integrity,
      license: packed.license,
      dependencies: packed.dependencies,
      optionalDependencies: packed.optionalDependencies,
      bin: packed.bin,
      engines: packed.engines,
    },
  };
  /** `name` as required from the package at lock path `from` ("" is the root). */
  const locate = (name: string, from: string): string | undefined => {
    for (let at = from; ; ) {
      const candidate = `${at === "" ? "" : `${at}/`}node_modules/${name}`;
      if (repoLock.packages[candidate] !== undefined) return candidate;
      if (at === "") return undefined;
      const cut = at.lastIndexOf("/node_modules/");
      at = cut === -1 ? "" : at.slice(0, cut);
    }
  };
  const queue: Array<{ name: string; from: string; optional: boolean }> = [
    ...Object.keys(packed.dependencies ?? {}).map((name) => ({ name, from: "", optional: false })),
    ...Object.keys(packed.optionalDependencies ?? {}).map((name) => ({ name, from: "", optional: true })),
  ];
  for (let item = queue.shift(); item !== undefined; item = queue.shift()) {
    const path = locate(item.name, item.from);
    if (path === undefined) {
      if (item.optional) continue;
      throw new Error(`${item.name} (needed from ${item.from || "wirecase"}) is not in package-lock.json`);
    }
    if (packages[path] !== undefined) continue;
    const { dev: _dev, devOptional: _devOptional, peer: _peer, ...entry } = repoLock.packages[path]!;
    packages[path] = entry;
    for (const name of Object.keys(entry.dependencies ?? {})) queue.push({ name, from: path, optional: false });
    // npm installs the peers a package needs (not the optional ones)
    for (const name of Object.keys(entry.peerDependencies ?? {})) {
      if (entry.peerDependenciesMeta?.[name]?.optional !== true) queue.push({ name, from: path, optional: false });
    }
    for (const name of Object.keys(entry.optionalDependencies ?? {})) queue.push({ name, from: path, optional: true });
  }
  return { name: "wirecase-apps", lockfileVersion: 3, requires: true, packages };
}

/** Sizes of the files under `dir`, in bytes (what `du --apparent-size` adds up). */
function treeBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) total += readFileSync(join(e.parentPath, e.name)).length;
  }
  return total;
}

/** Every file under `dir` but the manifest, as sorted "path sha256-of-the-text" lines. */
function hashedFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name !== ".wirecase.json")
    .map((e) => {
      const file = join(e.parentPath, e.name);
      const path = relative(dir, file).split("\\").join("/");
      return `${path} ${createHash("sha256").update(readFileSync(file, "utf8")).digest("hex")}`;
    })
    .sort();
}

/**
 * What both JavaScript apps run after their imports (`require` is there in both): generate
 * spec/fine-tuning.yaml in memory and print the config's output folder and the files as hashedFiles does.
 */
const JS_APP_BODY = `const config = defineConfig({ input: "../fine-tuning.yaml", output: "out" });
const { files, diagnostics } = generate({ input: config.input });
for (const d of diagnostics) console.error(formatDiagnostic(d));
const hash = (text) => require("node:crypto").createHash("sha256").update(text).digest("hex");
console.log(JSON.stringify({ output: config.output, files: files.map((f) => f.path + " " + hash(f.text)).sort() }));
`;

/** Writes the app `name` (package.json of `type`; index.js: `imports`, JS_APP_BODY), runs it, parses its output. */
function runJsApp(name: string, type: "commonjs" | "module", imports: string): unknown {
  const dir = join(apps, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ type }));
  writeFileSync(join(dir, "index.js"), `${imports}\n${JS_APP_BODY}`);
  return JSON.parse(runNode(["index.js"], dir));
}

beforeAll(() => {
  work = realpathSync(mkdtempSync(join(tmpdir(), "wirecase-package-")));
  // --ignore-scripts: `prepack` would rebuild dist/ (emptying it first) while other test files run from it;
  // `npm test` built it already (`pretest`)
  const packed = JSON.parse(npm(["pack", "--ignore-scripts", "--json", "--pack-destination", work], ROOT)) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  tarball = join(work, packed[0]!.filename);
  packedFiles = packed[0]!.files.map((f) => f.path).sort();

  apps = join(work, "apps");
  mkdirSync(apps);
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as PackageJson;
  const integrity = `sha512-${createHash("sha512").update(readFileSync(tarball)).digest("base64")}`;
  writeFileSync(
    join(apps, "package.json"),
    JSON.stringify({
      name: "wirecase-apps",
      private: true,
      dependencies: { wirecase: `file:../${packed[0]!.filename}` },
    }),
  );
  writeFileSync(join(apps, "package-lock.json"), JSON.stringify(appLock(pkg, packed[0]!.filename, integrity), null, 2));
  const started = performance.now();
  npm(["ci", "--offline", "--no-audit", "--no-fund"], apps);
  installSeconds = (performance.now() - started) / 1000;
  cpSync(SPEC, join(apps, "fine-tuning.yaml"));
});

afterAll(() => {
  if (work !== "") rmSync(work, { recursive: true, force: true });
});

describe("the tarball", () => {
  it("holds the license, the readme, the CLI, the library and its types, and nothing else", () => {
    expect(packedFiles).toEqual(expect.arrayContaining(["LICENSE", "README.md", "package.json", "bin/wirecase.js"]));
    for (const entry of ["index", "config"]) {
      expect(packedFiles).toContain(`dist/generator/${entry}.js`);
      expect(packedFiles).toContain(`dist/generator/${entry}.d.ts`);
    }
    expect(packedFiles).toContain("templates/runtime.ts");
    const strays = packedFiles.filter(
      (f) => !/^(LICENSE|README\.md|package\.json|bin\/[^/]+\.js|dist\/.+\.(js|d\.ts)|templates\/[^/]+\.ts)$/.test(f),
    );
    expect(strays, "only JavaScript, declarations and the runtime template (no .tsbuildinfo, no .map)").toEqual([]);
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) 2026 wirecase/);
  });

  it("every source map comment and every source map points at a file in the package", () => {
    const installed = join(apps, "node_modules", "wirecase");
    const problems: string[] = [];
    for (const file of packedFiles) {
      const text = readFileSync(join(installed, file), "utf8");
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(text)?.[1];
      if (url !== undefined && !packedFiles.includes(join(file, "..", url))) problems.push(`${file} → ${url}`);
      if (file.endsWith(".map")) {
        for (const source of (JSON.parse(text) as { sources: string[] }).sources) {
          if (!packedFiles.includes(join(file, "..", source))) problems.push(`${file} → ${source}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("runs no script when installed (no preinstall, install, postinstall or prepare)", () => {
    const installed = JSON.parse(
      readFileSync(join(apps, "node_modules", "wirecase", "package.json"), "utf8"),
    ) as PackageJson;
    expect(Object.keys(installed.scripts ?? {}).filter((s) => INSTALL_SCRIPTS.includes(s))).toEqual([]);
  });

  it("depends on exactly what its JavaScript imports (openapi-typescript and typescript stay out)", () => {
    const installed = join(apps, "node_modules", "wirecase");
    const declared = Object.keys(
      (JSON.parse(readFileSync(join(installed, "package.json"), "utf8")) as PackageJson).dependencies ?? {},
    ).sort();
    const builtins = new Set(builtinModules);
    const imported = new Set<string>();
    for (const file of packedFiles.filter((f) => f.endsWith(".js"))) {
      const text = readFileSync(join(installed, file), "utf8");
      const specifiers = /(?:\bfrom\s*|\bimport\s*\(\s*|^import\s*|\brequire(?:\.resolve)?\s*\(\s*)"([^"]+)"/gm;
      for (const m of text.matchAll(specifiers)) {
        const specifier = m[1]!;
        if (specifier.startsWith(".") || specifier.startsWith("node:") || builtins.has(specifier)) continue;
        imported.add(specifier.startsWith("@") ? specifier.split("/").slice(0, 2).join("/") : specifier.split("/")[0]!);
      }
    }
    expect([...imported].sort()).toEqual(declared);
    const top = readdirSync(join(apps, "node_modules"));
    expect(top).not.toContain("openapi-typescript");
    expect(top).not.toContain("typescript");
    const megabytes = (treeBytes(join(apps, "node_modules")) / 1e6).toFixed(1);
    const entries = top.filter((n) => !n.startsWith(".")).length;
    console.log(
      `package: ${packedFiles.length} files; npm ci --offline of the tarball ${installSeconds.toFixed(1)} s, ` +
        `node_modules ${megabytes} MB in ${entries} top-level entries`,
    );
  });
});

describe("used from an app", () => {
  const expected = hashedFiles(join(ROOT, "generated"));

  it("a CommonJS app requires the library and the config helper (Node >= 20.19 requires ES modules)", () => {
    const imports = `const { generate, formatDiagnostic } = require("wirecase");
const { defineConfig } = require("wirecase/config");`;
    expect(runJsApp("cjs", "commonjs", imports)).toEqual({ output: "out", files: expected });
  });

  it("an ES module app imports them", () => {
    const imports = `import { createRequire } from "node:module";
import { generate, formatDiagnostic } from "wirecase";
import { defineConfig } from "wirecase/config";
const require = createRequire(import.meta.url);`;
    expect(runJsApp("esm", "module", imports)).toEqual({ output: "out", files: expected });
  });

  it("the installed CLI generates what the repo committed", () => {
    const bin = join(apps, "node_modules", ".bin", "wirecase");
    const text = runNode([bin, "generate", "-i", "fine-tuning.yaml", "-o", "cli-out"], apps);
    expect(text).toMatch(/^wirecase: 13 models, /);
    expect(hashedFiles(join(apps, "cli-out"))).toEqual(expected);
  });

  describe("a TypeScript app (module: nodenext; a CommonJS file and an ES module file)", () => {
    const dir = () => join(apps, "ts");
    beforeAll(() => {
      mkdirSync(join(dir(), "src"), { recursive: true });
      writeFileSync(join(dir(), "package.json"), JSON.stringify({ type: "commonjs" }));
      writeFileSync(
        join(dir(), "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            lib: ["ES2022", "DOM"],
            module: "NodeNext",
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            types: [],
            rootDir: "src",
          },
          include: ["src"],
        }),
      );
      const body = `const config = defineConfig({ input: "../fine-tuning.yaml", output: "out" });
const result: GenerateResult = generate({ input: config.input });
for (const d of result.diagnostics) console.error(formatDiagnostic(d));
const lines: string[] = result.files.map((f: TextFile) => f.path);
console.log(JSON.stringify({ output: config.output, files: lines.sort() }));

export function typed(): void {
  // @ts-expect-error input is a path: the types are wirecase's own, not any
  generate({ input: 1 });
}
`;
      // in a CommonJS file (package.json "type": "commonjs") the imports compile to require()
      writeFileSync(
        join(dir(), "src", "main.ts"),
        `import { formatDiagnostic, generate, type GenerateResult, type TextFile } from "wirecase";
import { defineConfig } from "wirecase/config";
${body}`,
      );
      writeFileSync(
        join(dir(), "src", "esm.mts"),
        `import { formatDiagnostic, generate, type GenerateResult, type TextFile } from "wirecase";
import { defineConfig } from "wirecase/config";
${body}`,
      );
    });

    for (const compiler of COMPILERS) {
      it(`type-checks, compiles and runs with ${compiler.name}`, () => {
        const outDir = `dist-${compiler.version}`;
        expect(runTsc(compiler, ["-p", ".", "--outDir", outDir], dir())).toBe("");
        const main = readFileSync(join(dir(), outDir, "main.js"), "utf8");
        expect(main).toContain('require("wirecase")');
        const paths = expected.map((line) => line.split(" ")[0]!);
        for (const file of ["main.js", "esm.mjs"]) {
          const out = runNode([join(outDir, file)], dir());
          expect(JSON.parse(out), file).toEqual({ output: "out", files: paths });
        }
      });
    }
  });
});

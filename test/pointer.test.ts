/** The JSON-pointer codec (generator/load/pointer.ts): given/want tables, and the copies that re-export it. */
import { describe, expect, it } from "vitest";
import * as diagnostics from "../generator/diagnostics.js";
import {
  decodePercent,
  encodePointer,
  encodeSegment,
  fragmentSegments,
  pointerSegments,
} from "../generator/load/pointer.js";
import * as readSpec from "../generator/load/read-spec.js";
import * as resolveRef from "../generator/load/resolve-ref.js";

describe("encodePointer", () => {
  const table: [readonly (string | number)[], string][] = [
    [[], "#"],
    [[""], "#/"],
    [["components", "schemas", "Pet"], "#/components/schemas/Pet"],
    [["a/b"], "#/a~1b"],
    [["c~d"], "#/c~0d"],
    [["~1"], "#/~01"],
    [["/~"], "#/~1~0"],
    [["items", 0, "x"], "#/items/0/x"],
    [["with space", "%20"], "#/with space/%20"],
    [["", ""], "#//"],
  ];
  it.each(table)("%j → %s", (given, want) => {
    expect(encodePointer(given)).toBe(want);
  });

  it("encodes one segment as it appears between slashes", () => {
    expect(encodeSegment("a/b~c")).toBe("a~1b~0c");
    expect(encodeSegment(3)).toBe("3");
  });
});

describe("pointerSegments", () => {
  const table: [string, string[]][] = [
    ["#", []],
    ["", []],
    ["#/", [""]],
    ["/", [""]],
    ["#/components/schemas/Pet", ["components", "schemas", "Pet"]],
    ["/components/schemas/Pet", ["components", "schemas", "Pet"]],
    ["#/a~1b", ["a/b"]],
    ["#/c~0d", ["c~d"]],
    ["#/~01", ["~1"]],
    ["#/~1~0", ["/~"]],
    ["#//", ["", ""]],
    ["#/items/0", ["items", "0"]],
    ["#/with%20space", ["with%20space"]],
  ];
  it.each(table)("%s → %j", (given, want) => {
    expect(pointerSegments(given)).toEqual(want);
  });

  it("reads back what encodePointer writes", () => {
    const keys = ["", "a", "a/b", "~", "~0", "~1", "/~/", "%20", "%", "#", "x~01y", "é/ü"];
    for (const a of keys) for (const b of keys) expect(pointerSegments(encodePointer([a, b]))).toEqual([a, b]);
  });
});

describe("fragmentSegments ($ref fragments)", () => {
  const table: [string, string[]][] = [
    ["", []],
    ["/", [""]],
    ["/components/schemas/a~1b", ["components", "schemas", "a/b"]],
    ["/c~0d/with%20space/~01", ["c~d", "with space", "~1"]],
    ["components/schemas/Pet", ["components", "schemas", "Pet"]],
    // percent escapes are decoded before ~ escapes: %7E1 is ~1 is /
    ["/a%7E1b", ["a/b"]],
    ["/a%2Fb", ["a/b"]],
    ["/caf%C3%A9", ["café"]],
    // not valid percent-encoding: kept as written
    ["/100%/x%zz", ["100%", "x%zz"]],
  ];
  it.each(table)("%s → %j", (given, want) => {
    expect(fragmentSegments(given)).toEqual(want);
  });

  it("decodePercent keeps text that is not valid percent-encoding", () => {
    expect(decodePercent("a%20b")).toBe("a b");
    expect(decodePercent("50%")).toBe("50%");
  });
});

describe("the modules that had their own copy", () => {
  it("use the codec (re-exports, and the ids and pointers they build)", () => {
    expect(diagnostics.encodePointer).toBe(encodePointer);
    expect(readSpec.pointerSegments).toBe(pointerSegments);
    expect(resolveRef.fragmentSegments).toBe(fragmentSegments);
    const id = resolveRef.locationId({ file: "/x/a.yaml", path: ["components", "a/b~c"] });
    expect(id).toBe("/x/a.yaml#/components/a~1b~0c");
    expect(resolveRef.refLocation("b%20c.yaml#/components/schemas/a~1b%20c", "/x/a.yaml")).toEqual({
      file: "/x/b c.yaml",
      path: ["components", "schemas", "a/b c"],
    });
  });
});

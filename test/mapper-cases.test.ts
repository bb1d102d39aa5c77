/**
 * One small spec per mapper rule (spec/cases/mappers-*.yaml): the generated mappers are imported and run on
 * concrete values, with the expected models written by hand, and the emitted mappers.ts is compared with a
 * reviewed snapshot (test/__snapshots__/cases/<case>.mappers.ts).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ROOT, generateInto } from "./helpers.js";
import { assertPlainPrototypes, checkRoundTrip, deepFreeze } from "./arbitrary.js";

type Mapper = (value: unknown) => unknown;
type Mappers = Record<string, Mapper>;

async function load(name: string): Promise<{ mappers: Mappers; text: string }> {
  const { dir } = generateInto(join(ROOT, "spec", "cases", `${name}.yaml`), `mapper-case-${name}`);
  const mappers = (await import(join(dir, "mappers.ts"))) as Mappers;
  return { mappers, text: readFileSync(join(dir, "mappers.ts"), "utf8") };
}

/** fromWire gives exactly `model` (keys in this order), toWire gives the wire value back, inputs untouched. */
function expectMaps(mappers: Mappers, type: string, wire: unknown, model: unknown): void {
  const fromWire = mappers[`${type}FromWire`]!;
  const toWire = mappers[`${type}ToWire`]!;
  const got = fromWire(deepFreeze(structuredClone(wire)));
  expect(got).toStrictEqual(model);
  expect(JSON.stringify(got)).toBe(JSON.stringify(model));
  assertPlainPrototypes(got);
  checkRoundTrip(fromWire, toWire, structuredClone(wire));
}

describe.each(["mappers-keys", "mappers-nesting", "mappers-unions", "mappers-proto"])("spec/cases/%s.yaml", (name) => {
  // (test/typecheck.test.ts type-checks the output of every spec/cases spec, these included)
  it("emits the reviewed mappers.ts", async () => {
    const { text } = await load(name);
    await expect(text).toMatchFileSnapshot(join("__snapshots__", "cases", `${name}.mappers.ts`));
  });
});

describe("renamed keys; records keep theirs", () => {
  let m: Mappers;
  beforeAll(async () => {
    m = (await load("mappers-keys")).mappers;
  });

  it("renames every key by the casing rules, in spec order", () => {
    expectMaps(
      m,
      "keys",
      { userID: "u1", HTTPStatus: 200, foo__bar: "x", trailing_: true, _links: {}, "+1": 5, customer_id: null },
      { userID: "u1", httpStatus: 200, fooBar: "x", trailing_: true, _links: {}, "+1": 5, customerId: null },
    );
  });

  it("leaves absent optional keys absent and null values null", () => {
    const model = m["keysFromWire"]!({ userID: "u", HTTPStatus: 1, _links: {} }) as object;
    expect(Object.keys(model)).toEqual(["userID", "httpStatus", "_links"]);
    expectMaps(
      m,
      "keys",
      { userID: "u", HTTPStatus: 1, _links: {}, customer_id: null },
      { userID: "u", httpStatus: 1, _links: {}, customerId: null },
    );
  });

  it("never renames record keys, but maps the values", () => {
    expectMaps(
      m,
      "counts",
      { customer_id: { item_id: "a" }, "Weird Key": { item_id: "b" }, fooBar: { item_id: "c" } },
      { customer_id: { itemId: "a" }, "Weird Key": { itemId: "b" }, fooBar: { itemId: "c" } },
    );
  });

  it("drops keys the schema does not declare", () => {
    expect(m["itemFromWire"]!({ item_id: "a", extra_key: 1 })).toStrictEqual({ itemId: "a" });
  });
});

describe("arrays, nesting, nullable, recursion", () => {
  let m: Mappers;
  beforeAll(async () => {
    m = (await load("mappers-nesting")).mappers;
  });

  it("maps a recursive tree at every level", () => {
    expectMaps(
      m,
      "tree",
      {
        node_name: "root",
        child_nodes: [{ node_name: "a", child_nodes: [{ node_name: "a1", child_nodes: [], parent_node: null }] }],
        parent_node: null,
      },
      {
        nodeName: "root",
        childNodes: [{ nodeName: "a", childNodes: [{ nodeName: "a1", childNodes: [], parentNode: null }] }],
        parentNode: null,
      },
    );
  });

  it("maps mutually recursive declarations, nullable arrays and nested arrays", () => {
    expectMaps(
      m,
      "author",
      {
        full_name: "A",
        best_book: {
          book_title: "T",
          co_authors: [{ full_name: "B", best_book: { book_title: "U", co_authors: null } }],
          page_counts: [[1, 2], []],
        },
      },
      {
        fullName: "A",
        bestBook: {
          bookTitle: "T",
          coAuthors: [{ fullName: "B", bestBook: { bookTitle: "U", coAuthors: null } }],
          pageCounts: [[1, 2], []],
        },
      },
    );
  });

  it("shares values that need no conversion", () => {
    const pages = [[1], [2, 3]];
    const model = m["bookFromWire"]!({ book_title: "T", co_authors: null, page_counts: pages }) as {
      pageCounts: unknown;
    };
    expect(model.pageCounts).toBe(pages);
  });
});

describe("unions, allOf, unknown", () => {
  let m: Mappers;
  beforeAll(async () => {
    m = (await load("mappers-unions")).mappers;
  });

  it("picks a member by the discriminator mapping", () => {
    expectMaps(m, "pet", { pet_type: "kitty", whisker_count: 12 }, { petType: "kitty", whiskerCount: 12 });
    expectMaps(m, "pet", { pet_type: "doggo", bark_volume: 3 }, { petType: "doggo", barkVolume: 3 });
    // the discriminator decides, not the keys present
    expect(m["petFromWire"]!({ pet_type: "doggo", whisker_count: 1 })).toStrictEqual({ petType: "doggo" });
  });

  it("maps a value with an unmapped discriminator by shape (as parse does), the member declaring its keys", () => {
    expect(m["petFromWire"]!({ pet_type: "fish", fin_count: 2 })).toStrictEqual({ petType: "fish" });
    expect(m["petFromWire"]!({ pet_type: "fish", bark_volume: 2 })).toStrictEqual({ petType: "fish", barkVolume: 2 });
  });

  it("picks a member by shape without a discriminator", () => {
    expectMaps(m, "shape", { circle_radius: 1.5 }, { circleRadius: 1.5 });
    expectMaps(m, "shape", { side_length: 2 }, { sideLength: 2 });
    expectMaps(m, "shape", "hexagon", "hexagon");
    // both members' required keys: the first in spec order wins
    expect(m["shapeFromWire"]!({ circle_radius: 1, side_length: 2 })).toStrictEqual({ circleRadius: 1 });
  });

  it("maps an allOf as one merged object", () => {
    expectMaps(m, "named", { circle_radius: 3, display_name: "c" }, { circleRadius: 3, displayName: "c" });
  });

  it("passes unknown values through as they are (keys inside are data)", () => {
    const payload = { nested_key: [{ deep_key: null }], __proto__: 1 };
    const wire = { raw_payload: payload, payload_list: [{ some_key: 1 }, "s", null] };
    const model = m["envelopeFromWire"]!(wire) as { rawPayload: unknown; payloadList: unknown };
    expect(model).toStrictEqual({ rawPayload: payload, payloadList: [{ some_key: 1 }, "s", null] });
    expect(model.rawPayload).toBe(payload);
    expectMaps(m, "envelope", { raw_payload: null }, { rawPayload: null });
  });
});

describe("prototype names are data", () => {
  let m: Mappers;
  beforeAll(async () => {
    m = (await load("mappers-proto")).mappers;
  });

  it("maps __proto__, constructor and toString as own properties", () => {
    const wire = JSON.parse('{"__proto__": "p", "constructor": "c", "toString": 1, "to_string": 2}') as unknown;
    const model = m["protoFromWire"]!(wire) as Record<string, unknown>;
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect(Object.keys(model)).toEqual(["__proto__", "constructor", "toString", "to_string"]);
    expect(Object.getOwnPropertyDescriptor(model, "__proto__")?.value).toBe("p");
    expect(model["constructor"]).toBe("c");
    expect(model["toString"]).toBe(1);
    checkRoundTrip(
      m["protoFromWire"]!,
      m["protoToWire"]!,
      JSON.parse('{"__proto__": "p", "constructor": "c", "toString": 1, "to_string": 2}'),
    );
  });

  it("does not read inherited members as present keys", () => {
    const model = m["protoFromWire"]!(JSON.parse('{"__proto__": "p"}')) as Record<string, unknown>;
    expect(Object.keys(model)).toEqual(["__proto__"]);
    expect(Object.hasOwn(model, "constructor")).toBe(false);
    expect(Object.hasOwn(model, "toString")).toBe(false);
  });

  it("keeps __proto__, constructor and toString as record keys and never changes a prototype", () => {
    const wire = JSON.parse(
      '{"__proto__": {"inner_value": "a"}, "constructor": {"inner_value": "b"}, "toString": {"inner_value": "c"}}',
    ) as unknown;
    const model = m["bagFromWire"]!(wire) as Record<string, unknown>;
    expect(Object.getPrototypeOf(model)).toBe(Object.prototype);
    expect(Object.keys(model)).toEqual(["__proto__", "constructor", "toString"]);
    expect(Object.getOwnPropertyDescriptor(model, "__proto__")?.value).toStrictEqual({ innerValue: "a" });
    expect(model["constructor"]).toStrictEqual({ innerValue: "b" });
    expect(model["toString"]).toStrictEqual({ innerValue: "c" });
    checkRoundTrip(m["bagFromWire"]!, m["bagToWire"]!, wire);
    expect(({} as Record<string, unknown>)["innerValue"]).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import { isIdentifier, modelKey, typeName, valueName } from "../generator/naming/casing.js";

describe("modelKey: wire key → camelCase model key", () => {
  const table: [string, string][] = [
    ["created_at", "createdAt"],
    ["n_epochs", "nEpochs"],
    ["id", "id"],
    ["userID", "userID"],
    ["user_ID", "userID"],
    ["ID", "id"],
    ["HTTPStatus", "httpStatus"],
    ["URL_path", "urlPath"],
    ["IDs2", "ids2"],
    ["foo__bar", "fooBar"],
    ["trailing_", "trailing_"],
    ["_links", "_links"],
    ["__typename", "__typename"],
    ["$schema", "$schema"],
    ["kebab-case-key", "kebabCaseKey"],
    ["dotted.key", "dottedKey"],
    ["with space", "withSpace"],
    ["x_2d", "x2d"],
    ["v1.2", "v12"],
    ["alreadyCamel", "alreadyCamel"],
    ["PascalCase", "pascalCase"],
    ["ünïcødé_kéy", "ünïcødéKéy"],
    ["default", "default"],
    ["class", "class"],
    ["__proto__", "__proto__"],
    ["constructor", "constructor"],
    // cannot become identifiers: kept as on the wire (and quoted in the type)
    ["+1", "+1"],
    ["-1", "-1"],
    ["@type", "@type"],
    ["2fa_enabled", "2fa_enabled"],
    ["a/b", "a/b"],
    ["🎉", "🎉"],
    ["", ""],
    ["_", "_"],
  ];
  it.each(table)("%j → %j", (given, want) => {
    expect(modelKey(given)).toBe(want);
  });
});

describe("typeName and valueName", () => {
  const types: [string[], string][] = [
    [["FineTuningJob"], "FineTuningJob"],
    [["FineTuningJob", "error"], "FineTuningJobError"],
    [["FineTuningJob", "hyperparameters"], "FineTuningJobHyperparameters"],
    [["repository-advisory"], "RepositoryAdvisory"],
    [["fine_tuning.job"], "FineTuningJob"],
    [["FineTuningJob", "integrations", "Item"], "FineTuningJobIntegrationsItem"],
    [["1st-place"], "_1stPlace"],
    [["---"], "Schema"],
    [["HTTPStatus"], "HTTPStatus"],
  ];
  it.each(types)("typeName(%j) → %j", (given, want) => {
    expect(typeName(given)).toBe(want);
  });

  const values: [string, string][] = [
    ["FineTuningJob", "fineTuningJob"],
    ["HTTPStatus", "httpStatus"],
    ["ID", "id"],
    ["_1stPlace", "_1stPlace"],
  ];
  it.each(values)("valueName(%j) → %j", (given, want) => {
    expect(valueName(given)).toBe(want);
  });
});

describe("isIdentifier", () => {
  it.each([
    ["a", true],
    ["$a", true],
    ["_", true],
    ["ünï", true],
    ["a-b", false],
    ["1a", false],
    ["🎉", false],
    ["", false],
  ] as const)("%j → %j", (given, want) => {
    expect(isIdentifier(given)).toBe(want);
  });
});

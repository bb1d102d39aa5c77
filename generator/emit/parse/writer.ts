/** The writer of one worker's body: fresh names, issues, and the one switch on the node kind. */
import { Lines } from "../../code/lines.js";
import type { Node } from "../../ir/types.js";
import { assertNever } from "../../ir/walk.js";
import { assertions } from "./assertions.js";
import { anyValue, array, record, tuple } from "./collections.js";
import { type Gen, type ParseContext, type Path, pathArgs } from "./context.js";
import { object } from "./object.js";
import { constant, date, primitive } from "./scalars.js";
import { intersection, union } from "./union.js";

/** Writes one worker's body; `gen` returns an expression holding the model value, valid after its lines. */
export class Writer extends Lines implements Gen {
  private counter = 0;

  readonly ctx: ParseContext;

  constructor(ctx: ParseContext) {
    super();
    this.ctx = ctx;
  }

  fresh(prefix: string): string {
    return `${prefix}${++this.counter}`;
  }

  issue(expected: string, received: string, path: Path): string {
    this.ctx.uses.add("addIssue");
    return `addIssue(issues, ${JSON.stringify(expected)}, ${received}${pathArgs(path)});`;
  }

  gen(node: Node, input: string, path: Path, orNull: boolean): string {
    const out = this.shape(node, input, path, orNull);
    if (node.checks !== undefined) assertions(this, node.checks, input, path);
    return out;
  }

  /** The node's shape: its type, constraints and parts (the one switch on the kind). */
  private shape(node: Node, input: string, path: Path, orNull: boolean): string {
    const nullText = orNull ? " | null" : "";
    switch (node.kind) {
      case "primitive":
        primitive(this, node, input, path, nullText);
        return input;
      case "date":
        return date(this, node, input, path, nullText);
      case "literal":
      case "enum":
        constant(this, node, input, path, nullText);
        return input;
      case "array":
        return array(this, node, input, path, nullText);
      case "tuple":
        return tuple(this, node, input, path, nullText);
      case "record":
        return record(this, node, input, path, nullText);
      case "object":
        return object(this, node, input, path, nullText);
      case "union":
        return union(this, node, input, path);
      case "intersection":
        return intersection(this, node, input, path);
      case "ref": {
        const callee = this.ctx.plan.names.decl(node.target).parseInto;
        const r = this.fresh("r");
        if (path.wire.length === 0) {
          this.line(`const ${r} = ${callee}(${input}, issues);`);
          return r;
        }
        const n = this.fresh("n");
        this.ctx.uses.add("nestIssues");
        this.line(`const ${n} = issues.length;`);
        this.line(`const ${r} = ${callee}(${input}, issues);`);
        this.line(`if (issues.length !== ${n}) nestIssues(issues, ${n}${pathArgs(path)});`);
        return r;
      }
      case "unknown":
        anyValue(this, node, input, path);
        return input;
      case "never":
        this.line(this.issue("nothing (no value is valid here)", input, path));
        return input;
      default:
        return assertNever(node);
    }
  }
}

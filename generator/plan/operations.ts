/**
 * What the operations table says about each operation, decided once for its printer (emit/operations.ts): the
 * identifiers of the functions each entry wraps, and the parameter locations table (which wire keys of the
 * parameters declaration travel in the path, the query, the headers or cookies).
 */
import type { FormEncodings, HttpMethod, Ir, Operation, OperationBody, ParameterLocation } from "../ir/types.js";
import type { DeclNames, Names } from "../naming/assign-names.js";

export interface OperationPlan {
  readonly operation: Operation;
  /** Its key in the `operations` table. */
  readonly key: string;
  /** Its own exported const. */
  readonly constName: string;
  readonly method: HttpMethod;
  readonly path: string;
  readonly params?: {
    readonly names: DeclNames;
    /** The locations that have parameters, in the order path, query, header, cookie, each with its wire keys. */
    readonly groups: readonly { readonly in: ParameterLocation; readonly keys: readonly string[] }[];
  };
  readonly requestBody?: BodyPlan;
  readonly responses: readonly ({ readonly status: string } & Partial<BodyPlan>)[];
}

export interface BodyPlan {
  readonly contentType: string;
  /** The body's declaration, for a JSON or form media type with a schema: its functions are in the entry. */
  readonly names?: DeclNames;
  /** A form body's `encoding` by wire property, for the runtime's `encodeForm`. */
  readonly encoding?: FormEncodings;
  /** A multipart body's file fields, left out of its declaration. */
  readonly files?: readonly string[];
}

const LOCATION_ORDER: readonly ParameterLocation[] = ["path", "query", "header", "cookie"];

export function operationPlans(ir: Ir, names: Names): OperationPlan[] {
  const body = (b: OperationBody): BodyPlan => ({
    contentType: b.contentType,
    ...(b.decl === undefined ? {} : { names: names.decl(b.decl) }),
    ...(b.encoding === undefined ? {} : { encoding: b.encoding }),
    ...(b.files === undefined ? {} : { files: b.files }),
  });
  return (ir.operations ?? []).map((op) => {
    const { key, constName } = names.operation(op);
    const params =
      op.params === undefined
        ? undefined
        : {
            names: names.decl(op.params.decl),
            groups: LOCATION_ORDER.flatMap((where) => {
              const keys = op.params!.locations.filter((l) => l.in === where).map((l) => l.key);
              return keys.length === 0 ? [] : [{ in: where, keys }];
            }),
          };
    return {
      operation: op,
      key,
      constName,
      method: op.method,
      path: op.path,
      ...(params === undefined ? {} : { params }),
      ...(op.requestBody === undefined ? {} : { requestBody: body(op.requestBody) }),
      responses: op.responses.map((r) =>
        r.contentType === undefined
          ? { status: r.status }
          : {
              status: r.status,
              ...body({
                contentType: r.contentType,
                ...(r.decl === undefined ? {} : { decl: r.decl }),
                ...(r.encoding === undefined ? {} : { encoding: r.encoding }),
              }),
            },
      ),
    };
  });
}

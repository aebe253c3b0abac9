/** An empty design with the default settings (those of the Rust model's defaults). */
import type { Design } from "../bindings/Design";

/** A new empty design. */
export function emptyDesign(name = "Untitled"): Design {
  return {
    format: 1,
    name,
    settings: {
      dialects: ["postgres", "mysql", "sqlite"],
      naming: {
        tables: "plural_snake_case",
        columns: "snake_case",
        primary_key_column: "id",
        foreign_key_column: "{referenced_singular}_id",
        primary_key: "pk_{table}",
        foreign_key: "fk_{table}_{referenced}",
        unique: "uq_{table}_{columns}",
        index: "ix_{table}_{columns}",
        check: "ck_{table}_{what}",
        junction_table: "{from}_{to}",
      },
    },
    tables: [],
  };
}

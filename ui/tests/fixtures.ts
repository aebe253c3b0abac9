/** Small designs for the unit tests. */
import type { Design } from "../src/bindings/Design";
import { emptyDesign } from "../src/model/empty";

/** users <- posts (nullable FK editor_id, NOT NULL author_id), users <- profiles (unique FK). */
export function blog(): Design {
  const d = emptyDesign("Blog");
  d.tables = [
    {
      id: "users",
      name: "users",
      columns: [
        { id: "id", name: "id", type: "bigint" },
        { id: "email", name: "email", type: "varchar(255)" },
      ],
      primary_key: { columns: ["id"] },
      uniques: [{ id: "uq1", columns: ["email"] }],
    },
    {
      id: "posts",
      name: "posts",
      columns: [
        { id: "id", name: "id", type: "bigint" },
        { id: "author_id", name: "author_id", type: "bigint" },
        { id: "editor_id", name: "editor_id", type: "bigint", nullable: true },
      ],
      primary_key: { columns: ["id"] },
      foreign_keys: [
        { id: "fk1", columns: ["author_id"], references: "users" },
        { id: "fk2", columns: ["editor_id"], references: "users" },
      ],
    },
    {
      id: "profiles",
      name: "profiles",
      columns: [
        { id: "id", name: "id", type: "bigint" },
        { id: "user_id", name: "user_id", type: "bigint" },
      ],
      primary_key: { columns: ["id"] },
      uniques: [{ id: "uq1", columns: ["user_id"] }],
      foreign_keys: [{ id: "fk1", columns: ["user_id"], references: "users" }],
    },
    { id: "tags", name: "tags", columns: [{ id: "id", name: "id", type: "integer" }], primary_key: { columns: ["id"] } },
  ];
  d.relationships = [{ id: "r1", cardinality: "many_to_many", from: "posts", to: "tags", name: "tagged" }];
  d.layout = { tables: { users: { x: 0, y: 0 }, posts: { x: 400, y: 0 }, profiles: { x: -400, y: 0 } } };
  return d;
}

/** A small SQL tokenizer for highlighting: keywords, strings, numbers, parameters, comments. */

/** What a piece of SQL text is, for its colour. */
export type SqlTokenKind = "keyword" | "string" | "number" | "param" | "comment" | "text";

/** One piece of SQL text; the pieces of a text join back to it exactly. */
export type SqlToken = { text: string; kind: SqlTokenKind };

const KEYWORDS = new Set(
  (
    "select from where and or not in is null like ilike between exists join inner left right full outer cross on using " +
    "group by order having limit offset fetch first next rows only asc desc nulls last distinct as case when then else end " +
    "insert into values update set delete returning with recursive union all intersect except conflict do nothing " +
    "for share skip locked nowait begin commit rollback lateral true false count sum avg min max coalesce"
  ).split(" "),
);

const RULES: [RegExp, SqlTokenKind][] = [
  [/^--[^\n]*/, "comment"],
  [/^\/\*[\s\S]*?(\*\/|$)/, "comment"],
  [/^'(?:[^']|'')*'?/, "string"],
  [/^"(?:[^"]|"")*"?/, "text"],
  [/^(\$\d+|\?|:[A-Za-z_]\w*|@[A-Za-z_]\w*|sqlc\.(n?arg|slice)\([^)]*\))/, "param"],
  [/^\d+(\.\d+)?/, "number"],
  [/^[A-Za-z_][\w$]*/, "text"],
  [/^\s+/, "text"],
];

/** The tokens of `sql`, with neighbouring plain text merged. */
export function sqlTokens(sql: string): SqlToken[] {
  const out: SqlToken[] = [];
  const push = (text: string, kind: SqlTokenKind) => {
    const last = out[out.length - 1];
    if (last && last.kind === kind && kind === "text") last.text += text;
    else out.push({ text, kind });
  };
  let rest = sql;
  while (rest.length > 0) {
    let matched = false;
    for (const [re, kind] of RULES) {
      const m = re.exec(rest);
      if (!m || m[0] === "") continue;
      const word = m[0];
      push(word, kind === "text" && KEYWORDS.has(word.toLowerCase()) ? "keyword" : kind);
      rest = rest.slice(word.length);
      matched = true;
      break;
    }
    if (!matched) {
      push(rest[0], "text");
      rest = rest.slice(1);
    }
  }
  return out;
}

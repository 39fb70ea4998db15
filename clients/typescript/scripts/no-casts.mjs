// Fails when the hand-written sources escape the generated types: `as` casts (but `as const`),
// `<T>x` assertions, non-null assertions (`x!`), the `any` type, and @ts-ignore / @ts-expect-error /
// @ts-nocheck comments. Generated files are not checked (openapi-typescript writes them).
import { readdir, readFile } from "node:fs/promises";
import ts from "typescript";

const root = new URL("../src/", import.meta.url);
const files = (await readdir(root)).filter((name) => name.endsWith(".ts"));
const problems = [];
for (const name of files) {
  const text = await readFile(new URL(name, root), "utf8");
  const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
  const report = (node, what) => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    problems.push(`src/${name}:${line + 1}:${character + 1}: ${what}: ${node.getText(source).slice(0, 80)}`);
  };
  const visit = (node) => {
    if (ts.isAsExpression(node) && !(ts.isTypeReferenceNode(node.type) && node.type.getText(source) === "const")) {
      report(node, "cast");
    } else if (ts.isTypeAssertionExpression(node)) {
      report(node, "type assertion");
    } else if (ts.isNonNullExpression(node)) {
      report(node, "non-null assertion");
    } else if (node.kind === ts.SyntaxKind.AnyKeyword) {
      report(node, "any");
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  for (const match of text.matchAll(/@ts-(ignore|expect-error|nocheck)/g)) {
    const { line } = source.getLineAndCharacterOfPosition(match.index);
    problems.push(`src/${name}:${line + 1}: @ts-${match[1]}`);
  }
}
if (problems.length > 0) {
  console.error(`${problems.length} escape(s) from the generated types:\n${problems.join("\n")}`);
  process.exit(1);
}
console.log(`no cast, no any, no non-null assertion in ${files.length} file(s) of src/`);

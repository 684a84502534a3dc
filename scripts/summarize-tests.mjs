// Adds up the JSON reports of every test run and prints the one line CI reads.
import { existsSync, readFileSync } from "node:fs";

const dir = process.argv[2];
const runs = ["lint", "unit", "integration-pglite", "integration-postgresql", "e2e"];
let passed = 0;
let failed = 0;
const failures = [];
for (const run of runs) {
  const file = `${dir}/${run}.json`;
  if (!existsSync(file)) {
    console.log(`   ${run}: no report (counted as 1 failure)`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  // A test file that fails outside its tests (load error, failing beforeAll) has no failed test
  // but is a failure all the same.
  const brokenSuites = (report.testResults ?? []).filter(
    (suite) =>
      suite.status === "failed" &&
      !(suite.assertionResults ?? []).some((test) => test.status === "failed"),
  ).length;
  for (const suite of report.testResults ?? []) {
    const file = String(suite.name ?? "").replace(/^.*?\/(test|e2e|src)\//, "$1/");
    const failedTests = (suite.assertionResults ?? []).filter((test) => test.status === "failed");
    for (const test of failedTests)
      failures.push(
        `${run}: ${file} > ${test.fullName ?? test.title}: ${firstLine(test.failureMessages)}`,
      );
    if (suite.status === "failed" && failedTests.length === 0)
      failures.push(`${run}: ${file}: ${firstLine([suite.message])}`);
  }
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + brokenSuites;
  console.log(
    `   ${run}: ${report.numPassedTests ?? 0} passed, ${(report.numFailedTests ?? 0) + brokenSuites} failed`,
  );
}
// The failures' names come last but one: CI keeps only the end of the output.
for (const failure of failures.slice(0, 20)) console.log(`   FAILED ${failure}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

function firstLine(messages) {
  const text = (messages ?? []).find((message) => message) ?? "";
  return String(text)
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g"), "")
    .split("\n")[0]
    .slice(0, 300);
}

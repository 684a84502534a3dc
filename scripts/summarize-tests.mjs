// Adds up the JSON reports of every test run and prints the one line CI reads.
import { existsSync, readFileSync } from "node:fs";

const dir = process.argv[2];
const runs = ["lint", "unit", "integration-pglite", "integration-postgresql", "e2e"];
let passed = 0;
let failed = 0;
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
  passed += report.numPassedTests ?? 0;
  failed += (report.numFailedTests ?? 0) + brokenSuites;
  console.log(
    `   ${run}: ${report.numPassedTests ?? 0} passed, ${(report.numFailedTests ?? 0) + brokenSuites} failed`,
  );
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);

// The mobile test run for CI (called by `mvn verify` through mobile/pom.xml, or `npm run test:ci`):
// typecheck, the Jest suite, and the release JS bundle for Android and iOS, built offline.
// CI counts tests from a plain "N passed, N failed" line, which Jest does not print by itself.
import {spawnSync} from 'node:child_process';
import {mkdirSync, readFileSync, rmSync} from 'node:fs';
import {join} from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = name => join(root, 'node_modules', '.bin', name);
const run = (label, cmd, args) => {
  const started = Date.now();
  const r = spawnSync(cmd, args, {cwd: root, stdio: 'inherit', env: {...process.env, CI: 'true'}});
  console.log(
    `[mobile] ${label}: ${r.status === 0 ? 'ok' : `FAILED (${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return r.status === 0;
};

let ok = run('typecheck', bin('tsc'), ['--noEmit']);

const report = join(root, 'build', 'jest-results.json');
mkdirSync(join(root, 'build'), {recursive: true});
rmSync(report, {force: true});
const jestOk = run('jest', bin('jest'), ['--ci', '--maxWorkers=2', '--json', `--outputFile=${report}`]);
let passed = 0;
let failed = 0;
try {
  const results = JSON.parse(readFileSync(report, 'utf8'));
  passed = results.numPassedTests;
  failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
} catch {
  failed += 1;
}
console.log(`${passed} passed, ${failed} failed`);
ok = ok && jestOk && failed === 0;

for (const platform of ['android', 'ios']) {
  ok = run(`react-native bundle (${platform})`, 'npm', ['run', '--silent', `bundle:${platform}`]) && ok;
}
process.exit(ok ? 0 : 1);

// Runs a test file again under other time zones: each zone is one test of the parent run that
// spawns `node --test FILE` with TZ set, and fails when the child fails, skips a test, or did
// not run in that zone (its test names carry `[ZONE]`). Shared by the files whose results
// depend on the local calendar, so the rule for "the child passed" is written once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** True inside a child run: the file should run its tests once, not start the matrix again. */
export const IN_CHILD = Boolean(process.env.REACHOUT_TZ_CHILD);

/** Adds one test per zone that reruns `fileUrl` (the caller's `import.meta.url`) with TZ=zone. */
export function tzMatrix(fileUrl, zones) {
  if (IN_CHILD) return;
  for (const zone of zones) {
    test(`all of the above again with TZ=${zone}`, () => {
      const env = { ...process.env, TZ: zone, REACHOUT_TZ_CHILD: '1' };
      delete env.NODE_TEST_CONTEXT; // a standalone run, not a sub-test of this runner
      const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', fileURLToPath(fileUrl)], { env, encoding: 'utf8' });
      assert.equal(r.status, 0, `TZ=${zone}:\n${r.stdout}\n${r.stderr}`);
      assert.match(r.stdout, new RegExp(`\\[${zone.replace('/', '\\/')}\\]`), 'the child did not run in that zone');
      assert.doesNotMatch(r.stdout, /(skipped|fail) [1-9]/, `a test was skipped or failed in ${zone}`);
    });
  }
}

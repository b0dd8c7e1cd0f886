// The FHIR export end to end: the real CLI loads the demo people into a
// fresh SQLite file, exports each person's bundle (one also for a named
// therapist), and every bundle and resource must validate with zero errors
// (validate.mjs). The same export twice must give the same bytes, the demo
// must still cover a safety flag and a journal, and a deliberately broken
// bundle must be reported (the validator can fail). The bundles are kept in
// the output directory for a person to look at.
//
//   node tests/fhir/export_test.mjs BINARY OUTPUT_DIR
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selfTest, validateBundle } from './validate.mjs';

const [binary, outputDir] = process.argv.slice(2);
if (!binary || !outputDir) {
  console.error('usage: node tests/fhir/export_test.mjs BINARY OUTPUT_DIR');
  process.exit(2);
}
mkdirSync(outputDir, { recursive: true });
const scratch = mkdtempSync(join(tmpdir(), 'mn-fhir-'));
const database = `sqlite:${join(scratch, 'demo.db')}`;
const run = (...args) => execFileSync(binary, ['--database', database, ...args], { encoding: 'utf8' });

let failures = 0;
const fail = (message) => {
  console.error(`FAIL ${message}`);
  failures += 1;
};

try {
  run('demo', 'load');
  const people = run('patient', 'list').trim().split('\n').map((line) => line.split('\t')[0]);
  if (people.length < 2) fail(`the demo has ${people.length} people`);
  const exports = people.map((id) => ({ id, args: [] }));
  exports.push({
    id: people[people.length - 1],
    args: ['--therapist', 'Grace Sampleton', '--therapist-licence', 'LMT 0042',
      '--therapist-practice', 'Sampleton Bodywork'],
    suffix: '-therapist',
  });
  const kinds = new Set();
  for (const { id, args, suffix = '' } of exports) {
    const file = join(outputDir, `patient-${id}${suffix}.json`);
    run('export', id, '--fhir', ...args, '--output', file);
    const text = readFileSync(file, 'utf8');
    if (run('export', id, '--fhir', ...args) !== text) fail(`${file}: a second export differs`);
    const bundle = JSON.parse(text);
    for (const entry of bundle.entry) kinds.add(entry.resource.resourceType);
    const problems = validateBundle(bundle);
    for (const problem of problems) fail(`${file}: ${problem}`);
    console.log(`${file}: ${problems.length === 0 ? 'valid' : 'INVALID'} (${bundle.entry.length} resources)`);
  }
  // What the demo must keep covering, so that the validation above means something.
  for (const kind of ['Patient', 'Practitioner', 'PractitionerRole', 'Questionnaire',
    'QuestionnaireResponse', 'Flag', 'Goal', 'CarePlan', 'ServiceRequest', 'Procedure', 'Observation']) {
    if (!kinds.has(kind)) fail(`no ${kind} in any demo bundle`);
  }
  const sample = JSON.parse(readFileSync(join(outputDir, `patient-${people[0]}.json`), 'utf8'));
  for (const missed of selfTest(sample)) fail(`self-test: ${missed}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

console.log(failures === 0 ? 'FHIR export: all bundles valid' : `FHIR export: ${failures} failures`);
process.exit(failures === 0 ? 0 : 1);

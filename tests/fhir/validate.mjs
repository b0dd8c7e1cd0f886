// Validates FHIR R4 bundles offline: the bundle and each of its resources
// with the npm `fhir` package's validator (structure, cardinality,
// unexpected elements, required bindings), plus the checks that validator
// leaves out: anchored formats of primitive values, references that
// resolve inside the bundle, unique fullUrls, and QuestionnaireResponse
// answers that fit the Questionnaire in the bundle. docs/fhir.md.
//
//   node tests/fhir/validate.mjs BUNDLE.json...            every error; exit 1 on any
//   node tests/fhir/validate.mjs --self-test BUNDLE.json    breaks copies of a valid
//       bundle in known ways; exit 1 unless each break is reported
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import fhirPackage from 'fhir';

const { Fhir } = fhirPackage;
const fhir = new Fhir(); // R4 (4.0.1) definitions, shipped with the package

const OUR_BASE = 'https://massage-navigator.example/fhir/';

// FHIR R4's regular expressions for primitive types (datatypes.html),
// anchored: the package's own are not, so "2026-13-45" passes there.
const YEAR = '([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)';
const MONTH = '(0[1-9]|1[0-2])';
const DAY = '(0[1-9]|[1-2][0-9]|3[0-1])';
const TIME = '([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?';
const ZONE = '(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00))';
const PRIMITIVES = {
  date: new RegExp(`^${YEAR}(-${MONTH}(-${DAY})?)?$`),
  dateTime: new RegExp(`^${YEAR}(-${MONTH}(-${DAY}(T${TIME}${ZONE})?)?)?$`),
  instant: new RegExp(`^${YEAR}-${MONTH}-${DAY}T${TIME}${ZONE}$`),
  id: /^[A-Za-z0-9\-.]{1,64}$/,
  code: /^[^\s]+( [^\s]+)*$/,
  uri: /^\S*$/,
  canonical: /^\S*$/,
};

// A day that exists: the regular expressions accept 2026-02-30.
function realDay(text) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return true;
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function checkPrimitive(property, location, value) {
  const values = Array.isArray(value) ? value : [value];
  const problems = [];
  for (const one of values) {
    if (typeof one === 'string' && one.trim() === '') {
      problems.push({ location, severity: 'error', message: 'Empty string' });
      continue;
    }
    const pattern = PRIMITIVES[property._type];
    if (!pattern || typeof one !== 'string') continue;
    if (!pattern.test(one) || (property._type.startsWith('date') && !realDay(one)) ||
        (property._type === 'instant' && !realDay(one))) {
      problems.push({ location, severity: 'error', message: `Invalid ${property._type} "${one}"` });
    }
  }
  return problems;
}

const OPTIONS = {
  errorOnUnexpected: true,
  onBeforeValidateProperty: (resource, property, location, value) =>
    checkPrimitive(property, location, value),
};

// A warning is accepted only for a code of our own code systems, or of LOINC,
// on a binding that is not required (example or extensible value sets that
// the package does not hold, or that cannot list our codes).
function acceptedWarning(message) {
  const found = /^Code "[^"]*" \(([^)]*)\) not found in value set$/.exec(message.message);
  return found !== null && (found[1].startsWith(OUR_BASE) || found[1] === 'http://loinc.org');
}

function packageProblems(resource, where) {
  const result = fhir.validate(resource, OPTIONS);
  return result.messages
    .filter((m) => m.severity === 'error' || m.severity === 'fatal' ||
      (m.severity === 'warning' && !acceptedWarning(m)))
    .map((m) => `${where}: ${m.severity}: ${m.location || '(resource)'}: ${m.message}`);
}

// Every {"reference": ...} in a value, with its path.
function* references(value, path) {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) yield* references(value[i], `${path}[${i}]`);
  } else if (value && typeof value === 'object') {
    for (const [key, member] of Object.entries(value)) {
      if (key === 'reference' && typeof member === 'string') yield { path, reference: member };
      else yield* references(member, `${path}.${key}`);
    }
  }
}

function bundleProblems(bundle) {
  const problems = [];
  if (bundle.resourceType !== 'Bundle') return ['not a Bundle'];
  const entries = bundle.entry || [];
  const byUrl = new Map();
  entries.forEach((entry, index) => {
    const where = `entry[${index}]`;
    if (!entry.fullUrl) problems.push(`${where}: no fullUrl`);
    else if (byUrl.has(entry.fullUrl)) problems.push(`${where}: fullUrl ${entry.fullUrl} repeats`);
    byUrl.set(entry.fullUrl, entry.resource);
    const resource = entry.resource || {};
    if (entry.fullUrl && entry.fullUrl !== `urn:uuid:${resource.id}`) {
      problems.push(`${where}: fullUrl ${entry.fullUrl} is not urn:uuid:${resource.id}`);
    }
  });
  entries.forEach((entry, index) => {
    for (const { path, reference } of references(entry.resource, `entry[${index}].resource`)) {
      if (!byUrl.has(reference)) problems.push(`${path}: reference ${reference} is not in the bundle`);
    }
  });
  return problems;
}

// ---- QuestionnaireResponse against its Questionnaire -----------------------

const ANSWER_KEY = {
  boolean: 'valueBoolean', decimal: 'valueDecimal', integer: 'valueInteger', date: 'valueDate',
  dateTime: 'valueDateTime', time: 'valueTime', string: 'valueString', text: 'valueString',
  choice: 'valueCoding', 'open-choice': 'valueCoding', quantity: 'valueQuantity',
};

function itemsByLink(items, map = new Map()) {
  for (const item of items || []) {
    map.set(item.linkId, item);
    itemsByLink(item.item, map);
  }
  return map;
}

function checkAnswers(items, questions, path, problems) {
  (items || []).forEach((item, index) => {
    const where = `${path}.item[${index}]`;
    const question = questions.get(item.linkId);
    if (!question) {
      problems.push(`${where}: linkId ${item.linkId} is not in the Questionnaire`);
      return;
    }
    const answers = item.answer || [];
    if (answers.length > 1 && !question.repeats) problems.push(`${where}: several answers to ${item.linkId}`);
    answers.forEach((answer, n) => {
      const key = ANSWER_KEY[question.type];
      const value = Object.keys(answer).find((k) => k.startsWith('value'));
      if (value !== key) problems.push(`${where}.answer[${n}]: ${value} for a ${question.type} question`);
      if (value === key && key === 'valueCoding' && question.answerOption) {
        const offered = question.answerOption.some((option) => option.valueCoding &&
          option.valueCoding.system === answer.valueCoding.system &&
          option.valueCoding.code === answer.valueCoding.code);
        if (!offered) problems.push(`${where}.answer[${n}]: ${answer.valueCoding.code} is not an answerOption`);
      }
      checkAnswers(answer.item, questions, `${where}.answer[${n}]`, problems);
    });
    checkAnswers(item.item, questions, where, problems);
  });
}

function responseProblems(bundle) {
  const problems = [];
  const resources = (bundle.entry || []).map((entry) => entry.resource || {});
  for (const response of resources.filter((r) => r.resourceType === 'QuestionnaireResponse')) {
    const questionnaire = resources.find((r) => r.resourceType === 'Questionnaire' &&
      `${r.url}|${r.version}` === response.questionnaire);
    if (!questionnaire) {
      problems.push(`QuestionnaireResponse ${response.id}: ${response.questionnaire} is not in the bundle`);
      continue;
    }
    checkAnswers(response.item, itemsByLink(questionnaire.item), `QuestionnaireResponse ${response.id}`, problems);
  }
  return problems;
}

// Every problem of one bundle, as lines for a person to read.
export function validateBundle(bundle) {
  const problems = [...packageProblems(bundle, 'Bundle'), ...bundleProblems(bundle), ...responseProblems(bundle)];
  (bundle.entry || []).forEach((entry, index) => {
    const resource = entry.resource || {};
    problems.push(...packageProblems(resource, `entry[${index}] ${resource.resourceType}/${resource.id}`));
  });
  return problems;
}

// ---- Self-test: a broken bundle must be reported ----------------------------

function first(bundle, type) {
  return bundle.entry.find((entry) => entry.resource.resourceType === type).resource;
}

const BREAKS = {
  'unknown status code': (b) => { first(b, 'Observation').status = 'done'; },
  'required element missing': (b) => { delete first(b, 'Observation').code; },
  'unexpected element': (b) => { first(b, 'Patient').gender_text = 'n/a'; },
  'time without zone': (b) => { first(b, 'Observation').effectiveDateTime = '2026-11-15T15:51:00'; },
  'day that does not exist': (b) => { first(b, 'Observation').effectiveDateTime = '2026-02-30T10:00:00Z'; },
  'integer as text': (b) => { first(b, 'Observation').valueInteger = '4'; },
  'dangling reference': (b) => { first(b, 'Observation').subject.reference = 'urn:uuid:00000000-0000-5000-8000-000000000000'; },
  'repeated fullUrl': (b) => { b.entry.push(structuredClone(b.entry[0])); },
  'unknown resource type': (b) => { b.entry.push({ fullUrl: 'urn:uuid:x', resource: { resourceType: 'Massage', id: 'x' } }); },
  'answer of the wrong type': (b) => {
    const group = first(b, 'QuestionnaireResponse').item[0];
    group.item[0].answer = [{ valueString: 'a lot' }];
  },
  'answer not offered': (b) => {
    const response = first(b, 'QuestionnaireResponse');
    const coded = response.item.flatMap((g) => g.item).find((i) => i.answer[0].valueCoding);
    coded.answer[0].valueCoding.code = 'teleportation';
  },
};

export function selfTest(bundle) {
  const missed = [];
  if (validateBundle(bundle).length !== 0) missed.push('the unbroken bundle is not valid');
  for (const [name, breakIt] of Object.entries(BREAKS)) {
    const copy = structuredClone(bundle);
    breakIt(copy);
    const problems = validateBundle(copy);
    if (problems.length === 0) missed.push(`not reported: ${name}`);
    else console.log(`reported as expected: ${name}: ${problems[0]}`);
  }
  return missed;
}

function main(args) {
  const self = args[0] === '--self-test';
  const files = self ? args.slice(1) : args;
  if (files.length === 0) {
    console.error('usage: node tests/fhir/validate.mjs [--self-test] BUNDLE.json...');
    return 2;
  }
  let failed = 0;
  for (const file of files) {
    const bundle = JSON.parse(readFileSync(file, 'utf8'));
    const problems = self ? selfTest(bundle) : validateBundle(bundle);
    for (const problem of problems) console.error(`${file}: ${problem}`);
    if (problems.length > 0) failed += 1;
    else console.log(`${file}: ${self ? 'every break reported' : `valid (${bundle.entry.length} resources)`}`);
  }
  return failed === 0 ? 0 : 1;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) process.exit(main(process.argv.slice(2)));

// Checks Mermaid diagram text with the real Mermaid parser.
//
// Input (stdin): a JSON array of diagram texts.
// Output (stdout): a JSON array of the same length and order; each item is null when
// the diagram parses, or the error message as a string when it does not.
//
// Mermaid is an ES module written for browsers: its sanitiser (DOMPurify) binds to a
// global `window` when it is first imported, so a jsdom window is installed as the
// global before mermaid is loaded. One process checks a whole batch because loading
// mermaid takes about a second.
//
// `mermaid.parse` accepts some diagrams that `mermaid.render` cannot draw properly, so
// the parsed diagram is checked further:
// - journey: the grammar takes everything after a task's first colon as free text and
//   converts the score with Number() later, so `Task: notanumber: Me` parses and then
//   renders with NaN coordinates. Every score must be a finite number that was written
//   (Number() reads a blank score as 0), and no actor name may be empty, except that
//   `Task: 5:` (a colon and no actors, as in Mermaid's own tests) means no actors.
//   Scores outside 1 to 5 hold a value, drawn off the scale: they count as meaningful.
// - xychart: a chart without a line or bar parses but fails to render, and a series
//   shorter than the x-axis categories leaves points without a value.
//
// `mermaid.parse` also accepts text longer than `maxTextSize` (50,000 UTF-16 code units
// by default, a setting diagrams cannot override), which `mermaid.render` replaces by a
// "Maximum text size in diagram exceeded" box; such text is reported as an error too.
//
// package.json pins mermaid 11: mermaid 12 needs Node.js 22, while Debian 12 ships
// Node.js 18, on which this script runs as well as on 20.
//
// Exit status: 0 when every item got a result (even an error), 2 when the input is not
// a JSON array of strings.

import { JSDOM } from 'jsdom';

// Mermaid's logger and its dependencies may write to the console; stdout carries
// only the JSON answer.
for (const level of ['log', 'info', 'warn', 'debug', 'trace']) {
  console[level] = (...args) => console.error(...args);
}

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', {
  pretendToBeVisual: true,
});
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const { default: mermaid } = await import('mermaid');
mermaid.initialize({ startOnLoad: false, logLevel: 'fatal', securityLevel: 'strict' });

// The journey database keeps only Number(score); the text of each score is recorded on
// the way in, so that a blank score (read as 0) can be told from a written 0.
let scoreTexts = [];
const journeyDb = (await mermaid.mermaidAPI.getDiagramFromText('journey\n')).db;
const addTask = journeyDb.addTask;
journeyDb.addTask = function (descr, taskData) {
  scoreTexts.push(taskData.substr(1).split(':')[0]);
  return addTask.call(this, descr, taskData);
};

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function messageOf(error) {
  if (error instanceof Error) {
    return error.message;
  }
  return String(error);
}

function journeyProblem(db) {
  for (const [index, task] of db.getTasks().entries()) {
    const name = JSON.stringify(task.task);
    const { score } = task;
    if (scoreTexts[index].trim() === '') {
      return `journey task ${name}: no score`;
    }
    if (!Number.isFinite(score)) {
      return `journey task ${name}: score is not a number (got ${score})`;
    }
    const noActors = task.people.length === 1 && task.people[0] === '';
    if (!noActors && task.people.some((actor) => actor === '')) {
      return `journey task ${name}: empty actor name in ${JSON.stringify(task.people)}`;
    }
  }
  return null;
}

function xychartProblem(db) {
  const { plots } = db.getXYChartData();
  if (plots.length === 0) {
    return 'xychart has no line or bar to draw';
  }
  for (const [index, plot] of plots.entries()) {
    const missing = plot.data.filter(([, value]) => !Number.isFinite(value));
    if (missing.length > 0) {
      const categories = JSON.stringify(missing.map(([category]) => category));
      return `xychart ${plot.type} ${index + 1}: no value for ${categories}`;
    }
  }
  return null;
}

const semanticChecks = { journey: journeyProblem, xychart: xychartProblem };

async function check(text) {
  const { maxTextSize } = mermaid.mermaidAPI.getSiteConfig();
  if (text.length > maxTextSize) {
    return (
      `diagram text is ${text.length} characters long; ` +
      `Mermaid renders at most ${maxTextSize}`
    );
  }
  scoreTexts = [];
  try {
    const { diagramType } = await mermaid.parse(text);
    const semanticCheck = semanticChecks[diagramType];
    if (semanticCheck === undefined) {
      return null;
    }
    scoreTexts = [];
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    return semanticCheck(diagram.db);
  } catch (error) {
    return messageOf(error);
  }
}

let texts;
try {
  texts = JSON.parse(await readStdin());
} catch (error) {
  console.error(`parse.mjs: stdin is not JSON: ${messageOf(error)}`);
  process.exit(2);
}
if (!Array.isArray(texts) || !texts.every((text) => typeof text === 'string')) {
  console.error('parse.mjs: stdin must be a JSON array of strings');
  process.exit(2);
}

const results = [];
for (const text of texts) {
  results.push(await check(text));
}
process.stdout.write(JSON.stringify(results) + '\n', () => process.exit(0));

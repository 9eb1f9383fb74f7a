// Runs either side of the RFC 9497 OPRF (mode OPRF, suite P256-SHA256) with the independent implementation
// @cloudflare/voprf-ts, so the .NET tests can pair it with Tigress.Protocol's P256Oprf in both directions.
// One JSON object per line on stdin and stdout; byte strings are hex.
//
//   node oprf.mjs client   in:  {"inputs": [...]}                 out: {"blindedElements": [...]}
//                          in:  {"evaluatedElements": [...]}      out: {"outputs": [...]}
//   node oprf.mjs server   in:  {"key": k, "blindedElements": [...], "inputs": [...]}
//                          out: {"evaluatedElements": [...], "outputs": [...]}   (outputs: the direct Evaluate)
//
// Exit status 1 and a message on stderr when anything fails.
import { createInterface } from 'node:readline';
import { Evaluation, EvaluationRequest, OPRFClient, OPRFServer, Oprf } from '@cloudflare/voprf-ts';

const suite = Oprf.Suite.P256_SHA256;
const hex = (/** @type {Uint8Array} */ bytes) => Buffer.from(bytes).toString('hex');
const bytes = (/** @type {string} */ text) => new Uint8Array(Buffer.from(text, 'hex'));
const lines = createInterface({ input: process.stdin })[Symbol.asyncIterator]();

async function readJson() {
  const next = await lines.next();
  if (next.done) throw new Error('stdin ended early');
  return JSON.parse(next.value);
}

const write = (/** @type {object} */ value) => process.stdout.write(JSON.stringify(value) + '\n');

async function client() {
  const oprf = new OPRFClient(suite);
  const { inputs } = await readJson();
  const [finData, request] = await oprf.blind(inputs.map(bytes));
  write({ blindedElements: request.blinded.map((e) => hex(e.serialize(true))) });

  const { evaluatedElements } = await readJson();
  const evaluation = new Evaluation(Oprf.Mode.OPRF, evaluatedElements.map((e) => oprf.group.desElt(bytes(e))));
  const outputs = await oprf.finalize(finData, evaluation);
  write({ outputs: outputs.map(hex) });
}

async function server() {
  const { key, blindedElements, inputs } = await readJson();
  const oprf = new OPRFServer(suite, bytes(key));
  const evaluated = [];
  for (const element of blindedElements) {
    const evaluation = await oprf.blindEvaluate(new EvaluationRequest([oprf.group.desElt(bytes(element))]));
    evaluated.push(hex(evaluation.evaluated[0].serialize(true)));
  }
  const outputs = [];
  for (const input of inputs ?? []) outputs.push(hex(await oprf.evaluate(bytes(input))));
  write({ evaluatedElements: evaluated, outputs });
}

try {
  const role = process.argv[2];
  if (role === 'client') await client();
  else if (role === 'server') await server();
  else throw new Error('usage: node oprf.mjs client|server');
  process.exit(0);
} catch (e) {
  process.stderr.write('oprf.mjs: ' + (e instanceof Error ? e.message : String(e)) + '\n');
  process.exit(1);
}

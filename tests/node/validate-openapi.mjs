// Validates an OpenAPI document read from standard input against the OpenAPI specification's own JSON schemas,
// with an implementation that shares nothing with the relay's generator. Prints the errors and exits 1 if invalid.
import { Validator } from "@seriousme/openapi-schema-validator";

const chunks = [];
for await (const chunk of process.stdin) {
  chunks.push(chunk);
}

const validator = new Validator();
const result = await validator.validate(JSON.parse(Buffer.concat(chunks).toString("utf8")));
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}

console.log(validator.version);

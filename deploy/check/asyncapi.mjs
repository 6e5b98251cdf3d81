// Validates an AsyncAPI document with the AsyncAPI parser, its $refs (the event schemas) resolved from disk.
// Prints the parser's diagnostics as JSON; exits 1 when any is an error or a warning.
import { Parser, fromFile } from '@asyncapi/parser';

const file = process.argv[2];
const parser = new Parser();
const { document, diagnostics } = await fromFile(parser, file).parse();
const findings = diagnostics.map(d => ({ code: d.code, severity: d.severity, path: d.path.join('.'), message: d.message }));
console.log(JSON.stringify({ parsed: document !== undefined, findings }, null, 1));
process.exit(document !== undefined && findings.every(f => f.severity > 1) ? 0 : 1);

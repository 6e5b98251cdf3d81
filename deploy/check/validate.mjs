// Validates rendered Kubernetes manifests offline, with no cluster: every object against the schema of its kind —
// the Kubernetes API's own, or the CRD schemas of Strimzi, CloudNativePG and the Prometheus Operator — as published
// in the kubernetes-models packages (package.json pins them).
//
//   node validate.mjs rendered.yaml [more.yaml …]
//
// Two checks per object: the JSON-Schema validator generated from the API schema (types, enums, formats,
// required fields), and the TypeScript types generated from the same schema, which also reject any field the
// schema does not know (a misspelt key that Kubernetes would silently drop). Exit status 0 when all pass.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { parseAllDocuments } from "yaml";

const here = dirname(fileURLToPath(import.meta.url));

/** The module that models apiVersion/kind, or null when no schema is known for it. */
function modelModule(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : ["", apiVersion];
  if (group === "kafka.strimzi.io" || group === "core.strimzi.io") {
    return `@kubernetes-models/strimzi-kafka-operator/${group}/${version}/${kind}`;
  }
  if (group === "postgresql.cnpg.io") {
    return `@kubernetes-models/cloudnative-pg/${group}/${version}/${kind}`;
  }
  if (group === "monitoring.coreos.com") {
    return `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`;
  }
  if (group.includes(".") && !group.endsWith(".k8s.io")) {
    return null;
  }
  return group === "" ? `kubernetes-models/${version}/${kind}` : `kubernetes-models/${group}/${version}/${kind}`;
}

function describe(doc) {
  return `${doc?.kind ?? "?"} ${doc?.metadata?.namespace ? doc.metadata.namespace + "/" : ""}${doc?.metadata?.name ?? "?"}`;
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node validate.mjs rendered.yaml [more.yaml …]");
  process.exit(2);
}

const objects = [];
const problems = [];
for (const file of files) {
  for (const document of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (document.errors.length > 0) {
      problems.push(`${file}: not YAML: ${document.errors[0].message}`);
      continue;
    }
    const doc = document.toJS();
    if (doc == null) {
      continue;
    }
    objects.push({ file, doc });
  }
}

// 1. The generated JSON-Schema validators.
for (const { file, doc } of objects) {
  if (typeof doc.apiVersion !== "string" || typeof doc.kind !== "string") {
    problems.push(`${file}: ${describe(doc)}: no apiVersion or kind`);
    continue;
  }
  const module = modelModule(doc.apiVersion, doc.kind);
  if (module == null) {
    problems.push(`${file}: ${describe(doc)}: no schema known for ${doc.apiVersion}`);
    continue;
  }
  let Model;
  try {
    Model = (await import(module))[doc.kind];
  } catch (e) {
    problems.push(`${file}: ${describe(doc)}: no schema for ${doc.apiVersion} ${doc.kind} (${e.code ?? e.message})`);
    continue;
  }
  try {
    new Model(doc).validate();
  } catch (e) {
    problems.push(`${file}: ${describe(doc)}: ${e.message}`);
  }
}

// 2. The generated types: unknown fields and missing required ones, at any depth.
const generated = join(here, ".generated");
mkdirSync(generated, { recursive: true });
const source = join(generated, `check-${process.pid}.ts`);
const imports = new Map();
const lines = [];
const lineOwners = [];
for (const { file, doc } of objects) {
  const module = modelModule(doc.apiVersion ?? "", doc.kind ?? "");
  if (module == null) {
    continue;
  }
  if (!imports.has(module)) {
    imports.set(module, `T${imports.size}`);
  }
  lineOwners.push(`${file}: ${describe(doc)}`);
  lines.push(`export const o${lines.length}: ${imports.get(module)} = ${JSON.stringify(doc)};`);
}
const header = [...imports].map(([module, alias]) => {
  const kind = module.substring(module.lastIndexOf("/") + 1);
  return `import type { I${kind} as ${alias} } from "${module}";`;
});
writeFileSync(source, [...header, ...lines].join("\n") + "\n");
try {
  const program = ts.createProgram([source], {
    strict: true,
    noEmit: true,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    skipLibCheck: true,
    noErrorTruncation: true,
    types: [],
  });
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, " ");
    if (diagnostic.file && diagnostic.start !== undefined) {
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const owner = lineOwners[line - header.length] ?? `line ${line + 1}`;
      problems.push(`${owner}: ${message}`);
    } else {
      problems.push(message);
    }
  }
} finally {
  rmSync(source, { force: true });
}

if (problems.length > 0) {
  for (const problem of problems) {
    console.error(problem);
  }
  console.error(`${problems.length} problem(s) in ${objects.length} object(s)`);
  process.exit(1);
}
const kinds = {};
for (const { doc } of objects) {
  kinds[doc.kind] = (kinds[doc.kind] ?? 0) + 1;
}
console.log(`${objects.length} objects valid: ${Object.entries(kinds).map(([k, n]) => `${n} ${k}`).join(", ")}`);

// Validates plinth's Mermaid and DBML output with the tools' own parsers.
//
// Usage: node validate.mjs MANIFEST.json
// The manifest lists files and what each must contain:
//   {"files": [{"path": "...", "kind": "mermaid" | "dbml",
//               "tables": {"name": columnCount, ...}, "relationships": n, "enums": n}]}
// Packages are loaded from $PLINTH_NODE_TOOLS/node_modules (installed by
// scripts/test-deps/node.sh). A parse error, or a parse that silently lost
// a table, a column or a relationship, fails the run: exit 1 with details.
// Prints "ok <path> ..." per file, then "checked N files".

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const tools = process.env.PLINTH_NODE_TOOLS;
if (!tools) {
  console.error('PLINTH_NODE_TOOLS is not set (source scripts/test-deps/node.sh)');
  process.exit(2);
}

// Resolves a package's ESM entry through its package.json "exports".
async function load(pkg) {
  const dir = join(tools, 'node_modules', pkg);
  const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const dot = meta.exports?.['.'];
  const entry = (typeof dot === 'string' ? dot : dot?.import ?? dot?.default) ?? meta.module ?? meta.main;
  return import(pathToFileURL(join(dir, entry)).href);
}

const mermaid = (await load('mermaid')).default;
const { Parser } = await load('@dbml/core');

const manifest = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failures = [];
const fail = (path, msg) => failures.push(`${path}: ${msg}`);

function compareTables(path, expected, actual) {
  for (const [name, columns] of Object.entries(expected)) {
    if (!actual.has(name)) {
      fail(path, `table ${name} missing after parsing`);
    } else if (actual.get(name) !== columns) {
      fail(path, `table ${name}: ${actual.get(name)} columns after parsing, expected ${columns}`);
    }
  }
  if (actual.size !== Object.keys(expected).length) {
    fail(path, `${actual.size} tables after parsing, expected ${Object.keys(expected).length}`);
  }
}

async function checkMermaid(f, text) {
  const result = await mermaid.parse(text);
  if (result?.diagramType !== 'er') {
    fail(f.path, `diagram type ${result?.diagramType}, expected er`);
    return;
  }
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const tables = new Map([...diagram.db.getEntities().values()].map((e) => [e.label, e.attributes.length]));
  compareTables(f.path, f.tables, tables);
  const rels = diagram.db.getRelationships().length;
  if (rels !== f.relationships) fail(f.path, `${rels} relationships after parsing, expected ${f.relationships}`);
}

function checkDbml(f, text) {
  const db = Parser.parse(text, 'dbmlv2');
  const tables = new Map();
  let refs = 0;
  let enums = 0;
  for (const schema of db.schemas) {
    for (const t of schema.tables) tables.set(t.name, t.fields.length);
    refs += schema.refs.length;
    enums += schema.enums.length;
  }
  compareTables(f.path, f.tables, tables);
  if (refs !== f.relationships) fail(f.path, `${refs} refs after parsing, expected ${f.relationships}`);
  if (enums !== f.enums) fail(f.path, `${enums} enums after parsing, expected ${f.enums}`);
}

for (const f of manifest.files) {
  const text = readFileSync(f.path, 'utf8');
  const before = failures.length;
  try {
    if (f.kind === 'mermaid') await checkMermaid(f, text);
    else if (f.kind === 'dbml') checkDbml(f, text);
    else fail(f.path, `unknown kind ${f.kind}`);
  } catch (e) {
    const diags = e?.diags?.map((d) => `${d.message} at ${JSON.stringify(d.location?.start)}`);
    fail(f.path, diags ? diags.join('; ') : String(e?.message ?? e).split('\n').slice(0, 4).join(' | '));
  }
  if (failures.length === before) {
    console.log(`ok ${f.path} (${f.kind}: ${Object.keys(f.tables).length} tables, ${f.relationships} relationships)`);
  }
}

const versions = ['mermaid', '@dbml/core']
  .map((p) => `${p}@${JSON.parse(readFileSync(join(tools, 'node_modules', p, 'package.json'), 'utf8')).version}`)
  .join(', ');
console.log(`checked ${manifest.files.length} files with ${versions} on node ${process.version}`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}

// Peer for the pipeline benchmark: @dbml/core exporting the same 1,100-table
// schema (as DBML) to PostgreSQL DDL. Usage: node dbml-peer.js FILE.dbml [RUNS]
const fs = require('fs');
const { exporter } = require('@dbml/core');
const dbml = fs.readFileSync(process.argv[2], 'utf8');
const runs = +process.argv[3] || 11;
const times = [];
let sql = '';
for (let i = 0; i < runs + 2; i++) {
  const t0 = process.hrtime.bigint();
  sql = exporter.export(dbml, 'postgres');
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
}
times.splice(0, 2);
times.sort((a, b) => a - b);
console.log(JSON.stringify({ median_ms: times[times.length >> 1], min_ms: times[0], max_ms: times[times.length - 1], sql_kib: Math.round(sql.length / 1024), peak_rss_mib: Math.round(process.resourceUsage().maxRSS / 1024) }));

// Runs graphql-http's GraphQL over HTTP server audits against URL (the /graphql endpoint) and
// prints one JSON line per audit: {id, name, status, reason}. Exits 1 when any MUST ("error")
// or SHOULD ("warn") audit fails; MAY audits that fail ("notice") are printed only.
import { serverAudits } from "graphql-http";

const url = process.argv[2];
if (!url) {
  console.error("usage: node audit.mjs http://127.0.0.1:PORT/graphql");
  process.exit(2);
}

let failed = 0;
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  const line = { id: audit.id, name: audit.name, status: result.status };
  if (result.status !== "ok") {
    line.reason = result.reason;
  }
  if (result.status === "error" || result.status === "warn") {
    failed += 1;
  }
  console.log(JSON.stringify(line));
}
console.log(JSON.stringify({ failedMustOrShould: failed }));
process.exit(failed === 0 ? 0 : 1);

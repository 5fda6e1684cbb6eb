// Builds the two pages the server serves from dist/: the explorer (index.html and
// assets/explorer.{js,css}) and GraphiQL (graphiql.html and assets/graphiql.{js,css}), with
// KaTeX's fonts beside them. Nothing is fetched at run time: every asset is served by the app.
// The server rebuilds dist/ when any source is newer than dist/build.json.
import { build } from "esbuild";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";

const staging = "dist.new";
await rm(staging, { recursive: true, force: true });
await mkdir(`${staging}/assets`, { recursive: true });
const result = await build({
  entryPoints: { explorer: "src/main.js", graphiql: "src/graphiql.js" },
  bundle: true,
  minify: true,
  sourcemap: "linked",
  format: "iife",
  target: ["es2020"],
  outdir: `${staging}/assets`,
  // KaTeX's stylesheet names its fonts; they become files of their own under assets/
  loader: { ".woff2": "file", ".woff": "file", ".ttf": "file" },
  assetNames: "fonts/[name]-[hash]",
  define: { "process.env.NODE_ENV": '"production"' },
  metafile: true,
  logLevel: "warning",
});
for (const page of ["index.html", "graphiql.html"]) await copyFile(page, `${staging}/${page}`);
const outputs = Object.fromEntries(
  Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.includes("/fonts/"))
    .map(([file, out]) => [file.replace(`${staging}/`, ""), out.bytes]),
);
// written last: its mtime is when the pages were built
await writeFile(`${staging}/build.json`, JSON.stringify({ builtAt: new Date().toISOString(), outputs }, null, 2));
await rm("dist", { recursive: true, force: true });
await rename(staging, "dist");
for (const [file, bytes] of Object.entries(outputs)) console.log(`dist/${file}  ${(bytes / 1024).toFixed(0)} KiB`);

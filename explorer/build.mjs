// Builds the /explorer page into dist/: index.html and assets/explorer.{js,css}.
// The server serves dist/ and rebuilds it when any source is newer than dist/build.json.
import { build } from "esbuild";
import { copyFile, mkdir, rename, rm, writeFile } from "node:fs/promises";

const staging = "dist.new";
await rm(staging, { recursive: true, force: true });
await mkdir(`${staging}/assets`, { recursive: true });
const result = await build({
  entryPoints: { explorer: "src/main.js" },
  bundle: true,
  minify: true,
  sourcemap: "linked",
  format: "iife",
  target: ["es2020"],
  outdir: `${staging}/assets`,
  metafile: true,
  logLevel: "warning",
});
await copyFile("index.html", `${staging}/index.html`);
const outputs = Object.fromEntries(
  Object.entries(result.metafile.outputs).map(([file, out]) => [file.replace(`${staging}/`, ""), out.bytes]),
);
// written last: its mtime is when the page was built
await writeFile(`${staging}/build.json`, JSON.stringify({ builtAt: new Date().toISOString(), outputs }, null, 2));
await rm("dist", { recursive: true, force: true });
await rename(staging, "dist");
for (const [file, bytes] of Object.entries(outputs)) console.log(`dist/${file}  ${(bytes / 1024).toFixed(0)} KiB`);

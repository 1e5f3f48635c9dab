// The release step: what `schema.graphql` holds becomes the released schema,
// and CHANGELOG.md's Unreleased section becomes the release's own.
//
//   node release.mjs 0.3.0
//
// Run it on a clean main after the gate passes, then commit both files with
// the version bump.
import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const version = process.argv[2];
if (!/^\d+\.\d+\.\d+$/.test(version ?? "")) {
  console.error("usage: node release.mjs MAJOR.MINOR.PATCH");
  process.exit(2);
}
const changelogPath = join(root, "CHANGELOG.md");
const changelog = readFileSync(changelogPath, "utf8");
if (!/^## Unreleased$/m.test(changelog)) {
  console.error("CHANGELOG.md has no `## Unreleased` section");
  process.exit(1);
}
const date = new Date().toISOString().slice(0, 10);
writeFileSync(
  changelogPath,
  changelog.replace(/^## Unreleased$/m, `## Unreleased\n\n## ${version} (${date})`),
);
copyFileSync(join(root, "schema.graphql"), join(root, "schema.released.graphql"));
console.log(`schema.released.graphql is now the schema of ${version}`);

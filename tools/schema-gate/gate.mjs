// The schema gate: `schema.graphql` (generated from the code) against
// `schema.released.graphql` (what clients were last promised).
//
//   node gate.mjs [--schema F] [--released F] [--changelog F]
//
// - A breaking change fails unless CHANGELOG.md's `## Unreleased` section
//   lists its path under `### Breaking` with the reason, as
//   "- `Session.title`: the reason".
// - Dangerous changes (an added enum value, an optional argument given a
//   new default, ...) are printed; they do not fail.
// - Every type, field, argument, enum value and input field must have a
//   description, and the schema itself too.
// Exit status: 0 when the schema may ship, 1 when it may not.
import { readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { diff, CriticalityLevel } from "@graphql-inspector/core";
import { buildSchema } from "graphql";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");
const { values: opts } = parseArgs({
  options: {
    schema: { type: "string", default: join(root, "schema.graphql") },
    released: { type: "string", default: join(root, "schema.released.graphql") },
    changelog: { type: "string", default: join(root, "CHANGELOG.md") },
  },
});

const DESCRIPTION_RULES = [
  "types-have-descriptions",
  "fields-have-descriptions",
  "arguments-have-descriptions",
  "enum-values-have-descriptions",
  "input-object-values-have-descriptions",
  "deprecations-have-a-reason",
];

/** The paths CHANGELOG.md's Unreleased section lists as breaking, each with
 *  the reason written after it. */
function listedBreaking(changelog) {
  const unreleased = changelog.split(/^## /m).find((s) => s.startsWith("Unreleased")) ?? "";
  const breaking = unreleased.split(/^### /m).find((s) => s.startsWith("Breaking")) ?? "";
  const listed = new Map();
  for (const m of breaking.matchAll(/^- `([^`]+)`:?\s*(.*)$/gm)) {
    listed.set(m[1], m[2].trim());
  }
  return listed;
}

const current = buildSchema(readFileSync(opts.schema, "utf8"));
const released = buildSchema(readFileSync(opts.released, "utf8"));
const changes = await diff(released, current);
const listed = listedBreaking(readFileSync(opts.changelog, "utf8"));
let failed = false;

const of = (level) => changes.filter((c) => c.criticality.level === level);
for (const c of of(CriticalityLevel.Dangerous)) {
  console.log(`dangerous: ${c.message} (${c.path})`);
}
for (const c of of(CriticalityLevel.Breaking)) {
  const reason = listed.get(c.path);
  if (reason) {
    console.log(`breaking, listed in CHANGELOG.md: ${c.message} (${c.path}): ${reason}`);
  } else {
    failed = true;
    console.log(
      `BREAKING and not in CHANGELOG.md: ${c.message}\n` +
        `  list it under "## Unreleased" / "### Breaking" as: - \`${c.path}\`: <why clients must change>`,
    );
  }
}
const safe = of(CriticalityLevel.NonBreaking).length;
console.log(`${changes.length} change(s) since the released schema: ${safe} safe`);

if (!current.description) {
  failed = true;
  console.log("the schema has no description: describe it in `graphql::sdl`");
}
try {
  const linter = join(here, "node_modules", ".bin", "graphql-schema-linter");
  execFileSync(linter, ["--rules", DESCRIPTION_RULES.join(","), opts.schema], { stdio: "pipe" });
  console.log("every schema member is described");
} catch (e) {
  failed = true;
  console.log(`undescribed schema members:\n${e.stdout ?? e.message}`);
}
process.exit(failed ? 1 : 0);

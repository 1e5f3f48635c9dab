// A typed client for igf-perspectives: every document below goes through
// codegen's `graphql()`, so variables and results are checked by `tsc`
// against schema.graphql.
//
//   IGF_EMAIL=… IGF_PASSWORD=… node dist/main.js http://127.0.0.1:8080/graphql
//
// Each step prints one line; the first unexpected answer stops the run
// with a non-zero exit code.
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { Credentials, createClient } from "./client.js";
import { fictionalData } from "./steps/fictional-data.js";
import { positions } from "./steps/positions.js";
import { sessionPage } from "./steps/session-page.js";
import { sessionPages } from "./steps/session-pages.js";
import { signIn } from "./steps/sign-in.js";
import { versionConflict } from "./steps/version-conflict.js";

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === "") throw new Error(`set ${name}`);
  return value;
}

/** One line for any error, with the GraphQL codes the server gave. */
function describe(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    return error.errors
      .map((e) => `${e.message} [${String(e.extensions?.["code"] ?? "no code")}]`)
      .join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const graphqlUrl = process.argv[2];
  if (graphqlUrl === undefined) throw new Error("usage: node dist/main.js GRAPHQL_URL");
  const email = requiredEnv("IGF_EMAIL");
  const password = requiredEnv("IGF_PASSWORD");

  const credentials = new Credentials();
  const admin = createClient(graphqlUrl, credentials);
  // Without credentials: sees what the public sees.
  const anonymous = createClient(graphqlUrl);

  const steps: [name: string, run: () => Promise<string>][] = [
    ["sign-in", () => signIn(admin, credentials, email, password)],
    ["session page", () => sessionPage(anonymous)],
    ["fictional data", () => fictionalData(admin)],
    ["session pages", () => sessionPages(anonymous)],
    ["positions", () => positions(admin, anonymous)],
    ["version conflict", () => versionConflict(admin)],
  ];
  for (const [name, run] of steps) {
    try {
      console.log(`ok   ${name}: ${await run()}`);
    } catch (error) {
      throw new Error(`${name}: ${describe(error)}`, { cause: error });
    }
  }
}

main().catch((error: unknown) => {
  console.error(`FAIL ${describe(error)}`);
  process.exitCode = 1;
});

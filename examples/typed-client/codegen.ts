import type { CodegenConfig } from "@graphql-codegen/cli";

// The checked-in SDL by default, so codegen needs no running server;
// IGF_SCHEMA_URL=http://127.0.0.1:8080/graphql introspects a live one.
const schemaUrl = process.env["IGF_SCHEMA_URL"];

const config: CodegenConfig = {
  schema: schemaUrl
    ? // Introspection leaves deprecated input fields out unless asked;
      // schema.graphql lists them, so ask, and both sources agree.
      [{ [schemaUrl]: { inputValueDeprecation: true } }]
    : "../../schema.graphql",
  documents: ["src/**/*.ts", "!src/gql/**/*"],
  // Fail when no document is found: the script would otherwise compile
  // against an empty `graphql()` overload list.
  ignoreNoDocuments: false,
  // Node's ES modules need the extension in relative imports.
  importExtension: ".js",
  generates: {
    "src/gql/": {
      preset: "client",
      config: {
        // DateTime travels as an RFC 3339 string; JSON can be any value.
        scalars: {
          DateTime: "string",
          JSON: "unknown",
        },
        // A custom scalar missing above fails codegen instead of becoming `any`.
        strictScalars: true,
        // Enums as string unions: nothing to import at run time.
        enumsAsTypes: true,
        useTypeImports: true,
      },
      presetConfig: {
        // Fragment masking is for component trees; this script reads
        // results directly.
        fragmentMasking: false,
      },
    },
  },
};

export default config;

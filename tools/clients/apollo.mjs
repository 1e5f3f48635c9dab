// Runs one operation through Apollo Client's own HttpLink against a real
// server and prints what the application would see, as one JSON line:
//   node apollo.mjs URL TOKEN QUERY [persisted]
// With `persisted`, the query goes through Apollo's persisted-query link
// (hash first, the query when the server does not know the hash).
// -> {"data": …} or {"error": "CombinedGraphQLErrors", "codes": [...]}
//    or {"error": "ServerError", "status": 401}
import { ApolloClient, HttpLink, InMemoryCache, gql } from "@apollo/client";
import { CombinedGraphQLErrors, ServerError } from "@apollo/client/errors";
import { PersistedQueryLink } from "@apollo/client/link/persisted-queries";
import { createHash } from "node:crypto";

const [url, token, query, mode] = process.argv.slice(2);
const http = new HttpLink({
  uri: url,
  headers: token ? { authorization: `Bearer ${token}` } : {},
});
const link =
  mode === "persisted"
    ? new PersistedQueryLink({
        sha256: (text) => createHash("sha256").update(text).digest("hex"),
      }).concat(http)
    : http;
const client = new ApolloClient({ link, cache: new InMemoryCache() });

try {
  const result = await client.query({ query: gql(query), fetchPolicy: "no-cache" });
  if (result.error) throw result.error;
  console.log(JSON.stringify({ data: result.data }));
} catch (error) {
  if (CombinedGraphQLErrors.is(error)) {
    const codes = error.errors.map((e) => e.extensions?.code ?? null);
    console.log(JSON.stringify({ error: "CombinedGraphQLErrors", codes }));
  } else if (ServerError.is(error)) {
    console.log(JSON.stringify({ error: "ServerError", status: error.statusCode }));
  } else {
    console.log(JSON.stringify({ error: error?.name ?? String(error), message: String(error) }));
  }
}

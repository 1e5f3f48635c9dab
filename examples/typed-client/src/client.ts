import { ApolloClient, HttpLink, InMemoryCache } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";

/** The token `login` answered with; empty until signed in. */
export class Credentials {
  token: string | undefined;
}

/**
 * An Apollo Client for the server's `/graphql` endpoint. With credentials,
 * every request carries `Authorization: Bearer <token>` once a token is
 * set, so signing in needs no new client.
 */
export function createClient(graphqlUrl: string, credentials?: Credentials): ApolloClient {
  const http = new HttpLink({ uri: graphqlUrl });
  // Read the token per request, not once: it is set after the client exists.
  const auth = new SetContextLink((previous) => {
    const token = credentials?.token;
    if (token === undefined) return {};
    return { headers: { ...previous.headers, authorization: `Bearer ${token}` } };
  });
  return new ApolloClient({
    link: auth.concat(http),
    cache: new InMemoryCache(),
    defaultOptions: {
      // Each step checks what the server says now, not what the cache
      // kept from an earlier step.
      query: { fetchPolicy: "network-only" },
    },
  });
}

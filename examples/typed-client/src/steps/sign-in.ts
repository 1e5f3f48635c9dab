import type { ApolloClient } from "@apollo/client";
import type { Credentials } from "../client.js";
import { check } from "../check.js";
import { graphql } from "../gql/index.js";

const SignIn = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    login(email: $email, password: $password) {
      token
      expiresAt
      user {
        id
        email
        role
      }
    }
  }
`);

const WhoAmI = graphql(`
  query WhoAmI {
    me {
      id
      email
    }
  }
`);

/** Signs in, keeps the token for later requests, and checks the server knows us by it. */
export async function signIn(
  client: ApolloClient,
  credentials: Credentials,
  email: string,
  password: string,
): Promise<string> {
  const { data } = await client.mutate({ mutation: SignIn, variables: { email, password } });
  const { token, expiresAt, user } = data.login;
  check(user.role === "ADMIN", `expected an admin account, got ${user.role}`);
  credentials.token = token;

  // `me` is null without a token: a non-null answer shows the header went out.
  const { data: who } = await client.query({ query: WhoAmI });
  check(who.me?.id === user.id, "`me` does not match the signed-in account");

  return `signed in as ${user.email} (${user.role}); token valid until ${expiresAt}`;
}

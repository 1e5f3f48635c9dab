import type { ApolloClient } from "@apollo/client";
import { CombinedGraphQLErrors } from "@apollo/client/errors";
import { check, present } from "../check.js";
import { graphql } from "../gql/index.js";
import { FICTIONAL_EVENT, FICTIONAL_SESSIONS } from "./fictional-data.js";

const SessionVersion = graphql(`
  query SessionVersion($event: String!, $code: String!) {
    session(event: $event, code: $code) {
      id
      version
      room
    }
  }
`);

const MoveSession = graphql(`
  mutation MoveSession($id: ID!, $version: Int!, $room: String!) {
    updateSession(id: $id, version: $version, input: { room: $room }) {
      id
      version
      room
    }
  }
`);

/**
 * Changes a session with the version just read (accepted, the version goes
 * up), then again with that same, now stale, version: refused as `CONFLICT`.
 */
export async function versionConflict(client: ApolloClient): Promise<string> {
  const sessionCode = present(FICTIONAL_SESSIONS[0], "fictional session").code;
  const { data } = await client.query({
    query: SessionVersion,
    variables: { event: FICTIONAL_EVENT.code, code: sessionCode },
  });
  const session = present(data.session, `session ${sessionCode}`);
  const readVersion = session.version;

  const { data: moved } = await client.mutate({
    mutation: MoveSession,
    variables: { id: session.id, version: readVersion, room: `Fictional Room ${readVersion + 1}` },
  });
  const newVersion = moved.updateSession.version;
  check(newVersion === readVersion + 1, `version went from ${readVersion} to ${newVersion}`);

  // errorPolicy "all" hands the error back instead of rejecting, so the
  // expected refusal can be inspected like any other answer.
  const stale = await client.mutate({
    mutation: MoveSession,
    variables: { id: session.id, version: readVersion, room: "Fictional Room (stale edit)" },
    errorPolicy: "all",
  });
  check(stale.error !== undefined, `a stale version ${readVersion} was accepted`);
  check(CombinedGraphQLErrors.is(stale.error), `expected a GraphQL error, got ${String(stale.error)}`);
  const refusal = present(stale.error.errors[0], "the conflict error");
  const code = refusal.extensions?.["code"];
  check(code === "CONFLICT", `expected CONFLICT, got ${String(code)}: ${refusal.message}`);

  return (
    `${sessionCode} updated at version ${readVersion} -> ${newVersion}; ` +
    `the same edit at version ${readVersion} refused with ${code} ` +
    `(server's current version: ${String(refusal.extensions?.["currentVersion"])})`
  );
}

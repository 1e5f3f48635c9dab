import type { ApolloClient } from "@apollo/client";
import { check, present } from "../check.js";
import { graphql } from "../gql/index.js";

const SessionPage = graphql(`
  query SessionPage($event: String!, $code: String!) {
    session(event: $event, code: $code) {
      id
      code
      title
      roles {
        id
        role
        person {
          id
          name
        }
        stakeholderGroup {
          code
        }
        region {
          code
        }
      }
      policyQuestions {
        id
        order
        text
      }
    }
  }
`);

/** Reads the founding proposal, WS #461 of IGF 2025, as a session page would. */
export async function sessionPage(client: ApolloClient): Promise<string> {
  const { data } = await client.query({
    query: SessionPage,
    variables: { event: "igf-2025", code: "WS #461" },
  });
  const session = present(data.session, "session WS #461 of igf-2025");
  const speakers = session.roles.filter((role) => role.role === "SPEAKER");
  check(speakers.length > 0, "WS #461 lists no speakers");
  check(session.policyQuestions.length > 0, "WS #461 lists no policy questions");

  const firstSpeaker = present(speakers[0], "first speaker");
  const where = [firstSpeaker.stakeholderGroup?.code, firstSpeaker.region?.code]
    .map((code) => code ?? "undeclared")
    .join(", ");
  return (
    `${session.code} "${session.title}": ${session.roles.length} roles ` +
    `(${speakers.length} speakers, first ${firstSpeaker.person?.name ?? "unnamed"}: ${where}), ` +
    `${session.policyQuestions.length} policy questions`
  );
}

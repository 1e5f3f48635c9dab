import type { ApolloClient } from "@apollo/client";
import { check, present } from "../check.js";
import { graphql } from "../gql/index.js";
import type { PositionFilterInput } from "../gql/graphql.js";
import { FICTIONAL_EVENT, FICTIONAL_SESSIONS } from "./fictional-data.js";

// A made-up person: positions are attributed only to people who do not exist.
const FICTIONAL_PERSON = {
  name: "Avery Example",
  affiliation: "Example Institute (fictional)",
  stakeholderGroup: "civil-society",
  region: "grulac",
} as const;

const FindPerson = graphql(`
  query FindPerson($name: String!) {
    people(filter: { nameContains: $name }, first: 10) {
      nodes {
        id
        name
      }
    }
  }
`);

const CreatePerson = graphql(`
  mutation CreatePerson($input: PersonInput!) {
    createPerson(input: $input) {
      id
      name
    }
  }
`);

const SessionId = graphql(`
  query SessionId($event: String!, $code: String!) {
    session(event: $event, code: $code) {
      id
    }
  }
`);

const RecordPosition = graphql(`
  mutation RecordPosition($input: PositionInput!) {
    recordPosition(input: $input) {
      id
      status
      recordedAt
      stakeholderGroup {
        code
      }
      region {
        code
      }
    }
  }
`);

const FilteredPositions = graphql(`
  query FilteredPositions($filter: PositionFilterInput!) {
    positions(filter: $filter, orderBy: { field: RECORDED_AT, direction: DESC }, first: 10) {
      totalCount
      nodes {
        id
        summary
        status
        recordedAt
        stance {
          code
        }
        person {
          name
        }
      }
    }
  }
`);

/**
 * Records a draft position for a fictional person in a fictional session,
 * finds it through the `positions` filter, and checks an anonymous reader
 * does not see the draft.
 */
export async function positions(admin: ApolloClient, anonymous: ApolloClient): Promise<string> {
  const { data: found } = await admin.query({
    query: FindPerson,
    variables: { name: FICTIONAL_PERSON.name },
  });
  // Reuse the person an earlier run against the same server created.
  let person = found.people.nodes.find((node) => node.name === FICTIONAL_PERSON.name);
  if (person === undefined) {
    const { data: created } = await admin.mutate({
      mutation: CreatePerson,
      variables: { input: FICTIONAL_PERSON },
    });
    person = created.createPerson;
  }

  const sessionCode = present(FICTIONAL_SESSIONS[0], "fictional session").code;
  const { data: where } = await admin.query({
    query: SessionId,
    variables: { event: FICTIONAL_EVENT.code, code: sessionCode },
  });
  const session = present(where.session, `session ${sessionCode}`);

  // No group or region given: the server takes the person's.
  const { data: recorded } = await admin.mutate({
    mutation: RecordPosition,
    variables: {
      input: {
        topic: "enhanced-cooperation",
        stance: "complementary",
        summary: `A fictional summary for the typed client example, run ${new Date().toISOString()}.`,
        session: session.id,
        person: person.id,
        participationMode: "ONLINE",
        source: "WRITTEN_SUBMISSION",
      },
    },
  });
  const position = recorded.recordPosition;
  check(position.status === "DRAFT", `a new position should be a draft, got ${position.status}`);
  check(
    position.stakeholderGroup?.code === FICTIONAL_PERSON.stakeholderGroup &&
      position.region?.code === FICTIONAL_PERSON.region,
    "the position did not take the person's stakeholder group and region",
  );

  const filter: PositionFilterInput = {
    event: FICTIONAL_EVENT.code,
    year: FICTIONAL_EVENT.year,
    topic: "enhanced-cooperation",
    stance: "complementary",
    stakeholderGroup: FICTIONAL_PERSON.stakeholderGroup,
    region: FICTIONAL_PERSON.region,
    participationMode: "ONLINE",
  };
  const { data: listed } = await admin.query({ query: FilteredPositions, variables: { filter } });
  const nodes = listed.positions.nodes;
  check(nodes[0]?.id === position.id, "the new position is not first among the newest");
  // The server writes every DateTime in UTC with six fractional digits,
  // so the strings sort as the times do.
  const times = nodes.map((node) => node.recordedAt);
  const newestFirst = [...times].sort().reverse();
  check(times.join() === newestFirst.join(), "positions are not newest first");

  // Drafts are for admins and the session's organizers only.
  const { data: publicView } = await anonymous.query({ query: FilteredPositions, variables: { filter } });
  check(
    publicView.positions.nodes.every((node) => node.id !== position.id),
    "an anonymous reader sees the draft",
  );

  return (
    `recorded draft ${position.id} for ${person.name} (fictional) in ${FICTIONAL_EVENT.code} ${sessionCode}; ` +
    `the filter finds it first of ${listed.positions.totalCount}, an anonymous reader sees ` +
    `${publicView.positions.totalCount}`
  );
}

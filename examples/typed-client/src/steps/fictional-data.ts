import type { ApolloClient } from "@apollo/client";
import { graphql } from "../gql/index.js";

/** A made-up event, so that writes never touch a real session. */
export const FICTIONAL_EVENT = {
  code: "example-2099",
  name: "Example Forum 2099 (fictional)",
  year: 2099,
} as const;

/** Two made-up sessions: with WS #461 they fill more than one page of two. */
export const FICTIONAL_SESSIONS = [
  { code: "WS #1", title: "A fictional workshop on example data" },
  { code: "WS #2", title: "A second fictional workshop on example data" },
] as const;

const FictionalEvent = graphql(`
  query FictionalEvent($code: String!) {
    event(code: $code) {
      id
      code
    }
  }
`);

const CreateFictionalEvent = graphql(`
  mutation CreateFictionalEvent($input: EventInput!) {
    createEvent(input: $input) {
      id
      code
    }
  }
`);

const FictionalSession = graphql(`
  query FictionalSession($event: String!, $code: String!) {
    session(event: $event, code: $code) {
      id
      code
    }
  }
`);

const CreateFictionalSession = graphql(`
  mutation CreateFictionalSession($input: SessionInput!) {
    createSession(input: $input) {
      id
      code
    }
  }
`);

/**
 * Creates the fictional event and its sessions (as the admin), leaving
 * any that exist from an earlier run against the same server alone.
 */
export async function fictionalData(client: ApolloClient): Promise<string> {
  const created: string[] = [];

  const { data: existing } = await client.query({
    query: FictionalEvent,
    variables: { code: FICTIONAL_EVENT.code },
  });
  if (existing.event === null) {
    await client.mutate({
      mutation: CreateFictionalEvent,
      variables: { input: { ...FICTIONAL_EVENT, kind: "OTHER" } },
    });
    created.push(`event ${FICTIONAL_EVENT.code}`);
  }

  for (const session of FICTIONAL_SESSIONS) {
    const { data } = await client.query({
      query: FictionalSession,
      variables: { event: FICTIONAL_EVENT.code, code: session.code },
    });
    if (data.session !== null) continue;
    await client.mutate({
      mutation: CreateFictionalSession,
      variables: { input: { event: FICTIONAL_EVENT.code, kind: "WORKSHOP", ...session } },
    });
    created.push(session.code);
  }

  const sessions = FICTIONAL_SESSIONS.map((session) => session.code).join(", ");
  const state = created.length > 0 ? `created ${created.join(", ")}` : "all there from an earlier run";
  return `fictional event ${FICTIONAL_EVENT.code} with ${sessions}: ${state}`;
}

import type { ApolloClient } from "@apollo/client";
import { check } from "../check.js";
import { graphql } from "../gql/index.js";
import type { SessionsPageQueryVariables } from "../gql/graphql.js";

const SessionsPage = graphql(`
  query SessionsPage($first: Int!, $after: String) {
    sessions(first: $first, after: $after, orderBy: { field: CODE, direction: ASC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        event {
          code
        }
      }
    }
  }
`);

const PAGE_SIZE = 2;
// A server that kept answering `hasNextPage: true` would loop forever.
const MAX_PAGES = 1000;

/** Walks every page of `sessions` by cursor and checks the pages add up to `totalCount`. */
export async function sessionPages(client: ApolloClient): Promise<string> {
  const pages: string[][] = [];
  const seenIds = new Set<string>();
  let totalCount: number | undefined;
  let after: string | null = null;

  for (;;) {
    check(pages.length < MAX_PAGES, `more than ${MAX_PAGES} pages of sessions`);
    // Typed up front: inferred from `after`, which the loop itself assigns,
    // the variables would make the result's type depend on itself.
    const variables: SessionsPageQueryVariables = { first: PAGE_SIZE, after };
    const { data } = await client.query({ query: SessionsPage, variables });
    const page = data.sessions;
    check(page.nodes.length <= PAGE_SIZE, `a page of ${page.nodes.length} sessions, asked for ${PAGE_SIZE}`);
    check(
      totalCount === undefined || page.totalCount === totalCount,
      `totalCount changed between pages: ${totalCount} then ${page.totalCount}`,
    );
    totalCount = page.totalCount;

    for (const session of page.nodes) {
      check(!seenIds.has(session.id), `session ${session.code} came twice`);
      seenIds.add(session.id);
    }
    pages.push(page.nodes.map((session) => `${session.event.code} ${session.code}`));

    if (!page.pageInfo.hasNextPage) break;
    const cursor = page.pageInfo.endCursor;
    check(cursor !== null && cursor !== undefined, "hasNextPage without an endCursor");
    after = cursor;
  }

  check(seenIds.size === totalCount, `saw ${seenIds.size} sessions, totalCount says ${totalCount}`);
  return (
    `${seenIds.size} sessions in ${pages.length} pages of up to ${PAGE_SIZE}, ` +
    `totalCount ${totalCount} matches: ${pages.map((page) => page.join(", ")).join(" | ")}`
  );
}

//! The contract front ends build on: GraphQL over HTTP as its
//! specification says (media types, status codes, the shape of a request
//! that never ran) and CORS for the headers browsers send.

mod apollo;
mod cors;
mod graphiql;
mod lookups;
mod media;
mod names;
mod nulls;
mod order;
mod order_by;
mod patch;

/// `schema.graphql` is what front ends build against: it must be exactly
/// what the code generates (`igf-perspectives schema -o schema.graphql`).
#[test]
fn schema_graphql_matches_the_code() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schema.graphql");
    let checked_in = std::fs::read_to_string(path).expect("schema.graphql at the top level");
    let generated = igf_perspectives::sdl();
    assert!(
        checked_in == generated,
        "schema.graphql is out of date: run `cargo run -- schema -o schema.graphql` and commit it"
    );
}

//! The people of demo data: invented, distinct names, with groups and
//! regions weighted the way IGF participation is.

use std::collections::HashSet;

use chrono::NaiveDate;
use entity::person;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::{Catalog, FIRST_YEAR, PersonFacts, midnight, pick, weighted};
use crate::demo::words;

/// People with invented, distinct names; groups and regions weighted the
/// way IGF participation is (civil society and the technical community
/// more common, WEOG and Asia-Pacific larger regions).
pub(super) fn plan_people(
    rng: &mut ChaCha8Rng,
    count: usize,
    catalog: &Catalog,
    first_id: i64,
) -> (Vec<person::Model>, Vec<PersonFacts>) {
    const REGIONS: &[(&str, u32)] = &[
        ("weog", 28),
        ("african", 22),
        ("asia-pacific", 24),
        ("grulac", 14),
        ("eastern-european", 12),
    ];
    let created = midnight(NaiveDate::from_ymd_opt(FIRST_YEAR, 1, 1).expect("a date"));
    let mut names = HashSet::with_capacity(count);
    let mut rows = Vec::with_capacity(count);
    let mut facts = Vec::with_capacity(count);
    for i in 0..count {
        let name = loop {
            let given = format!(
                "{}{}",
                pick(rng, words::GIVEN_STARTS),
                pick(rng, words::GIVEN_ENDS)
            );
            let family = format!(
                "{}{}{}",
                pick(rng, words::FAMILY_STARTS),
                pick(rng, words::FAMILY_MIDDLES),
                pick(rng, words::FAMILY_ENDS)
            );
            let name = if rng.random_bool(0.2) {
                let initial = (b'A' + rng.random_range(0..26u8)) as char;
                format!("{given} {initial}. {family}")
            } else {
                format!("{given} {family}")
            };
            if names.insert(entity::person_key(&name)) {
                break name;
            }
        };
        let group_code = words::GROUP_ORDER[weighted(rng, &[18, 32, 24, 16, 10])];
        let (country, country_region) = {
            let region = REGIONS[weighted(rng, &REGIONS.iter().map(|r| r.1).collect::<Vec<_>>())].0;
            let in_region: Vec<&(&str, &str)> =
                words::COUNTRIES.iter().filter(|c| c.1 == region).collect();
            *in_region[rng.random_range(0..in_region.len())]
        };
        let region_code = if group_code == "intergovernmental-organization" && rng.random_bool(0.8)
        {
            "intergovernmental-organization"
        } else {
            country_region
        };
        let patterns = words::AFFILIATIONS
            .iter()
            .find(|a| a.0 == group_code)
            .map_or(&[][..], |a| a.1);
        let affiliation = (!patterns.is_empty()).then(|| {
            pick(rng, patterns)
                .replace("{c}", country)
                .replace("{b}", pick(rng, words::BRANDS))
        });
        let gender = rng
            .random_bool(0.65)
            .then(|| ["female", "male", "non-binary"][weighted(rng, &[47, 47, 6])].to_owned());
        let (group, region) = (catalog.group(group_code), catalog.region(region_code));
        rows.push(person::Model {
            id: first_id + i as i64,
            name_folded: entity::fold(&name),
            match_key: entity::person_key(&name),
            token_key: entity::person_token_key(&name),
            name,
            affiliation,
            stakeholder_group_id: Some(catalog.groups[group].id),
            stakeholder_group_raw: Some(catalog.groups[group].name.clone()),
            region_id: Some(catalog.regions[region].id),
            region_raw: Some(catalog.regions[region].name.clone()),
            gender,
            version: 1,
            created_at: created,
            updated_at: created,
        });
        facts.push(PersonFacts { group, region });
    }
    (rows, facts)
}

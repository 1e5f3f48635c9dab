//! A session's roles one at a time: who plays which part, in which order,
//! with the stakeholder group and region declared for that session. Every
//! change also bumps the session's version, so an edit form that read it
//! reloads.

use entity::{
    position::ParticipationMode,
    session,
    session_role::{self, RoleKind},
};
use sea_orm::{
    ActiveValue, ColumnTrait, Condition, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, Select, Set,
};

use super::{ClientId, edit::editable};
use crate::{
    error::{AppError, AppResult},
    service::viewer::Viewer,
    service::{
        page::{self, Page, PageRequest},
        reference::ReferenceData,
        validate, write,
    },
};

/// A role as given: the part, its order, the person (none for an anonymous
/// role), and the stakeholder group and region by code or as written.
#[derive(Debug)]
pub struct RoleSpec {
    pub role: RoleKind,
    /// Order among the session's roles of this kind; default: last.
    pub order: Option<i32>,
    /// The person's id; an undecodable one is reported as `person`.
    pub person: Option<ClientId>,
    pub stakeholder_group: Option<String>,
    pub stakeholder_group_as_written: Option<String>,
    pub region: Option<String>,
    pub region_as_written: Option<String>,
    /// The organisation as declared for this session.
    pub affiliation: Option<String>,
    /// Onsite or online, where known.
    pub participation: Option<ParticipationMode>,
}

/// A change to a role, as `updateX` mutations change things: a field left
/// `None` keeps its value, `Some(None)` clears it. A stakeholder group or
/// region given anew without its as-written text drops the old text (it
/// described the old value); a new text alone is mapped afresh.
#[derive(Debug, Default)]
pub struct RolePatch {
    pub role: Option<RoleKind>,
    pub order: Option<i32>,
    pub person: Option<Option<ClientId>>,
    pub stakeholder_group: Option<Option<String>>,
    pub stakeholder_group_as_written: Option<Option<String>>,
    pub region: Option<Option<String>>,
    pub region_as_written: Option<Option<String>>,
    pub affiliation: Option<Option<String>>,
    pub participation: Option<Option<ParticipationMode>>,
}

impl RolePatch {
    /// The whole role after this change to `current`.
    fn apply(self, current: &session_role::Model, reference: &ReferenceData) -> RoleSpec {
        let group_code = current
            .stakeholder_group_id
            .and_then(|id| reference.stakeholder_group(id))
            .map(|g| g.code.clone());
        let region_code = current
            .region_id
            .and_then(|id| reference.region(id))
            .map(|r| r.code.clone());
        // A code and its text go together: a new code drops the old text
        // (the new value's own name stands in), a new text is mapped
        // afresh, and a text cleared alone leaves the code as it is.
        let pair = |code: Option<Option<String>>,
                    text: Option<Option<String>>,
                    now: (Option<String>, Option<String>)| match (code, text) {
            (None, None) => now,
            (None, Some(None)) => (now.0, None),
            (code, text) => (code.flatten(), text.flatten()),
        };
        let (stakeholder_group, stakeholder_group_as_written) = pair(
            self.stakeholder_group,
            self.stakeholder_group_as_written,
            (group_code, current.stakeholder_group_raw.clone()),
        );
        let (region, region_as_written) = pair(
            self.region,
            self.region_as_written,
            (region_code, current.region_raw.clone()),
        );
        RoleSpec {
            role: self.role.unwrap_or(current.role),
            order: Some(self.order.unwrap_or(current.position)),
            person: self.person.unwrap_or(current.person_id.map(Ok)),
            stakeholder_group,
            stakeholder_group_as_written,
            region,
            region_as_written,
            affiliation: self.affiliation.unwrap_or(current.affiliation.clone()),
            participation: self.participation.unwrap_or(current.participation),
        }
    }
}

/// Which roles to read; all given filters must hold.
#[derive(Debug, Default, Clone)]
pub struct RoleFilter {
    /// Only roles of sessions of this event.
    pub event_id: Option<i64>,
    pub role: Option<RoleKind>,
    pub participation: Option<ParticipationMode>,
    /// `true`: only roles that count under no stakeholder group or no
    /// region; `false`: only roles with both.
    pub without_group_or_region: Option<bool>,
}

impl RoleFilter {
    /// Whether `role` passes, for roles already loaded; the event is not
    /// checked here.
    pub fn holds(&self, role: &session_role::Model) -> bool {
        let lacking = role.stakeholder_group_id.is_none() || role.region_id.is_none();
        self.role.is_none_or(|k| role.role == k)
            && self
                .participation
                .is_none_or(|p| role.participation == Some(p))
            && self.without_group_or_region.is_none_or(|w| w == lacking)
    }
}

/// The roles `filter` selects, in any order.
pub fn select(filter: &RoleFilter) -> Select<session_role::Entity> {
    use session_role::Column as C;
    let mut q = session_role::Entity::find();
    if let Some(event) = filter.event_id {
        q = q.filter(
            C::SessionId.in_subquery(
                sea_orm::sea_query::Query::select()
                    .column(session::Column::Id)
                    .from(session::Entity)
                    .and_where(session::Column::EventId.eq(event))
                    .to_owned(),
            ),
        );
    }
    if let Some(kind) = filter.role {
        q = q.filter(C::Role.eq(kind));
    }
    if let Some(mode) = filter.participation {
        q = q.filter(C::Participation.eq(mode));
    }
    match filter.without_group_or_region {
        Some(true) => {
            q = q.filter(
                Condition::any()
                    .add(C::StakeholderGroupId.is_null())
                    .add(C::RegionId.is_null()),
            );
        }
        Some(false) => {
            q = q.filter(
                Condition::all()
                    .add(C::StakeholderGroupId.is_not_null())
                    .add(C::RegionId.is_not_null()),
            );
        }
        None => {}
    }
    q
}

/// A page of the roles `filter` selects, by id.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &RoleFilter,
    request: &PageRequest,
) -> AppResult<Page<session_role::Model>> {
    page::fetch(db, select(filter), None, session_role::Column::Id, request).await
}

/// The row for `spec` in session `session_id`, checked: the person exists,
/// codes are known, the order is in range. Without an order, `order` is
/// used, else the role goes last among its kind.
pub(super) async fn role_model(
    db: &impl ConnectionTrait,
    reference: &ReferenceData,
    session_id: i64,
    spec: RoleSpec,
    order: Option<i32>,
) -> AppResult<session_role::ActiveModel> {
    let person_id = match spec.person {
        Some(id) => {
            let id = id?;
            entity::person::Entity::find_by_id(id)
                .one(db)
                .await?
                .ok_or_else(|| AppError::invalid("person", "no such person"))?;
            Some(id)
        }
        None => None,
    };
    let kind = spec.role;
    let (group_id, group_raw) = reference.declare_group(
        "stakeholderGroup",
        spec.stakeholder_group.as_deref(),
        spec.stakeholder_group_as_written.as_deref(),
    )?;
    let (region_id, region_raw) = reference.declare_region(
        "region",
        spec.region.as_deref(),
        spec.region_as_written.as_deref(),
    )?;
    let order = match spec.order.or(order) {
        Some(n) => validate::range("order", n, 1, 1000)?,
        None => {
            session_role::Entity::find()
                .filter(session_role::Column::SessionId.eq(session_id))
                .filter(session_role::Column::Role.eq(kind))
                .count(db)
                .await? as i32
                + 1
        }
    };
    Ok(session_role::ActiveModel {
        session_id: Set(session_id),
        person_id: Set(person_id),
        role: Set(kind),
        position: Set(order),
        stakeholder_group_id: Set(group_id),
        stakeholder_group_raw: Set(group_raw),
        region_id: Set(region_id),
        region_raw: Set(region_raw),
        participation: Set(spec.participation),
        affiliation: Set(spec
            .affiliation
            .map(|a| a.trim().to_owned())
            .filter(|a| !a.is_empty())),
        ..Default::default()
    })
}

/// Add a role to session `session_id` (admins, and its organizers).
pub async fn add(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    session_id: i64,
    spec: RoleSpec,
) -> AppResult<session_role::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let session = editable(&txn, viewer, session_id).await?;
    let am = role_model(&txn, reference, session.id, spec, None).await?;
    let role = write::create(&txn, &viewer.actor(), am).await?;
    write::touch::<session::Entity>(&txn, session.id, session.version).await?;
    // The transcript's labels are matched against the roles as they are now.
    crate::service::transcript::attribution::rematch(&txn, &viewer.actor(), session.id).await?;
    txn.commit().await?;
    Ok(role)
}

/// Replace role `id` by `spec`: what `spec` leaves out is cleared, except
/// the order, which stays (admins, and the session's organizers).
pub async fn update(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    id: i64,
    version: i32,
    spec: RoleSpec,
) -> AppResult<session_role::Model> {
    write_role(db, viewer, reference, id, version, |_| spec).await
}

/// Change role `id` by `patch`: what it leaves out stays as it is.
pub async fn patch(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    id: i64,
    version: i32,
    patch: RolePatch,
) -> AppResult<session_role::Model> {
    write_role(db, viewer, reference, id, version, |current| {
        patch.apply(current, reference)
    })
    .await
}

/// Write role `id` as `spec` makes it from the role as stored, in one
/// transaction with the session's version and the transcript's matching.
async fn write_role(
    db: &DatabaseConnection,
    viewer: &Viewer,
    reference: &ReferenceData,
    id: i64,
    version: i32,
    spec: impl FnOnce(&session_role::Model) -> RoleSpec,
) -> AppResult<session_role::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let role = write::find::<session_role::Entity>(&txn, id).await?;
    let session = editable(&txn, viewer, role.session_id).await?;
    let spec = spec(&role);
    let mut am = role_model(&txn, reference, role.session_id, spec, Some(role.position)).await?;
    am.session_id = ActiveValue::NotSet;
    let role = write::update(&txn, &viewer.actor(), id, version, am).await?;
    write::touch::<session::Entity>(&txn, session.id, session.version).await?;
    // The transcript's labels are matched against the roles as they are now.
    crate::service::transcript::attribution::rematch(&txn, &viewer.actor(), session.id).await?;
    txn.commit().await?;
    Ok(role)
}

/// Remove role `id` (admins, and the session's organizers).
pub async fn delete(
    db: &DatabaseConnection,
    viewer: &Viewer,
    id: i64,
    version: i32,
) -> AppResult<session_role::Model> {
    viewer.require_editor()?;
    let txn = write::begin(db).await?;
    let role = write::find::<session_role::Entity>(&txn, id).await?;
    let session = editable(&txn, viewer, role.session_id).await?;
    let deleted = write::delete::<session_role::Entity>(&txn, &viewer.actor(), id, version).await?;
    write::touch::<session::Entity>(&txn, session.id, session.version).await?;
    // The transcript's labels are matched against the roles as they are now.
    crate::service::transcript::attribution::rematch(&txn, &viewer.actor(), session.id).await?;
    txn.commit().await?;
    Ok(deleted)
}

//! The entities under short names, for `use entity::prelude::*`.

pub use crate::alias::Entity as Alias;
pub use crate::audit_entry::Entity as AuditEntry;
pub use crate::document::Entity as Document;
pub use crate::event::Entity as Event;
pub use crate::intervention::Entity as Intervention;
pub use crate::paragraph::Entity as Paragraph;
pub use crate::person::Entity as Person;
pub use crate::policy_question::Entity as PolicyQuestion;
pub use crate::position::Entity as Position;
pub use crate::position_paragraph::Entity as PositionParagraph;
pub use crate::region::Entity as Region;
pub use crate::review_item::Entity as ReviewItem;
pub use crate::session::Entity as Session;
pub use crate::session_paragraph::Entity as SessionParagraph;
pub use crate::session_role::Entity as SessionRole;
pub use crate::stakeholder_group::Entity as StakeholderGroup;
pub use crate::stance::Entity as Stance;
pub use crate::topic::Entity as Topic;
pub use crate::transcript::Entity as Transcript;
pub use crate::user::Entity as User;
pub use crate::user_assignment::Entity as UserAssignment;

//! The panel's work on disk and in memory (auditpanelets arbejde): scores
//! per rater and round, blind rounds, topics with discussion and consensus,
//! verdicts, faglig vejledning and the opfølgningsplan, all in readable YAML
//! under `panel/` in the audit folder.
//!
//! - `model`: the data types;
//! - `files`: the file formats (reading with places, writing atomically);
//! - `change`: every edit as one `Change` enum;
//! - `store`: `PanelStore`, the one owner of the files while the app runs
//!   (apply, undo, redo, lock, read-only when damaged or open elsewhere);
//! - `lock`: the OS file locks in `panel/.locks/` (one per owner);
//! - `watch`: `PanelWatcher`, which notices other writers' changes;
//! - `history`: undo and redo (per session, not saved);
//! - `check`: `check_panel` for `auditpanel check`, last year's follow-up.
//!
//! Nothing is lost: every change is written at once with a temporary file,
//! fsync and rename; a damaged file is never overwritten.

pub mod change;
pub mod check;
pub mod files;
mod history;
pub mod lock;
pub mod model;
pub mod store;
pub mod watch;

pub use change::{Change, FileId, PanelError, ReadOnlyReason, spread_cells, topic_id};
pub use check::{check_panel, previous_followup};
pub use files::{PanelContext, render_scores};
pub use history::{Label, MAX_STEPS};
pub use lock::LockInfo;
pub use model::*;
pub use store::{OpenMode, OpenOptions, PanelStore, RatingRow, Reloaded, validate_rater};
pub use watch::PanelWatcher;

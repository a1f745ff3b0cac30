//! One module per subcommand.

pub mod check;
pub mod design;
pub mod diff;
pub mod draft;
pub mod erd;
pub mod explain;
pub mod fmt;
pub mod import;
pub mod lint;
pub mod migrate;
pub mod new;
pub mod plan;
pub mod report;
pub mod rules;
pub mod verify;

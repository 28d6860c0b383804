//! The audit domain: model, loading, checks, magtprofil, scoring,
//! agreement and export. No terminal code here; everything is usable from
//! the command line and from tests.

pub mod agreement;
pub mod anonymise;
pub mod anonymity;
pub mod blocklist;
pub mod check;
pub mod control_chart;
pub mod controls;
pub mod csv_records;
pub mod diag;
pub mod drill;
pub mod episodes;
pub mod episodes_xlsx;
pub mod export;
pub mod funnel;
pub mod generate;
pub mod holidays;
pub mod load;
pub mod magtprofil;
pub mod model;
pub mod panel;
pub mod read;
pub mod rules;
pub mod split;
pub mod sym;
pub mod time;
pub mod yaml;

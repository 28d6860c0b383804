//! auditpanel: the audit workshop in which Socialstyrelsen examines how the
//! five socialtilsyn supervise institutions for children and young people.
//!
//! `domain` holds the audit and everything computed from it (no terminal
//! code); `tui` draws it; `cli` is the command line.

#![deny(clippy::disallowed_macros, clippy::disallowed_methods)]

pub mod cli;
pub mod domain;
pub mod tui;

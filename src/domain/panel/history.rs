//! Undo and redo. Each step keeps the affected file's content before and
//! after the change, so undoing or redoing any kind of change is the same
//! operation: put one snapshot back and write that file. History lives for
//! one session of the app (it is not saved): after reopening, what is on
//! disk is the starting point.

use super::change::Snapshot;

/// How many steps are kept; the oldest are forgotten first.
pub const MAX_STEPS: usize = 1000;

#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub label: Label,
    pub before: Snapshot,
    pub after: Snapshot,
}

/// What a step did, in Danish and English (the screen says it in its
/// language; files and errors in Danish).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub da: String,
    pub en: String,
}

impl Label {
    pub fn of(change: &super::Change) -> Label {
        Label {
            da: change.describe_in(false),
            en: change.describe_in(true),
        }
    }

    /// The words in English (`en`) or Danish.
    pub fn get(&self, en: bool) -> &str {
        if en { &self.en } else { &self.da }
    }
}

#[derive(Debug, Default)]
pub(crate) struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records a new change; redo is no longer possible.
    pub fn push(&mut self, step: Step) {
        self.redo.clear();
        self.undo.push(step);
        if self.undo.len() > MAX_STEPS {
            self.undo.remove(0);
        }
    }

    pub fn pop_undo(&mut self) -> Option<Step> {
        self.undo.pop()
    }

    pub fn pop_redo(&mut self) -> Option<Step> {
        self.redo.pop()
    }

    /// Puts back a step that was undone (it can now be redone).
    pub fn undone(&mut self, step: Step) {
        self.redo.push(step);
    }

    /// Puts back a step that was redone (it can now be undone again).
    pub fn redone(&mut self, step: Step) {
        self.undo.push(step);
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.da.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.da.as_str())
    }
}

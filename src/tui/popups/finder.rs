//! The finder (`/` or Ctrl-P): fuzzy search over institutions, episodes,
//! themes, questions, hypotheses and all text the panel can read: the
//! tilsynsrapporter's text, the tilsyn's comments (only those the panel may
//! see: revealed rounds, and a rater's own), topics, discussions, consensus
//! points and faglig vejledning; jumping to what is chosen. A hit in text is
//! shown with its context, through the same redaction as the screen.
//!
//! The finder remembers the tab it was opened from: a question or comment
//! found on Sammenlign opens there, not on Vurdering where digits score.
//!
//! Danish letters: haystacks and query are folded the same way before
//! matching (lower case, æ→ae, ø→oe, å→aa), so "øst" finds "Øst" and
//! "Oest", and "oest" finds "Østkysten". nucleo-matcher scores the folded
//! text.
//!
//! Speed with a million episodes: the index (one folded string per item,
//! packed in one buffer) is built once at load. A keystroke matches for at
//! most a time budget and the frame is drawn; the rest continues on the next
//! ticks. When the query extends an earlier one, only the earlier matches
//! are searched again; Backspace returns to a stored earlier result at once.

use std::time::{Duration, Instant};

use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

use crate::domain::model::Audit;
use crate::domain::panel::{PanelStore, Role};

use crate::tui::app::{App, Tab};
use crate::tui::text::{self, Msg};
use crate::tui::widgets::{centered, fit};

/// Something the finder can jump to (indices into the audit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Institution(usize),
    Episode {
        case: usize,
        episode: usize,
    },
    Theme(usize),
    Question(usize),
    Hypothesis(usize),
    /// A cross-cutting topic from `panel/topics.yaml`.
    Topic(usize),
    /// A piece of a case's tilsynsrapport (see `report_pieces`).
    Report {
        case: usize,
        piece: usize,
    },
    /// A tilsyn's comment on a cell, in the round it was written in.
    Comment {
        rater: usize,
        round: u32,
        case: usize,
        question: usize,
    },
    /// A topic's discussion notes.
    Discussion(usize),
    /// A topic's consensus point.
    Consensus {
        topic: usize,
        index: usize,
    },
    /// An item of faglig vejledning.
    Guidance(usize),
}

/// The compact form kept per item (a million episodes make this matter).
#[derive(Debug, Clone, Copy)]
pub enum Item {
    Institution(u32),
    Episode(u32, u32),
    Theme(u32),
    Question(u32),
    Hypothesis(u32),
    Topic(u32),
    Report(u32, u32),
    /// Rater, round, case, question.
    Comment(u16, u16, u32, u32),
    Discussion(u32),
    Consensus(u32, u32),
    Guidance(u32),
}

impl Item {
    pub fn found(self) -> Found {
        match self {
            Item::Institution(i) => Found::Institution(i as usize),
            Item::Episode(c, e) => Found::Episode {
                case: c as usize,
                episode: e as usize,
            },
            Item::Theme(i) => Found::Theme(i as usize),
            Item::Question(i) => Found::Question(i as usize),
            Item::Hypothesis(i) => Found::Hypothesis(i as usize),
            Item::Topic(i) => Found::Topic(i as usize),
            Item::Report(c, p) => Found::Report {
                case: c as usize,
                piece: p as usize,
            },
            Item::Comment(r, round, c, q) => Found::Comment {
                rater: usize::from(r),
                round: u32::from(round),
                case: c as usize,
                question: q as usize,
            },
            Item::Discussion(t) => Found::Discussion(t as usize),
            Item::Consensus(t, i) => Found::Consensus {
                topic: t as usize,
                index: i as usize,
            },
            Item::Guidance(i) => Found::Guidance(i as usize),
        }
    }
}

/// The texts of a tilsynsrapport the finder searches, in a fixed order:
/// the summary, each theme's assessment, the udviklingspunkter, the
/// opmærksomhedspunkter and the young people's statements.
pub fn report_pieces(r: &crate::domain::model::Report) -> Vec<&str> {
    std::iter::once(r.summary.as_str())
        .chain(r.themes.iter().map(|t| t.assessment.as_str()))
        .chain(r.development_points.iter().map(String::as_str))
        .chain(r.attention_points.iter().map(String::as_str))
        .chain(r.young_people.iter().map(String::as_str))
        .collect()
}

/// The comments the panel may read, as (rater, round, case, question,
/// text): every tilsyn's comments in revealed rounds, and in rater mode the
/// rater's own in every round. A blind round's comments of other tilsyn
/// are never searched.
pub fn readable_comments<'a>(audit: &Audit, panel: &'a PanelStore) -> Vec<CommentHit<'a>> {
    let own = match panel.role() {
        Role::Rater(id) => Some(id.as_str()),
        Role::Facilitator => None,
    };
    let mut out = Vec::new();
    for (ri, t) in audit.config.tilsyn.iter().enumerate() {
        let Some(scores) = panel.data().scores.get(&t.id) else {
            continue;
        };
        let mine = own == Some(t.id.as_str());
        for (round, cells) in &scores.rounds {
            if !(mine || panel.is_revealed(*round)) {
                continue;
            }
            collect_comments(audit, (ri, *round), cells, &mut out);
        }
    }
    out
}

type CommentHit<'a> = (usize, u32, usize, usize, &'a str);

fn collect_comments<'a>(
    audit: &Audit,
    (ri, round): (usize, u32),
    cells: &'a std::collections::BTreeMap<
        crate::domain::panel::Cell,
        crate::domain::panel::ScoreEntry,
    >,
    out: &mut Vec<CommentHit<'a>>,
) {
    for ((case, question), e) in cells {
        if e.comment.trim().is_empty() {
            continue;
        }
        let ci = audit.cases.iter().position(|c| &c.id == case);
        let qi = audit.form.questions.iter().position(|q| &q.id == question);
        if let (Some(ci), Some(qi)) = (ci, qi) {
            out.push((ri, round, ci, qi, e.comment.as_str()));
        }
    }
}

/// Lower case with Danish letters spelled out in ASCII, as in file names.
pub fn fold_into(s: &str, out: &mut String) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        return;
    }
    for c in s.chars() {
        match c {
            'æ' | 'Æ' | 'ä' | 'Ä' => out.push_str("ae"),
            'ø' | 'Ø' | 'ö' | 'Ö' => out.push_str("oe"),
            'å' | 'Å' => out.push_str("aa"),
            'é' | 'è' | 'ê' | 'É' | 'È' => out.push('e'),
            'ü' | 'Ü' => out.push('u'),
            '§' => out.push('p'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
}

pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    fold_into(s, &mut out);
    out
}

/// Every findable item. The few hundred items that are not episodes are
/// folded once at load; episodes (a million, perhaps) are folded while
/// matching, from their id, child and type, so opening the app never waits
/// for them. Item numbers: the non-episodes first, then every episode case
/// by case.
#[derive(Debug, Default)]
pub struct FinderIndex {
    text: String,
    /// Item i's text is `text[ends[i-1]..ends[i]]` (non-episodes).
    ends: Vec<usize>,
    items: Vec<Item>,
    /// Items from here to the first episode are free text (reports,
    /// comments, discussions, …): they match only where every word of the
    /// query occurs as written (folded), and rank below names.
    first_text: usize,
    /// `case_starts[c]` is the item number of case c's first episode,
    /// minus `first_episode`; the last entry is the number of episodes.
    case_starts: Vec<usize>,
}

/// The index with the audit it points into (episodes are read from it).
#[derive(Clone, Copy)]
pub struct Corpus<'a> {
    pub index: &'a FinderIndex,
    pub audit: &'a Audit,
}

impl FinderIndex {
    pub fn build(audit: &Audit, panel: &PanelStore) -> FinderIndex {
        let topics = panel.topics();
        let mut ix = FinderIndex::default();
        for (i, c) in audit.cases.iter().enumerate() {
            let tilsyn = audit.tilsyn(&c.tilsyn).map_or("", |t| t.name.as_str());
            ix.add(Item::Institution(i as u32), &[&c.name, tilsyn, &c.id]);
        }
        for (i, t) in audit.themes.iter().enumerate() {
            ix.add(Item::Theme(i as u32), &[&t.name, &t.id]);
        }
        for (i, h) in audit.hypotheses.iter().enumerate() {
            ix.add(Item::Hypothesis(i as u32), &[&h.id, &h.text]);
        }
        for (i, q) in audit.form.questions.iter().enumerate() {
            ix.add(Item::Question(i as u32), &[&q.id, &q.text]);
        }
        for (i, t) in topics.iter().enumerate() {
            ix.add(Item::Topic(i as u32), &[&t.title, &t.id]);
        }
        ix.first_text = ix.items.len();
        for (i, t) in topics.iter().enumerate() {
            if !t.discussion.trim().is_empty() {
                ix.add(Item::Discussion(i as u32), &[&t.discussion]);
            }
            for (k, c) in t.consensus.iter().enumerate() {
                ix.add(Item::Consensus(i as u32, k as u32), &[&c.text]);
            }
        }
        for (i, g) in panel.conclusions().guidance.iter().enumerate() {
            ix.add(
                Item::Guidance(i as u32),
                &[&g.heading, &g.rationale, &g.guidance],
            );
        }
        for (i, c) in audit.cases.iter().enumerate() {
            for (p, text) in report_pieces(&c.report).into_iter().enumerate() {
                if !text.trim().is_empty() {
                    ix.add(Item::Report(i as u32, p as u32), &[text]);
                }
            }
        }
        for (r, round, c, q, text) in readable_comments(audit, panel) {
            let item = Item::Comment(
                u16::try_from(r).unwrap_or(u16::MAX),
                u16::try_from(round).unwrap_or(u16::MAX),
                c as u32,
                q as u32,
            );
            ix.add(item, &[text]);
        }
        let mut n = 0;
        ix.case_starts.push(0);
        for c in &audit.cases {
            n += c.episodes.len();
            ix.case_starts.push(n);
        }
        ix
    }

    fn add(&mut self, item: Item, parts: &[&str]) {
        for (i, p) in parts.iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            fold_into(p, &mut self.text);
        }
        self.ends.push(self.text.len());
        self.items.push(item);
    }

    /// Items that are not episodes.
    pub fn first_episode(&self) -> usize {
        self.items.len()
    }

    /// Whether item `i` is free text (see `first_text`).
    pub fn is_text(&self, i: usize) -> bool {
        (self.first_text..self.items.len()).contains(&i)
    }

    pub fn len(&self) -> usize {
        self.items.len() + self.case_starts.last().copied().unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, i: usize) -> Option<Item> {
        if i < self.items.len() {
            return self.items.get(i).copied();
        }
        let e = i - self.items.len();
        if e >= self.case_starts.last().copied().unwrap_or(0) {
            return None;
        }
        // The case whose range holds e.
        let case = self.case_starts.partition_point(|s| *s <= e) - 1;
        Some(Item::Episode(
            case as u32,
            (e - self.case_starts[case]) as u32,
        ))
    }

    /// Item i's folded text: from the index, or folded into `buf`.
    fn hay<'a>(&'a self, i: usize, audit: &Audit, buf: &'a mut String) -> &'a str {
        if i < self.items.len() {
            let start = if i == 0 { 0 } else { self.ends[i - 1] };
            return &self.text[start..self.ends[i]];
        }
        buf.clear();
        if let Some(Item::Episode(c, e)) = self.item(i)
            && let Some(ep) = audit
                .cases
                .get(c as usize)
                .and_then(|c| c.episodes.get(e as usize))
        {
            fold_into(&ep.id, buf);
            buf.push(' ');
            fold_into(&ep.child, buf);
            buf.push(' ');
            buf.push_str(ep.kind.code());
        }
        buf
    }
}

/// How many results are kept for display.
const TOP: usize = 200;
/// Items matched between two looks at the clock.
const CHUNK: usize = 8192;
/// Non-episode items rank above episodes that match as well.
const NON_EPISODE_BONUS: u32 = 12;
/// A match must score at least this per query letter: a letter matched in
/// place scores about 28, letters scattered over a long text about 15, so
/// "øst" finds "Øst" but not "og beskæftigelse".
const MIN_SCORE_PER_CHAR: u32 = 20;

/// A finished search: its folded query, every match, and the best ones.
struct Done {
    query: String,
    matches: Vec<u32>,
    shown: usize,
    top: Vec<(u32, u32)>,
}

pub struct FinderState {
    pub query: String,
    folded: String,
    min_score: u32,
    pattern: Pattern,
    /// The query's words as substrings, for free text.
    text_pattern: Pattern,
    matcher: Matcher,
    /// Finished searches whose queries are prefixes of each other, shortest first.
    history: Vec<Done>,
    /// Search only these (an index into `history`), or everything.
    source: Option<usize>,
    scanned: usize,
    matches: Vec<u32>,
    /// Good matches so far (shown and counted).
    shown: usize,
    /// Best matches so far: (score, item), best first.
    top: Vec<(u32, u32)>,
    done: bool,
    pub cursor: usize,
    /// The item under the cursor (what Enter jumps to).
    chosen_found: Option<Found>,
    buf: Vec<char>,
    text_buf: String,
    /// The tab the finder was opened on (where a question or comment opens).
    pub from: Option<Tab>,
}

impl std::fmt::Debug for FinderState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FinderState")
            .field("query", &self.query)
            .field("done", &self.done)
            .field("top", &self.top.len())
            .finish()
    }
}

impl Default for FinderState {
    fn default() -> Self {
        FinderState {
            query: String::new(),
            folded: String::new(),
            min_score: 0,
            pattern: Pattern::default(),
            text_pattern: Pattern::default(),
            matcher: Matcher::new(Config::DEFAULT),
            history: Vec::new(),
            source: None,
            scanned: 0,
            matches: Vec::new(),
            shown: 0,
            top: Vec::new(),
            done: true,
            cursor: 0,
            chosen_found: None,
            buf: Vec::new(),
            text_buf: String::new(),
            from: None,
        }
    }
}

impl FinderState {
    /// Opens with an empty query: everything but episodes, in order.
    pub fn start(&mut self, c: Corpus, budget: Duration) {
        self.set_query(String::new(), c, budget);
    }

    pub fn push(&mut self, ch: char, c: Corpus, budget: Duration) {
        let mut q = self.query.clone();
        q.push(ch);
        self.set_query(q, c, budget);
    }

    pub fn pop(&mut self, c: Corpus, budget: Duration) {
        let mut q = self.query.clone();
        q.pop();
        self.set_query(q, c, budget);
    }

    pub fn clear(&mut self, c: Corpus, budget: Duration) {
        self.set_query(String::new(), c, budget);
    }

    /// Whether matching still goes on.
    pub fn pending(&self) -> bool {
        !self.done
    }

    /// How far the search has come, 0–100.
    pub fn progress(&self, c: Corpus) -> usize {
        let total = self.source_len(c).max(1);
        self.scanned * 100 / total
    }

    /// Matches found so far.
    pub fn count(&self) -> usize {
        if self.folded.is_empty() {
            self.top.len()
        } else {
            self.shown
        }
    }

    pub fn results(&self) -> impl Iterator<Item = (u32, u32)> + '_ {
        self.top.iter().copied()
    }

    pub fn move_by(&mut self, d: isize, c: Corpus) {
        if self.top.is_empty() {
            self.cursor = 0;
        } else {
            self.cursor = self.cursor.saturating_add_signed(d).min(self.top.len() - 1);
        }
        self.chosen_found = self.chosen_in(c);
    }

    pub fn chosen_in(&self, c: Corpus) -> Option<Found> {
        self.top
            .get(self.cursor)
            .and_then(|(_, i)| c.index.item(*i as usize))
            .map(|i| i.found())
    }

    /// What Enter picks (needs no index: the state keeps the found item).
    pub fn chosen(&self) -> Option<Found> {
        self.chosen_found
    }

    fn source_len(&self, c: Corpus) -> usize {
        match self.source {
            Some(h) => self.history.get(h).map_or(0, |d| d.matches.len()),
            None => c.index.len(),
        }
    }

    fn set_query(&mut self, query: String, c: Corpus, budget: Duration) {
        let folded = fold(&query);
        self.query = query;
        self.cursor = 0;
        if folded.trim().is_empty() {
            self.folded.clear();
            self.history.clear();
            self.matches.clear();
            // Everything but episodes and free text, in order.
            self.top = (0..c.index.first_episode().min(TOP))
                .filter(|i| !c.index.is_text(*i))
                .map(|i| (0, i as u32))
                .collect();
            self.done = true;
            self.source = None;
            self.refresh_chosen(c);
            return;
        }
        // Keep the finished searches that are prefixes of this one.
        while self
            .history
            .last()
            .is_some_and(|d| !folded.starts_with(d.query.as_str()))
        {
            self.history.pop();
        }
        self.folded = folded;
        if let Some(d) = self.history.last()
            && d.query == self.folded
        {
            self.matches = d.matches.clone();
            self.shown = d.shown;
            self.top = d.top.clone();
            self.done = true;
            self.refresh_chosen(c);
            return;
        }
        self.pattern = Pattern::new(
            &self.folded,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Fuzzy,
        );
        self.text_pattern = Pattern::new(
            &self.folded,
            CaseMatching::Ignore,
            Normalization::Smart,
            AtomKind::Substring,
        );
        let letters = self.folded.chars().filter(|c| !c.is_whitespace()).count();
        self.min_score = MIN_SCORE_PER_CHAR * letters as u32;
        self.source = self.history.len().checked_sub(1);
        self.scanned = 0;
        self.matches.clear();
        self.shown = 0;
        self.top.clear();
        self.done = false;
        self.work(c, budget);
    }

    /// Matches for at most `budget`; returns whether the search is done.
    pub fn work(&mut self, c: Corpus, budget: Duration) -> bool {
        if self.done {
            return true;
        }
        let started = Instant::now();
        let total = self.source_len(c);
        loop {
            let end = (self.scanned + CHUNK).min(total);
            for k in self.scanned..end {
                let item = match self.source {
                    Some(h) => self.history[h].matches[k] as usize,
                    None => k,
                };
                let hay = c.index.hay(item, c.audit, &mut self.text_buf);
                let utf = if hay.is_ascii() {
                    Utf32Str::Ascii(hay.as_bytes())
                } else {
                    Utf32Str::new(hay, &mut self.buf)
                };
                let text = c.index.is_text(item);
                let pattern = if text {
                    &self.text_pattern
                } else {
                    &self.pattern
                };
                if let Some(score) = pattern.score(utf, &mut self.matcher) {
                    // Every match is kept for narrowing the next query;
                    // only good ones are shown (a text hit: every word as
                    // written, so it is good).
                    self.matches.push(item as u32);
                    if text || score >= self.min_score {
                        let bonus = if item < c.index.first_episode() && !text {
                            NON_EPISODE_BONUS
                        } else {
                            0
                        };
                        self.shown += 1;
                        insert_top(&mut self.top, score + bonus, item as u32);
                    }
                }
            }
            self.scanned = end;
            if end >= total {
                self.done = true;
                self.history.push(Done {
                    query: self.folded.clone(),
                    matches: self.matches.clone(),
                    shown: self.shown,
                    top: self.top.clone(),
                });
                break;
            }
            if started.elapsed() >= budget {
                break;
            }
        }
        self.refresh_chosen(c);
        self.done
    }

    fn refresh_chosen(&mut self, c: Corpus) {
        self.cursor = self.cursor.min(self.top.len().saturating_sub(1));
        self.chosen_found = self.chosen_in(c);
    }
}

/// Keeps `top` sorted best first (ties: earlier items first), at most `TOP`.
fn insert_top(top: &mut Vec<(u32, u32)>, score: u32, item: u32) {
    if top.len() >= TOP && top.last().is_some_and(|(s, _)| *s >= score) {
        return;
    }
    let pos = top.partition_point(|(s, _)| *s >= score);
    top.insert(pos, (score, item));
    top.truncate(TOP);
}

/// `text` from a little before where `query` (folded, its first word)
/// occurs, with "…" when the start is left out; the whole text when the
/// query is not found in one piece (a fuzzy match). The caller cuts the end.
pub fn around(text: &str, query: &str) -> String {
    const BEFORE: usize = 24;
    let Some(word) = query.split_whitespace().next() else {
        return text.to_string();
    };
    // Fold char by char, remembering where each char's folding starts.
    let mut folded = String::new();
    let mut starts = Vec::new();
    for (bi, ch) in text.char_indices() {
        starts.push((folded.len(), bi));
        let mut one = [0u8; 4];
        fold_into(ch.encode_utf8(&mut one), &mut folded);
    }
    let Some(at) = folded.find(word) else {
        return text.to_string();
    };
    let ci = starts.partition_point(|(f, _)| *f <= at).saturating_sub(1);
    if ci <= BEFORE {
        return text.to_string();
    }
    // Start at a word boundary a little before the hit.
    let from = starts[ci - BEFORE].1;
    let rest = &text[from..];
    let rest = match rest.find(' ') {
        Some(sp) if from + sp < starts[ci].1 => &rest[sp + 1..],
        _ => rest,
    };
    format!("…{rest}")
}

/// The label of a result: kind and a line that says what it is; a hit in
/// text shows the text around the query (`query`, folded), redacted.
fn label(app: &App, item: u32, query: &str) -> (&'static str, String) {
    let lang = app.lang;
    let a = &app.audit;
    let Some(it) = app.finder_index.item(item as usize) else {
        return ("", String::new());
    };
    match it.found() {
        Found::Institution(i) => {
            let c = &a.cases[i];
            let t = a
                .tilsyn(&c.tilsyn)
                .map_or(c.tilsyn.as_str(), |t| t.name.as_str());
            (Msg::KindInstitution.get(lang), format!("{} · {t}", c.name))
        }
        Found::Episode { case, episode } => {
            let c = &a.cases[case];
            let e = &c.episodes[episode];
            (
                Msg::KindEpisode.get(lang),
                format!(
                    "{} · {} · {} · {} · {}",
                    e.id,
                    c.name,
                    e.child,
                    text::intervention(e.kind, lang),
                    e.start.format("%Y-%m-%d %H:%M")
                ),
            )
        }
        Found::Theme(i) => (Msg::KindTheme.get(lang), a.themes[i].name.clone()),
        Found::Question(i) => {
            let q = &a.form.questions[i];
            (
                Msg::KindQuestion.get(lang),
                format!("{} · {}", q.id, q.text),
            )
        }
        Found::Topic(i) => (
            Msg::KindTopic.get(lang),
            app.panel
                .topics()
                .get(i)
                .map_or(String::new(), |t| t.title.clone()),
        ),
        Found::Hypothesis(i) => {
            let h = &a.hypotheses[i];
            (
                Msg::KindHypothesis.get(lang),
                format!("{} · {}", h.id.to_uppercase(), app.shown(&h.text)),
            )
        }
        Found::Report { case, piece } => {
            let c = &a.cases[case];
            let text = report_pieces(&c.report)
                .get(piece)
                .map_or(String::new(), |t| around(&app.shown(t), query));
            (Msg::KindReport.get(lang), format!("{} · {text}", c.name))
        }
        Found::Comment {
            rater,
            round,
            case,
            question,
        } => {
            let t = &a.config.tilsyn[rater];
            let c = &a.cases[case];
            let q = &a.form.questions[question];
            let text = app
                .panel
                .data()
                .scores
                .get(&t.id)
                .and_then(|s| s.rounds.get(&round))
                .and_then(|cells| cells.get(&(c.id.clone(), q.id.clone())))
                .map_or(String::new(), |e| around(&app.shown(&e.comment), query));
            (
                Msg::KindComment.get(lang),
                format!(
                    "{} · {} · {} · {text}",
                    crate::tui::screens::oversigt::short_tilsyn(&t.name),
                    c.name,
                    q.id
                ),
            )
        }
        Found::Discussion(i) => {
            let topics = app.panel.topics();
            let (title, text) = topics.get(i).map_or((String::new(), String::new()), |t| {
                (t.title.clone(), around(&app.shown(&t.discussion), query))
            });
            (Msg::KindDiscussion.get(lang), format!("{title} · {text}"))
        }
        Found::Consensus { topic, index } => {
            let topics = app.panel.topics();
            let t = topics.get(topic);
            let title = t.map_or(String::new(), |t| t.title.clone());
            let text = t
                .and_then(|t| t.consensus.get(index))
                .map_or(String::new(), |c| around(&app.shown(&c.text), query));
            (Msg::KindConsensus.get(lang), format!("{title} · {text}"))
        }
        Found::Guidance(i) => {
            let g = app.panel.conclusions().guidance.get(i);
            let text = g.map_or(String::new(), |g| {
                let all = format!("{} · {} {}", g.heading, g.rationale, g.guidance);
                around(&app.shown(&all), query)
            });
            (Msg::KindGuidance.get(lang), text)
        }
    }
}

pub fn draw(f: &mut Frame, area: Rect, app: &App, st: &FinderState) {
    let th = app.theme;
    let lang = app.lang;
    let w = area.width.saturating_sub(4).min(100);
    // As tall as the results need (query, hint and at least one line).
    let want = u16::try_from(st.top.len().max(1) + 4).unwrap_or(u16::MAX);
    let h = area.height.saturating_sub(2).min(24).min(want.max(8));
    let mut r = centered(area, w, h);
    // Anchored under the tabs, so it does not jump as the results change.
    if area.height >= h + 3 {
        r.y = area.y + 2;
    }
    crate::tui::widgets::clear(f, r, app.theme);
    let status = if st.pending() {
        format!(
            " {} {} % ",
            Msg::FinderSearching.get(lang),
            st.progress(app.corpus())
        )
    } else {
        format!(" {} ", crate::tui::widgets::thousands(st.count() as u64))
    };
    let block = Block::bordered()
        .border_style(th.popup())
        .title(Span::styled(
            format!(" {} ", Msg::Finder.get(lang)),
            th.title(),
        ))
        .title_bottom(Line::styled(status, th.muted()).right_aligned());
    let inner = block.inner(r);
    f.render_widget(block, r);
    if inner.height == 0 {
        return;
    }
    let iw = usize::from(inner.width);
    let mut lines = vec![Line::from(vec![
        Span::styled("› ", th.key()),
        Span::styled(st.query.clone(), th.title()),
        Span::styled("▏", th.key()),
    ])];
    if st.query.is_empty() {
        lines.push(Line::styled(fit(Msg::FinderHint.get(lang), iw), th.muted()));
    } else {
        lines.push(Line::default());
    }
    let room = usize::from(inner.height.saturating_sub(2));
    let offset = crate::tui::widgets::visible_offset(0, st.cursor, room);
    let results: Vec<(u32, u32)> = st.results().collect();
    if results.is_empty() && !st.query.is_empty() && !st.pending() {
        lines.push(Line::styled(Msg::FinderNothing.get(lang), th.muted()));
    }
    for (pos, (_, item)) in results.iter().enumerate().skip(offset).take(room) {
        let (kind, text) = label(app, *item, &st.folded);
        let kind = format!("{kind:<12}");
        let body = fit(&text, iw.saturating_sub(13));
        let style = if pos == st.cursor {
            th.selected()
        } else {
            th.text()
        };
        let pad = iw.saturating_sub(13 + unicode_width::UnicodeWidthStr::width(body.as_str()));
        lines.push(Line::from(vec![
            Span::styled(
                format!(" {kind}"),
                if pos == st.cursor { style } else { th.muted() },
            ),
            Span::styled(format!("{body}{}", " ".repeat(pad)), style),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn danish_letters_fold_both_ways() {
        assert_eq!(fold("Østkysten"), "oestkysten");
        assert_eq!(fold("Sundhed og Trivsel"), "sundhed og trivsel");
        assert_eq!(fold("Ærø Å"), "aeroe aa");
        assert_eq!(fold("øst"), fold("Oest"));
    }

    #[test]
    fn a_hit_is_shown_from_a_word_before_it() {
        let text = "Institutionen har sat sig egne, ambitiøse mål for magtanvendelser i Østhuset";
        assert_eq!(around(text, "oesthuset"), "…for magtanvendelser i Østhuset");
        assert_eq!(around(text, "institutionen"), text, "near the start: all");
        assert_eq!(around(text, "xyz"), text, "a fuzzy hit: all");
        assert_eq!(around(text, ""), text);
    }

    #[test]
    fn top_keeps_best_first_and_ties_in_order() {
        let mut top = Vec::new();
        insert_top(&mut top, 5, 1);
        insert_top(&mut top, 9, 2);
        insert_top(&mut top, 5, 3);
        assert_eq!(top, vec![(9, 2), (5, 1), (5, 3)]);
    }
}

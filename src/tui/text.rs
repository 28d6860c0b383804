//! Every text the app shows to people, in Danish, with English behind
//! `--lang en`. Screens never write a sentence themselves: they ask here,
//! so wording is consistent and a translation is one file.

use crate::domain::model::{InstitutionKind, InterventionType, Target};
use crate::domain::rules::Rule;

pub use crate::cli::Lang;

use super::action::Action;
use super::app::{PopupKind, ScreenKind, Tab};
use super::keymap::Context;

/// Fixed texts. `get` gives the language's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    AppName,
    Fictitious,
    Background,
    Hypotheses,
    Institutions,
    Institution,
    Kind,
    Tilsyn,
    Places,
    Episodes,
    Episode,
    Rate,
    RateUnit,
    ReportDate,
    Total,
    Range,
    NoCases,
    Cases,
    Report,
    Announced,
    Unannounced,
    Summary,
    Themes,
    DevelopmentPoints,
    AttentionPoints,
    YoungPeople,
    NoneListed,
    Child,
    Age,
    Start,
    End,
    Duration,
    Minutes,
    Type,
    LegalBasis,
    Registered,
    SentMunicipality,
    ParentsTold,
    ChildStatement,
    Witnesses,
    Staff,
    Injury,
    DecidedBy,
    Description,
    Findings,
    NoFindings,
    Yes,
    No,
    Later,
    Unknown,
    Filter,
    FilterAll,
    FilterAnyFinding,
    Month,
    Sort,
    Ascending,
    Descending,
    NoEpisodes,
    NoEpisodesMatch,
    Magtprofil,
    ByMonth,
    ByWeekday,
    ByHour,
    ByType,
    Compliance,
    Targets,
    TargetMet,
    TargetNotMet,
    NoTargets,
    Comparison,
    Holiday,
    NonHoliday,
    Counts,
    Rates,
    ProfileMissing,
    Children,
    MaxPerChild,
    ChildrenOverOneAMonth,
    Over3Min,
    UnknownDuration,
    IsolationOverLimit,
    LateRegistration,
    MissingChildStatement,
    ParentsNotTold,
    Witnessed,
    StaffTwoOrMore,
    MonthsWithout,
    ViewInstitution,
    ViewComparison,
    Problems,
    NoProblems,
    ProblemsIntro,
    Errors,
    Warnings,
    ErrorWord,
    WarningWord,
    NotReady,
    Finder,
    FinderHint,
    FinderNothing,
    FinderSearching,
    Help,
    HelpIntro,
    HelpGoTab,
    HelpTypeToSearch,
    Keys,
    Confirm,
    QuitUnsaved,
    YesNo,
    TooSmall,
    KeySpace,
    KindInstitution,
    KindEpisode,
    KindTheme,
    KindQuestion,
    KindHypothesis,
    KindTopic,
    Weekdays,
    Of,
    MoreBelow,
    MoreAbove,
}

impl Msg {
    pub fn get(self, lang: Lang) -> &'static str {
        let (da, en) = self.pair();
        match lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    fn pair(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            AppName => ("auditpanel", "auditpanel"),
            Fictitious => (" FIKTIVT EKSEMPEL ", " FICTITIOUS EXAMPLE "),
            Background => ("Baggrund", "Background"),
            Hypotheses => ("Arbejdshypoteser", "Working hypotheses"),
            Institutions => ("Institutioner", "Institutions"),
            Institution => ("Institution", "Institution"),
            Kind => ("Type", "Kind"),
            Tilsyn => ("Tilsyn", "Supervisor"),
            Places => ("Pladser", "Places"),
            Episodes => ("Episoder", "Episodes"),
            Episode => ("Episode", "Episode"),
            Rate => ("Pr. plads/år", "Per place/yr"),
            RateUnit => ("episoder pr. plads pr. år", "episodes per place per year"),
            ReportDate => ("Rapport", "Report"),
            Total => ("I alt", "Total"),
            Range => ("Laveste–højeste", "Lowest–highest"),
            NoCases => (
                "Der er ingen sager. Læg en mappe pr. institution i cases/.",
                "There are no cases. Put one folder per institution in cases/.",
            ),
            Cases => ("Sager", "Cases"),
            Report => ("Tilsynsrapport", "Supervision report"),
            Announced => ("anmeldt besøg", "announced visit"),
            Unannounced => ("uanmeldt besøg", "unannounced visit"),
            Summary => ("Sammenfatning", "Summary"),
            Themes => ("Kvalitetsmodellens temaer", "Quality model themes"),
            DevelopmentPoints => ("Udviklingspunkter", "Development points"),
            AttentionPoints => ("Opmærksomhedspunkter", "Points of attention"),
            YoungPeople => ("Unges udsagn", "What young people said"),
            NoneListed => ("(ingen)", "(none)"),
            Child => ("Barn", "Child"),
            Age => ("Alder", "Age"),
            Start => ("Start", "Start"),
            End => ("Slut", "End"),
            Duration => ("Varighed", "Duration"),
            Minutes => ("min", "min"),
            Type => ("Type", "Type"),
            LegalBasis => ("Hjemmel", "Legal basis"),
            Registered => ("Registreret", "Registered"),
            SentMunicipality => ("Sendt til kommunen", "Sent to municipality"),
            ParentsTold => ("Forældre orienteret", "Parents told"),
            ChildStatement => ("Barnets udtalelse", "Child's statement"),
            Witnesses => ("Vidner", "Witnesses"),
            Staff => ("Medarbejdere", "Staff"),
            Injury => ("Skader", "Injuries"),
            DecidedBy => ("Besluttet af", "Decided by"),
            Description => ("Beskrivelse", "Description"),
            Findings => ("Regelfund", "Rule findings"),
            NoFindings => ("Ingen regelfund.", "No rule findings."),
            Yes => ("ja", "yes"),
            No => ("nej", "no"),
            Later => ("følger senere", "to follow"),
            Unknown => ("–", "–"),
            Filter => ("Filter", "Filter"),
            FilterAll => ("alle", "all"),
            FilterAnyFinding => ("ethvert regelfund", "any rule finding"),
            Month => ("Måned", "Month"),
            Sort => ("Sortering", "Sorted by"),
            Ascending => ("stigende", "ascending"),
            Descending => ("faldende", "descending"),
            NoEpisodes => (
                "Institutionen har ingen episoder.",
                "The institution has no episodes.",
            ),
            NoEpisodesMatch => (
                "Ingen episoder passer til filteret. Tryk c for at fjerne det.",
                "No episodes match the filter. Press c to clear it.",
            ),
            Magtprofil => ("Magtprofil", "Use-of-force profile"),
            ByMonth => ("Pr. måned", "By month"),
            ByWeekday => ("Pr. ugedag", "By weekday"),
            ByHour => ("Pr. time", "By hour"),
            ByType => ("Pr. type", "By type"),
            Compliance => ("Regler og dokumentation", "Rules and records"),
            Targets => ("Institutionens egne mål", "The institution's own targets"),
            TargetMet => ("nået", "met"),
            TargetNotMet => ("ikke nået", "not met"),
            NoTargets => ("Ingen mål angivet.", "No targets given."),
            Comparison => ("Alle institutioner", "All institutions"),
            Holiday => ("Ferie", "Holiday"),
            NonHoliday => ("Uden for ferie", "Outside holidays"),
            Counts => ("antal", "counts"),
            Rates => ("forholdstal", "rates"),
            ProfileMissing => (
                "Magtprofilen er ikke beregnet for denne institution.",
                "The profile has not been computed for this institution.",
            ),
            Children => ("Børn", "Children"),
            MaxPerChild => ("Flest for ét barn", "Most for one child"),
            ChildrenOverOneAMonth => ("Børn med >1 på en måned", "Children >1 in a month"),
            Over3Min => ("Over 3 minutter", "Over 3 minutes"),
            UnknownDuration => ("Ukendt varighed", "Unknown duration"),
            IsolationOverLimit => ("Isolation over grænsen", "Isolation over the limit"),
            LateRegistration => ("Registreret for sent", "Registered late"),
            MissingChildStatement => ("Uden barnets udtalelse", "No child statement"),
            ParentsNotTold => ("Forældre ikke orienteret", "Parents not told"),
            Witnessed => ("Set af andre børn", "Seen by other children"),
            StaffTwoOrMore => ("Ansatte i 2+ episoder", "Staff in 2+ episodes"),
            MonthsWithout => ("Måneder uden episoder", "Months without episodes"),
            ViewInstitution => ("én institution", "one institution"),
            ViewComparison => ("sammenligning", "comparison"),
            Problems => ("Problemer i filerne", "Problems in the files"),
            NoProblems => (
                "Ingen problemer: alle filer kunne læses.",
                "No problems: every file could be read.",
            ),
            ProblemsIntro => (
                "Appen viser det, der kunne indlæses. Ret filerne og åbn auditten igen.",
                "The app shows what could be loaded. Fix the files and open the audit again.",
            ),
            Errors => ("fejl", "errors"),
            Warnings => ("advarsler", "warnings"),
            ErrorWord => ("fejl", "error"),
            WarningWord => ("advarsel", "warning"),
            NotReady => (
                "Denne fane er ikke klar endnu.",
                "This tab is not ready yet.",
            ),
            Finder => ("Find", "Find"),
            FinderHint => (
                "Søg i institutioner, episoder, temaer, spørgsmål, hypoteser og emner",
                "Search institutions, episodes, themes, questions, hypotheses and topics",
            ),
            FinderNothing => ("Intet fundet.", "Nothing found."),
            FinderSearching => ("søger …", "searching …"),
            Help => ("Hjælp", "Help"),
            HelpIntro => ("Taster her:", "Keys here:"),
            HelpGoTab => ("Gå til faneblad 1–6", "Go to tab 1–6"),
            HelpTypeToSearch => ("Skriv for at søge", "Type to search"),
            Keys => ("Taster", "Keys"),
            Confirm => ("Bekræft", "Confirm"),
            QuitUnsaved => (
                "Der er ændringer, som ikke er gemt. Vil du afslutte alligevel?",
                "There are unsaved changes. Quit anyway?",
            ),
            YesNo => (
                "j = ja, afslut   n = nej, bliv",
                "y = yes, quit   n = no, stay",
            ),
            TooSmall => ("Vinduet er for lille", "The window is too small"),
            KeySpace => ("Mellemrum", "Space"),
            KindInstitution => ("institution", "institution"),
            KindEpisode => ("episode", "episode"),
            KindTheme => ("tema", "theme"),
            KindQuestion => ("spørgsmål", "question"),
            KindHypothesis => ("hypotese", "hypothesis"),
            KindTopic => ("emne", "topic"),
            Weekdays => ("ma ti on to fr lø sø", "Mo Tu We Th Fr Sa Su"),
            Of => ("af", "of"),
            MoreBelow => ("▼ mere tekst: PgDn", "▼ more text: PgDn"),
            MoreAbove => ("▲ tilbage til toppen: PgUp", "▲ back to the top: PgUp"),
        }
    }
}

/// A tab's title.
pub fn tab(t: Tab, lang: Lang) -> &'static str {
    let (da, en) = match t {
        Tab::Oversigt => ("Oversigt", "Overview"),
        Tab::Sager => ("Sager", "Cases"),
        Tab::Magtprofil => ("Magtprofil", "Force profile"),
        Tab::Vurdering => ("Vurdering", "Scoring"),
        Tab::Sammenlign => ("Sammenlign", "Compare"),
        Tab::Konklusion => ("Konklusion", "Conclusion"),
    };
    pick(lang, da, en)
}

/// What a tab that is not built yet will hold.
pub fn tab_coming(t: Tab, lang: Lang) -> &'static str {
    let (da, en) = match t {
        Tab::Vurdering => (
            "Her scorer panelet hver sag på vurderingsskemaets spørgsmål, ét tilsyn ad gangen, med en kommentar til hver score. Scorer, der er givet før mødet, vises her også.",
            "Here the panel scores every case on the assessment form's questions, one supervisor at a time, with a comment on each score. Scores given before the meeting show here too.",
        ),
        Tab::Sammenlign => (
            "Her står de fem tilsyns scorer side om side for hver sag og hvert spørgsmål, med enigheden (Krippendorffs alfa) og de steder, hvor tilsynene er mest uenige.",
            "Here the five supervisors' scores stand side by side per case and question, with the agreement (Krippendorff's alpha) and where they differ most.",
        ),
        Tab::Konklusion => (
            "Her samler panelet de tværgående emner, drøftelser og enighed, vurderingen af hver arbejdshypotese, den faglige vejledning og opfølgningsplanen, og eksporterer rapporten.",
            "Here the panel gathers cross-cutting topics, discussions and consensus, the verdict on each hypothesis, the professional guidance and the follow-up plan, and exports the report.",
        ),
        _ => ("", ""),
    };
    pick(lang, da, en)
}

fn pick(lang: Lang, da: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Da => da,
        Lang::En => en,
    }
}

/// A screen's name in the breadcrumb.
pub fn screen(s: ScreenKind, lang: Lang) -> &'static str {
    match s {
        ScreenKind::Oversigt => tab(Tab::Oversigt, lang),
        ScreenKind::Sager => tab(Tab::Sager, lang),
        ScreenKind::Rapport => Msg::Report.get(lang),
        ScreenKind::Episoder => Msg::Episodes.get(lang),
        ScreenKind::Episode => Msg::Episode.get(lang),
        ScreenKind::Magtprofil => tab(Tab::Magtprofil, lang),
        ScreenKind::Vurdering => tab(Tab::Vurdering, lang),
        ScreenKind::Sammenlign => tab(Tab::Sammenlign, lang),
        ScreenKind::Konklusion => tab(Tab::Konklusion, lang),
        ScreenKind::Problemer => Msg::Problems.get(lang),
    }
}

/// A popup's title.
pub fn popup(p: PopupKind, lang: Lang) -> &'static str {
    match p {
        PopupKind::Finder => Msg::Finder.get(lang),
        PopupKind::Help => Msg::Help.get(lang),
        PopupKind::Confirm => Msg::Confirm.get(lang),
        PopupKind::Filter => pick(lang, "Filtrér episoder", "Filter episodes"),
    }
}

/// The help's sentence for an action in a context.
pub fn action_help(a: Action, ctx: Context, lang: Lang) -> &'static str {
    use ScreenKind as S;
    let (da, en) = match (a, ctx) {
        (Action::Quit, _) => (
            "Afslut (spørger først, hvis noget ikke er gemt)",
            "Quit (asks first if anything is unsaved)",
        ),
        (Action::Interrupt, _) => ("Afslut straks (som q)", "Quit now (like q)"),
        (Action::NextTab, _) => ("Næste faneblad", "Next tab"),
        (Action::PrevTab, _) => ("Forrige faneblad", "Previous tab"),
        (Action::GoTab(_), _) => ("Gå til faneblad 1–6", "Go to tab 1–6"),
        (Action::Open, Context::Screen(S::Oversigt | S::Sager)) => (
            "Åbn institutionens tilsynsrapport",
            "Open the institution's report",
        ),
        (Action::Open, Context::Screen(S::Episoder)) => {
            ("Vis hele episoden", "Show the whole episode")
        }
        (Action::Open, Context::Screen(S::Magtprofil)) => (
            "Vis den valgte institutions magtprofil",
            "Show the chosen institution's profile",
        ),
        (Action::Open, _) => ("Gå til det valgte", "Go to the chosen item"),
        (Action::Back, Context::Popup(_)) => ("Luk", "Close"),
        (Action::Back, _) => ("Tilbage til forrige skærm", "Back to the previous screen"),
        (Action::OpenFinder, _) => (
            "Find institution, episode, tema, spørgsmål …",
            "Find institution, episode, theme, question …",
        ),
        (Action::OpenHelp, _) => ("Denne hjælp", "This help"),
        (Action::OpenProblems, _) => ("Vis problemer i filerne", "Show problems in the files"),
        (Action::ShowEpisodes, _) => (
            "Vis institutionens episoder",
            "Show the institution's episodes",
        ),
        (Action::ShowReport, _) => (
            "Vis institutionens tilsynsrapport",
            "Show the institution's report",
        ),
        (Action::ShowMagtprofil, _) => (
            "Vis institutionens magtprofil",
            "Show the institution's profile",
        ),
        (Action::SortNext, _) => ("Sortér efter næste kolonne", "Sort by the next column"),
        (Action::SortReverse, _) => ("Vend sorteringen", "Reverse the order"),
        (Action::Filter, _) => (
            "Filtrér på type, barn, måned og regelfund",
            "Filter by type, child, month and rule finding",
        ),
        (Action::ClearFilter, Context::Popup(PopupKind::Finder)) => {
            ("Slet søgningen", "Clear the search")
        }
        (Action::ClearFilter, _) => ("Fjern alle filtre", "Clear all filters"),
        (Action::ToggleRate, _) => (
            "Skift mellem antal og forholdstal",
            "Switch between counts and rates",
        ),
        (Action::ToggleView, _) => (
            "Skift mellem én institution og sammenligningen",
            "Switch between one institution and the comparison",
        ),
        (Action::Left, Context::Screen(S::Episode)) => ("Forrige episode", "Previous episode"),
        (Action::Right, Context::Screen(S::Episode)) => ("Næste episode", "Next episode"),
        (Action::Left, Context::Popup(PopupKind::Filter)) => ("Forrige værdi", "Previous value"),
        (Action::Right, Context::Popup(PopupKind::Filter)) => ("Næste værdi", "Next value"),
        (Action::Left, _) => ("Forrige institution", "Previous institution"),
        (Action::Right, _) => ("Næste institution", "Next institution"),
        (Action::Up, _) => ("Op", "Up"),
        (Action::Down, _) => ("Ned", "Down"),
        (Action::PageUp, Context::Screen(S::Oversigt)) => {
            ("Rul teksten øverst op", "Scroll the text above up")
        }
        (Action::PageDown, Context::Screen(S::Oversigt)) => {
            ("Rul teksten øverst ned", "Scroll the text above down")
        }
        (Action::PageUp, _) => ("En side op", "Page up"),
        (Action::PageDown, _) => ("En side ned", "Page down"),
        (Action::Home, _) => ("Til toppen", "To the top"),
        (Action::End, _) => ("Til bunden", "To the bottom"),
        (Action::Yes, _) => ("Ja", "Yes"),
        (Action::No, _) => ("Nej", "No"),
    };
    pick(lang, da, en)
}

/// The status bar's word for an action.
pub fn action_short(a: Action, ctx: Context, lang: Lang) -> &'static str {
    let (da, en) = match (a, ctx) {
        (Action::Quit, _) => ("afslut", "quit"),
        (Action::Open, Context::Popup(_)) => ("gå til", "go"),
        (Action::Open, _) => ("åbn", "open"),
        (Action::Back, Context::Popup(_)) => ("luk", "close"),
        (Action::Back, _) => ("tilbage", "back"),
        (Action::OpenFinder, _) => ("find", "find"),
        (Action::OpenHelp, _) => ("hjælp", "help"),
        (Action::ShowEpisodes, _) => ("episoder", "episodes"),
        (Action::ShowReport, _) => ("rapport", "report"),
        (Action::ShowMagtprofil, _) => ("magtprofil", "profile"),
        (Action::SortNext, _) => ("sortér", "sort"),
        (Action::Filter, _) => ("filtrér", "filter"),
        (Action::ClearFilter, _) => ("nulstil", "clear"),
        (Action::ToggleRate, _) => ("antal/forholdstal", "counts/rates"),
        (Action::ToggleView, _) => ("visning", "view"),
        (Action::Left, Context::Screen(ScreenKind::Episode)) => ("forrige/næste", "prev/next"),
        (Action::Left, Context::Popup(_)) => ("skift værdi", "change"),
        (Action::Left, _) => ("institution", "institution"),
        (Action::Yes, _) => ("ja", "yes"),
        (Action::No, _) => ("nej", "no"),
        _ => ("", ""),
    };
    pick(lang, da, en)
}

pub fn intervention(t: InterventionType, lang: Lang) -> &'static str {
    match lang {
        Lang::Da => t.label_da(),
        Lang::En => match t {
            InterventionType::Afvaergehjaelp => "averting help",
            InterventionType::Fastholdelse => "holding",
            InterventionType::Foeren => "leading",
            InterventionType::Tilbagefoerelse => "return after absconding",
            InterventionType::Tilbageholdelse => "detention",
            InterventionType::Isolation => "isolation",
            InterventionType::Undersoegelse => "search",
            InterventionType::Noedvaerge => "self-defence",
        },
    }
}

pub fn institution_kind(k: InstitutionKind, lang: Lang) -> &'static str {
    let (da, en) = match k {
        InstitutionKind::Sikret => ("sikret", "secure"),
        InstitutionKind::SaerligtSikret => ("særligt sikret", "specially secure"),
        InstitutionKind::DelvisLukket => ("delvis lukket", "partly closed"),
        InstitutionKind::Aaben => ("åben", "open"),
    };
    pick(lang, da, en)
}

pub fn target(t: Target, lang: Lang) -> &'static str {
    let (da, en) = match t {
        Target::NoneOver3Min => ("Ingen episode over 3 minutter", "No episode over 3 minutes"),
        Target::NoFastholdelse => ("Ingen fastholdelser", "No holdings"),
        Target::NoChildOverOneAMonth => (
            "Intet barn med mere end én om måneden",
            "No child with more than one a month",
        ),
        Target::NoFoeren => ("Ingen føringer", "No leading"),
        Target::NoWitnessed => (
            "Ingen episoder set af andre børn",
            "No episode seen by other children",
        ),
        Target::OnlyNoedvaerge => ("Kun nødværge", "Only self-defence"),
    };
    pick(lang, da, en)
}

/// A rule finding's short name (the domain's message is the Danish sentence).
pub fn rule(r: Rule, lang: Lang) -> &'static str {
    let (da, en) = match r {
        Rule::EndBeforeStart => ("slut før start", "end before start"),
        Rule::OverOneDay => ("over et døgn", "over one day"),
        Rule::LateRegistration => ("registreret for sent", "registered late"),
        Rule::IsolationOverLimit => ("isolation over grænsen", "isolation over the limit"),
        Rule::IsolationNotAllowed => ("isolation ikke tilladt her", "isolation not allowed here"),
        Rule::IsolationNotDecidedByLeader => (
            "isolation ikke besluttet af leder",
            "isolation not decided by the leader",
        ),
        Rule::TypeNotAllowed => ("typen er ikke tilladt her", "type not allowed here"),
        Rule::NoChildStatement => ("ingen udtalelse fra barnet", "no child statement"),
        Rule::ParentsNotTold => ("forældre ikke orienteret", "parents not told"),
    };
    pick(lang, da, en)
}

pub const ALL_RULES: [Rule; 9] = [
    Rule::EndBeforeStart,
    Rule::OverOneDay,
    Rule::LateRegistration,
    Rule::IsolationOverLimit,
    Rule::IsolationNotAllowed,
    Rule::IsolationNotDecidedByLeader,
    Rule::TypeNotAllowed,
    Rule::NoChildStatement,
    Rule::ParentsNotTold,
];

/// "Vinduet er for lille (30×8). Gør det mindst 40×10."
pub fn too_small(w: u16, h: u16, min_w: u16, min_h: u16, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Vinduet er for lille ({w}×{h}). Gør det mindst {min_w}×{min_h}."),
        Lang::En => format!("The window is too small ({w}×{h}). Make it at least {min_w}×{min_h}."),
    }
}

/// "12 af 40 episoder" / "12 of 40 episodes".
pub fn shown_of(shown: usize, total: usize, lang: Lang) -> String {
    format!(
        "{} {} {} {}",
        super::widgets::thousands(shown as u64),
        Msg::Of.get(lang),
        super::widgets::thousands(total as u64),
        Msg::Episodes.get(lang).to_lowercase()
    )
}

/// "3 fejl, 1 advarsel" in the status bar.
pub fn problem_count(errors: usize, warnings: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "{errors} fejl, {warnings} {}",
            if warnings == 1 {
                "advarsel"
            } else {
                "advarsler"
            }
        ),
        Lang::En => format!(
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        ),
    }
}

/// The audit's line in the tab bar.
pub fn audit_label(id: &str, title: &str, lang: Lang) -> String {
    match lang {
        Lang::Da | Lang::En => format!("Audit {id} · {title}"),
    }
}

/// Score "3/5" beside a bar.
pub fn score(score: u8, max: u8) -> String {
    format!("{score}/{max}")
}

pub fn yes_no(v: bool, lang: Lang) -> &'static str {
    if v {
        Msg::Yes.get(lang)
    } else {
        Msg::No.get(lang)
    }
}

/// Decimal number as the language writes it.
pub fn decimal(v: f64, digits: usize, lang: Lang) -> String {
    super::widgets::decimal(v, digits, lang == Lang::Da)
}

/// " (15 år)" after a child's id.
pub fn age(a: u8, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(" ({a} år)"),
        Lang::En => format!(" (age {a})"),
    }
}

/// Shown while the audit loads.
pub fn loading(dir: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("Indlæser auditten i {dir} …"),
        Lang::En => format!("Loading the audit in {dir} …"),
    }
}
